//! Reference documents (tài liệu tham khảo) that organisers list for participants to study: a link, or a PDF kept in
//! the database itself (so every instance on a shared PostgreSQL serves it, and a backup holds it).
use crate::sql;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = "
CREATE TABLE documents (
    id {pk},
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    url TEXT CHECK (url IS NULL OR (length(url) <= 2000 AND (url LIKE 'http://%' OR url LIKE 'https://%'))),
    file_name TEXT CHECK (file_name IS NULL OR length(file_name) BETWEEN 1 AND 255),
    size_bytes BIGINT CHECK (size_bytes IS NULL OR size_bytes BETWEEN 1 AND 10485760),
    content {blob},
    display_order INTEGER NOT NULL DEFAULT 0,
    created_at {ts} NOT NULL,
    CHECK ((url IS NULL) <> (file_name IS NULL)),
    CHECK ((file_name IS NULL) = (content IS NULL) AND (file_name IS NULL) = (size_bytes IS NULL))
)
";

const DOWN: &str = "DROP TABLE documents";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let blob = match manager.get_database_backend() {
            DbBackend::Postgres => "BYTEA",
            _ => "BLOB",
        };
        sql::run(manager, &UP.replace("{blob}", blob)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        sql::run(manager, DOWN).await
    }
}
