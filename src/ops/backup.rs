//! Consistent backups of the embedded SQLite database while the server runs. `VACUUM INTO` copies one read
//! snapshot (WAL lets the server keep writing meanwhile), so every save committed before the backup began is
//! in the copy. The copy is written owner-only under a temporary name, verified (integrity check, migration
//! version, row counts) and only then renamed to its final name. On PostgreSQL, `pg_dump` is the tool: see
//! [`postgres_advice`].
use crate::config::Settings;
use anyhow::{Context, bail};
use sea_orm::sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
use sea_orm::sqlx::{self, Connection, SqliteConnection};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a verified backup holds.
#[derive(Debug)]
pub struct Verified {
    pub path: PathBuf,
    pub bytes: u64,
    /// The last migration applied in the copy.
    pub migration: String,
    /// Rows per table, by table name.
    pub counts: Vec<(String, i64)>,
}

impl fmt::Display for Verified {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Tệp: {} ({} byte)", self.path.display(), self.bytes)?;
        writeln!(f, "Kiểm tra toàn vẹn: ok")?;
        writeln!(f, "Phiên bản cấu trúc: {}", self.migration)?;
        let counts: Vec<String> = self
            .counts
            .iter()
            .map(|(t, n)| format!("{t} {n}"))
            .collect();
        write!(f, "Số dòng: {}", counts.join(", "))
    }
}

/// The settings key under which a backup carries the generated login-signing key, so that people stay logged in
/// across a restore.
pub const SECRET_KEY: &str = "backup_jwt_secret";

/// `cchc-quiz backup OUT` for the embedded database of `settings`. The signing key travels with the copy only
/// when it was generated (a configured `CCHC_JWT_SECRET` is kept by the operator with the other settings).
pub async fn of_settings(settings: &Settings, out: &Path) -> anyhow::Result<Verified> {
    let secret = match settings.jwt_secret {
        Some(_) => None,
        None => std::fs::read_to_string(settings.data_dir.join("jwt-secret")).ok(),
    };
    sqlite(
        &settings.sqlite_path(),
        out,
        secret.as_deref().map(str::trim),
    )
    .await
}

