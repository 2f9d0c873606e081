//! `/quan-tri/can-bo` (staff list, reset password) and `/quan-tri/nhat-ky` (audit log), organisers only.
use crate::auth::PageUser;
use crate::error::PageResult;
use crate::startup::AppState;
use crate::store::{audit, staff, units, users};
use crate::web::pages::admin_staff::{self, StaffList};
use actix_web::{HttpResponse, web};
use maud::Markup;
use sea_orm::TransactionTrait;
use serde::Deserialize;

const AUDIT_PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/can-bo", web::get().to(list))
        .route(
            "/quan-tri/can-bo/{id}/cap-lai-mat-khau",
            web::post().to(reset_password),
        )
        .route("/quan-tri/can-bo/{id}/duyet", web::post().to(approve))
        .route("/quan-tri/nhat-ky", web::get().to(audit_log));
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
    let found = users::search(&state.db, Some(&query.q), unit, 5000).await?;
    let data = StaffList {
        q: &query.q,
        unit,
        units: &all_units,
        staff: &found,
    };
    Ok(admin_staff::list(
        &user.user,
        &user.csrf_token(&state),
        &data,
    ))
}

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

async fn reset_password(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state, &form.csrf)?;
    let id = path.into_inner();
    let txn = state.db.begin().await?;
    let slip = staff::reset_password(&txn, state.hasher, user.id, id).await?;
    txn.commit().await?;
    state.users.evict(id);
    let page = admin_staff::slip(&user.user, &user.csrf_token(&state), &slip);
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(page.into_string()))
}

/// Approves a self-registered account (the same use case as `POST /api/v1/staff/{id}/approve`).
async fn approve(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state, &form.csrf)?;
    crate::store::registrations::approve(&state.db, user.id, *path).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/quan-tri/can-bo"))
        .finish())
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<u64>,
}

async fn audit_log(
    state: web::Data<AppState>,
    user: PageUser,
    query: web::Query<PageQuery>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let page = query.page.unwrap_or(1).max(1);
    let (items, total) = audit::page(&state.db, page, AUDIT_PER_PAGE).await?;
    let pages = total.div_ceil(AUDIT_PER_PAGE);
    Ok(admin_staff::audit(
        &user.user,
        &user.csrf_token(&state),
        &items,
        page,
        pages,
    ))
}
