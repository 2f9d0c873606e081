//! The JSON API, `/api/v1/...`. Every error is `{"error": {"code", "message"}}`.
pub mod banks;
pub mod openapi;
mod upload;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(banks::configure);
    cfg.configure(openapi::configure);
}
