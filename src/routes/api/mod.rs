//! The JSON API, `/api/v1/...`. Every error is `{"error": {"code", "message"}}`.
pub mod attempts;
pub mod banks;
pub mod rounds;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(banks::configure);
    cfg.configure(rounds::configure);
    cfg.configure(attempts::configure);
}
