//! Logging in with the email address the roster gave a person (the login form says "mã cán bộ hoặc email"): an
//! index on the lower-cased address, so that a login storm by email reads one index entry, not every account.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "CREATE INDEX users_email_lower ON users (lower(email))";

const DOWN: &str = "DROP INDEX users_email_lower";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
