use crate::sql;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE units (
    id {pk},
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 32),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id {fk} REFERENCES units (id) ON DELETE RESTRICT,
    headcount INTEGER NOT NULL DEFAULT 0 CHECK (headcount BETWEEN 0 AND 100000),
    display_order INTEGER NOT NULL DEFAULT 0,
    retired BOOLEAN NOT NULL DEFAULT FALSE,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX idx_units_parent ON units (parent_id);

CREATE TABLE users (
    id {pk},
    login TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 100),
    full_name TEXT NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    search_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('participant', 'organiser', 'judge')),
    unit_id {fk} REFERENCES units (id) ON DELETE RESTRICT,
    position TEXT,
    email TEXT,
    phone TEXT UNIQUE,
    cccd TEXT UNIQUE,
    password_hash TEXT,
    token_version INTEGER NOT NULL DEFAULT 0,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at {ts} NOT NULL,
    updated_at {ts} NOT NULL,
    CHECK (role <> 'participant' OR unit_id IS NOT NULL)
);
CREATE INDEX idx_users_unit ON users (unit_id);
CREATE INDEX idx_users_role ON users (role);

CREATE TABLE one_time_tokens (
    id {pk},
    token_hash TEXT NOT NULL UNIQUE,
    purpose TEXT NOT NULL CHECK (purpose IN ('setup', 'set_password')),
    user_id {fk} REFERENCES users (id) ON DELETE CASCADE,
    expires_at {ts} NOT NULL,
    used_at {ts},
    created_at {ts} NOT NULL,
    CHECK (purpose = 'setup' OR user_id IS NOT NULL)
)
"#;

const DOWN: &str = "DROP TABLE one_time_tokens; DROP TABLE users; DROP TABLE units";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, UP).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
