//! Loading the questions folder at start-up: every `*.toml`, each in its own transaction; a broken file is
//! logged with every problem and skipped so that the server still starts with the others.
use super::upsert_bank;
use crate::banks::{Format, Problem, Source};
use sea_orm::DatabaseConnection;
use std::path::Path;

/// Loads every `*.toml` of `dir`. A broken file is logged with its problems and skipped; the others load.
pub async fn load_folder_at_startup(db: &DatabaseConnection, dir: &Path) -> anyhow::Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        tracing::warn!(dir = %dir.display(), "thư mục câu hỏi không đọc được; không nạp ngân hàng nào");
        return Ok(());
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        // The register of replaced documents lives beside the banks but is not one.
        .filter(|p| !crate::banks::review::register::is_register(p))
        .collect();
    files.sort();
    for path in files {
        let name = path.display().to_string();
        let parsed = std::fs::read(&path)
            .map_err(|e| Problem::new(&name, 0, format!("Không đọc được tệp: {e}")))
            .and_then(|bytes| {
                crate::banks::parse(
                    Format::Toml,
                    &Source {
                        file: &name,
                        bank: None,
                    },
                    &bytes,
                )
            });
        match parsed {
            Ok(p) if p.rejected.is_empty() => {
                let report = upsert_bank(db, &p.bank, &name).await?;
                tracing::info!(file = %name, imported = report.imported, updated = report.updated,
                    retired = report.retired, "đã nạp ngân hàng câu hỏi");
            }
            Ok(p) => {
                for problem in &p.rejected {
                    tracing::error!("{problem}");
                }
                tracing::error!(file = %name, "tệp câu hỏi có lỗi, bỏ qua tệp này");
            }
            Err(problem) => tracing::error!("{problem}"),
        }
    }
    Ok(())
}
