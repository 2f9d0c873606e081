//! `backup` and `restore`: what they print and how they exit.
use crate::config::Settings;
use crate::db;
use crate::ops::{backup, restore};
use std::path::Path;
use std::process::ExitCode;

/// SQLite: a verified copy at `out`. PostgreSQL: what to run with `pg_dump`, after checking its version.
pub async fn backup(settings: &Settings, out: &Path) -> anyhow::Result<ExitCode> {
    if settings.is_postgres() {
        let conn = db::connect(settings).await?;
        println!("{}", backup::postgres_advice(&conn, out).await?);
        return Ok(ExitCode::SUCCESS);
    }
    let verified = backup::of_settings(settings, out).await?;
    println!("Đã sao lưu và kiểm tra bản sao lưu.\n{verified}");
    Ok(ExitCode::SUCCESS)
}

/// SQLite: the backup becomes the database of an empty data folder. PostgreSQL: what to run with `pg_restore`.
pub async fn restore(settings: &Settings, file: &Path) -> anyhow::Result<ExitCode> {
    if settings.is_postgres() {
        eprintln!(
            "Cơ sở dữ liệu là PostgreSQL: khôi phục bằng pg_restore vào một cơ sở dữ liệu trống:\n  \
             pg_restore --no-owner --dbname=\"$DATABASE_URL\" {}",
            file.display()
        );
        return Ok(ExitCode::FAILURE);
    }
    let verified = restore::of_settings(settings, file).await?;
    println!(
        "Đã khôi phục. Khởi động lại máy chủ với thư mục dữ liệu {}.\n{verified}",
        settings.data_dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
