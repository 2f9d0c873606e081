//! The web pages (Vietnamese, server-rendered with maud). Paths are Vietnamese slugs.
pub mod admin_round_form;
pub mod admin_rounds;
pub mod home;
pub mod quiz;
pub mod results;
pub mod rounds;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(home::configure);
    cfg.configure(rounds::configure);
    cfg.configure(quiz::configure);
    cfg.configure(admin_rounds::configure);
    cfg.configure(results::configure);
}
