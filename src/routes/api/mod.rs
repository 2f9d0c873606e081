//! The JSON API, `/api/v1/...`. Every error is `{"error": {"code", "message"}}`.
pub mod attempts;
pub mod banks;
pub mod openapi;
pub mod results;
pub mod rounds;
mod upload;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(banks::configure);
    cfg.configure(rounds::configure);
    cfg.configure(attempts::configure);
    cfg.configure(results::configure);
    cfg.configure(openapi::configure);
}
