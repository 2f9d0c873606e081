//! The web pages (Vietnamese, server-rendered with maud). Paths are Vietnamese slugs.
pub mod home;
pub mod results;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(home::configure);
    cfg.configure(results::configure);
}
