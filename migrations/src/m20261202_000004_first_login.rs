//! When each person first logged in with a password. Reissuing a unit's login slips gives new passwords only to
//! those who never have (NULL): a person who already uses their account keeps their password. Accounts made
//! before this column count as never logged in.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "ALTER TABLE users ADD COLUMN first_login_at {ts}";

const DOWN: &str = "ALTER TABLE users DROP COLUMN first_login_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
