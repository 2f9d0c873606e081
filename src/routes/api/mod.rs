//! The JSON API, `/api/v1/...`. Every error is `{"error": {"code", "message"}}`.
pub mod attempts;
pub mod audit;
pub mod auth;
pub mod banks;
pub mod documents;
pub mod me;
pub mod openapi;
pub mod results;
pub mod rounds;
pub mod schemas;
pub mod settings;
pub mod staff;
pub mod units;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(banks::configure);
    cfg.configure(rounds::configure);
    cfg.configure(attempts::configure);
    cfg.configure(results::configure);
    cfg.configure(openapi::configure);
    cfg.configure(auth::configure)
        .configure(me::configure)
        .configure(units::configure)
        .configure(staff::configure)
        .configure(audit::configure)
        .configure(settings::configure)
        .configure(documents::configure);
}
