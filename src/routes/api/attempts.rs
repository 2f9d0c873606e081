//! Attempts: start, read, save one answer (the hot path), submit, and list mine. Server time is the only time.
use crate::auth::CurrentUser;
use crate::domain::AttemptStatus;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::startup::AppState;
use crate::store::answers::Save;
use crate::store::attempt_view::AttemptView;
use crate::store::{attempt_close, attempt_view, attempts};
use actix_web::{HttpResponse, web};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    let _slot = state.attempt_slot().await?;
    let view = Box::pin(start_view(&state, *id, &user)).await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn start_view(state: &AppState, round_id: i64, user: &CurrentUser) -> AppResult<AttemptView> {
    let round = state.caches.rounds.get(&state.db, round_id).await?;
    if !round.admits(user) {
        return Err(AppError::NotFound);
    }
    let grace = state.settings.save_grace_secs;
    let started =
        attempts::start(&state.db, &state.caches, &state.writes, &round, user, grace).await?;
    Ok(match started.drawn {
        // Just drawn: nothing saved yet and no keys while in progress.
        Some(drawn) => {
            let mut view =
                attempt_view::assemble(started.attempt, &round, drawn, HashMap::new(), None);
            view.trial = attempt_view::trial_note(user);
            view
        }
        None => {
            let reader = attempt_view::Reader {
                user,
                grace_secs: grace,
            };
            attempt_view::build(
                &state.db,
                &state.caches.content,
                started.attempt,
                &round,
                &reader,
            )
            .await?
        }
    })
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
    let _slot = state.attempt_slot().await?;
    let view = Box::pin(async {
        let attempt = attempts::visible_to(&state.db, *id, &user).await?;
        let grace = state.settings.save_grace_secs;
        let attempt =
            attempt_close::expire_if_due(&state.db, &state.writes, attempt, grace).await?;
        let round = state.caches.rounds.get(&state.db, attempt.round_id).await?;
        let reader = attempt_view::Reader {
            user: &user,
            grace_secs: grace,
        };
        attempt_view::build(&state.db, &state.caches.content, attempt, &round, &reader).await
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
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
    // Boxed: the database read behind a cache miss is rare, and would otherwise make every pending save's
    // future as large as its own.
    let cached = Box::pin(
        state
            .caches
            .attempts
            .get(&state.db, &state.caches.content, attempt_id),
    )
    .await?;
    let cached = cached
        .filter(|c| c.user_id == user.id)
        .ok_or(AppError::NotFound)?;
    let ids = cached
        .check(question_id, &body.option_ids)
        .map_err(|e| match e {
            None => AppError::NotFound,
            Some(msg) => AppError::invalid("option_ids", msg),
        })?;
    let now = Utc::now();
    let save = Save {
        attempt_id,
        question_id,
        option_ids: serde_json::Value::from(ids).to_string(),
        saved_at: now,
        not_before: now - Duration::seconds(state.settings.save_grace_secs.into()),
    };
    if state.answers.save(save).await? {
        return Ok(HttpResponse::Ok().json(Saved { saved_at: now, now }));
    }
    Err(Box::pin(why_refused(&state, attempt_id)).await)
}

/// When the server stored the answer, and its clock.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Saved {
    pub saved_at: DateTime<Utc>,
    pub now: DateTime<Utc>,
}

/// A save was refused by the database: tell the person why, closing the attempt if its time ran out.
async fn why_refused(state: &AppState, attempt_id: i64) -> AppError {
    let grace = state.settings.save_grace_secs;
    let attempt = match attempts::find(&state.db, attempt_id).await {
        Ok(Some(a)) => a,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e,
    };
    let closed = match attempt_close::expire_if_due(&state.db, &state.writes, attempt, grace).await
    {
        Ok(a) => a,
        Err(e) => return e,
    };
    match closed.status {
        AttemptStatus::Submitted => AppError::conflict(
            "attempt_submitted",
            "Bài thi đã được nộp, không thể thay đổi câu trả lời.",
        ),
        _ => AppError::conflict(
            "time_up",
            "Đã hết giờ làm bài. Câu trả lời này không được lưu; các câu đã lưu trước đó vẫn được tính.",
        ),
    }
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
    let received_at = Utc::now();
    let prediction = body.prediction;
    if prediction.is_some_and(|p| !(0..=1_000_000_000).contains(&p)) {
        return Err(AppError::invalid(
            "prediction",
            "Số dự đoán phải từ 0 đến 1.000.000.000.",
        ));
    }
    // Queueing here is harmless to the participant: the submission counts from `received_at`.
    let _slot = state.attempt_slot().await?;
    let view = Box::pin(async {
        let attempt = attempts::owned_by(&state.db, *id, &user).await?;
        let grace = state.settings.save_grace_secs;
        let attempt = attempt_close::submit(
            &state.db,
            &state.writes,
            attempt,
            prediction,
            grace,
            received_at,
        )
        .await?;
        let round = state.caches.rounds.get(&state.db, attempt.round_id).await?;
        let reader = attempt_view::Reader {
            user: &user,
            grace_secs: grace,
        };
        attempt_view::build(&state.db, &state.caches.content, attempt, &round, &reader).await
    })
    .await?;
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
