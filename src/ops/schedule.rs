//! Scheduled backups from the running server (`--backup-every 6h --backup-keep 14`): each one is taken and
//! verified like `cchc-quiz backup`, named by its UTC time so names sort by age, and only after a new one is
//! verified are the oldest beyond the retention count deleted.
use super::backup;
use crate::config::Settings;
use chrono::Utc;
use std::path::{Path, PathBuf};

const PREFIX: &str = "cchc-quiz-";
const SUFFIX: &str = ".sqlite";

/// Starts the schedule when one is configured; on PostgreSQL it only says that `pg_dump` is the tool.
pub fn spawn(settings: &Settings) {
    let Some(every) = settings.backup_every else {
        return;
    };
    if settings.is_postgres() {
        tracing::warn!("--backup-every chỉ dùng cho SQLite; trên PostgreSQL hãy lên lịch pg_dump");
        return;
    }
    let settings = settings.clone();
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.tick().await; // the first tick is now; the first backup is one period after the start
        loop {
            ticks.tick().await;
            match once(&settings).await {
                Ok(path) => tracing::info!(path = %path.display(), "đã sao lưu theo lịch"),
                Err(e) => tracing::error!(error = %format!("{e:#}"), "sao lưu theo lịch thất bại"),
            }
        }
    });
}

/// One scheduled backup, then the retention.
pub async fn once(settings: &Settings) -> anyhow::Result<PathBuf> {
    let dir = settings.backup_dir();
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
    }
    let name = format!(
        "{PREFIX}{}{SUFFIX}",
        Utc::now().format("%Y%m%dT%H%M%S%.3fZ")
    );
    let out = dir.join(name);
    backup::of_settings(settings, &out).await?;
    prune(&dir, settings.backup_keep.max(1))?;
    Ok(out)
}

/// Deletes the oldest scheduled backups beyond `keep`, and any partial file a stop left behind.
fn prune(dir: &Path, keep: usize) -> anyhow::Result<()> {
    let mut backups = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.starts_with(PREFIX) {
            continue;
        }
        if name.ends_with(SUFFIX) {
            backups.push(path);
        } else if name.ends_with(".partial") {
            let _ = std::fs::remove_file(&path);
        }
    }
    backups.sort();
    let excess = backups.len().saturating_sub(keep);
    for old in &backups[..excess] {
        std::fs::remove_file(old)?;
    }
    Ok(())
}
