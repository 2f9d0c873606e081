//! Question banks in the database: loading parsed banks idempotently (new versions for edits, retirement for
//! removals) and reading them back.
use crate::error::AppResult;
use sea_orm::DatabaseConnection;
use std::path::Path;

/// A bank as the landing page and `GET /api/v1/banks` show it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct BankSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub valid_as_of: Option<String>,
    pub active_questions: i64,
    pub topics: Vec<String>,
}

pub async fn load_folder_at_startup(_db: &DatabaseConnection, _dir: &Path) -> anyhow::Result<()> {
    Ok(())
}

pub async fn summaries(_db: &DatabaseConnection) -> AppResult<Vec<BankSummary>> {
    Ok(Vec::new())
}
