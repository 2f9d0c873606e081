//! `/api/v1/banks` and `/api/v1/questions`: import a file, list banks, export a bank, read questions with their
//! key, download the column template. Organisers import; organisers and judges read.
use super::upload::{self, Upload};
use crate::auth::CurrentUser;
use crate::banks::{Format, Source, export, slugify};
use crate::error::{AppError, AppResult};
use crate::startup::AppState;
use crate::store;
use actix_multipart::Multipart;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/banks", web::get().to(list))
        .route("/banks/import", web::post().to(import))
        .route("/banks/template.xlsx", web::get().to(template_xlsx))
        .route("/banks/template.csv", web::get().to(template_csv))
        .route("/banks/{slug}/export", web::get().to(export_bank))
        .route("/questions", web::get().to(questions));
}

async fn list(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    Ok(HttpResponse::Ok().json(store::banks::summaries(&state.db).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionsQuery {
    bank: Option<String>,
    topic: Option<String>,
}

async fn questions(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<QuestionsQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let list =
        store::banks::questions(&state.db, query.bank.as_deref(), query.topic.as_deref()).await?;
    Ok(HttpResponse::Ok().json(list))
}

async fn import(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    let Upload {
        file_name,
        bytes,
        format,
        bank,
    } = upload::read(&req, payload).await?;
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
    let parsed = web::block(move || {
        crate::banks::parse(
            format,
            &Source {
                file: &parse_name,
                bank: bank.as_deref(),
            },
            &bytes,
        )
        .map(|mut p| {
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
        let report = crate::banks::ImportReport {
            bank: parsed.bank.slug,
            skipped: parsed.skipped,
            rejected: parsed.rejected,
            ..Default::default()
        };
        return Ok(HttpResponse::UnprocessableEntity().json(serde_json::json!({
            "error": {"code": "import_rejected", "message": "Tệp không có câu hỏi nào hợp lệ; chưa nhập gì."},
            "report": report,
        })));
    }
    let source = format!("tải lên: {file_name}");
    let retire_missing = parsed.rejected.is_empty();
    let mut report =
        store::banks::upsert_bank_with(&state.db, &parsed.bank, &source, retire_missing).await?;
    report.rejected = parsed.rejected;
    report.skipped = parsed.skipped;
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    format: Option<String>,
}

async fn export_bank(
    state: web::Data<AppState>,
    user: CurrentUser,
    slug: web::Path<String>,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let bank = store::banks::bank_as_parsed(&state.db, &slug).await?;
    match query.format.as_deref().unwrap_or("toml") {
        "toml" => Ok(attachment(
            &format!("{}.toml", bank.slug),
            "application/toml; charset=utf-8",
            export::to_toml(&bank).into_bytes(),
        )),
        "xlsx" => {
            let bytes = export::to_xlsx(&bank).map_err(|e| anyhow::anyhow!("xlsx export: {e}"))?;
            Ok(attachment(&format!("{}.xlsx", bank.slug), XLSX_TYPE, bytes))
        }
        _ => Err(AppError::invalid(
            "format",
            "Định dạng xuất chỉ có thể là toml hoặc xlsx.",
        )),
    }
}

async fn template_xlsx(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let bytes = export::template_xlsx().map_err(|e| anyhow::anyhow!("xlsx template: {e}"))?;
    Ok(attachment("mau-ngan-hang-cau-hoi.xlsx", XLSX_TYPE, bytes))
}

async fn template_csv(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    Ok(attachment(
        "mau-ngan-hang-cau-hoi.csv",
        "text/csv; charset=utf-8",
        crate::banks::csv::template(),
    ))
}

fn attachment(file_name: &str, content_type: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, content_type.to_owned()))
        .insert_header((
            CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(bytes)
}
