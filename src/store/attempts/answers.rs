//! The hot path: saving one answer. An in-memory [`AttemptCache`] holds the facts of a draw that never change
//! (owner, drawn questions, their allowed options), so a save reads nothing from the database; the write itself
//! is a conditional upsert that re-checks status and deadline in the database, so no stale cache can accept a
//! late save. Writer tasks take whatever saves are queued, store them with one multi-row statement in one
//! transaction (group commit) and acknowledge each save only after the commit: acknowledged means durable. One
//! writer on SQLite (it has one writer anyway), a few on PostgreSQL.
use crate::error::{AppError, AppResult};
use crate::store::write_gate::WriteGate;
use chrono::{DateTime, Utc};
use sea_orm::{DatabaseConnection, DbBackend, DbErr, FromQueryResult, Statement, TransactionTrait};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedRwLockWriteGuard, RwLock, mpsc, oneshot};

pub use crate::store::cache::attempts::{AttemptCache, CachedAttempt};

/// Accepts the rows of `VALUES` (attempt, question, option ids, saved at, not before) whose attempt is still in
/// progress with its deadline after "not before"; returns the keys it stored. A new answer's first and last save
/// times are both "saved at"; a later save keeps the first, and moves the last only when the choice changed, so
/// the unchanged answers the final form post repeats keep the times they were really given.
const UPSERT: &str = "INSERT INTO answers (attempt_id, question_id, option_ids, saved_at, first_saved_at) \
    SELECT v.column1, v.column2, v.column3, v.column4, v.column4 FROM (VALUES {rows}) AS v WHERE EXISTS \
    (SELECT 1 FROM attempts t WHERE t.id = v.column1 AND t.status = 'in_progress' AND t.deadline > v.column5{lock}) \
    ON CONFLICT (attempt_id, question_id) \
    DO UPDATE SET option_ids = excluded.option_ids, saved_at = CASE \
        WHEN answers.option_ids = excluded.option_ids THEN answers.saved_at ELSE excluded.saved_at END \
    RETURNING attempt_id, question_id";

/// Most saves taken from the queue for one transaction.
const BATCH: usize = 512;

/// Concurrent writer tasks: SQLite has one writer anyway; PostgreSQL overlaps the commits of a few.
const PG_WRITERS: usize = 4;

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
    fn key(&self) -> (i64, i64) {
        (self.attempt_id, self.question_id)
    }
}

/// One statement storing `saves` (distinct keys).
fn statement(backend: DbBackend, saves: &[&Save]) -> Statement {
    let lock = if backend == DbBackend::Postgres {
        " FOR SHARE"
    } else {
        ""
    };
    let mut rows = Vec::with_capacity(saves.len());
    let mut values: Vec<sea_orm::Value> = Vec::with_capacity(saves.len() * 5);
    for save in saves {
        let n = values.len();
        rows.push(format!(
            "(${}, ${}, ${}, ${}, ${})",
            n + 1,
            n + 2,
            n + 3,
            n + 4,
            n + 5
        ));
        values.extend([
            save.attempt_id.into(),
            save.question_id.into(),
            save.option_ids.clone().into(),
            save.saved_at.into(),
            save.not_before.into(),
        ]);
    }
    let sql = UPSERT
        .replace("{rows}", &rows.join(", "))
        .replace("{lock}", lock);
    Statement::from_sql_and_values(backend, sql, values)
}

type Reply = oneshot::Sender<Result<bool, String>>;

/// Queues saves for the writer tasks, which store whatever is queued in one transaction (group commit) and
/// acknowledge each save only after that commit.
#[derive(Clone)]
pub struct AnswerWriter {
    queue: mpsc::Sender<(Save, Reply)>,
    /// Only a test ever holds it (see [`AnswerWriter::hold_intake`]); in production a writer's read turn on it
    /// is uncontended.
    intake: Arc<RwLock<()>>,
}

/// A save in the writers' queue; [`Queued::outcome`] waits for its commit.
pub struct Queued(oneshot::Receiver<Result<bool, String>>);

impl Queued {
    /// `Ok(false)` when the attempt no longer takes answers (closed or past its deadline).
    pub async fn outcome(self) -> AppResult<bool> {
        let outcome = self
            .0
            .await
            .map_err(|_| anyhow::anyhow!("answer writer dropped a save"))?;
        outcome.map_err(|e| AppError::Internal(anyhow::anyhow!("answer save failed: {e}")))
    }
}

impl AnswerWriter {
    /// Must be called inside the tokio runtime (it spawns the writer tasks).
    pub fn new(db: DatabaseConnection, gate: Arc<WriteGate>) -> Self {
        let writers = match db.get_database_backend() {
            DbBackend::Postgres => PG_WRITERS,
            _ => 1,
        };
        let (queue, rx) = mpsc::channel(8 * BATCH);
        let rx = Arc::new(Mutex::new(rx));
        let intake = Arc::new(RwLock::new(()));
        for _ in 0..writers {
            let queue = Intake {
                rx: rx.clone(),
                hold: intake.clone(),
            };
            tokio::spawn(writer_task(db.clone(), gate.clone(), queue));
        }
        AnswerWriter { queue, intake }
    }

    /// Saves waiting for a writer (for monitoring).
    pub fn queued(&self) -> usize {
        self.queue.max_capacity() - self.queue.capacity()
    }

