//! Connecting to the database (embedded SQLite by default, PostgreSQL by URL) and applying migrations.
use crate::config::{Settings, SqliteSync};
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if !settings.is_postgres() && settings.database_url.is_none() {
        std::fs::create_dir_all(&settings.data_dir).with_context(|| {
            format!(
                "cannot create the data folder {}",
                settings.data_dir.display()
            )
        })?;
    }
    let mut opts = ConnectOptions::new(url);
    opts.max_connections(settings.db_max_connections())
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    let synchronous = match settings.sqlite_synchronous {
        SqliteSync::Full => SqliteSynchronous::Full,
        SqliteSync::Normal => SqliteSynchronous::Normal,
    };
    opts.map_sqlx_sqlite_opts(move |o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .synchronous(synchronous)
            .create_if_missing(true)
    });
    let db = Database::connect(opts)
        .await
        .context("cannot connect to the database")?;
    Ok(db)
}

pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    Migrator::up(db, None)
        .await
        .context("database migration failed")
}

pub async fn migrate_down(db: &DatabaseConnection, steps: u32) -> anyhow::Result<()> {
    Migrator::down(db, Some(steps))
        .await
        .context("database rollback failed")
}
