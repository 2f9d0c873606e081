//! What starting and showing attempts read again and again, kept in memory so the hot paths run few queries:
//! - question versions with the texts of their options, by version id. A version is never edited (a changed
//!   question gets a new version); only its options' `is_correct` flags change, when a key is corrected, so
//!   keys are not kept here (see [`super::keys`]);
//! - draw pools (for a bank and a set of topics: the questions in use with their current versions), for
//!   [`POOL_TTL`]; this instance forgets them as soon as it loads a bank, another instance within `POOL_TTL`.
use crate::entities::{options, question_versions};
use crate::error::AppResult;
use crate::store::cache::shown::ShownText;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// How long a draw pool is used before it is read again.
pub const POOL_TTL: Duration = Duration::from_secs(5);

/// Versions kept before the cache starts over (a bank has hundreds of questions; this is a guard, not a size).
const MAX_VERSIONS: usize = 100_000;

/// One question version as participants see it, without its key.
#[derive(Debug)]
pub struct VersionContent {
    pub id: i64,
    pub question_id: i64,
    pub text: ShownText,
    pub explanation: Option<ShownText>,
    pub legal_basis: Option<ShownText>,
    pub points: i32,
    pub multiple: bool,
    /// In the bank's order (A, B, C...).
    pub options: Vec<OptionText>,
}

#[derive(Debug)]
pub struct OptionText {
    pub id: i64,
    pub text: ShownText,
}

/// The questions a draw may pick from, in the shapes a draw reads (built once per load, not per start).
#[derive(Debug, Default)]
pub struct DrawPool {
    /// Topic -> question ids, the shape `domain::draw` takes.
    pub by_topic: HashMap<String, Vec<i64>>,
    /// Question id -> current version id.
    pub current: HashMap<i64, i64>,
    /// Question id -> the exclusion groups of its current version (only questions that have some).
    pub groups: crate::domain::draw::Groups,
}

type PoolKey = (Option<i64>, Vec<String>);

#[derive(Default)]
pub struct ContentCache {
    versions: RwLock<HashMap<i64, Arc<VersionContent>>>,
    pools: RwLock<HashMap<PoolKey, (Instant, Arc<DrawPool>)>>,
}

#[derive(FromQueryResult)]
struct PoolRow {
    question_id: i64,
    topic: String,
    version_id: i64,
    slug: Option<String>,
}

impl ContentCache {
    /// The versions `ids`, from memory where possible; the rest in two queries.
    pub async fn versions<C: ConnectionTrait>(
        &self,
        db: &C,
        ids: &[i64],
    ) -> AppResult<HashMap<i64, Arc<VersionContent>>> {
        let mut found = HashMap::with_capacity(ids.len());
        let mut missing = Vec::new();
        if let Ok(cached) = self.versions.read() {
            for id in ids {
                match cached.get(id) {
                    Some(v) => {
                        found.insert(*id, v.clone());
                    }
                    None => missing.push(*id),
                }
            }
        } else {
            missing.extend_from_slice(ids);
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let loaded = load_versions(db, &missing).await?;
        if let Ok(mut cached) = self.versions.write() {
            if cached.len() + loaded.len() > MAX_VERSIONS {
                cached.clear();
            }
            for v in &loaded {
                cached.insert(v.id, v.clone());
            }
        }
        found.extend(loaded.into_iter().map(|v| (v.id, v)));
        Ok(found)
    }

    /// The questions in use in `topics` (of one bank, or of all), with their current versions.
    pub async fn pool<C: ConnectionTrait>(
        &self,
        db: &C,
        bank_id: Option<i64>,
        topics: &[String],
    ) -> AppResult<Arc<DrawPool>> {
        let mut topics = topics.to_vec();
        topics.sort();
        topics.dedup();
        let key = (bank_id, topics);
        if let Some((at, pool)) = self.pools.read().ok().and_then(|p| p.get(&key).cloned())
            && at.elapsed() < POOL_TTL
        {
            return Ok(pool);
        }
        let pool = Arc::new(load_pool(db, bank_id, &key.1).await?);
        if let Ok(mut pools) = self.pools.write() {
            pools.retain(|_, (at, _)| at.elapsed() < POOL_TTL);
            pools.insert(key, (Instant::now(), pool.clone()));
        }
        Ok(pool)
    }

    /// Called after a bank changed on this instance: the next draw reads the pools again.
    pub fn forget_pools(&self) {
        if let Ok(mut pools) = self.pools.write() {
            pools.clear();
        }
    }
}

/// A draw pool read from the database (current versions of non-retired questions of `topics`).
pub(in crate::store) async fn load_pool<C: ConnectionTrait>(
    db: &C,
    bank_id: Option<i64>,
    topics: &[String],
) -> AppResult<DrawPool> {
    if topics.is_empty() {
        return Ok(DrawPool::default());
    }
    let mut values: Vec<sea_orm::Value> = vec![false.into()];
    let mut placeholders = Vec::with_capacity(topics.len());
    for t in topics {
        values.push(t.clone().into());
        placeholders.push(format!("${}", values.len()));
    }
    let mut sql = format!(
        "SELECT q.id AS question_id, q.topic AS topic, v.id AS version_id, g.slug AS slug FROM questions q \
         JOIN question_versions v ON v.question_id = q.id AND v.version = q.current_version \
         LEFT JOIN question_version_groups g ON g.question_version_id = v.id \
         WHERE q.retired = $1 AND q.topic IN ({})",
        placeholders.join(", ")
    );
    if let Some(bank) = bank_id {
        values.push(bank.into());
        sql.push_str(&format!(" AND q.bank_id = ${}", values.len()));
    }
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let mut pool = DrawPool::default();
    // One row per group of a question (or one row without a group).
    for row in PoolRow::find_by_statement(stmt).all(db).await? {
        if let Some(slug) = row.slug {
            pool.groups.entry(row.question_id).or_default().push(slug);
        }
        if pool
            .current
            .insert(row.question_id, row.version_id)
            .is_none()
        {
            pool.by_topic
                .entry(row.topic)
                .or_default()
                .push(row.question_id);
        }
    }
    // A stable order, whatever order the database returned the rows in.
    for qs in pool.by_topic.values_mut() {
        qs.sort_unstable();
    }
    Ok(pool)
}

async fn load_versions<C: ConnectionTrait>(
    db: &C,
    ids: &[i64],
) -> AppResult<Vec<Arc<VersionContent>>> {
    let versions = question_versions::Entity::find()
        .filter(question_versions::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?;
    let mut opts: HashMap<i64, Vec<OptionText>> = HashMap::new();
    for o in options::Entity::find()
        .filter(options::Column::QuestionVersionId.is_in(ids.to_vec()))
        .order_by_asc(options::Column::Position)
        .all(db)
        .await?
    {
        opts.entry(o.question_version_id)
            .or_default()
            .push(OptionText {
                id: o.id,
                text: shown(o.text)?,
            });
    }
    let mut out = Vec::with_capacity(versions.len());
    for v in versions {
        out.push(Arc::new(VersionContent {
            options: opts.remove(&v.id).unwrap_or_default(),
            id: v.id,
            question_id: v.question_id,
            text: shown(v.text)?,
            explanation: v.explanation.map(shown).transpose()?,
            legal_basis: v.legal_basis.map(shown).transpose()?,
            points: v.points,
            multiple: v.multiple,
        }));
    }
    Ok(out)
}

fn shown(text: String) -> AppResult<ShownText> {
    ShownText::new(text)
        .map_err(|e| anyhow::anyhow!("a question text could not be escaped: {e}").into())
}
