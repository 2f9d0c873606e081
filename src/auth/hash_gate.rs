//! The gate every password hash of a login, password change, registration or setup link goes through.
//!
//! Argon2 takes ~19 MiB and tens of milliseconds of CPU per hash. Without a bound, a burst of logins ran
//! hundreds at once and took the server to gigabytes (review F2). Here a fixed set of worker threads (`slots`)
//! hash; up to `queue` more requests wait, each at most `wait`; anyone beyond gets [`AppError::Busy`] at once.
//! Dedicated threads, rather than tokio's blocking pool, also keep the memory the allocator holds on to
//! bounded: each worker reuses its own arena instead of every new blocking thread growing a fresh one.
use super::password::Hasher;
use crate::error::{AppError, AppResult};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Semaphore, oneshot};

type Job = Box<dyn FnOnce() + Send + 'static>;

pub struct HashGate {
    /// Requests inside the gate (hashing or waiting): `slots + queue` places.
    places: Arc<Semaphore>,
    capacity: usize,
    /// Hashes running: one per worker thread.
    slots: Arc<Semaphore>,
    wait: Duration,
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl HashGate {
    /// `slots` worker threads (at least one), `queue` waiting places, `wait` the longest a request queues.
    pub fn new(slots: usize, queue: usize, wait: Duration) -> std::io::Result<Self> {
        let slots = slots.max(1);
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..slots {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || worker(&rx))?;
        }
        Ok(HashGate {
            places: Arc::new(Semaphore::new(slots + queue)),
            capacity: slots + queue,
            slots: Arc::new(Semaphore::new(slots)),
            wait,
            jobs: Mutex::new(tx),
        })
    }

    /// The default number of hashing threads: half the cores (at least one, at most four), so that the rest
    /// of the server keeps a core while a whole sector logs in.
    pub fn default_slots() -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        (cores / 2).clamp(1, 4)
    }

    /// Runs `job` on a hashing thread when a slot is free; `Busy` when the queue is full or the wait is over.
    pub async fn run<T, F>(&self, job: F) -> AppResult<T>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let _place = self
            .places
            .clone()
            .try_acquire_owned()
            .map_err(|_| AppError::Busy)?;
        let slot = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|_| AppError::Busy)?;
        let (tx, rx) = oneshot::channel();
        // The slot is freed when the hash is done, not when the caller stops waiting (a client that hangs up
        // must not let more hashes run than there are slots).
        let boxed: Job = Box::new(move || {
            let _ = tx.send(job());
            drop(slot);
        });
        self.jobs
            .lock()
            .map_err(|_| anyhow::anyhow!("hash queue poisoned"))?
            .send(boxed)
            .map_err(|_| anyhow::anyhow!("hash workers gone"))?;
        rx.await
            .map_err(|_| AppError::Internal(anyhow::anyhow!("hash job dropped")))
    }

    /// Checks `password` against `stored`; with no stored hash a dummy one is checked, so that a login takes
    /// the same time whether or not the account exists.
    pub async fn verify(
        &self,
        hasher: Hasher,
        password: String,
        stored: Option<String>,
    ) -> AppResult<bool> {
        self.run(move || {
            let dummy = dummy_hash(hasher);
            let ok = hasher.verify(&password, stored.as_deref().unwrap_or(dummy));
            ok && stored.is_some()
        })
        .await
    }

    pub async fn hash(&self, hasher: Hasher, password: String) -> AppResult<String> {
        self.run(move || hasher.hash(&password)).await?
    }

    /// Places in use (hashing or waiting); for tests and the load generator.
    pub fn in_use(&self) -> usize {
        self.capacity
            .saturating_sub(self.places.available_permits())
    }
}

fn worker(rx: &Mutex<mpsc::Receiver<Job>>) {
    loop {
        let job = match rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

fn dummy_hash(hasher: Hasher) -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hasher.hash("không có tài khoản").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_request_beyond_the_queue_is_told_the_server_is_busy() {
        let gate = Arc::new(HashGate::new(1, 0, Duration::from_secs(5)).unwrap());
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let busy = gate.clone();
        let holder = tokio::spawn(async move { busy.run(move || hold.recv().is_ok()).await });
        while gate.places.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(gate.run(|| 1).await, Err(AppError::Busy)));
        release.send(()).unwrap();
        assert!(holder.await.unwrap().unwrap());
        assert_eq!(gate.run(|| 2).await.unwrap(), 2);
    }

    #[tokio::test]
    async fn a_queued_request_gives_up_after_the_wait() {
        let gate = Arc::new(HashGate::new(1, 4, Duration::from_millis(50)).unwrap());
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let busy = gate.clone();
        let holder = tokio::spawn(async move { busy.run(move || hold.recv().is_ok()).await });
        while gate.slots.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(gate.run(|| 1).await, Err(AppError::Busy)));
        release.send(()).unwrap();
        assert!(holder.await.unwrap().unwrap());
    }
}
