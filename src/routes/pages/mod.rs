//! The web pages (Vietnamese, server-rendered with maud). Paths are Vietnamese slugs.
pub mod admin;
pub mod admin_round_form;
pub mod admin_rounds;
pub mod admin_staff;
pub mod admin_units;
pub mod home;
pub mod login;
pub mod quiz;
pub mod register;
pub mod results;
pub mod rounds;
pub mod setup;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

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
    cfg.configure(results::configure);
    cfg.configure(login::configure)
        .configure(setup::configure)
        .configure(admin::configure)
        .configure(admin_units::configure)
        .configure(admin_staff::configure)
        .configure(register::configure);
}
