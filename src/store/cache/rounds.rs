//! Rounds as the attempt hot paths read them (start, submit, show an attempt), kept for [`ROUND_TTL`]: a change
//! made on this instance is seen at once (the handlers that change a round call [`RoundCache::forget`]), one
//! made on another instance within `ROUND_TTL`. Whether a round is open is always decided by the clock now.
use crate::error::AppResult;
use crate::store::rounds::{self, RoundView};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use std::sync::RwLock;
use std::time::{Duration, Instant};

pub const ROUND_TTL: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct RoundCache {
    entries: RwLock<HashMap<i64, (Instant, RoundView)>>,
}

impl RoundCache {
    pub async fn get<C: ConnectionTrait>(&self, db: &C, id: i64) -> AppResult<RoundView> {
        if let Ok(entries) = self.entries.read()
            && let Some((at, round)) = entries.get(&id)
            && at.elapsed() < ROUND_TTL
        {
            return Ok(round.refreshed());
        }
        let round = rounds::get(db, id).await?;
        if let Ok(mut entries) = self.entries.write() {
            entries.retain(|_, (at, _)| at.elapsed() < ROUND_TTL);
            entries.insert(id, (Instant::now(), round.clone()));
        }
        Ok(round)
    }

    pub fn forget(&self, id: i64) {
        if let Ok(mut entries) = self.entries.write() {
            entries.remove(&id);
        }
    }
}
