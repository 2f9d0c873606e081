//! SQLite lets one transaction write at a time; a second writer gets `SQLITE_BUSY` and sleeps in the busy
//! handler (1, 2, 5, 10... ms), often long after the lock is free, and while it waits another connection may
//! take the lock ahead of it. The hot write transactions (starting an attempt, closing one, a batch of answer
//! saves) queue here instead, first come first served, so they run back to back with no sleeping. Rare writes
//! (organisers' changes) still rely on the busy timeout. PostgreSQL locks rows, not the database: the gate is
//! open there.
use sea_orm::DbBackend;
use tokio::sync::{Mutex, MutexGuard};

pub struct WriteGate(Option<Mutex<()>>);

impl WriteGate {
    pub fn for_backend(backend: DbBackend) -> Self {
        WriteGate((backend == DbBackend::Sqlite).then(|| Mutex::new(())))
    }

    /// Waits for this process's turn to write; hold the guard until the transaction has committed.
    pub async fn enter(&self) -> Option<MutexGuard<'_, ()>> {
        match &self.0 {
            Some(m) => Some(m.lock().await),
            None => None,
        }
    }
}