    /// Saves one answer; `Ok(false)` when the attempt no longer takes answers (closed or past its deadline).
    pub async fn save(&self, save: Save) -> AppResult<bool> {
        self.enqueue(save).await?.outcome().await
    }

    /// Puts one save in the queue, in order, without waiting for its commit.
    pub async fn enqueue(&self, save: Save) -> AppResult<Queued> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send((save, reply))
            .await
            .map_err(|_| anyhow::anyhow!("answer writer stopped"))?;
        Ok(Queued(answer))
    }

    /// Test hook: while the guard lives, a writer that has taken saves from the queue waits before taking the
    /// rest, so every save queued meanwhile joins one commit. Lets a test prove what a shared commit does.
    #[doc(hidden)]
    pub async fn hold_intake(&self) -> OwnedRwLockWriteGuard<()> {
        self.intake.clone().write_owned().await
    }
}

/// The writers' shared end of the queue, and the test hook's lock.
struct Intake {
    rx: Arc<Mutex<mpsc::Receiver<(Save, Reply)>>>,
    hold: Arc<RwLock<()>>,
}

impl Intake {
    /// Waits for saves and takes up to `BATCH` of those queued; 0 when the queue is closed.
    async fn take(&self, batch: &mut Vec<(Save, Reply)>) -> usize {
        let mut rx = self.rx.lock().await;
        if rx.recv_many(batch, BATCH).await == 0 {
            return 0;
        }
        let _held = self.hold.read().await;
        while batch.len() < BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        batch.len()
    }
}

async fn writer_task(db: DatabaseConnection, gate: Arc<WriteGate>, intake: Intake) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        if intake.take(&mut batch).await == 0 {
            return;
        }
        let turn = gate.enter().await;
        let results = commit_batch(&db, &batch).await;
        drop(turn);
        for ((_, reply), result) in batch.drain(..).zip(results) {
            let _ = reply.send(result);
        }
    }
}

#[derive(FromQueryResult)]
struct Stored {
    attempt_id: i64,
    question_id: i64,
}

/// Stores `batch` in one transaction and answers each save: accepted or not, or an error. Two saves of the
/// same answer in one batch: the later one is stored, as if one after the other. Rows go in key order, so
/// concurrent writers lock rows in the same order. If the batch fails, each save is tried on its own, so one
/// bad save cannot fail the others.
async fn commit_batch(
    db: &DatabaseConnection,
    batch: &[(Save, Reply)],
) -> Vec<Result<bool, String>> {
    let mut latest: BTreeMap<(i64, i64), &Save> = BTreeMap::new();
    for (save, _) in batch {
        latest.insert(save.key(), save);
    }
    let rows: Vec<&Save> = latest.into_values().collect();
    let outcome: HashMap<(i64, i64), Result<bool, String>> = match store_together(db, &rows).await {
        Ok(stored) => rows
            .iter()
            .map(|r| (r.key(), Ok(stored.contains(&r.key()))))
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, saves = rows.len(), "answer batch failed; storing its saves one by one");
            store_one_by_one(db, &rows).await
        }
    };
    batch
        .iter()
        .map(|(save, _)| {
            outcome
                .get(&save.key())
                .cloned()
                .unwrap_or_else(|| Err("save lost from its batch".to_owned()))
        })
        .collect()
}

/// All `rows` in one transaction, in chunks of 2^k rows (a handful of distinct statements, each prepared once
/// per connection); the keys stored.
async fn store_together(
    db: &DatabaseConnection,
    rows: &[&Save],
) -> Result<HashSet<(i64, i64)>, DbErr> {
    let backend = db.get_database_backend();
    let txn = db.begin().await?;
    let mut stored = HashSet::with_capacity(rows.len());
    let mut rest = rows;
    while !rest.is_empty() {
        let (chunk, tail) = rest.split_at(1usize << rest.len().ilog2());
        rest = tail;
        let keys = Stored::find_by_statement(statement(backend, chunk))
            .all(&txn)
            .await?;
        stored.extend(keys.into_iter().map(|k| (k.attempt_id, k.question_id)));
    }
    txn.commit().await?;
    Ok(stored)
}

/// Each of `rows` in a savepoint of its own, in one transaction.
async fn store_one_by_one(
    db: &DatabaseConnection,
    rows: &[&Save],
) -> HashMap<(i64, i64), Result<bool, String>> {
    let backend = db.get_database_backend();
    let fail_all = |e: &DbErr| rows.iter().map(|r| (r.key(), Err(e.to_string()))).collect();
    let txn = match db.begin().await {
        Ok(t) => t,
        Err(e) => return fail_all(&e),
    };
    let mut out = HashMap::with_capacity(rows.len());
    for row in rows {
        let result = async {
            let savepoint = txn.begin().await?;
            match Stored::find_by_statement(statement(backend, &[row]))
                .all(&savepoint)
                .await
            {
                Ok(stored) => {
                    savepoint.commit().await?;
                    Ok(!stored.is_empty())
                }
                Err(e) => {
                    savepoint.rollback().await?;
                    Err(e)
                }
            }
        }
        .await;
        out.insert(row.key(), result.map_err(|e| e.to_string()));
    }
    match txn.commit().await {
        Ok(()) => out,
        Err(e) => fail_all(&e),
    }
}
