//! Closing an attempt: on submit, or when its time ran out (on next access, by the sweep, or by the quiz page's
//! countdown). The transaction first claims the attempt ([`claim`]), so a concurrent answer save either lands
//! before it (and is scored) or is refused, and a key correction either lands before it (and is used) or after
//! it (and rescores it); then the saved answers are read, scored with the kept keys, and the attempt is written
//! once.
use crate::domain::AttemptStatus;
use crate::domain::scoring::{self, KeyedQuestion};
use crate::entities::{answers, attempts};
use crate::error::{AppError, AppResult};
use crate::store::cache::Caches;
use crate::store::write_gate::WriteGate;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, QueryFilter,
    Statement, TransactionTrait,
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
    caches: &Caches,
    gate: &WriteGate,
    a: attempts::Model,
    grace_secs: u32,
) -> AppResult<attempts::Model> {
    let now = Utc::now();
    if is_overdue(&a, grace_secs, now) {
        close(db, caches, gate, &a, AttemptStatus::Expired, None, now).await
    } else {
        Ok(a)
    }
}

/// How a submit arrived.
pub struct Arrival {
    pub prediction: Option<i64>,
    /// When the request reached the server, so time spent queueing behind other requests never counts against
    /// the participant.
    pub received_at: DateTime<Utc>,
    /// The quiz page submitted by itself because its countdown ran out, so the attempt closes as expired (with
    /// the prediction it carried) and its result says so.
    pub timed_out: bool,
}

/// Submits `a` as of its arrival, or expires it when even the grace period was over; an attempt already closed is
/// returned unchanged (so submitting twice gives the same result).
pub async fn submit(
    db: &DatabaseConnection,
    caches: &Caches,
    gate: &WriteGate,
    a: attempts::Model,
    grace_secs: u32,
    arrival: Arrival,
) -> AppResult<attempts::Model> {
    let (status, prediction, at) = if is_overdue(&a, grace_secs, arrival.received_at) {
        (AttemptStatus::Expired, None, Utc::now())
    } else if arrival.timed_out {
        (
            AttemptStatus::Expired,
            arrival.prediction,
            arrival.received_at,
        )
    } else {
        (
            AttemptStatus::Submitted,
            arrival.prediction,
            arrival.received_at,
        )
    };
    close(db, caches, gate, &a, status, prediction, at).await
}

/// Closes `a` with `status` as of `at`, scoring the answers saved so far with the keys of
/// [`crate::store::cache::keys`], and writes the attempt once. Closing an already closed attempt changes nothing
/// and returns it as it is (so submit is idempotent).
pub async fn close(
    db: &DatabaseConnection,
    caches: &Caches,
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
    let drawn = (caches.attempts)
        .get(db, &caches.content, a.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let turn = gate.enter().await;
    let txn = db.begin().await?;
    let Some(revision) = claim(&txn, a.id).await? else {
        // Closed meanwhile (by another request or instance): return it as it stands.
        txn.commit().await?;
        drop(turn);
        return attempts::Entity::find_by_id(a.id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound);
    };
    let versions: Vec<i64> = drawn.scored.iter().map(|q| q.version_id).collect();
    let keys = caches.keys.keys(&txn, revision, &versions).await?;
    let keyed: Vec<KeyedQuestion> = (drawn.scored.iter())
        .map(|q| KeyedQuestion {
            question_id: q.question_id,
            points: q.points,
            correct: keys.get(&q.version_id).cloned().unwrap_or_default(),
        })
        .collect();
    let saved = saved_answers(&txn, a.id).await?;
    let outcome = scoring::score(&keyed, &saved);
    let updated = txn
        .execute_raw(Statement::from_sql_and_values(
            txn.get_database_backend(),
            "UPDATE attempts SET status = $1, finished_at = $2, score = $3, correct_count = $4, max_score = $5, \
             duration_ms = $6, prediction = $7 WHERE id = $8 AND status = 'in_progress'",
            [
                status_text.into(),
                now.into(),
                outcome.score.into(),
                outcome.correct_count.into(),
                outcome.max_score.into(),
                duration_ms.into(),
                prediction.into(),
                a.id.into(),
            ],
        ))
        .await?;
    if updated.rows_affected() != 1 {
        // The claim holds the attempt until commit, so this cannot happen; never commit a half-close.
        return Err(anyhow::anyhow!("attempt {}: changed while it was being closed", a.id).into());
    }
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

/// Holds attempt `id` for closing until the transaction ends, if it is still in progress, and returns the key
/// revision as of that moment (`None` when it is closed already). No answer save to it, and no key correction,
/// can commit from here to the end of the transaction, so the answers and the keys read next are final:
/// - PostgreSQL: the shared side of the key-change lock (see `migration::KEY_LOCK`; a correction holds it
///   exclusively until it commits), then the attempt's row lock (a save holds `FOR SHARE` on it);
/// - SQLite: a write that changes nothing (an attempt in progress has no end time; the column is in no index)
///   takes the database's one write lock, so nothing else commits until this transaction does, and the reads
///   after it see every commit before it.
async fn claim<C: ConnectionTrait>(txn: &C, id: i64) -> AppResult<Option<i64>> {
    let backend = txn.get_database_backend();
    let sql = if backend == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock_shared($1)",
            [migration::KEY_LOCK.into()],
        ))
        .await?;
        "SELECT (SELECT revision FROM key_revision WHERE id = 1) AS revision FROM attempts \
         WHERE id = $1 AND status = 'in_progress' FOR UPDATE OF attempts"
    } else {
        "UPDATE attempts SET finished_at = NULL WHERE id = $1 AND status = 'in_progress' \
         RETURNING (SELECT revision FROM key_revision WHERE id = 1) AS revision"
    };
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [id.into()]))
        .await?;
    Ok(match row {
        Some(row) => Some(row.try_get::<i64>("", "revision")?),
        None => None,
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
    caches: &Caches,
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
        close(
            db,
            caches,
            gate,
            a,
            AttemptStatus::Expired,
            None,
            Utc::now(),
        )
        .await?;
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
