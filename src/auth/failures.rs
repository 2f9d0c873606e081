//! Counters of failures (wrong passwords) per key, as token buckets that only failures drain. Unlike a rate
//! limiter, asking whether a key may try costs nothing: only a failure is counted, and a bucket that is full
//! again says the key has had no recent failure ("clean").
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

pub struct FailureBuckets<K> {
    capacity: f64,
    per_sec: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

/// Above this many keys, full buckets (keys with no recent failure) are dropped.
const PRUNE_ABOVE: usize = 50_000;

impl<K: Hash + Eq> FailureBuckets<K> {
    /// `capacity` failures at once, refilled at `per_sec` a second.
    pub fn new(capacity: u32, per_sec: f64) -> Self {
        FailureBuckets {
            capacity: f64::from(capacity.max(1)),
            per_sec,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    fn level(&self, entry: Option<&(f64, Instant)>, now: Instant) -> f64 {
        entry.map_or(self.capacity, |(tokens, at)| {
            (tokens + now.duration_since(*at).as_secs_f64() * self.per_sec).min(self.capacity)
        })
    }

    fn level_of<Q>(&self, key: &Q) -> f64
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let Ok(map) = self.buckets.lock() else {
            return self.capacity;
        };
        self.level(map.get(key), Instant::now())
    }

    /// Whether one more failure is allowed.
    pub fn allows<Q>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.level_of(key) >= 1.0
    }

    /// Whether the key has had no failure that is not yet refilled.
    pub fn is_clean<Q>(&self, key: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.level_of(key) >= self.capacity
    }

    pub fn record(&self, key: K) {
        let Ok(mut map) = self.buckets.lock() else {
            return;
        };
        let now = Instant::now();
        if map.len() > PRUNE_ABOVE {
            let full = self.capacity;
            map.retain(|_, e| (e.0 + now.duration_since(e.1).as_secs_f64() * self.per_sec) < full);
        }
        let level = self.level(map.get(&key), now);
        map.insert(key, ((level - 1.0).max(0.0), now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_drain_the_bucket_and_only_failures_count() {
        let b = FailureBuckets::<String>::new(2, 0.0);
        assert!(b.is_clean("a") && b.allows("a"));
        b.record("a".into());
        assert!(!b.is_clean("a") && b.allows("a"));
        b.record("a".into());
        assert!(!b.allows("a"));
        assert!(b.is_clean("b"));
    }

    #[test]
    fn a_bucket_refills_with_time() {
        let b = FailureBuckets::<String>::new(1, 1000.0);
        b.record("a".into());
        std::thread::sleep(std::time::Duration::from_millis(5));
        assert!(b.is_clean("a"));
    }
}
