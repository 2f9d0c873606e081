//! What an attempt drew, in one row instead of one row per question, so a start writes a constant number of rows
//! (the attempt and its draw) whatever the question count. `attempt_draws.questions` is the exact draw as compact
//! JSON, in the order shown: `[{"q":question id,"v":version id,"o":[option ids in shown order]},...]`; `format`
//! names that encoding, so a later one can never change what an existing attempt shows.
//!
//! `attempt_questions` becomes a read-only view over it with the old columns, so the judges' answer sheets, the
//! regrade and the question statistics read the same rows as before. The answers' foreign key to
//! `attempt_questions` becomes one to `attempts` and one to `questions`, and a trigger refuses an answer to a
//! question the attempt did not draw (what the composite key did). SQLite rebuilds `answers` to change its keys,
//! in one script on one connection.
use crate::sql;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const DRAWS: &str = "
CREATE TABLE attempt_draws (
    attempt_id {fk} PRIMARY KEY REFERENCES attempts (id) ON DELETE CASCADE,
    format SMALLINT NOT NULL CHECK (format = 1),
    questions TEXT NOT NULL CHECK (questions LIKE '[%]')
)";

const SQLITE_UP: &[&str] = &[
    DRAWS,
    "INSERT INTO attempt_draws (attempt_id, format, questions)
     SELECT attempt_id, 1, '[' || group_concat('{\"q\":' || question_id || ',\"v\":' || question_version_id
         || ',\"o\":' || option_order || '}', ',' ORDER BY position) || ']'
     FROM attempt_questions GROUP BY attempt_id",
    "CREATE TABLE answers_new (
        attempt_id {fk} NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        question_id {fk} NOT NULL REFERENCES questions (id) ON DELETE RESTRICT,
        option_ids TEXT NOT NULL,
        saved_at {ts} NOT NULL,
        first_saved_at {ts},
        PRIMARY KEY (attempt_id, question_id)
    )",
    "INSERT INTO answers_new (attempt_id, question_id, option_ids, saved_at, first_saved_at)
     SELECT attempt_id, question_id, option_ids, saved_at, first_saved_at FROM answers",
    "DROP TABLE answers",
    "ALTER TABLE answers_new RENAME TO answers",
    "DROP TABLE attempt_questions",
    "CREATE VIEW attempt_questions AS
     SELECT d.attempt_id AS attempt_id, CAST(j.key AS INTEGER) AS position,
         json_extract(j.value, '$.q') AS question_id, json_extract(j.value, '$.v') AS question_version_id,
         json_extract(j.value, '$.o') AS option_order
     FROM attempt_draws d, json_each(d.questions) j",
    "CREATE TRIGGER answers_drawn_question BEFORE INSERT ON answers
     WHEN NOT EXISTS (SELECT 1 FROM attempt_draws d WHERE d.attempt_id = NEW.attempt_id
         AND instr(d.questions, '{\"q\":' || NEW.question_id || ',') > 0)
     BEGIN SELECT RAISE(ABORT, 'answers: the attempt did not draw this question'); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER answers_drawn_question",
    "DROP VIEW attempt_questions",
    ATTEMPT_QUESTIONS,
    "CREATE INDEX idx_attempt_questions_version ON attempt_questions (question_version_id)",
    "INSERT INTO attempt_questions (attempt_id, position, question_id, question_version_id, option_order)
     SELECT d.attempt_id, CAST(j.key AS INTEGER), json_extract(j.value, '$.q'), json_extract(j.value, '$.v'),
         json_extract(j.value, '$.o')
     FROM attempt_draws d, json_each(d.questions) j",
    "CREATE TABLE answers_old (
        attempt_id {fk} NOT NULL,
        question_id {fk} NOT NULL,
        option_ids TEXT NOT NULL,
        saved_at {ts} NOT NULL,
        first_saved_at {ts},
        PRIMARY KEY (attempt_id, question_id),
        FOREIGN KEY (attempt_id, question_id)
            REFERENCES attempt_questions (attempt_id, question_id) ON DELETE CASCADE
    )",
    "INSERT INTO answers_old (attempt_id, question_id, option_ids, saved_at, first_saved_at)
     SELECT attempt_id, question_id, option_ids, saved_at, first_saved_at FROM answers",
    "DROP TABLE answers",
    "ALTER TABLE answers_old RENAME TO answers",
    "DROP TABLE attempt_draws",
];

