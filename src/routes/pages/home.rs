use super::html;
use crate::app::{self, AppState};
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::error::PageResult;
use crate::routes::assets::accepts_gzip;
use crate::web::pages::home;
use crate::web::slips::qr_svg;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing))
        .route("/ma-qr.svg", web::get().to(qr_code));
}

/// A logged-in visitor's page names them and is read afresh; everyone else gets the page kept in memory.
async fn landing(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: MaybeUser,
) -> PageResult<HttpResponse> {
    if let Some(user) = &user.0 {
        let data = app::home::load(&state).await?;
        let page = home::render(&home::Home::of(&data, Some(&user.user)));
        return Ok(html(StatusCode::OK, page));
    }
    let page = app::home::anonymous(&state, home::anonymous).await?;
    let mut res = HttpResponse::Ok();
    res.content_type("text/html; charset=utf-8")
        .insert_header((header::VARY, "Accept-Encoding"));
    Ok(match &page.gzip {
        Some(packed) if accepts_gzip(&req) => res
            .insert_header((header::CONTENT_ENCODING, HeaderValue::from_static("gzip")))
            .body(packed.clone()),
        // `identity` tells the compression middleware the body is sent as it is.
        _ => res
            .insert_header((
                header::CONTENT_ENCODING,
                HeaderValue::from_static("identity"),
            ))
            .body(page.html.clone()),
    })
}

/// A QR code of the site's public address, for the login slips.
async fn qr_code(state: web::Data<AppState>) -> PageResult<HttpResponse> {
    let svg = qr_svg(&state.settings.public_url(state.port)).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(svg))
}
