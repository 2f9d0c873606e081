//! A counter of answer-key changes, so each server instance can keep keys in memory and know when they went
//! stale. `key_revision` holds one row; the database itself moves it on every change to an option's
//! `is_correct` (and on every option deleted), so no code path, and no hand-run SQL, can change a key without
//! every instance seeing it at its next submit. Options are only ever inserted with a new question version,
//! before any attempt can draw it, so inserts need no bump.
//!
//! On PostgreSQL the trigger also takes the exclusive side of the advisory lock [`KEY_LOCK`] until the
//! transaction ends; a closing attempt holds its shared side while it reads the revision and scores. So a key
//! correction waits for the attempts closing at that moment, and the attempts closing after it wait for it and
//! see the new key; none is scored with the old key after the correction's regrade looked for closed attempts.
//! SQLite lets one transaction write at a time, which gives the same order without a lock.
use crate::sql;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// The advisory lock's key on PostgreSQL (the ASCII of "cchckey"); the server uses the same number.
pub const KEY_LOCK: i64 = 0x0063_6368_636b_6579;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "
CREATE TABLE key_revision (
    id SMALLINT PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL CHECK (revision >= 0)
)";

const SQLITE_UP: &[&str] = &[
    TABLE,
    "INSERT INTO key_revision (id, revision) VALUES (1, 0)",
    "CREATE TRIGGER options_key_changed AFTER UPDATE OF is_correct ON options
     WHEN OLD.is_correct IS NOT NEW.is_correct
     BEGIN UPDATE key_revision SET revision = revision + 1 WHERE id = 1; END",
    "CREATE TRIGGER options_key_deleted AFTER DELETE ON options
     BEGIN UPDATE key_revision SET revision = revision + 1 WHERE id = 1; END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER options_key_deleted",
    "DROP TRIGGER options_key_changed",
    "DROP TABLE key_revision",
];

fn postgres_up() -> Vec<String> {
    vec![
        TABLE.to_owned(),
        "INSERT INTO key_revision (id, revision) VALUES (1, 0)".to_owned(),
        format!(
            "CREATE FUNCTION options_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
                 PERFORM pg_advisory_xact_lock({KEY_LOCK});
                 UPDATE key_revision SET revision = revision + 1 WHERE id = 1;
                 RETURN NULL;
             END $$"
        ),
        "CREATE TRIGGER options_key_changed AFTER UPDATE OF is_correct OR DELETE ON options
         FOR EACH STATEMENT EXECUTE FUNCTION options_key_changed()"
            .to_owned(),
    ]
}

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER options_key_changed ON options",
    "DROP FUNCTION options_key_changed()",
    "DROP TABLE key_revision",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                let up = postgres_up();
                let up: Vec<&str> = up.iter().map(String::as_str).collect();
                sql::run_each(manager, &up).await
            }
            _ => sql::run_together(manager, SQLITE_UP).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => sql::run_each(manager, POSTGRES_DOWN).await,
            _ => sql::run_together(manager, SQLITE_DOWN).await,
        }
    }
}