const POSTGRES_UP: &[&str] = &[
    DRAWS,
    "INSERT INTO attempt_draws (attempt_id, format, questions)
     SELECT attempt_id, 1, '[' || string_agg('{\"q\":' || question_id || ',\"v\":' || question_version_id
         || ',\"o\":' || option_order || '}', ',' ORDER BY position) || ']'
     FROM attempt_questions GROUP BY attempt_id",
    "ALTER TABLE answers DROP CONSTRAINT answers_attempt_id_question_id_fkey",
    "ALTER TABLE answers ADD CONSTRAINT answers_attempt_id_fkey
     FOREIGN KEY (attempt_id) REFERENCES attempts (id) ON DELETE CASCADE",
    "ALTER TABLE answers ADD CONSTRAINT answers_question_id_fkey
     FOREIGN KEY (question_id) REFERENCES questions (id) ON DELETE RESTRICT",
    "DROP TABLE attempt_questions",
    "CREATE VIEW attempt_questions AS
     SELECT d.attempt_id, (j.n - 1)::INTEGER AS position, (j.e ->> 'q')::BIGINT AS question_id,
         (j.e ->> 'v')::BIGINT AS question_version_id, (j.e -> 'o')::TEXT AS option_order
     FROM attempt_draws d CROSS JOIN LATERAL json_array_elements(d.questions::json) WITH ORDINALITY AS j (e, n)",
    // Once per statement over the rows it inserted (a batch of saves is one statement), not once per row beside
    // the two foreign keys' own per-row checks (README "Performance": saves 12,600-15,000/s with a row trigger,
    // 16,300-16,700/s with this one, on the same machine).
    "CREATE FUNCTION answers_drawn_question() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
         IF EXISTS (SELECT 1 FROM inserted_answers n WHERE NOT EXISTS (SELECT 1 FROM attempt_draws d
             WHERE d.attempt_id = n.attempt_id AND strpos(d.questions, '{\"q\":' || n.question_id || ',') > 0)) THEN
             RAISE EXCEPTION 'answers: the attempt did not draw this question' USING ERRCODE = 'foreign_key_violation';
         END IF;
         RETURN NULL;
     END $$",
    "CREATE TRIGGER answers_drawn_question AFTER INSERT ON answers
     REFERENCING NEW TABLE AS inserted_answers FOR EACH STATEMENT EXECUTE FUNCTION answers_drawn_question()",
];

const POSTGRES_DOWN: &[&str] = &[
    "DROP TRIGGER answers_drawn_question ON answers",
    "DROP FUNCTION answers_drawn_question()",
    "DROP VIEW attempt_questions",
    ATTEMPT_QUESTIONS,
    "CREATE INDEX idx_attempt_questions_version ON attempt_questions (question_version_id)",
    "INSERT INTO attempt_questions (attempt_id, position, question_id, question_version_id, option_order)
     SELECT d.attempt_id, (j.n - 1)::INTEGER, (j.e ->> 'q')::BIGINT, (j.e ->> 'v')::BIGINT, (j.e -> 'o')::TEXT
     FROM attempt_draws d CROSS JOIN LATERAL json_array_elements(d.questions::json) WITH ORDINALITY AS j (e, n)",
    "ALTER TABLE answers DROP CONSTRAINT answers_attempt_id_fkey",
    "ALTER TABLE answers DROP CONSTRAINT answers_question_id_fkey",
    "ALTER TABLE answers ADD CONSTRAINT answers_attempt_id_question_id_fkey FOREIGN KEY (attempt_id, question_id)
     REFERENCES attempt_questions (attempt_id, question_id) ON DELETE CASCADE",
    "DROP TABLE attempt_draws",
];

/// The table as `m20261127_000003` made it.
const ATTEMPT_QUESTIONS: &str = "
CREATE TABLE attempt_questions (
    attempt_id {fk} NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    question_id {fk} NOT NULL REFERENCES questions (id) ON DELETE RESTRICT,
    question_version_id {fk} NOT NULL REFERENCES question_versions (id) ON DELETE RESTRICT,
    option_order TEXT NOT NULL,
    PRIMARY KEY (attempt_id, position),
    UNIQUE (attempt_id, question_id)
)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => sql::run_each(manager, POSTGRES_UP).await,
            _ => sql::run_together(manager, SQLITE_UP).await,
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DbBackend::Postgres => sql::run_each(manager, POSTGRES_DOWN).await,
            _ => sql::run_together(manager, SQLITE_DOWN).await,
        }
    }
}
