//! The facts of a draw that never change after it is stored (owner, round, drawn questions with their allowed
//! options, `multiple` flag, version and points), kept in memory so an answer save reads nothing from the
//! database and a submit reads only the answers. Safe across several server instances because the facts are
//! immutable; status and deadline are always checked by the database.
use crate::entities::attempts;
use crate::error::AppResult;
use crate::store::attempts::drawn::DrawnQuestion;
use crate::store::cache::content::ContentCache;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

#[derive(Debug)]
pub struct CachedAttempt {
    pub user_id: i64,
    pub round_id: i64,
    /// question id -> (multiple, allowed option ids)
    pub questions: HashMap<i64, (bool, Vec<i64>)>,
    /// The drawn questions in the order shown, with what scoring needs of each.
    pub scored: Vec<ScoredQuestion>,
}

/// A drawn question as scoring sees it: the version shown, worth `points` (a version never changes; its key can,
/// and comes from [`crate::store::cache::keys::KeyCache`]).
#[derive(Debug, Clone, Copy)]
pub struct ScoredQuestion {
    pub question_id: i64,
    pub version_id: i64,
    pub points: i32,
}

/// Entries kept before the cache starts over (each is a few hundred bytes).
const MAX_ENTRIES: usize = 200_000;

#[derive(Default)]
pub struct AttemptCache {
    entries: RwLock<HashMap<i64, Arc<CachedAttempt>>>,
}

impl AttemptCache {
    pub async fn get<C: ConnectionTrait>(
        &self,
        db: &C,
        content: &ContentCache,
        attempt_id: i64,
    ) -> AppResult<Option<Arc<CachedAttempt>>> {
        if let Some(hit) = self
            .entries
            .read()
            .ok()
            .and_then(|e| e.get(&attempt_id).cloned())
        {
            return Ok(Some(hit));
        }
        let Some(attempt) = attempts::Entity::find_by_id(attempt_id).one(db).await? else {
            return Ok(None);
        };
        let drawn = crate::store::attempts::drawn::load(db, content, attempt_id).await?;
        Ok(Some(self.remember(&attempt, &drawn)))
    }

    /// Keeps the facts of `attempt`, which drew `drawn` (a start calls this, so saves never read them).
    pub fn remember(
        &self,
        attempt: &attempts::Model,
        drawn: &[DrawnQuestion],
    ) -> Arc<CachedAttempt> {
        let entry = Arc::new(CachedAttempt {
            user_id: attempt.user_id,
            round_id: attempt.round_id,
            questions: drawn
                .iter()
                .map(|d| (d.question_id, (d.version.multiple, d.option_order.clone())))
                .collect(),
            scored: drawn
                .iter()
                .map(|d| ScoredQuestion {
                    question_id: d.question_id,
                    version_id: d.version.id,
                    points: d.version.points,
                })
                .collect(),
        });
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(attempt.id, entry.clone());
        }
        entry
    }
}

impl CachedAttempt {
    /// The chosen options as a sorted, de-duplicated list, if they are valid for `question_id`:
    /// `Err(None)` for a question not in this attempt, `Err(Some(msg))` for invalid options.
    pub fn check(
        &self,
        question_id: i64,
        chosen: &[i64],
    ) -> Result<Vec<i64>, Option<&'static str>> {
        let (multiple, allowed) = self.questions.get(&question_id).ok_or(None)?;
        let mut ids = chosen.to_vec();
        ids.sort_unstable();
        ids.dedup();
        if ids.iter().any(|id| !allowed.contains(id)) {
            return Err(Some("Phương án đã chọn không thuộc câu hỏi này."));
        }
        if !multiple && ids.len() > 1 {
            return Err(Some("Câu hỏi này chỉ được chọn một phương án."));
        }
        Ok(ids)
    }
}
