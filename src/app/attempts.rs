//! An attempt from start to submit: the same four use cases behind the JSON API and the quiz pages. Starting,
//! reading and submitting take a turn of the attempt slots (`AppState::attempt_slot`), so the 8:00 spike is
//! shaped the same way whichever path a person takes; saving an answer is the group-committed hot path.
use super::AppState;
use crate::auth::AuthUser;
use crate::domain::AttemptStatus;
use crate::error::{AppError, AppResult};
use crate::store::attempts;
use crate::store::attempts::answers::Save;
use crate::store::attempts::view::{AttemptView, Reader};
use chrono::{DateTime, Duration, Utc};
use std::collections::{BTreeMap, HashMap};

/// The largest number a participant may give as the prediction.
const MAX_PREDICTION: i64 = 1_000_000_000;

/// Starts an attempt in a round, or returns the one already in progress (a second tap on Start).
pub async fn start(state: &AppState, user: &AuthUser, round_id: i64) -> AppResult<AttemptView> {
    let _slot = state.attempt_slot().await?;
    Box::pin(start_in_slot(state, user, round_id)).await
}

async fn start_in_slot(state: &AppState, user: &AuthUser, round_id: i64) -> AppResult<AttemptView> {
    let round = state.caches.rounds.get(&state.db, round_id).await?;
    if !round.admits(user) {
        return Err(AppError::NotFound);
    }
    let grace = state.settings.save_grace_secs;
    let started = attempts::start(
        &state.db,
        &state.caches,
        &state.writes,
        &state.starts,
        &round,
        user,
        grace,
    )
    .await?;
    Ok(match started.drawn {
        // Just drawn: nothing saved yet and no keys while in progress.
        Some(drawn) => {
            let mut view =
                attempts::view::assemble(started.attempt, &round, drawn, HashMap::new(), None);
            view.trial = attempts::view::trial_note(user);
            view
        }
        None => {
            let reader = Reader {
                user,
                grace_secs: grace,
            };
            let content = &state.caches.content;
            attempts::view::build(&state.db, content, started.attempt, &round, &reader).await?
        }
    })
}

/// An attempt as its reader may see it, and whether the reader is the person who takes it.
pub struct Shown {
    pub view: AttemptView,
    pub mine: bool,
}

/// Reads an attempt (its owner, or organisers and judges), closing it first if its time ran out.
pub async fn show(state: &AppState, user: &AuthUser, attempt_id: i64) -> AppResult<Shown> {
    let _slot = state.attempt_slot().await?;
    Box::pin(async {
        let attempt = attempts::visible_to(&state.db, attempt_id, user).await?;
        let grace = state.settings.save_grace_secs;
        let attempt =
            attempts::close::expire_if_due(&state.db, &state.caches, &state.writes, attempt, grace)
                .await?;
        let mine = attempt.user_id == user.id;
        let round = state.caches.rounds.get(&state.db, attempt.round_id).await?;
        let reader = Reader {
            user,
            grace_secs: grace,
        };
        let content = &state.caches.content;
        let view = attempts::view::build(&state.db, content, attempt, &round, &reader).await?;
        Ok(Shown { view, mine })
    })
    .await
}

/// Saves one answer of the caller's attempt in progress; refused once it is submitted or its time is up.
/// Returns the time the answer was saved.
pub async fn save(
    state: &AppState,
    user: &AuthUser,
    attempt_id: i64,
    question_id: i64,
    option_ids: &[i64],
) -> AppResult<DateTime<Utc>> {
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
    let ids = cached.check(question_id, option_ids).map_err(|e| match e {
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
        return Ok(now);
    }
    Err(Box::pin(why_refused(state, attempt_id)).await)
}

async fn why_refused(state: &AppState, attempt_id: i64) -> AppError {
    let grace = state.settings.save_grace_secs;
    let attempt = match attempts::find(&state.db, attempt_id).await {
        Ok(Some(a)) => a,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e,
    };
    let closed = match attempts::close::expire_if_due(
        &state.db,
        &state.caches,
        &state.writes,
        attempt,
        grace,
    )
    .await
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

/// What a submission carries besides the attempt.
pub struct Submission {
    pub prediction: Option<i64>,
    /// Every answer at once, from the quiz page's plain form (browsers without JavaScript); `None` from the
    /// API, whose answers were saved one by one.
    pub answers: Option<BTreeMap<i64, Vec<i64>>>,
    /// When the request arrived: waiting for a slot or the database never counts against the participant.
    pub received_at: DateTime<Utc>,
    /// Sent by the quiz page's script when its countdown reached zero: the attempt is closed as expired (time
    /// ran out), not as submitted by the person. Claiming it falsely only counts the duration to the deadline.
    pub timed_out: bool,
}

/// Submits the caller's attempt: the answers of a form post that arrived in time are saved first, then the
/// attempt is closed and scored.
pub async fn submit(
    state: &AppState,
    user: &AuthUser,
    attempt_id: i64,
    submission: Submission,
) -> AppResult<AttemptView> {
    if submission
        .prediction
        .is_some_and(|p| !(0..=MAX_PREDICTION).contains(&p))
    {
        return Err(AppError::invalid(
            "prediction",
            "Số dự đoán phải từ 0 đến 1.000.000.000.",
        ));
    }
    let _slot = state.attempt_slot().await?;
    Box::pin(async {
        let attempt = attempts::owned_by(&state.db, attempt_id, user).await?;
        let grace = state.settings.save_grace_secs;
        if let Some(answers) = &submission.answers {
            save_form(state, &attempt, answers, submission.received_at).await?;
        }
        let arrival = attempts::close::Arrival {
            prediction: submission.prediction,
            received_at: submission.received_at,
            timed_out: submission.timed_out,
        };
        let attempt = attempts::close::submit(
            &state.db,
            &state.caches,
            &state.writes,
            attempt,
            grace,
            arrival,
        )
        .await?;
        let round = state.caches.rounds.get(&state.db, attempt.round_id).await?;
        let reader = Reader {
            user,
            grace_secs: grace,
        };
        attempts::view::build(&state.db, &state.caches.content, attempt, &round, &reader).await
    })
    .await
}

/// The plain form's answers, saved as they were at `received_at`; a question left empty only matters if an
/// earlier choice was saved (it is cleared), and an answer the attempt cannot take is skipped. The form repeats
/// every answer: one already saved as it stands is not saved again, so it keeps the times it was given (the
/// upsert keeps them too, should a save land in between).
async fn save_form(
    state: &AppState,
    attempt: &crate::entities::attempts::Model,
    answers: &BTreeMap<i64, Vec<i64>>,
    received_at: DateTime<Utc>,
) -> AppResult<()> {
    let cached = (state.caches.attempts)
        .get(&state.db, &state.caches.content, attempt.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = attempts::close::saved_answers(&state.db, attempt.id).await?;
    let not_before = received_at - Duration::seconds(state.settings.save_grace_secs.into());
    for q in cached.questions.keys() {
        let chosen = answers.get(q).map(Vec::as_slice).unwrap_or(&[]);
        if chosen.is_empty() && !saved.contains_key(q) {
            continue;
        }
        let Ok(ids) = cached.check(*q, chosen) else {
            continue;
        };
        if saved.get(q).is_some_and(|s| s.iter().eq(ids.iter())) {
            continue;
        }
        let save = Save {
            attempt_id: attempt.id,
            question_id: *q,
            option_ids: serde_json::Value::from(ids).to_string(),
            saved_at: received_at,
            not_before,
        };
        state.answers.save(save).await?;
    }
    Ok(())
}
