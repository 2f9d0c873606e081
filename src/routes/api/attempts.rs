//! Attempts: start, read, save one answer (the hot path), submit, and list mine. Server time is the only time.
use crate::auth::CurrentUser;
use crate::domain::AttemptStatus;
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::store::answers::Save;
use crate::store::{attempt_close, attempt_view, attempts, rounds};
use actix_web::{HttpResponse, web};
use chrono::{Duration, Utc};
use serde::Deserialize;
use serde_json::json;

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

async fn start(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let round = rounds::get(&state.db, *id).await?;
    if !round.admits(&user) {
        return Err(AppError::NotFound);
    }
    let attempt = attempts::start(&state.db, &round, &user, state.settings.save_grace_secs).await?;
    let view = attempt_view::build(&state.db, attempt, &round).await?;
    Ok(HttpResponse::Ok().json(view))
}

async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let attempt = attempts::visible_to(&state.db, *id, &user).await?;
    let attempt =
        attempt_close::expire_if_due(&state.db, attempt, state.settings.save_grace_secs).await?;
    let round = rounds::get(&state.db, attempt.round_id).await?;
    Ok(HttpResponse::Ok().json(attempt_view::build(&state.db, attempt, &round).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    option_ids: Vec<i64>,
}

async fn save_answer(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<(i64, i64)>,
    body: web::Json<AnswerBody>,
) -> AppResult<HttpResponse> {
    let (attempt_id, question_id) = path.into_inner();
    let cached = state.attempt_cache.get(&state.db, attempt_id).await?;
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
        return Ok(HttpResponse::Ok().json(json!({ "saved_at": now, "now": now })));
    }
    Err(why_refused(&state, attempt_id).await)
}

/// A save was refused by the database: tell the person why, closing the attempt if its time ran out.
async fn why_refused(state: &AppState, attempt_id: i64) -> AppError {
    let grace = state.settings.save_grace_secs;
    let attempt = match attempts::find(&state.db, attempt_id).await {
        Ok(Some(a)) => a,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e,
    };
    let closed = match attempt_close::expire_if_due(&state.db, attempt, grace).await {
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

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct SubmitBody {
    #[serde(default)]
    prediction: Option<i64>,
}

async fn submit(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
    body: web::Json<SubmitBody>,
) -> AppResult<HttpResponse> {
    let prediction = body.prediction;
    if prediction.is_some_and(|p| !(0..=1_000_000_000).contains(&p)) {
        return Err(AppError::invalid(
            "prediction",
            "Số dự đoán phải từ 0 đến 1.000.000.000.",
        ));
    }
    let attempt = attempts::owned_by(&state.db, *id, &user).await?;
    let grace = state.settings.save_grace_secs;
    let attempt = attempt_close::submit(&state.db, attempt, prediction, grace).await?;
    let round = rounds::get(&state.db, attempt.round_id).await?;
    Ok(HttpResponse::Ok().json(attempt_view::build(&state.db, attempt, &round).await?))
}

async fn mine(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    let list = attempts::mine(&state.db, user.id).await?;
    Ok(HttpResponse::Ok().json(list.into_iter().map(summary).collect::<Vec<_>>()))
}

fn summary(a: crate::entities::attempts::Model) -> serde_json::Value {
    json!({
        "id": a.id, "round_id": a.round_id, "attempt_no": a.attempt_no, "status": a.status,
        "started_at": a.started_at, "deadline": a.deadline, "finished_at": a.finished_at,
        "score": a.score, "max_score": a.max_score, "correct_count": a.correct_count,
        "duration_ms": a.duration_ms, "prediction": a.prediction,
    })
}
