//! Group-committed starts. When a round opens, thousands press Start together; each start is two rows (the
//! attempt and its draw), and committing each on its own would cost one commit, and on SQLite one `fsync`, per
//! person. Writer tasks take every start queued (at most the attempt slots' worth), insert them with two
//! multi-row statements in one transaction, and answer each start only after that commit. A start that collides
//! with another (the same person's second tap: their attempt number or their one attempt in progress is taken)
//! makes the batch fail; the batch is then stored one start at a time, each in a savepoint of its own, so only
//! the colliding start is refused and its caller looks again. One writer on SQLite, a few on PostgreSQL.
use crate::domain::AttemptStatus;
use crate::entities::{attempt_draws, attempts};
use crate::error::{AppError, AppResult};
use crate::store::write_gate::WriteGate;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait, Set, SqlErr,
    TransactionTrait,
};
use std::collections::HashMap;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Most starts in one transaction (the attempt slots bound how many wait anyway).
const BATCH: usize = 64;

/// Concurrent writer tasks: SQLite has one writer anyway; PostgreSQL overlaps the commits of a few.
const PG_WRITERS: usize = 2;

/// An attempt to store, with its draw already encoded (`drawn::encode`).
#[derive(Debug, Clone)]
pub struct NewAttempt {
    pub round_id: i64,
    pub user_id: i64,
    pub attempt_no: i32,
    pub started_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub max_score: i32,
    pub draw: String,
}

impl NewAttempt {
    /// Unique per attempt (the database's own unique key).
    fn key(&self) -> (i64, i64, i32) {
        (self.round_id, self.user_id, self.attempt_no)
    }

    fn row(&self) -> attempts::ActiveModel {
        attempts::ActiveModel {
            round_id: Set(self.round_id),
            user_id: Set(self.user_id),
            attempt_no: Set(self.attempt_no),
            status: Set(AttemptStatus::InProgress),
            started_at: Set(self.started_at),
            deadline: Set(self.deadline),
            max_score: Set(self.max_score),
            ..Default::default()
        }
    }

    fn draw_row(&self, attempt_id: i64) -> attempt_draws::ActiveModel {
        attempt_draws::ActiveModel {
            attempt_id: Set(attempt_id),
            format: Set(super::drawn::FORMAT),
            questions: Set(self.draw.clone()),
        }
    }
}

/// What became of one start.
#[derive(Debug, Clone)]
enum Outcome {
    Stored(attempts::Model),
    /// Another start of the same person took its place.
    Taken,
    Failed(String),
}

type Reply = oneshot::Sender<Outcome>;

#[derive(Clone)]
pub struct StartWriter {
    queue: mpsc::Sender<(NewAttempt, Reply)>,
}

impl StartWriter {
    /// Must be called inside the tokio runtime (it spawns the writer tasks).
    pub fn new(db: DatabaseConnection, gate: Arc<WriteGate>) -> Self {
        let writers = match db.get_database_backend() {
            DbBackend::Postgres => PG_WRITERS,
            _ => 1,
        };
        let (queue, rx) = mpsc::channel(4 * BATCH);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..writers {
            tokio::spawn(writer_task(db.clone(), gate.clone(), rx.clone()));
        }
        StartWriter { queue }
    }

    /// Stores `new` once the transaction it joins has committed; `Ok(None)` when another start of the same
    /// person took its attempt number or their one attempt in progress.
    pub async fn insert(&self, new: NewAttempt) -> AppResult<Option<attempts::Model>> {
        let (reply, outcome) = oneshot::channel();
        self.queue
            .send((new, reply))
            .await
            .map_err(|_| anyhow::anyhow!("start writer stopped"))?;
        match outcome
            .await
            .map_err(|_| anyhow::anyhow!("start writer dropped a start"))?
        {
            Outcome::Stored(attempt) => Ok(Some(attempt)),
            Outcome::Taken => Ok(None),
            Outcome::Failed(e) => Err(AppError::Internal(anyhow::anyhow!("start failed: {e}"))),
        }
    }
}

async fn writer_task(
    db: DatabaseConnection,
    gate: Arc<WriteGate>,
    rx: Arc<Mutex<mpsc::Receiver<(NewAttempt, Reply)>>>,
) {
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        if rx.lock().await.recv_many(&mut batch, BATCH).await == 0 {
            return;
        }
        let turn = gate.enter().await;
        let news: Vec<&NewAttempt> = batch.iter().map(|(n, _)| n).collect();
        let outcomes = match store_together(&db, &news).await {
            Ok(stored) => news
                .iter()
                .map(|n| match stored.get(&n.key()) {
                    Some(a) => Outcome::Stored(a.clone()),
                    None => Outcome::Failed("start lost from its batch".to_owned()),
                })
                .collect(),
            Err(e) => {
                if news.len() > 1 {
                    tracing::debug!(error = %e, starts = news.len(), "start batch failed; storing its starts one by one");
                }
                store_one_by_one(&db, &news).await
            }
        };
        drop(turn);
        for ((_, reply), outcome) in batch.drain(..).zip(outcomes) {
            let _ = reply.send(outcome);
        }
    }
}

/// Every start of `news` in one transaction: two statements whatever their number. The stored attempts by key.
async fn store_together(
    db: &DatabaseConnection,
    news: &[&NewAttempt],
) -> Result<HashMap<(i64, i64, i32), attempts::Model>, DbErr> {
    let txn = db.begin().await?;
    let stored: HashMap<_, _> = attempts::Entity::insert_many(news.iter().map(|n| n.row()))
        .exec_with_returning(&txn)
        .await?
        .into_iter()
        .map(|a| ((a.round_id, a.user_id, a.attempt_no), a))
        .collect();
    let mut draws = Vec::with_capacity(news.len());
    for n in news {
        let attempt = stored.get(&n.key()).ok_or(DbErr::RecordNotInserted)?;
        draws.push(n.draw_row(attempt.id));
    }
    attempt_draws::Entity::insert_many(draws).exec(&txn).await?;
    txn.commit().await?;
    Ok(stored)
}

/// Each start of `news` in a savepoint of its own, in one transaction.
async fn store_one_by_one(db: &DatabaseConnection, news: &[&NewAttempt]) -> Vec<Outcome> {
    let fail_all = |e: &DbErr| vec![Outcome::Failed(e.to_string()); news.len()];
    let txn = match db.begin().await {
        Ok(t) => t,
        Err(e) => return fail_all(&e),
    };
    let mut out = Vec::with_capacity(news.len());
    for n in news {
        let result = async {
            let savepoint = txn.begin().await?;
            let stored = async {
                let attempt = n.row().insert(&savepoint).await?;
                n.draw_row(attempt.id).insert(&savepoint).await?;
                Ok::<_, DbErr>(attempt)
            }
            .await;
            match stored {
                Ok(attempt) => {
                    savepoint.commit().await?;
                    Ok(attempt)
                }
                Err(e) => {
                    savepoint.rollback().await?;
                    Err(e)
                }
            }
        }
        .await;
        out.push(match result {
            Ok(attempt) => Outcome::Stored(attempt),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Outcome::Taken
            }
            Err(e) => Outcome::Failed(e.to_string()),
        });
    }
    match txn.commit().await {
        Ok(()) => out,
        Err(e) => fail_all(&e),
    }
}
