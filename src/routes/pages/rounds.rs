//! `/dot-thi`: the rounds a person may take, one round's details, the confirmation before starting (time limit
//! and rules) and the Start form it posts.
use super::{CsrfForm, html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::store::{attempts, rounds};
use crate::web::pages::rounds as view;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/dot-thi", web::get().to(list))
        .route("/dot-thi/{id}", web::get().to(detail))
        .route("/dot-thi/{id}/bat-dau", web::get().to(confirm_start))
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

/// A round the person may see, their attempts in it, and whether they may start another one now.
struct Mine {
    round: rounds::RoundView,
    attempts: Vec<crate::entities::attempts::Model>,
    /// The round's attempts plus any granted to this person.
    allowed: i32,
    can_start: bool,
}

async fn load(state: &AppState, user: &PageUser, id: i64) -> Result<Mine, AppError> {
    let round = rounds::get(&state.db, id).await?;
    if !round.admits(user) {
        return Err(AppError::NotFound);
    }
    let mine: Vec<_> = attempts::mine(&state.db, user.id)
        .await?
        .into_iter()
        .filter(|a| a.round_id == round.id)
        .collect();
    let extra = attempts::override_for(&state.db, round.id, user.id)
        .await?
        .map_or(0, |o| o.extra_attempts);
    let allowed = round.max_attempts + extra;
    let can_start = round.can_start(mine.len(), extra);
    Ok(Mine {
        round,
        attempts: mine,
        allowed,
        can_start,
    })
}

async fn detail(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    let m = load(&state, &user, *id).await?;
    let csrf = user.csrf_token(&state.keys);
    Ok(view::detail(
        &user,
        &csrf,
        &m.round,
        &m.attempts,
        m.can_start,
    ))
}

/// The step before the clock starts: the time limit and the rules, and the form that really starts. An attempt
/// in progress is continued instead; a round that cannot be started now sends the person back to its page.
async fn confirm_start(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<HttpResponse> {
    let m = load(&state, &user, *id).await?;
    let in_progress = m
        .attempts
        .iter()
        .find(|a| a.status == crate::domain::AttemptStatus::InProgress);
    if let Some(a) = in_progress {
        return Ok(see_other(format!("/bai-thi/{}", a.id)));
    }
    if !m.can_start {
        return Ok(see_other(format!("/dot-thi/{}", m.round.id)));
    }
    let csrf = user.csrf_token(&state.keys);
    let page = view::confirm_start(&user, &csrf, &m.round, (m.attempts.len() + 1, m.allowed));
    Ok(html(StatusCode::OK, page))
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
