//! HTTP routes: the JSON API under `/api/v1` (`routes::api`) and the Vietnamese web pages (`routes::pages`).
//! Handlers are thin: parse, call `store`/`domain`, render.
pub mod api;
pub mod pages;

use crate::error::AppError;
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, error, web};

/// Largest JSON body the API reads.
pub const JSON_LIMIT: usize = 256 * 1024;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.app_data(json_config())
        .app_data(web::PathConfig::default().error_handler(|err, _| {
            tracing::debug!(%err, "bad path");
            AppError::NotFound.into()
        }))
        .app_data(web::QueryConfig::default().error_handler(|err, _| {
            AppError::bad_request(format!("Tham số truy vấn không hợp lệ: {err}")).into()
        }))
        .app_data(web::FormConfig::default().limit(JSON_LIMIT))
        .service(actix_files::Files::new("/static", static_dir()).prefer_utf8(true))
        .service(web::scope("/api/v1").configure(api::configure))
        .configure(pages::configure)
        .default_service(web::to(not_found));
}

fn static_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static")
}

fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|err, _| {
            let app_err = match &err {
                error::JsonPayloadError::OverflowKnownLength { .. }
                | error::JsonPayloadError::Overflow { .. } => AppError::PayloadTooLarge,
                error::JsonPayloadError::ContentType => {
                    AppError::bad_request("Yêu cầu phải có Content-Type: application/json.")
                }
                other => AppError::bad_request(format!("Dữ liệu JSON không hợp lệ: {other}")),
            };
            app_err.into()
        })
}

async fn not_found(req: actix_web::HttpRequest) -> HttpResponse {
    use actix_web::ResponseError;
    if req.path().starts_with("/api/") {
        AppError::NotFound.error_response()
    } else {
        crate::error::PageError(AppError::NotFound).error_response()
    }
}

/// Headers on every response: a strict CSP with no inline script, no framing, no sniffing.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        ))
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("X-Frame-Options", "DENY"))
        .add(("Referrer-Policy", "same-origin"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=()"))
}
