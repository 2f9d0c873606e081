//! Connecting to the database (embedded SQLite by default, PostgreSQL by URL) and applying migrations.
use crate::config::{Settings, SqliteSync};
use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::time::Duration;

pub async fn connect(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if let Some(file) = settings.sqlite_file() {
        private_sqlite_file(&file)
            .with_context(|| format!("cannot prepare the database file {}", file.display()))?;
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

/// The database, its WAL and shared-memory files hold CCCD numbers, phones and password hashes: owner-only,
/// in an owner-only folder (existing installs are tightened too).
fn private_sqlite_file(file: &std::path::Path) -> std::io::Result<()> {
    if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
        crate::private_files::ensure_dir(dir)?;
    }
    crate::private_files::ensure_file(file)?;
    for suffix in ["-wal", "-shm"] {
        let mut side = file.as_os_str().to_owned();
        side.push(suffix);
        crate::private_files::restrict_if_present(std::path::Path::new(&side))?;
    }
    Ok(())
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
