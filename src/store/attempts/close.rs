//! Closing an attempt: on submit, or when its time ran out (on next access, by the sweep, or by the quiz page's
//! countdown). The status UPDATE comes first in the transaction, so a concurrent answer save either lands before
//! it (and is scored) or is refused; then the saved answers are read and scored.
use crate::domain::{AttemptStatus, scoring};
use crate::entities::{answers, attempts};
use crate::error::{AppError, AppResult};
use crate::store::write_gate::WriteGate;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, Statement,
    TransactionTrait,
};
use std::collections::{BTreeSet, HashMap};

/// True when the attempt is in progress and no save can be accepted any more.
pub fn is_overdue(a: &attempts::Model, grace_secs: u32, now: DateTime<Utc>) -> bool {
    a.status == AttemptStatus::InProgress
        && now >= a.deadline + Duration::seconds(grace_secs.into())
}

/// Closes `a` as expired if its time (plus grace) ran out; returns it as it now stands.
pub async fn expire_if_due(
    db: &DatabaseConnection,
    gate: &WriteGate,
    a: attempts::Model,
    grace_secs: u32,
) -> AppResult<attempts::Model> {
    let now = Utc::now();
    if is_overdue(&a, grace_secs, now) {
        close(db, gate, &a, AttemptStatus::Expired, None, now).await
    } else {
        Ok(a)
    }
}

/// Submits `a` as of `received_at` (when the request reached the server, so time spent queueing behind other
/// requests never counts against the participant), or expires it when even the grace period was over; an
/// attempt already closed is returned unchanged (so submitting twice gives the same result). `timed_out`: the
/// quiz page submitted by itself because its countdown ran out, so the attempt closes as expired (with the
/// prediction it carried) and its result says so.
pub async fn submit(
    db: &DatabaseConnection,
    gate: &WriteGate,
    a: attempts::Model,
    prediction: Option<i64>,
    grace_secs: u32,
    received_at: DateTime<Utc>,
    timed_out: bool,
) -> AppResult<attempts::Model> {
    if is_overdue(&a, grace_secs, received_at) {
        return close(db, gate, &a, AttemptStatus::Expired, None, Utc::now()).await;
    }
    let status = if timed_out {
        AttemptStatus::Expired
    } else {
        AttemptStatus::Submitted
    };
    close(db, gate, &a, status, prediction, received_at).await
}

/// Closes `a` with `status` as of `at`, scoring the answers saved so far. Closing an already closed attempt
/// changes nothing and returns it as it is (so submit is idempotent).
pub async fn close(
    db: &DatabaseConnection,
    gate: &WriteGate,
    a: &attempts::Model,
    status: AttemptStatus,
    prediction: Option<i64>,
    at: DateTime<Utc>,
) -> AppResult<attempts::Model> {
    // Microseconds: what both databases store, so the model returned below equals a later read.
    let now = at.trunc_subsecs(6);
    let (status_text, end) = match status {
        AttemptStatus::Expired => ("expired", a.deadline),
        _ => ("submitted", now.min(a.deadline)),
    };
    let duration_ms = (end - a.started_at).num_milliseconds().max(0);
    let turn = gate.enter().await;
    let txn = db.begin().await?;
    let backend = txn.get_database_backend();
    let updated = txn
        .execute_raw(Statement::from_sql_and_values(
            backend,
            "UPDATE attempts SET status = $1, finished_at = $2, score = 0, correct_count = 0, \
             duration_ms = $3, prediction = $4 WHERE id = $5 AND status = 'in_progress'",
            [
                status_text.into(),
                now.into(),
                duration_ms.into(),
                prediction.into(),
                a.id.into(),
            ],
        ))
        .await?;
    if updated.rows_affected() != 1 {
        // Closed meanwhile (by another request or instance): return it as it stands.
        txn.commit().await?;
        drop(turn);
        return attempts::Entity::find_by_id(a.id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound);
    }
    let keyed = crate::store::attempts::drawn::keyed(&txn, a.id).await?;
    let saved = saved_answers(&txn, a.id).await?;
    let outcome = scoring::score(&keyed, &saved);
    write_score(&txn, a.id, &outcome).await?;
    txn.commit().await?;
    drop(turn);
    Ok(attempts::Model {
        status,
        finished_at: Some(now),
        score: Some(outcome.score),
        correct_count: Some(outcome.correct_count),
        max_score: outcome.max_score,
        duration_ms: Some(duration_ms),
        prediction,
        ..a.clone()
    })
}

/// Question id -> chosen option ids, as saved.
pub async fn saved_answers<C: ConnectionTrait>(
    db: &C,
    attempt_id: i64,
) -> AppResult<HashMap<i64, BTreeSet<i64>>> {
    let rows = answers::Entity::find()
        .filter(answers::Column::AttemptId.eq(attempt_id))
        .all(db)
        .await?;
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let ids: BTreeSet<i64> = serde_json::from_str(&r.option_ids)
            .map_err(|e| anyhow::anyhow!("attempt {attempt_id}: bad option_ids: {e}"))?;
        out.insert(r.question_id, ids);
    }
    Ok(out)
}

/// Closes every attempt whose time ran out; returns how many. Run by the sweep.
pub async fn expire_overdue(
    db: &DatabaseConnection,
    gate: &WriteGate,
    grace_secs: u32,
) -> AppResult<usize> {
    let cutoff = Utc::now() - Duration::seconds(grace_secs.into());
    let overdue = attempts::Entity::find()
        .filter(attempts::Column::Status.eq(AttemptStatus::InProgress))
        .filter(attempts::Column::Deadline.lte(cutoff))
        .all(db)
        .await?;
    for a in &overdue {
        close(db, gate, a, AttemptStatus::Expired, None, Utc::now()).await?;
    }
    Ok(overdue.len())
}

/// Stores an attempt's score (at closing, and again when a corrected key rescores it).
pub(crate) async fn write_score<C: ConnectionTrait>(
    db: &C,
    attempt_id: i64,
    outcome: &scoring::Outcome,
) -> AppResult<()> {
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        "UPDATE attempts SET score = $1, correct_count = $2, max_score = $3 WHERE id = $4",
        [
            outcome.score.into(),
            outcome.correct_count.into(),
            outcome.max_score.into(),
            attempt_id.into(),
        ],
    ))
    .await?;
    Ok(())
}
