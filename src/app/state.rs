//! The application's shared state: the database, the caches, the write queues and the load-shaping slots that
//! every use case of `crate::app` works with. Cheap to clone; built once by `startup::Application::build`.
use crate::auth::UserCache;
use crate::auth::hash_gate::HashGate;
use crate::auth::jwt::Keys;
use crate::auth::password::Hasher;
use crate::auth::rate_limit::LoginLimiter;
use crate::config::Settings;
use crate::error::{AppError, AppResult};
use crate::store;
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Everything a use case needs, cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub settings: Arc<Settings>,
    pub keys: Arc<Keys>,
    pub users: Arc<UserCache>,
    pub hasher: Hasher,
    /// The port actually bound (for links printed on the console).
    pub port: u16,
    /// Immutable facts of drawn attempts and question texts, for the attempt hot paths.
    pub caches: Arc<store::cache::Caches>,
    /// Writes answers (group commit).
    pub answers: store::attempts::answers::AnswerWriter,
    /// Writes new attempts with their draws (group commit).
    pub starts: store::attempts::starts::StartWriter,
    /// The queue of the hot write transactions on SQLite.
    pub writes: Arc<store::write_gate::WriteGate>,
    /// Starts, submits and attempt reads worked on at once (see [`AppState::attempt_slot`]).
    pub attempt_slots: Arc<Semaphore>,
    /// Login and self-registration attempts, per IP and per account.
    pub login_limiter: Arc<LoginLimiter>,
    /// Public leaderboards, computed once per change (see `results::public_cache`).
    pub public_boards: Arc<crate::results::public_cache::PublicBoards>,
    /// The bounded queue of password hashes (logins, password changes, registrations).
    pub hash_gate: Arc<HashGate>,
}

/// Starts, submits and attempt reads worked on at once: enough to keep both the database and the CPU busy.
pub const ATTEMPT_SLOTS: usize = 64;

impl AppState {
    /// A turn to start, submit or read an attempt. When a whole sector presses Start together, the requests
    /// beyond the slots wait here holding only their request; the work (and the memory it needs) is done
    /// for a few at a time, which is also the fastest way through on two cores.
    pub async fn attempt_slot(&self) -> AppResult<SemaphorePermit<'_>> {
        let _waiting = crate::ops::queues::Queued::attempt_slot();
        self.attempt_slots
            .acquire()
            .await
            .map_err(|_| AppError::Internal(anyhow::anyhow!("attempt slots closed")))
    }
}
