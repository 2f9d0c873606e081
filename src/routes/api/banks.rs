//! `/api/v1/banks` and `/api/v1/questions`: import a file, list banks, export a bank, read questions with their
//! key, download the column template. Organisers import; organisers and judges read.
use crate::app::banks::{BankFile, Imported};
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::banks::ImportReport;
use crate::banks::export;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::routes::upload;
use crate::store;
use crate::store::banks::{BankSummary, QuestionFilter, QuestionState, QuestionView};
use actix_multipart::Multipart;
use actix_web::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/banks", web::get().to(list))
        .route("/banks/import", web::post().to(import))
        .route("/banks/template.xlsx", web::get().to(template_xlsx))
        .route("/banks/template.csv", web::get().to(template_csv))
        .route("/banks/{slug}/export", web::get().to(export_bank))
        .route("/questions", web::get().to(questions))
        .route("/questions/{id}/withdraw", web::post().to(withdraw))
        .route("/questions/{id}/restore", web::post().to(restore));
}

/// Question banks with their number of questions in use and their topics (organisers and judges).
#[utoipa::path(get, path = "/api/v1/banks", tag = "banks", security(("bearer" = [])),
    responses((status = 200, body = [BankSummary]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn list(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    Ok(HttpResponse::Ok().json(store::banks::summaries(&state.db).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct QuestionsQuery {
    /// Bank id (slug).
    bank: Option<String>,
    topic: Option<String>,
    /// Also the questions no longer drawn (withdrawn by hand or dropped from the bank's file); default false.
    include_retired: Option<bool>,
}

/// The multipart form of an import.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct ImportForm {
    /// The file; its extension tells the format unless `format` is given.
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
    /// toml, xlsx, csv, aiken, gift or xml.
    format: Option<String>,
    /// Bank id for formats that do not name one (default: the file name).
    bank: Option<String>,
}

/// Questions at their current version, with options and which are correct (organisers and judges); only those in
/// use unless `include_retired` is true.
#[utoipa::path(get, path = "/api/v1/questions", tag = "banks", params(QuestionsQuery), security(("bearer" = [])),
    responses((status = 200, body = [QuestionView]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
pub async fn questions(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<QuestionsQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let filter = QuestionFilter {
        bank: query.bank.as_deref(),
        topic: query.topic.as_deref(),
        include_retired: query.include_retired.unwrap_or(false),
    };
    let list = store::banks::questions_where(&state.db, &filter).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// Withdraws a question from new draws: attempts that already hold it keep it (organisers). Refused with 409 when
/// a round that has not ended could no longer draw its attempts; nothing is changed then.
#[utoipa::path(post, path = "/api/v1/questions/{id}/withdraw", tag = "banks", params(("id" = i64, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = QuestionState), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let saved = app::banks::set_withdrawn(&state, &user, id.into_inner(), true).await?;
    Ok(HttpResponse::Ok().json(saved))
}

/// Puts a withdrawn question back into the draw (organisers). A question its bank's file no longer holds: 409
/// (import a file that holds it).
#[utoipa::path(post, path = "/api/v1/questions/{id}/restore", tag = "banks", params(("id" = i64, Path)),
    security(("bearer" = [])),
    responses((status = 200, body = QuestionState), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn restore(
    state: web::Data<AppState>,
    user: CurrentUser,
    id: web::Path<i64>,
) -> AppResult<HttpResponse> {
    let saved = app::banks::set_withdrawn(&state, &user, id.into_inner(), false).await?;
    Ok(HttpResponse::Ok().json(saved))
}

/// Imports a question file (TOML, XLSX, CSV, Aiken, GIFT, Moodle XML) into a bank; answers the report
/// (organisers only). The report lists the checker's `findings` about the file (read together with the other
/// banks); a question with an error finding is rejected. Only rejected questions: 422 with the report;
/// unreadable file: 400; over 10 MB: 413.
#[utoipa::path(post, path = "/api/v1/banks/import", tag = "banks", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", content = ImportForm),
    responses((status = 200, body = ImportReport), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn import(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    let upload = upload::read(&req, payload, upload::BANK_LIMIT).await?;
    let (file_name, bytes) = upload
        .file
        .clone()
        .ok_or_else(|| AppError::invalid("file", "Chưa chọn tệp để nhập (trường \"file\")."))?;
    let file = BankFile {
        file_name,
        bytes,
        format: upload.text("format").map(str::to_owned),
        bank: upload.text("bank").map(str::to_owned),
    };
    let Imported { report, accepted } = app::banks::import(&state, &user, file).await?;
    if !accepted {
        return Ok(HttpResponse::UnprocessableEntity().json(serde_json::json!({
            "error": {"code": "import_rejected", "message": "Tệp không có câu hỏi nào hợp lệ; chưa nhập gì."},
            "report": report,
        })));
    }
    Ok(HttpResponse::Ok().json(report))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `toml` (default) or `xlsx`.
    format: Option<String>,
}

/// A bank as a native TOML or XLSX file (organisers and judges).
#[utoipa::path(get, path = "/api/v1/banks/{slug}/export", tag = "banks", params(("slug" = String, Path), ExportQuery),
    security(("bearer" = [])),
    responses((status = 200, description = "the file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn export_bank(
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

/// The XLSX column template with one example row.
#[utoipa::path(get, path = "/api/v1/banks/template.xlsx", tag = "banks", security(("bearer" = [])),
    responses((status = 200, content_type = XLSX_TYPE, body = Vec<u8>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn template_xlsx(user: CurrentUser) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let bytes = export::template_xlsx().map_err(|e| anyhow::anyhow!("xlsx template: {e}"))?;
    Ok(attachment("mau-ngan-hang-cau-hoi.xlsx", XLSX_TYPE, bytes))
}

/// The CSV column template with one example row (UTF-8 with BOM).
#[utoipa::path(get, path = "/api/v1/banks/template.csv", tag = "banks", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", body = String), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody)))]
pub async fn template_csv(user: CurrentUser) -> AppResult<HttpResponse> {
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
