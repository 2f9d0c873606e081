//! `/api/v1/rounds`: organisers create and change rounds; everyone logged in reads the rounds they may take;
//! organisers and judges watch progress; organisers give one person extra time or an extra attempt.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::store::rounds::progress::{OverrideInput, OverrideView, Progress};
use crate::store::rounds::{self, progress};
use crate::store::rounds::{NewRound, RoundPatch, RoundView};
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rounds", web::post().to(create))
        .route("/rounds", web::get().to(list))
        .route("/rounds/{id}", web::get().to(get))
        .route("/rounds/{id}", web::patch().to(update))
        .route("/rounds/{id}/progress", web::get().to(progress_of))
        .route("/rounds/{id}/overrides", web::post().to(override_for));
}

/// Creates a round (organisers). `closes_at` must be after `opens_at`; the draw rules must fit the bank.
#[utoipa::path(post, path = "/api/v1/rounds", tag = "rounds", security(("bearer" = [])), request_body = NewRound,
    responses((status = 201, body = RoundView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewRound>,
) -> AppResult<HttpResponse> {
    let round = app::rounds::create(&state, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(round))
}

/// Every round for organisers and judges; the rounds a participant's unit is admitted to otherwise.
#[utoipa::path(get, path = "/api/v1/rounds", tag = "rounds", security(("bearer" = [])),
    responses((status = 200, body = [RoundView]), (status = 401, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    let list = if user.role.is_staff_of_contest() {
        rounds::list(&state.db).await?
    } else {
        rounds::list_for(&state.db, &user).await?
    };
    let grace = state.settings.save_grace_secs;
    let list: Vec<RoundView> = list.into_iter().map(|r| r.with_results_at(grace)).collect();
    Ok(HttpResponse::Ok().json(list))
}

/// One round; 404 for a round the caller's unit is not admitted to.
#[utoipa::path(get, path = "/api/v1/rounds/{id}", tag = "rounds", security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = RoundView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let round = rounds::get(&state.db, *id).await?;
    if !round.admits(&user) {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::Ok().json(round.with_results_at(state.settings.save_grace_secs)))
}

/// Changes a round (organisers): only the fields given change.
#[utoipa::path(patch, path = "/api/v1/rounds/{id}", tag = "rounds", security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = RoundPatch,
    responses((status = 200, body = RoundView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<RoundPatch>,
) -> AppResult<HttpResponse> {
    let after = app::rounds::update(&state, &user, *id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(after))
}

/// Who is in progress and who has submitted (organisers and judges).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/progress", tag = "rounds", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Progress), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn progress_of(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let round = rounds::get(&state.db, *id).await?;
    Ok(HttpResponse::Ok().json(progress::of_round(&state.db, &round).await?))
}

/// Extra time or extra attempts for one person (organisers).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/overrides", tag = "rounds", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = OverrideInput,
    responses((status = 200, body = OverrideView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn override_for(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<OverrideInput>,
) -> AppResult<HttpResponse> {
    let after = app::rounds::grant(&state, &user, *id, &body).await?;
    Ok(HttpResponse::Ok().json(after))
}
