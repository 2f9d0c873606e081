//! Results pages: the public `/ket-qua/...` (published rounds only; anything else is a 404 page) and the
//! judges' `/giam-khao/...` (organisers and judges, before and after publication).
use super::see_other;
use crate::app::{self, AppState};
use crate::auth::{MaybeUser, PageUser};
use crate::domain::ShowNames;
use crate::error::{AppError, PageResult};
use crate::results::items::{Column, Direction, Order};
use crate::results::{self, files};
use crate::store::attempts::regrade_log;
use crate::store::results as store;
use crate::store::rounds::{self, progress};
use crate::web::pages::close_state::CloseState;
use crate::web::pages::{judges, results as pages, round_stats};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use maud::Markup;
use serde::Deserialize;
use std::sync::Arc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The overall ranking before `{id}`, which would take its path for a round's number.
    cfg.route("/ket-qua", web::get().to(published_list))
        .route("/ket-qua/toan-cuoc-thi", web::get().to(contest))
        .route("/ket-qua/{id}", web::get().to(published_round))
        .route("/ket-qua/{id}/trinh-chieu", web::get().to(projector))
        .route("/giam-khao", web::get().to(judge_rounds))
        .route("/giam-khao/dot-thi/{id}", web::get().to(judge_round))
        .route(
            "/giam-khao/dot-thi/{id}/thong-ke",
            web::get().to(judge_stats),
        )
        .route("/giam-khao/dot-thi/{id}/cong-bo", web::post().to(publish))
        .route(
            "/giam-khao/dot-thi/{id}/huy-cong-bo",
            web::post().to(unpublish),
        );
}

async fn published_list(state: web::Data<AppState>, user: MaybeUser) -> PageResult<Markup> {
    let published = store::published_rounds(&state.db).await?;
    Ok(pages::list(user.0.as_ref().map(|u| &u.user), &published))
}

/// The public results of a published round; an unpublished or practice round does not exist here.
async fn public_results(state: &AppState, id: i64) -> PageResult<Arc<results::RoundResults>> {
    let round = store::round(&state.db, id).await?;
    public_board(state, &round).await
}

/// The public board of `round`, or not found while it is unpublished or a practice round.
pub(super) async fn public_board(
    state: &AppState,
    round: &crate::entities::rounds::Model,
) -> PageResult<Arc<results::RoundResults>> {
    if round.published_at.is_none() || round.practice {
        return Err(AppError::NotFound.into());
    }
    Ok(state.public_boards.round(&state.db, round).await?)
}

/// A public ranking's search (`q`, by name or unit) and whether every line is shown (`all=1`).
#[derive(Deserialize)]
struct RankingQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    all: Option<String>,
}

impl RankingQuery {
    fn view<'a>(&'a self, user: &'a MaybeUser) -> pages::View<'a> {
        pages::View {
            user: user.0.as_ref().map(|u| &u.user),
            q: self.q.trim(),
            all: self.all.is_some(),
        }
    }
}

async fn published_round(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<RankingQuery>,
    user: MaybeUser,
) -> PageResult<Markup> {
    let results = public_results(&state, *path).await?;
    Ok(pages::round(&query.view(&user), &results))
}

/// The overall ranking of the published rounds (the same figures as `GET /api/v1/contest/leaderboard` shows the
/// public).
async fn contest(
    state: web::Data<AppState>,
    query: web::Query<RankingQuery>,
    user: MaybeUser,
) -> PageResult<Markup> {
    let results = state.public_boards.contest(&state.db).await?;
    Ok(pages::contest(&query.view(&user), &results))
}

#[derive(Deserialize)]
struct ProjectorQuery {
    top: Option<usize>,
}

async fn projector(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<ProjectorQuery>,
) -> PageResult<Markup> {
    let results = public_results(&state, *path).await?;
    Ok(pages::projector(
        &results,
        query.top.unwrap_or(10).clamp(1, 100),
    ))
}

async fn judge_rounds(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let all = store::all_rounds(&state.db).await?;
    let regrades = regrade_log::recent(&state.db, 50).await?;
    Ok(judges::rounds(
        &user.user,
        &user.csrf_token(&state.keys),
        &all,
        &regrades,
    ))
}

async fn judge_round(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: PageUser,
) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    let results = results::for_round(&state.db, &round, Utc::now()).await?;
    let blocked = match round.published_at {
        None => app::results::why_not_publishable(&state, round.id).await?,
        Some(_) => None,
    };
    // Until publication: when the results may show, and the attempts running past the close.
    let (view, progress) = if round.published_at.is_none() && !round.practice {
        let view = rounds::get(&state.db, round.id).await?;
        let progress = progress::of_round(&state.db, &view).await?;
        (Some(view), Some(progress))
    } else {
        (None, None)
    };
    let close = view
        .as_ref()
        .zip(progress.as_ref())
        .map(|(v, p)| CloseState::new(v, &p.attempts, state.settings.save_grace_secs, Utc::now()));
    Ok(judges::round(
        &user.user,
        &user.csrf_token(&state.keys),
        &results,
        blocked.as_deref(),
        close.as_ref(),
    ))
}

/// `?sap-xep=ty-le-dung&chieu=giam`: the item table's order; an unknown column or direction keeps the default.
#[derive(Deserialize)]
struct StatsQuery {
    #[serde(rename = "sap-xep")]
    sort: Option<String>,
    chieu: Option<String>,
}

impl StatsQuery {
    fn order(&self) -> Order {
        Order {
            column: self.sort.as_deref().and_then(Column::from_key),
            direction: self
                .chieu
                .as_deref()
                .and_then(Direction::from_key)
                .unwrap_or_default(),
        }
    }
}

async fn judge_stats(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    query: web::Query<StatsQuery>,
    user: PageUser,
) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    let data = files::round_data(&state.db, &round, Utc::now()).await?;
    let order = query.order();
    Ok(round_stats::render(
        &user.user,
        round.id,
        &round.title,
        &data.stats,
        order,
    ))
}

#[derive(Deserialize)]
struct PublishForm {
    csrf: String,
    show_names: Option<ShowNames>,
}

async fn publish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: PageUser,
    form: web::Form<PublishForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let show = form.show_names.unwrap_or(ShowNames::Full);
    app::results::publish(&state, &user, *path, show).await?;
    Ok(back_to_round(*path))
}

async fn unpublish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: PageUser,
    form: web::Form<PublishForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    app::results::unpublish(&state, &user, *path).await?;
    Ok(back_to_round(*path))
}

fn back_to_round(id: i64) -> HttpResponse {
    see_other(format!("/giam-khao/dot-thi/{id}"))
}
