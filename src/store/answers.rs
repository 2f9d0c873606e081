//! The hot path: saving one answer. An in-memory [`AttemptCache`] holds the facts of a draw that never change
//! (owner, drawn questions, their allowed options), so a save reads nothing from the database; the write itself
//! is ONE conditional upsert that re-checks status and deadline in the database, so no stale cache can accept a
//! late save. On SQLite one writer task commits whatever is queued in a single transaction (group commit) and
//! acknowledges each save only after the commit: acknowledged means durable.
use crate::error::{AppError, AppResult};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use tokio::sync::{mpsc, oneshot};

pub use super::answer_cache::{AttemptCache, CachedAttempt};

const UPSERT: &str = "INSERT INTO answers (attempt_id, question_id, option_ids, saved_at) \
    SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM attempts WHERE id = $1 AND status = 'in_progress' \
    AND deadline > $5{lock}) ON CONFLICT (attempt_id, question_id) \
    DO UPDATE SET option_ids = excluded.option_ids, saved_at = excluded.saved_at";

/// Most saves committed in one SQLite transaction.
const BATCH: usize = 512;

/// One save: `option_ids` is the sorted JSON array; accepted only while the deadline is after `not_before`.
#[derive(Debug, Clone)]
pub struct Save {
    pub attempt_id: i64,
    pub question_id: i64,
    pub option_ids: String,
    pub saved_at: DateTime<Utc>,
    pub not_before: DateTime<Utc>,
}

impl Save {
    fn statement(&self, backend: DbBackend) -> Statement {
        let lock = if backend == DbBackend::Postgres {
            " FOR SHARE"
        } else {
            ""
        };
        Statement::from_sql_and_values(
            backend,
            UPSERT.replace("{lock}", lock),
            [
                self.attempt_id.into(),
                self.question_id.into(),
                self.option_ids.clone().into(),
                self.saved_at.into(),
                self.not_before.into(),
            ],
        )
    }
}

type Reply = oneshot::Sender<Result<bool, String>>;

#[derive(Clone)]
pub enum AnswerWriter {
    /// PostgreSQL: each save runs on its own connection.
    Direct(DatabaseConnection),
    /// SQLite: saves go to the one writer task.
    Batched(mpsc::Sender<(Save, Reply)>),
}

impl AnswerWriter {
    /// Must be called inside the tokio runtime (it spawns the SQLite writer task).
    pub fn new(db: DatabaseConnection) -> Self {
        if db.get_database_backend() == DbBackend::Postgres {
            return AnswerWriter::Direct(db);
        }
        let (tx, rx) = mpsc::channel(8 * BATCH);
        tokio::spawn(writer_task(db, rx));
        AnswerWriter::Batched(tx)
    }

    /// Saves one answer; `Ok(false)` when the attempt no longer takes answers (closed or past its deadline).
    pub async fn save(&self, save: Save) -> AppResult<bool> {
        match self {
            AnswerWriter::Direct(db) => {
                let res = db.execute_raw(save.statement(DbBackend::Postgres)).await?;
                Ok(res.rows_affected() == 1)
            }
            AnswerWriter::Batched(tx) => {
                let (reply, answer) = oneshot::channel();
                tx.send((save, reply))
                    .await
                    .map_err(|_| anyhow::anyhow!("answer writer stopped"))?;
                let outcome = answer
                    .await
                    .map_err(|_| anyhow::anyhow!("answer writer dropped a save"))?;
                outcome.map_err(|e| AppError::Internal(anyhow::anyhow!("answer save failed: {e}")))
            }
        }
    }
}

async fn writer_task(db: DatabaseConnection, mut rx: mpsc::Receiver<(Save, Reply)>) {
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let results = commit_batch(&db, &batch).await;
        for ((_, reply), result) in batch.drain(..).zip(results) {
            let _ = reply.send(result);
        }
    }
}

/// Runs every save of `batch` in one transaction; each gets its own result, and all fail if the commit does.
async fn commit_batch(
    db: &DatabaseConnection,
    batch: &[(Save, Reply)],
) -> Vec<Result<bool, String>> {
    let fail_all = |e: &dyn std::fmt::Display| batch.iter().map(|_| Err(e.to_string())).collect();
    let txn = match db.begin().await {
        Ok(t) => t,
        Err(e) => return fail_all(&e),
    };
    let mut results = Vec::with_capacity(batch.len());
    for (save, _) in batch {
        let r = txn.execute_raw(save.statement(DbBackend::Sqlite)).await;
        results.push(r.map(|r| r.rows_affected() == 1).map_err(|e| e.to_string()));
    }
    match txn.commit().await {
        Ok(()) => results,
        Err(e) => fail_all(&e),
    }
}
