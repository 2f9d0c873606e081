//! Each answer keeps the time it was first saved next to the time it was last changed (`saved_at`), for the
//! judges' export. Existing answers start with both equal. PostgreSQL makes it NOT NULL after the backfill.
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

// SQLite cannot add a NOT NULL column without a default; every writer sets it and the backfill covers the rest.
const UP_SQLITE: &str = r#"
ALTER TABLE answers ADD COLUMN first_saved_at {ts};
UPDATE answers SET first_saved_at = saved_at
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
