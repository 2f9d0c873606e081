//! Self-registration approval: `users.registration` says how a self-registered account stands (`pending` until
//! an organiser approves it, `approved`, or `duplicate` when its CCCD or phone already had an account). NULL for
//! accounts made by organisers (roster, staff list). Only NULL and `approved` accounts count for their unit.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

// Accounts the earlier code self-registered had the phone as login: they wait for approval too.
const UP: &str = r#"
ALTER TABLE users ADD COLUMN registration TEXT
    CHECK (registration IS NULL OR registration IN ('pending', 'approved', 'duplicate'));
UPDATE users SET registration = 'pending' WHERE role = 'participant' AND phone IS NOT NULL AND login = phone
"#;

const DOWN: &str = "ALTER TABLE users DROP COLUMN registration";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
