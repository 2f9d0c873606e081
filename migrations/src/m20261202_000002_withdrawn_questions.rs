//! Questions withdrawn by hand (issue 13): an organiser who finds a wrong or outdated question withdraws it from
//! the bank page. An import retires what a file no longer holds and restores what it holds again, so a withdrawal
//! needs its own mark, or the next start-up's load of the same file would bring the question back. A withdrawn
//! question is always retired (drawn by no new attempt); old attempts still show it.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "ALTER TABLE questions ADD COLUMN withdrawn BOOLEAN NOT NULL DEFAULT FALSE \
    CHECK (retired OR NOT withdrawn)";

const DOWN: &str = "ALTER TABLE questions DROP COLUMN withdrawn";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
