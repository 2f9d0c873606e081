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

use actix_web::web;

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
