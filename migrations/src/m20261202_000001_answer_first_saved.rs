//! Each answer keeps the time it was first saved next to the time it was last changed (`saved_at`), for the
//! judges' export. Existing answers start with both equal. NOT NULL on both databases: PostgreSQL sets it after
//! the backfill; SQLite cannot add a NOT NULL column without a default, so it rebuilds the (narrow) table.
use crate::sql;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP_POSTGRES: &str = r#"
ALTER TABLE answers ADD COLUMN first_saved_at {ts};
UPDATE answers SET first_saved_at = saved_at;
ALTER TABLE answers ALTER COLUMN first_saved_at SET NOT NULL
"#;

const UP_SQLITE: &str = r#"
CREATE TABLE answers_new (
    attempt_id {fk} NOT NULL,
    question_id {fk} NOT NULL,
    option_ids TEXT NOT NULL,
    saved_at {ts} NOT NULL,
    first_saved_at {ts} NOT NULL,
    PRIMARY KEY (attempt_id, question_id),
    FOREIGN KEY (attempt_id, question_id)
        REFERENCES attempt_questions (attempt_id, question_id) ON DELETE CASCADE
);
INSERT INTO answers_new (attempt_id, question_id, option_ids, saved_at, first_saved_at)
    SELECT attempt_id, question_id, option_ids, saved_at, saved_at FROM answers;
DROP TABLE answers;
ALTER TABLE answers_new RENAME TO answers
"#;

const DOWN: &str = "ALTER TABLE answers DROP COLUMN first_saved_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => sql::run(manager, UP_POSTGRES).await,
            _ => sql::run(manager, UP_SQLITE).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
