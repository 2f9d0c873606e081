//! `cchc-quiz restore FILE`: puts a verified backup in place as the embedded database of an empty data folder.
//! A file that is corrupt, not a cchc-quiz database, or made by a newer version (a migration this binary does
//! not know) is refused with the reason, and nothing is written.
use super::backup::{self, Verified};
use crate::config::Settings;
use anyhow::{Context, bail};
use migration::{Migrator, MigratorTrait};
use sea_orm::sqlx::{self, Connection};
use std::path::Path;

/// `cchc-quiz restore FILE` into the (empty) data folder of `settings`.
pub async fn of_settings(settings: &Settings, file: &Path) -> anyhow::Result<Verified> {
    let secret_file = settings.data_dir.join("jwt-secret");
    sqlite(file, &settings.sqlite_path(), &secret_file).await
}

/// Restores `file` as `target` (the embedded database file); a generated signing key carried by the backup is
/// written to `secret_file` when that file does not exist yet.
pub async fn sqlite(file: &Path, target: &Path, secret_file: &Path) -> anyhow::Result<Verified> {
    if !file.is_file() {
        bail!("không tìm thấy tệp sao lưu {}", file.display());
    }
    let verified = backup::verify(file).await?;
    refuse_newer_schema(file).await?;
    refuse_existing(target)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("không tạo được thư mục {}", dir.display()))?;
    }
    let partial = target.with_extension("restoring");
    let _ = std::fs::remove_file(&partial);
    backup::create_private(&partial)?;
    let copied = std::fs::read(file)
        .and_then(|bytes| std::fs::write(&partial, bytes))
        .and_then(|()| std::fs::File::open(&partial)?.sync_all());
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(e).with_context(|| format!("không chép được vào {}", partial.display()));
    }
    std::fs::rename(&partial, target)?;
    backup::sync_parent(target);
    restore_secret(target, secret_file).await?;
    Ok(Verified {
        path: target.to_path_buf(),
        ..verified
    })
}

/// Every migration recorded in the file must be one this binary has; otherwise the file comes from a newer
/// version whose tables this one would misread.
async fn refuse_newer_schema(file: &Path) -> anyhow::Result<()> {
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    let mut conn = backup::open_copy(file).await?;
    let applied: Vec<String> = sqlx::query_scalar("SELECT version FROM seaql_migrations")
        .fetch_all(&mut conn)
        .await
        .with_context(|| format!("{} không phải bản sao lưu của cchc-quiz", file.display()))?;
    conn.close().await.ok();
    if let Some(unknown) = applied.iter().find(|v| !known.contains(v)) {
        bail!(
            "{} được tạo bởi phiên bản cchc-quiz mới hơn (có bản cập nhật cấu trúc {unknown} mà phiên bản \
             này không có); hãy khôi phục bằng phiên bản mới hơn",
            file.display()
        );
    }
    Ok(())
}

fn refuse_existing(target: &Path) -> anyhow::Result<()> {
    let wal = target.with_extension("sqlite-wal");
    if target.exists() || wal.exists() {
        bail!(
            "{} đã có cơ sở dữ liệu; chỉ khôi phục vào một thư mục dữ liệu trống (dừng máy chủ, chuyển \
             thư mục cũ sang chỗ khác, rồi chạy lại)",
            target.parent().unwrap_or(target).display()
        );
    }
    Ok(())
}

async fn restore_secret(target: &Path, secret_file: &Path) -> anyhow::Result<()> {
    let mut conn = backup::open_copy(target).await?;
    let secret: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(backup::SECRET_KEY)
        .fetch_optional(&mut conn)
        .await
        .unwrap_or(None);
    conn.close().await.ok();
    let Some(secret) = secret.filter(|s| s.len() >= 16) else {
        return Ok(());
    };
    if secret_file.exists() {
        return Ok(());
    }
    backup::create_private(secret_file)?;
    std::fs::write(secret_file, secret)
        .with_context(|| format!("không ghi được {}", secret_file.display()))
}
