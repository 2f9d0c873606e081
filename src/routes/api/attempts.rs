//! Attempts: start, read, save one answer (the hot path), submit, and list mine. Server time is the only time.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::domain::AttemptStatus;
use crate::error::{AppResult, ErrorBody};
use crate::store::attempts;
use crate::store::attempts::view::AttemptView;
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rounds/{id}/attempts", web::post().to(start))
        .route("/attempts/{id}", web::get().to(get))
        .route(
            "/attempts/{id}/answers/{question_id}",
            web::put().to(save_answer),
        )
        .route("/attempts/{id}/submit", web::post().to(submit))
        .route("/me/attempts", web::get().to(mine));
}

/// Starts an attempt at a round (or returns the one in progress): the drawn questions without their keys.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/attempts", tag = "attempts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = AttemptView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Đợt thi chưa mở, đã đóng hoặc hết lượt", body = ErrorBody)))]
pub async fn start(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let view = app::attempts::start(&state, &user, *id).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// One attempt, to its owner (organisers and judges may read any); keys only when the round allows.
#[utoipa::path(get, path = "/api/v1/attempts/{id}", tag = "attempts", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = AttemptView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let shown = app::attempts::show(&state, &user, *id).await?;
    Ok(HttpResponse::Ok().json(shown.view))
}

/// The options chosen (empty clears the answer).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    option_ids: Vec<i64>,
}

/// Saves the answer to one question of the caller's attempt in progress (the hot path).
#[utoipa::path(put, path = "/api/v1/attempts/{id}/answers/{question_id}", tag = "attempts", security(("bearer" = [])),
    params(("id" = i64, Path), ("question_id" = i64, Path)), request_body = AnswerBody,
    responses((status = 200, body = Saved), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, description = "Đã nộp bài hoặc hết giờ", body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn save_answer(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: web::Json<AnswerBody>,
) -> AppResult<HttpResponse> {
    let (attempt_id, question_id) = path.into_inner();
    let saved_at =
        app::attempts::save(&state, &user, attempt_id, question_id, &body.option_ids).await?;
    Ok(HttpResponse::Ok().json(Saved {
        saved_at,
        now: saved_at,
    }))
}

/// When the server stored the answer, and its clock.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Saved {
    pub saved_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitBody {
    #[serde(default)]
    prediction: Option<i64>,
}

/// Submits the caller's attempt, with the prediction if the round asks one.
#[utoipa::path(post, path = "/api/v1/attempts/{id}/submit", tag = "attempts", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = SubmitBody,
    responses((status = 200, body = AttemptView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<SubmitBody>,
) -> AppResult<HttpResponse> {
    let submission = app::attempts::Submission {
        prediction: body.prediction,
        answers: None,
        received_at: Utc::now(),
        timed_out: false,
    };
    let view = app::attempts::submit(&state, &user, *id, submission).await?;
    Ok(HttpResponse::Ok().json(view))
}

/// The caller's own attempts, newest first.
#[utoipa::path(get, path = "/api/v1/me/attempts", tag = "attempts", security(("bearer" = [])),
    responses((status = 200, body = [AttemptSummary]), (status = 401, body = ErrorBody)))]
pub async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    let list = attempts::mine(&state.db, user.id).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(summary).collect::<Vec<_>>()))
}

/// One of my attempts, without its questions.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AttemptSummary {
    pub id: i64,
    pub round_id: i64,
    pub attempt_no: i32,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub correct_count: Option<i32>,
    pub duration_ms: Option<i64>,
    pub prediction: Option<i64>,
}

fn summary(a: crate::entities::attempts::Model) -> AttemptSummary {
    AttemptSummary {
        id: a.id,
        round_id: a.round_id,
        attempt_no: a.attempt_no,
        status: a.status,
        started_at: a.started_at,
        deadline: a.deadline,
        finished_at: a.finished_at,
        score: a.score,
        max_score: a.max_score,
        correct_count: a.correct_count,
        duration_ms: a.duration_ms,
        prediction: a.prediction,
    }
}
