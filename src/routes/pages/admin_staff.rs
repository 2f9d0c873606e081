//! `/quan-tri/can-bo` (staff list, reset password), organisers only; one
//! person's page, its edit form and locking are in `person`.
mod person;

use super::{CsrfForm, private_html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::PageResult;
use crate::store::people::accounts;
use crate::store::units;
use crate::web::pages::admin_staff::{self, StaffList};
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/can-bo", web::get().to(list))
        .route(
            "/quan-tri/can-bo/{id}/cap-lai-mat-khau",
            web::get().to(confirm_reset),
        )
        .route(
            "/quan-tri/can-bo/{id}/cap-lai-mat-khau",
            web::post().to(reset_password),
        )
        .route("/quan-tri/can-bo/{id}/duyet", web::post().to(approve))
        .configure(person::configure);
}

#[derive(Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
    #[serde(default)]
    unit: String,
}

async fn list(
    state: web::Data<AppState>,
    user: PageUser,
    query: web::Query<Search>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let unit = query.unit.trim().parse().ok();
    let all_units = units::list(&state.db).await?;
    let found = accounts::search(&state.db, Some(&query.q), unit, 5000).await?;
    let data = StaffList {
        q: &query.q,
        unit,
        units: &all_units,
        staff: &found,
    };
    Ok(admin_staff::list(
        &user.user,
        &user.csrf_token(&state.keys),
        &data,
    ))
}

async fn confirm_reset(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let person = accounts::StaffView::from(accounts::find(&state.db, *path).await?);
    let unit = match person.unit_id {
        Some(id) => units::find(&state.db, id).await?.map(|u| u.name),
        None => None,
    };
    Ok(admin_staff::confirm_reset(
        &user.user,
        &user.csrf_token(&state.keys),
        &person,
        unit.as_deref(),
    ))
}

async fn reset_password(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let slip = app::people::reset_password(&state, &user, *path).await?;
    let site = state.settings.public_url(state.port);
    let page = admin_staff::slip(&user.user, &user.csrf_token(&state.keys), &site, &slip);
    Ok(private_html(page))
}

/// Approves a self-registered account (the same use case as `POST /api/v1/staff/{id}/approve`).
async fn approve(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    app::people::approve(&state, &user, *path).await?;
    Ok(see_other("/quan-tri/can-bo"))
}