/// Copies the live database `live` into `out` (which must not exist), owner-only, and verifies the copy. With
/// `secret`, the generated signing key travels inside the copy (see [`SECRET_KEY`]).
pub async fn sqlite(live: &Path, out: &Path, secret: Option<&str>) -> anyhow::Result<Verified> {
    if !live.exists() {
        bail!("không có cơ sở dữ liệu tại {}", live.display());
    }
    if out.exists() {
        bail!("{} đã có; hãy chọn tên tệp khác", out.display());
    }
    let partial = partial_name(out);
    let _ = std::fs::remove_file(&partial);
    create_private(&partial)?;
    let result = copy_and_verify(live, &partial, secret).await;
    match result {
        Ok(mut verified) => {
            std::fs::rename(&partial, out)
                .with_context(|| format!("không đổi tên được thành {}", out.display()))?;
            sync_parent(out);
            verified.path = out.to_path_buf();
            Ok(verified)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}

async fn copy_and_verify(
    live: &Path,
    partial: &Path,
    secret: Option<&str>,
) -> anyhow::Result<Verified> {
    let mut conn = SqliteConnection::connect_with(
        &SqliteConnectOptions::new()
            .filename(live)
            .busy_timeout(Duration::from_secs(30)),
    )
    .await
    .with_context(|| format!("không mở được {}", live.display()))?;
    let target = partial.display().to_string().replace('\'', "''");
    // The target is our own path (quotes doubled); VACUUM INTO takes no bound parameter for it everywhere.
    sqlx::query(sqlx::AssertSqlSafe(format!("VACUUM INTO '{target}'")))
        .execute(&mut conn)
        .await
        .context("sao lưu (VACUUM INTO) thất bại")?;
    conn.close().await.ok();
    if let Some(secret) = secret {
        keep_secret(partial, secret).await?;
    }
    let verified = verify(partial).await?;
    std::fs::File::open(partial)?.sync_all()?;
    Ok(verified)
}

/// Opens a backup file on its own (rollback journal, so no side files stay next to it).
pub async fn open_copy(path: &Path) -> anyhow::Result<SqliteConnection> {
    SqliteConnection::connect_with(
        &SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Delete),
    )
    .await
    .with_context(|| {
        format!(
            "{} bị hỏng hoặc không phải là tệp cơ sở dữ liệu SQLite",
            path.display()
        )
    })
}

async fn keep_secret(path: &Path, secret: &str) -> anyhow::Result<()> {
    let mut conn = open_copy(path).await?;
    sqlx::query(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(SECRET_KEY)
    .bind(secret)
    .bind(chrono::Utc::now())
    .execute(&mut conn)
    .await
    .context("không ghi được khoá ký vào bản sao lưu")?;
    conn.close().await.ok();
    Ok(())
}

/// Integrity check, last migration and row counts of a backup file; an error says what is wrong with it.
pub async fn verify(path: &Path) -> anyhow::Result<Verified> {
    let bytes = std::fs::metadata(path)?.len();
    let mut conn = open_copy(path).await?;
    let problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_all(&mut conn)
        .await
        .with_context(|| format!("{} bị hỏng hoặc không phải cơ sở dữ liệu", path.display()))?;
    if problems != ["ok"] {
        let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
        bail!("{} bị hỏng: {}", path.display(), first.join("; "));
    }
    let migration: Option<String> =
        sqlx::query_scalar("SELECT version FROM seaql_migrations ORDER BY version DESC LIMIT 1")
            .fetch_optional(&mut conn)
            .await
            .with_context(|| format!("{} không phải bản sao lưu của cchc-quiz", path.display()))?;
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await?;
    let mut counts = Vec::with_capacity(tables.len());
    for table in tables {
        let sql = format!("SELECT COUNT(*) FROM \"{}\"", table.replace('"', "\"\""));
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(&mut conn)
            .await?;
        counts.push((table, n));
    }
    conn.close().await.ok();
    Ok(Verified {
        path: path.to_path_buf(),
        bytes,
        migration: migration.unwrap_or_else(|| "(chưa có)".into()),
        counts,
    })
}

fn partial_name(out: &Path) -> PathBuf {
    let mut name = out.file_name().unwrap_or_default().to_os_string();
    name.push(".partial");
    out.with_file_name(name)
}

/// An empty file only its owner can read (`VACUUM INTO` accepts an empty file and keeps its mode).
pub fn create_private(path: &Path) -> anyhow::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)
        .with_context(|| format!("không tạo được {}", path.display()))?;
    Ok(())
}

/// Makes a rename durable (best effort: not every file system lets a folder be opened).
pub fn sync_parent(path: &Path) {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
}

/// On PostgreSQL the server's own tools back up: what to run, after checking that the local `pg_dump` is not
/// older than the server (an older `pg_dump` refuses a newer server).
pub async fn postgres_advice(
    db: &sea_orm::DatabaseConnection,
    out: &Path,
) -> anyhow::Result<String> {
    use sea_orm::ConnectionTrait;
    let row = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SHOW server_version",
        ))
        .await?
        .context("PostgreSQL không trả lời phiên bản")?;
    let server: String = row.try_get("", "server_version")?;
    let server_major = major(&server);
    let tool = std::process::Command::new("pg_dump")
        .arg("--version")
        .output();
    let tool = tool
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    let mut text = format!(
        "Cơ sở dữ liệu là PostgreSQL {server}: sao lưu bằng pg_dump của PostgreSQL (phiên bản {server_major} trở lên):\n  \
         pg_dump --format=custom --file={out} \"$DATABASE_URL\"\n\
         Khôi phục vào một cơ sở dữ liệu trống:\n  pg_restore --no-owner --dbname=\"$DATABASE_URL\" {out}\n",
        out = out.display()
    );
    match tool {
        Some(v) if v.split_whitespace().last().map(major) >= Some(server_major) => {
            text.push_str(&format!("pg_dump trên máy này: {v} (dùng được)."));
        }
        Some(v) => text.push_str(&format!(
            "CẢNH BÁO: pg_dump trên máy này ({v}) cũ hơn máy chủ {server}; hãy cài bản {server_major} trở lên."
        )),
        None => text.push_str("CẢNH BÁO: máy này chưa có pg_dump (gói postgresql-client)."),
    }
    Ok(text)
}

fn major(version: &str) -> u32 {
    version
        .split(|c: char| !c.is_ascii_digit())
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}
