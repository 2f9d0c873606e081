//! The public leaderboards (API and `/ket-qua` pages), computed once and served from memory (review F15:
//! recomputing a 3,000-person ranking per anonymous request slowed everyone's saves). An entry is dropped when
//! something that changes a public ranking happens on this instance (publish, unpublish, regrade, round edit:
//! [`PublicBoards::invalidate`]) and is at most [`MAX_AGE`] old, which bounds how long a change made on another
//! instance takes to show. Concurrent requests for a missing entry wait for one computation.
use super::RoundResults;
use super::contest::ContestResults;
use crate::error::AppResult;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::OnceCell;

/// The oldest an entry may be (changes made on another instance show within this).
pub const MAX_AGE: Duration = Duration::from_secs(10);

struct Entry<V> {
    value: OnceCell<Arc<V>>,
    born: Instant,
}

pub struct Cache<K, V> {
    entries: Mutex<HashMap<K, Arc<Entry<V>>>>,
}

impl<K, V> Default for Cache<K, V> {
    fn default() -> Self {
        Cache {
            entries: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V> Cache<K, V> {
    /// The cached value of `key`, or the one `compute` makes (once, however many ask at the same time).
    pub async fn get_or_compute<F, Fut>(&self, key: K, compute: F) -> AppResult<Arc<V>>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = AppResult<V>>,
    {
        let entry = {
            let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
            let fresh = entries.get(&key).filter(|e| e.born.elapsed() < MAX_AGE);
            match fresh {
                Some(e) => e.clone(),
                None => {
                    let e = Arc::new(Entry {
                        value: OnceCell::new(),
                        born: Instant::now(),
                    });
                    entries.insert(key, e.clone());
                    e
                }
            }
        };
        let value = entry
            .value
            .get_or_try_init(|| async { compute().await.map(Arc::new) })
            .await?;
        Ok(value.clone())
    }

    pub fn clear(&self) {
        self.entries
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }
}

/// The public views of published rounds (by round id) and of the contest.
#[derive(Default)]
pub struct PublicBoards {
    pub rounds: Cache<i64, RoundResults>,
    pub contest: Cache<(), ContestResults>,
}

impl PublicBoards {
    /// The public ranking of a published `round`.
    pub async fn round<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
        round: &crate::entities::rounds::Model,
    ) -> AppResult<Arc<RoundResults>> {
        self.rounds
            .get_or_compute(round.id, || async {
                Ok(super::for_round(db, round, chrono::Utc::now())
                    .await?
                    .for_public())
            })
            .await
    }

    /// The public contest ranking (published rounds only).
    pub async fn contest<C: sea_orm::ConnectionTrait>(
        &self,
        db: &C,
    ) -> AppResult<Arc<ContestResults>> {
        self.contest
            .get_or_compute((), || super::contest::for_contest(db, true))
            .await
    }

    /// Forgets every public ranking: called after a publish, unpublish, regrade or round edit.
    pub fn invalidate(&self) {
        self.rounds.clear();
        self.contest.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[tokio::test]
    async fn a_value_is_computed_once_until_invalidated() {
        let cache = Cache::<i64, u32>::default();
        let runs = AtomicU32::new(0);
        let compute = || async {
            runs.fetch_add(1, Ordering::SeqCst);
            Ok(7)
        };
        assert_eq!(*cache.get_or_compute(1, compute).await.unwrap(), 7);
        assert_eq!(*cache.get_or_compute(1, compute).await.unwrap(), 7);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        cache.clear();
        cache.get_or_compute(1, compute).await.unwrap();
        assert_eq!(runs.load(Ordering::SeqCst), 2);
    }
}
