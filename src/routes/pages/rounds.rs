//! `/dot-thi`: the rounds a person may take, one round's details, and its Start form.
use super::{CsrfForm, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::store::{attempts, rounds};
use crate::web::pages::rounds as view;
use actix_web::{HttpResponse, web};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/dot-thi", web::get().to(list))
        .route("/dot-thi/{id}", web::get().to(detail))
        .route("/dot-thi/{id}/bat-dau", web::post().to(start));
}

async fn list(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    let mine = attempts::mine(&state.db, user.id).await?;
    let list = rounds::list_for(&state.db, &user).await?;
    let rows: Vec<_> = list
        .into_iter()
        .map(|r| {
            let of_round = mine
                .iter()
                .filter(|a| a.round_id == r.id)
                .cloned()
                .collect();
            (r, of_round)
        })
        .collect();
    Ok(view::list(&user, &rows))
}

async fn detail(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    let round = rounds::get(&state.db, *id).await?;
    if !round.admits(&user) {
        return Err(AppError::NotFound.into());
    }
    let mine: Vec<_> = attempts::mine(&state.db, user.id)
        .await?
        .into_iter()
        .filter(|a| a.round_id == round.id)
        .collect();
    let extra = attempts::override_for(&state.db, round.id, user.id).await?;
    let allowed = round.max_attempts + extra.map_or(0, |o| o.extra_attempts);
    let can_start = round.is_open() && (round.practice || (mine.len() as i32) < allowed);
    let csrf = user.csrf_token(&state.keys);
    Ok(view::detail(&user, &csrf, &round, &mine, can_start))
}

async fn start(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.verify_csrf(&state.keys, &form.csrf)?;
    let started = app::attempts::start(&state, &user, *id).await?;
    Ok(see_other(format!("/bai-thi/{}", started.id)))
}
