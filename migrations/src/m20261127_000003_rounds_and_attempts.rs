use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

// The database itself guarantees the contest's invariants: one in-progress attempt per person and round (a
// partial unique index), attempt numbers unique per person and round (so concurrent starts cannot exceed
// max_attempts), answers unique per attempt and question and only for questions drawn into that attempt.
const UP: &str = r#"
CREATE TABLE rounds (
    id {pk},
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    opens_at {ts} NOT NULL,
    closes_at {ts} NOT NULL,
    time_limit_secs INTEGER NOT NULL CHECK (time_limit_secs BETWEEN 60 AND 14400),
    question_count INTEGER NOT NULL CHECK (question_count BETWEEN 1 AND 200),
    max_attempts INTEGER NOT NULL DEFAULT 1 CHECK (max_attempts BETWEEN 1 AND 1000),
    counting TEXT NOT NULL DEFAULT 'best' CHECK (counting IN ('best', 'first', 'last')),
    prediction TEXT NOT NULL DEFAULT 'none'
        CHECK (prediction IN ('none', 'full_score_count', 'participant_count')),
    practice BOOLEAN NOT NULL DEFAULT FALSE,
    reveal TEXT NOT NULL DEFAULT 'after_close' CHECK (reveal IN ('after_submit', 'after_close')),
    bank_id {fk} REFERENCES question_banks (id) ON DELETE RESTRICT,
    published_at {ts},
    show_names TEXT NOT NULL DEFAULT 'full' CHECK (show_names IN ('full', 'masked')),
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CHECK (closes_at > opens_at)
);

CREATE TABLE round_draw_rules (
    round_id {fk} NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 200),
    PRIMARY KEY (round_id, topic)
);

CREATE TABLE round_units (
    round_id {fk} NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    unit_id {fk} NOT NULL REFERENCES units (id) ON DELETE RESTRICT,
    PRIMARY KEY (round_id, unit_id)
);

CREATE TABLE round_overrides (
    round_id {fk} NOT NULL REFERENCES rounds (id) ON DELETE CASCADE,
    user_id {fk} NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    extra_attempts INTEGER NOT NULL DEFAULT 0 CHECK (extra_attempts BETWEEN 0 AND 100),
    extra_time_secs INTEGER NOT NULL DEFAULT 0 CHECK (extra_time_secs BETWEEN 0 AND 86400),
    PRIMARY KEY (round_id, user_id)
);

CREATE TABLE attempts (
    id {pk},
    round_id {fk} NOT NULL REFERENCES rounds (id) ON DELETE RESTRICT,
    user_id {fk} NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    attempt_no INTEGER NOT NULL CHECK (attempt_no >= 1),
    status TEXT NOT NULL CHECK (status IN ('in_progress', 'submitted', 'expired')),
    started_at {ts} NOT NULL,
    deadline {ts} NOT NULL,
    finished_at {ts},
    score INTEGER CHECK (score >= 0),
    max_score INTEGER NOT NULL CHECK (max_score >= 0),
    correct_count INTEGER CHECK (correct_count >= 0),
    duration_ms BIGINT CHECK (duration_ms >= 0),
    prediction BIGINT CHECK (prediction BETWEEN 0 AND 1000000000),
    UNIQUE (round_id, user_id, attempt_no),
    CHECK (deadline > started_at),
    CHECK ((status = 'in_progress' AND finished_at IS NULL AND score IS NULL)
        OR (status <> 'in_progress' AND finished_at IS NOT NULL AND score IS NOT NULL))
);
CREATE UNIQUE INDEX uq_attempts_one_in_progress ON attempts (round_id, user_id) WHERE status = 'in_progress';
CREATE INDEX idx_attempts_round_rank ON attempts (round_id, status, user_id);
CREATE INDEX idx_attempts_in_progress_deadline ON attempts (deadline) WHERE status = 'in_progress';
CREATE INDEX idx_attempts_user ON attempts (user_id);

CREATE TABLE attempt_questions (
    attempt_id {fk} NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    question_id {fk} NOT NULL REFERENCES questions (id) ON DELETE RESTRICT,
    question_version_id {fk} NOT NULL REFERENCES question_versions (id) ON DELETE RESTRICT,
    option_order TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position),
    UNIQUE (attempt_id, question_id)
);
CREATE INDEX idx_attempt_questions_version ON attempt_questions (question_version_id);

CREATE TABLE answers (
    attempt_id {fk} NOT NULL,
    question_id {fk} NOT NULL,
    option_ids TEXT NOT NULL,
    saved_at {ts} NOT NULL,
    PRIMARY KEY (attempt_id, question_id),
    FOREIGN KEY (attempt_id, question_id)
        REFERENCES attempt_questions (attempt_id, question_id) ON DELETE CASCADE
)
"#;

const DOWN: &str = r#"
DROP TABLE answers; DROP TABLE attempt_questions; DROP TABLE attempts; DROP TABLE round_overrides;
DROP TABLE round_units; DROP TABLE round_draw_rules; DROP TABLE rounds
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
