use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

// A question is an identity (bank + stable id); its content lives in numbered versions so that an edit never
// changes what an earlier attempt was shown. Options belong to one version.
const UP: &str = r#"
CREATE TABLE question_banks (
    id {pk},
    slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    valid_as_of TEXT,
    source TEXT NOT NULL,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL
);

CREATE TABLE questions (
    id {pk},
    bank_id {fk} NOT NULL REFERENCES question_banks (id) ON DELETE RESTRICT,
    external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 64),
    topic TEXT NOT NULL CHECK (length(topic) BETWEEN 1 AND 200),
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    UNIQUE (bank_id, external_id)
);
CREATE INDEX idx_questions_draw ON questions (retired, topic);

CREATE TABLE question_versions (
    id {pk},
    question_id {fk} NOT NULL REFERENCES questions (id) ON DELETE RESTRICT,
    version INTEGER NOT NULL CHECK (version >= 1),
    text TEXT NOT NULL CHECK (length(text) >= 1),
    explanation TEXT,
    legal_basis TEXT,
    points INTEGER NOT NULL DEFAULT 1 CHECK (points BETWEEN 1 AND 100),
    multiple BOOLEAN NOT NULL,
    content_hash TEXT NOT NULL,
    created_at {ts} NOT NULL,
    UNIQUE (question_id, version)
);

CREATE TABLE options (
    id {pk},
    question_version_id {fk} NOT NULL REFERENCES question_versions (id) ON DELETE RESTRICT,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 5),
    text TEXT NOT NULL CHECK (length(text) >= 1),
    is_correct BOOLEAN NOT NULL,
    UNIQUE (question_version_id, position)
)
"#;

const DOWN: &str = "DROP TABLE options; DROP TABLE question_versions; DROP TABLE questions; DROP TABLE question_banks";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
