//! Queue depths that no library keeps for us: requests waiting for an attempt slot, and password hashes waiting
//! for or running on the blocking pool. A [`Queued`] guard counts one while it lives.
use std::sync::atomic::{AtomicUsize, Ordering};

static ATTEMPT_WAITING: AtomicUsize = AtomicUsize::new(0);
static HASHING: AtomicUsize = AtomicUsize::new(0);

/// Counts one in its queue until dropped (also when the future holding it is cancelled).
pub struct Queued(&'static AtomicUsize);

impl Queued {
    fn new(counter: &'static AtomicUsize) -> Self {
        counter.fetch_add(1, Ordering::Relaxed);
        Queued(counter)
    }

    /// One request waiting for an attempt slot.
    pub fn attempt_slot() -> Self {
        Queued::new(&ATTEMPT_WAITING)
    }

    /// One password hash or check, waiting or running.
    pub fn hashing() -> Self {
        Queued::new(&HASHING)
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

pub fn attempt_waiting() -> usize {
    ATTEMPT_WAITING.load(Ordering::Relaxed)
}

pub fn hashing() -> usize {
    HASHING.load(Ordering::Relaxed)
}
