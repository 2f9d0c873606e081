//! Answer keys (the correct options of each question version), kept in memory so closing an attempt scores it
//! without reading them. A key changes in place when an organiser corrects it, on any instance; the database
//! counts every change in `key_revision` (migration `m20261203_000002`), and closing an attempt reads that count
//! in its own transaction ([`crate::store::attempts::close`]). Kept keys are used only under the count they were
//! read under; a new count drops them all (corrections are rare, so that costs one read per version).
use crate::error::AppResult;
use crate::store::attempts::drawn::{Keys, keys_of_versions};
use sea_orm::ConnectionTrait;
use std::collections::{BTreeSet, HashMap};
use std::sync::RwLock;

/// Versions kept before the cache starts over (a round draws from hundreds; this is a guard, not a size).
const MAX_VERSIONS: usize = 100_000;

#[derive(Default)]
pub struct KeyCache {
    kept: RwLock<Kept>,
}

#[derive(Default)]
struct Kept {
    revision: i64,
    /// Version id -> its correct option ids (empty for a version with none).
    keys: HashMap<i64, BTreeSet<i64>>,
}

impl KeyCache {
    /// The keys of `versions` as of `revision`, which the caller read in the same transaction as `db`, so the
    /// keys read here for what is not kept belong to that revision too.
    pub async fn keys<C: ConnectionTrait>(
        &self,
        db: &C,
        revision: i64,
        versions: &[i64],
    ) -> AppResult<Keys> {
        let mut found = Keys::with_capacity(versions.len());
        let mut missing = Vec::new();
        match self.kept.read() {
            Ok(kept) if kept.revision == revision => {
                for v in versions {
                    match kept.keys.get(v) {
                        Some(key) => {
                            found.insert(*v, key.clone());
                        }
                        None => missing.push(*v),
                    }
                }
            }
            _ => missing.extend_from_slice(versions),
        }
        if missing.is_empty() {
            return Ok(found);
        }
        let loaded = load(db, &missing).await?;
        if let Ok(mut kept) = self.kept.write() {
            // Closings read the revision under the key-change lock, so no two with different revisions overlap;
            // a different one (a later correction) replaces what is kept.
            if kept.revision != revision || kept.keys.len() + loaded.len() > MAX_VERSIONS {
                kept.revision = revision;
                kept.keys.clear();
            }
            kept.keys
                .extend(loaded.iter().map(|(v, k)| (*v, k.clone())));
        }
        found.extend(loaded);
        Ok(found)
    }
}

/// The current keys of `versions`, every one of them (empty when it has no correct option, so it is kept too).
async fn load<C: ConnectionTrait>(db: &C, versions: &[i64]) -> AppResult<Keys> {
    let mut keys = keys_of_versions(db, versions).await?;
    for v in versions {
        keys.entry(*v).or_default();
    }
    Ok(keys)
}
