//! What an attempt drew: its questions (the exact versions shown) with their options in the attempt's order.
//! Read by the attempt view and the attempt cache (which scoring reads); the draw never changes after it is
//! stored. The texts come from the [`ContentCache`]; the keys, which a corrected key can change, from the
//! database ([`keys`]) or, when closing an attempt, from the key cache checked against the database.
//!
//! A draw is stored as one `attempt_draws` row whatever its question count ([`encode`]), so a start writes two
//! rows: the attempt and its draw. The SQL readers of a round's draws (answer sheets, regrade, statistics) see it
//! through the `attempt_questions` view, one row per question.
use crate::entities::{attempt_draws, options};
use crate::error::AppResult;
use crate::store::cache::content::{ContentCache, OptionText, VersionContent};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct DrawnQuestion {
    pub question_id: i64,
    pub version: Arc<VersionContent>,
    /// Option ids in the order this attempt shows them.
    pub option_order: Vec<i64>,
}

impl DrawnQuestion {
    /// The options in the order this attempt shows them.
    pub fn options(&self) -> impl Iterator<Item = &OptionText> {
        self.option_order
            .iter()
            .filter_map(|id| self.version.options.iter().find(|o| o.id == *id))
    }
}

/// Version id -> the ids of its correct options.
pub type Keys = HashMap<i64, BTreeSet<i64>>;

/// The encoding [`encode`] writes, stored beside each draw.
pub const FORMAT: i16 = 1;

/// One drawn question as stored (format 1). Field order and names are part of the format: the database's
/// answer trigger finds a question by the text `{"q":<id>,`.
#[derive(Serialize, Deserialize)]
struct Entry {
    q: i64,
    v: i64,
    o: Vec<i64>,
}

/// The draw as stored in `attempt_draws.questions`: `[{"q":12,"v":34,"o":[7,5,6,8]},...]`, in the order shown.
pub fn encode(drawn: &[DrawnQuestion]) -> anyhow::Result<String> {
    let entries: Vec<Entry> = drawn
        .iter()
        .map(|d| Entry {
            q: d.question_id,
            v: d.version.id,
            o: d.option_order.clone(),
        })
        .collect();
    Ok(serde_json::to_string(&entries)?)
}

pub async fn load<C: ConnectionTrait>(
    db: &C,
    content: &ContentCache,
    attempt_id: i64,
) -> AppResult<Vec<DrawnQuestion>> {
    let Some(row) = attempt_draws::Entity::find_by_id(attempt_id)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    if row.format != FORMAT {
        return Err(
            anyhow::anyhow!("attempt {attempt_id}: unknown draw format {}", row.format).into(),
        );
    }
    let entries: Vec<Entry> = serde_json::from_str(&row.questions)
        .map_err(|e| anyhow::anyhow!("attempt {attempt_id}: unreadable draw: {e}"))?;
    let version_ids: Vec<i64> = entries.iter().map(|e| e.v).collect();
    let versions = content.versions(db, &version_ids).await?;
    let mut out = Vec::with_capacity(entries.len());
    for entry in entries {
        let version = versions
            .get(&entry.v)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("attempt {attempt_id}: missing question version"))?;
        out.push(DrawnQuestion {
            question_id: entry.q,
            version,
            option_order: entry.o,
        });
    }
    Ok(out)
}

/// The current keys of the versions `drawn` shows, read from the database.
pub async fn keys<C: ConnectionTrait>(db: &C, drawn: &[DrawnQuestion]) -> AppResult<Keys> {
    let version_ids: Vec<i64> = drawn.iter().map(|d| d.version.id).collect();
    keys_of_versions(db, &version_ids).await
}

/// The current keys of `versions`, read from the database (a version without a correct option is absent).
pub async fn keys_of_versions<C: ConnectionTrait>(db: &C, versions: &[i64]) -> AppResult<Keys> {
    let rows: Vec<(i64, i64)> = options::Entity::find()
        .select_only()
        .columns([options::Column::Id, options::Column::QuestionVersionId])
        .filter(options::Column::QuestionVersionId.is_in(versions.to_vec()))
        .filter(options::Column::IsCorrect.eq(true))
        .into_tuple()
        .all(db)
        .await?;
    let mut keys = Keys::new();
    for (id, version) in rows {
        keys.entry(version).or_default().insert(id);
    }
    Ok(keys)
}
