//! A round's rules text (thể lệ), written by the organisers and shown to each participant before they start.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str =
    "ALTER TABLE rounds ADD COLUMN rules TEXT NOT NULL DEFAULT '' CHECK (length(rules) <= 20000)";

const DOWN: &str = "ALTER TABLE rounds DROP COLUMN rules";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
