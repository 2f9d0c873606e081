//! `/quan-tri/don-vi/{id}/phieu`: new login slips for the people of a unit who never logged in (organisers); the
//! same use case as `POST /api/v1/units/{id}/reissue-slips`.
use super::{CsrfForm, private_html};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::store::people::slips;
use crate::store::units;
use crate::web::pages::unit_slips;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/don-vi/{id}/phieu", web::get().to(confirm))
        .route("/quan-tri/don-vi/{id}/phieu", web::post().to(reissue));
}

async fn confirm(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let unit = units::find(&state.db, *path)
        .await?
        .ok_or(AppError::NotFound)?;
    let people = slips::never_logged_in(&state.db, unit.id).await?;
    Ok(unit_slips::confirm(
        &user.user,
        &user.csrf_token(&state.keys),
        &unit,
        &people,
    ))
}

async fn reissue(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let issued = app::people::reissue_slips(&state, &user, *path).await?;
    let site = state.settings.public_url(state.port);
    Ok(private_html(unit_slips::issued(
        &user.user,
        &user.csrf_token(&state.keys),
        &site,
        &issued,
        Utc::now(),
    )))
}
