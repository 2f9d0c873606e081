//! Importing a question bank from an uploaded file (parsed off the async workers, reviewed and stored in one
//! transaction: nothing half-imported) and withdrawing or restoring one question; both count for the very next
//! draw.
use super::AppState;
use crate::auth::AuthUser;
use crate::banks::{Format, ImportReport, Source, slugify};
use crate::error::{AppError, AppResult};
use crate::store;
use crate::store::banks::QuestionState;
use sea_orm::TransactionTrait;

/// An uploaded bank file.
pub struct BankFile {
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The format's name as chosen by the uploader; guessed from the file name when empty.
    pub format: Option<String>,
    /// The bank to import into; the file's own (or its name) when empty.
    pub bank: Option<String>,
}

/// What an import did. `accepted` is false when the file held no usable question: nothing was written.
pub struct Imported {
    pub report: ImportReport,
    pub accepted: bool,
}

pub async fn import(state: &AppState, actor: &AuthUser, file: BankFile) -> AppResult<Imported> {
    actor.require_organiser()?;
    let BankFile {
        file_name,
        bytes,
        format,
        bank,
    } = file;
    let format = match format.as_deref().filter(|f| !f.trim().is_empty()) {
        Some(f) => Format::from_name(f),
        None => Format::from_file_name(&file_name),
    }
    .ok_or_else(|| {
        AppError::invalid(
            "format",
            "Không nhận ra định dạng tệp. Dùng .toml, .xlsx, .csv, .txt (Aiken), .gift hoặc .xml (Moodle).",
        )
    })?;
    let parse_name = file_name.clone();
    let parsed = tokio::task::spawn_blocking(move || {
        let source = Source {
            file: &parse_name,
            bank: bank.as_deref(),
        };
        crate::banks::parse(format, &source, &bytes).map(|mut p| {
            if let Some(b) = &bank {
                p.bank.slug = slugify(b);
            }
            p
        })
    })
    .await
    .map_err(|e| anyhow::anyhow!("parse task failed: {e}"))?
    .map_err(|problem| AppError::bad_request(problem.message))?;
    if parsed.bank.questions.is_empty() {
        let report = ImportReport {
            bank: parsed.bank.slug,
            skipped: parsed.skipped,
            rejected: parsed.rejected,
            ..Default::default()
        };
        return Ok(Imported {
            report,
            accepted: false,
        });
    }
    let source = format!("tải lên: {file_name}");
    let dir = &state.settings.questions_dir;
    let report = store::banks::import_reviewed(&state.db, dir, &file_name, &source, parsed).await?;
    // New versions and retired questions count for the very next draw on this instance.
    state.caches.content.forget_pools();
    // The home page counts the active questions and names the topics.
    super::home::forget(state);
    let accepted = report.imported + report.updated + report.unchanged > 0;
    Ok(Imported { report, accepted })
}

/// Withdraws a question from new draws (`withdrawn` true) or restores it (organisers). Refused, with nothing
/// written, when a round that has not ended could then no longer draw its attempts.
pub async fn set_withdrawn(
    state: &AppState,
    actor: &AuthUser,
    question_id: i64,
    withdrawn: bool,
) -> AppResult<QuestionState> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let saved = store::banks::set_withdrawn(&txn, actor.id, question_id, withdrawn).await?;
    if withdrawn {
        store::rounds::check_still_drawable(&txn).await?;
    }
    txn.commit().await?;
    state.caches.content.forget_pools();
    // The home page counts the active questions and names the topics.
    super::home::forget(state);
    Ok(saved)
}
