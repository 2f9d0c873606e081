//! Prize tiers per round: how many Giải Nhất, Nhì, Ba and Khuyến khích for individuals, and how many units win a
//! collective prize (giải tập thể). All zero means no prizes configured.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
ALTER TABLE rounds ADD COLUMN prize_first INTEGER NOT NULL DEFAULT 0 CHECK (prize_first BETWEEN 0 AND 1000);
ALTER TABLE rounds ADD COLUMN prize_second INTEGER NOT NULL DEFAULT 0 CHECK (prize_second BETWEEN 0 AND 1000);
ALTER TABLE rounds ADD COLUMN prize_third INTEGER NOT NULL DEFAULT 0 CHECK (prize_third BETWEEN 0 AND 1000);
ALTER TABLE rounds ADD COLUMN prize_consolation INTEGER NOT NULL DEFAULT 0 CHECK (prize_consolation BETWEEN 0 AND 1000);
ALTER TABLE rounds ADD COLUMN prize_units INTEGER NOT NULL DEFAULT 0 CHECK (prize_units BETWEEN 0 AND 1000)
";

const DOWN: &str = "
ALTER TABLE rounds DROP COLUMN prize_units;
ALTER TABLE rounds DROP COLUMN prize_consolation;
ALTER TABLE rounds DROP COLUMN prize_third;
ALTER TABLE rounds DROP COLUMN prize_second;
ALTER TABLE rounds DROP COLUMN prize_first
";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
