//! The web pages (Vietnamese, server-rendered with maud). Paths are Vietnamese slugs.
pub mod admin;
pub mod admin_staff;
pub mod admin_units;
pub mod home;
pub mod login;
pub mod register;
pub mod results;
pub mod setup;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(home::configure);
    cfg.configure(results::configure);
    cfg.configure(login::configure)
        .configure(setup::configure)
        .configure(admin::configure)
        .configure(admin_units::configure)
        .configure(admin_staff::configure)
        .configure(register::configure);
}
