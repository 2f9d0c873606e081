//! Bank-format additions of issue 16: exclusion groups per question version (questions sharing a group are never
//! drawn into one attempt), the `situational` and `historical` marks, and the amending laws a bank was
//! re-checked against, so that an export from the database keeps every field of the file.
use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

// Groups belong to a version (a version is never edited), so that a changed group makes a new version and an
// old attempt keeps what it was drawn under. Slugs are global: questions of two banks may share a group.
const UP: &str = r#"
ALTER TABLE question_versions ADD COLUMN situational BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE question_versions ADD COLUMN historical BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE question_banks ADD COLUMN amendments_checked TEXT NOT NULL DEFAULT '';
CREATE TABLE question_version_groups (
    question_version_id {fk} NOT NULL REFERENCES question_versions (id) ON DELETE CASCADE,
    slug TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
    PRIMARY KEY (question_version_id, slug)
)
"#;

const DOWN: &str = "DROP TABLE question_version_groups; \
    ALTER TABLE question_banks DROP COLUMN amendments_checked; \
    ALTER TABLE question_versions DROP COLUMN historical; \
    ALTER TABLE question_versions DROP COLUMN situational";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
