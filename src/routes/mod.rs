//! HTTP routes: the JSON API under `/api/v1` (`routes::api`) and the Vietnamese web pages (`routes::pages`).
//! Handlers are thin: parse, call `store`/`domain`, render.
pub mod api;
mod assets;
pub mod ops;
pub mod pages;
pub mod upload;

use crate::error::AppError;
use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{CONTENT_ENCODING, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
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
        .configure(assets::configure)
        .configure(ops::configure)
        .service(web::scope("/api/v1").configure(api::configure))
        .configure(pages::configure)
        .default_service(web::to(not_found));
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

async fn not_found(req: actix_web::HttpRequest) -> Result<HttpResponse, actix_web::Error> {
    if req.path().starts_with("/api/") {
        Err(AppError::NotFound.into())
    } else {
        Err(crate::error::PageError(AppError::NotFound).into())
    }
}

/// Bodies smaller than this are sent as they are: compressing a 100-byte answer acknowledgement costs more than it
/// saves (browsers ask for gzip on every request; with gzip the save rate fell from 13,350/s to 4,675/s).
const COMPRESS_FROM_BYTES: u64 = 1024;

/// Marks small responses `Content-Encoding: identity`, which `middleware::Compress` (wrapped outside this) leaves
/// uncompressed.
pub async fn small_responses_uncompressed(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let small =
        matches!(res.response().body().size(), BodySize::Sized(n) if n < COMPRESS_FROM_BYTES);
    if small && !res.headers().contains_key(CONTENT_ENCODING) {
        res.headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static("identity"));
    }
    Ok(res)
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
