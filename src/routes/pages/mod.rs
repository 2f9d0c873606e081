//! The web pages (Vietnamese, server-rendered with maud). Paths are Vietnamese slugs.
pub mod admin;
pub mod admin_audit;
pub mod admin_banks;
pub mod admin_round_form;
pub mod admin_rounds;
pub mod admin_staff;
pub mod admin_units;
pub mod ceremony;
pub mod documents;
pub mod home;
pub mod login;
pub mod quiz;
pub mod register;
pub mod results;
pub mod round_progress;
pub mod rounds;
pub mod setup;
pub mod unit_slips;

use crate::auth::authenticate;
use crate::error::PageError;
use crate::web::pages::error as error_page;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{HOST, REFERER, RETRY_AFTER};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

/// What a refused action says on its page: every message of a validation, or the error's own message.
pub fn explain(e: &crate::error::AppError) -> String {
    match e {
        crate::error::AppError::Validation(f) => {
            f.values().flatten().cloned().collect::<Vec<_>>().join(" ")
        }
        other => other.message(),
    }
}

/// A form whose only field is the session's CSRF token: the buttons that post (start, log out, approve, ...).
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

/// After a form post: "see" the page that shows its outcome.
pub fn see_other(to: impl Into<String>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.into()))
        .finish()
}

/// A page with its status (a refused form answers 422 with the form again, values kept).
pub fn html(status: StatusCode, page: Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// A page that carries new passwords (login slips): never stored by a browser or a proxy.
pub fn private_html(page: Markup) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(page.into_string())
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(home::configure);
    cfg.configure(rounds::configure);
    cfg.configure(quiz::configure);
    cfg.configure(admin_rounds::configure);
    cfg.configure(round_progress::configure);
    cfg.configure(results::configure);
    cfg.configure(ceremony::configure);
    cfg.configure(login::configure)
        .configure(setup::configure)
        .configure(admin::configure)
        .configure(admin_banks::configure)
        .configure(admin_units::configure)
        .configure(documents::configure)
        .configure(unit_slips::configure)
        .configure(admin_audit::configure)
        .configure(admin_staff::configure)
        .configure(register::configure);
}

/// Error pages with the real header: a page error is rendered without knowing who is looking (a `ResponseError`
/// sees no request), so a logged-in person would see "Đăng nhập" and no way to log out. This renders the page again
/// with the person and a way back to the page they came from. Only error pages pay for the lookup.
pub async fn errors_show_the_viewer(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    let res = next.call(req).await?;
    let shown = res
        .response()
        .error()
        .and_then(|e| e.as_error::<PageError>())
        .filter(|_| res.status().is_client_error() || res.status().is_server_error())
        .map(|e| (res.status(), e.0.message()));
    let Some((status, message)) = shown else {
        return Ok(res.map_into_left_body());
    };
    let Ok(viewer) = authenticate(res.request()).await else {
        return Ok(res.map_into_left_body());
    };
    let back = same_site_referer(res.request());
    let page = error_page::render(
        status,
        &message,
        error_page::Context {
            user: Some(&viewer.user),
            back: back.as_deref(),
        },
    );
    let retry_after = res.headers().get(RETRY_AFTER).cloned();
    let (req, _) = res.into_parts();
    let mut again = html(status, page);
    if let Some(value) = retry_after {
        again.headers_mut().insert(RETRY_AFTER, value);
    }
    Ok(ServiceResponse::new(req, again).map_into_right_body())
}

/// The path of the referring page when it is a page of this site (and not the page that failed).
fn same_site_referer(req: &HttpRequest) -> Option<String> {
    let referer = req.headers().get(REFERER)?.to_str().ok()?;
    let host = req.headers().get(HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("https://")
        .or_else(|| referer.strip_prefix("http://"))?;
    let path = rest.strip_prefix(host)?;
    let same_page = path.split('?').next() == Some(req.path());
    (path.starts_with('/') && !path.starts_with("//") && !same_page).then(|| path.to_owned())
}
