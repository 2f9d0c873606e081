//! `/api/v1/staff`: the roster. Organisers import, search and change it; judges may read it without personal
//! data; a participant may read only their own record.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::domain::roster;
use crate::error::ErrorBody;
use crate::error::{AppError, AppResult};
use crate::routes::upload;
use crate::store::people::accounts::{self, StaffView};
use crate::store::people::edits::StaffChange;
use crate::store::people::roster::{ImportReport, Slip};
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/staff", web::get().to(list))
        .route("/staff/import", web::post().to(import))
        .route("/staff/template", web::get().to(template))
        .route("/staff/{id}", web::get().to(one))
        .route("/staff/{id}", web::patch().to(update))
        .route("/staff/{id}/reset-password", web::post().to(reset_password))
        .route("/staff/{id}/approve", web::post().to(approve));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct StaffQuery {
    pub q: Option<String>,
    pub unit: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/staff", tag = "staff", security(("bearer" = [])), params(StaffQuery), responses((status = 200, body = Vec<StaffView>), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<StaffQuery>,
) -> AppResult<web::Json<Vec<StaffView>>> {
    user.require_contest_staff()?;
    let found = accounts::search(&state.db, query.q.as_deref(), query.unit, 5000).await?;
    Ok(web::Json(
        found.into_iter().map(|s| s.for_viewer(user.role)).collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/staff/{id}", tag = "staff", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 200, body = StaffView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody)))]
pub async fn one(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<StaffView>> {
    let id = path.into_inner();
    if user.id != id {
        user.require_contest_staff()?;
    }
    let found = StaffView::from(accounts::find(&state.db, id).await?);
    Ok(web::Json(found.for_viewer(user.role)))
}

/// Changes a person's name, unit, position, email, phone, role or status (organisers); absent fields stay, an
/// empty position, email or phone clears it. Locking, unlocking or a new role ends the person's sessions at once.
#[utoipa::path(patch, path = "/api/v1/staff/{id}", tag = "staff", security(("bearer" = [])), params(("id" = i64, Path)), request_body = StaffChange, responses((status = 200, body = StaffView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody), (status = 409, description = "Không thể tự hạ quyền hoặc tự khoá tài khoản của mình", body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<StaffChange>,
) -> AppResult<web::Json<StaffView>> {
    let saved = app::people::update(&state, &user, *path, &body).await?;
    Ok(web::Json(saved))
}

#[utoipa::path(post, path = "/api/v1/staff/{id}/reset-password", tag = "staff", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 200, body = Slip), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody)))]
pub async fn reset_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<Slip>> {
    let slip = app::people::reset_password(&state, &user, *path).await?;
    Ok(web::Json(slip))
}

/// Approves a self-registered account (organisers): from now on the person counts for their unit.
#[utoipa::path(post, path = "/api/v1/staff/{id}/approve", tag = "staff", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 200, body = StaffView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody), (status = 409, description = "Không phải tài khoản chờ duyệt", body = ErrorBody)))]
pub async fn approve(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<StaffView>> {
    let saved = app::people::approve(&state, &user, *path).await?;
    Ok(web::Json(saved))
}

#[utoipa::path(post, path = "/api/v1/staff/import", tag = "staff", security(("bearer" = [])), request_body(content = RosterUpload, content_type = "multipart/form-data"), responses((status = 200, body = ImportReport), (status = 400, body = ErrorBody), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 413, body = ErrorBody)))]
pub async fn import(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    payload: Multipart,
) -> AppResult<web::Json<ImportReport>> {
    user.require_organiser()?;
    let upload = upload::read(&req, payload, upload::ROSTER_LIMIT).await?;
    let (name, bytes) = upload
        .file
        .ok_or_else(|| AppError::bad_request("Vui lòng chọn tệp danh sách (trường \"file\")."))?;
    let report = app::people::import_roster(&state, &user, &name, &bytes).await?;
    Ok(web::Json(report))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TemplateQuery {
    pub format: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/staff/template", tag = "staff", security(("bearer" = [])), params(TemplateQuery), responses((status = 200, description = "Tệp mẫu CSV hoặc XLSX"), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody)))]
pub async fn template(
    user: CurrentUser,
    query: web::Query<TemplateQuery>,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    template_response(query.format.as_deref() == Some("xlsx"))
}

/// The roster template, CSV or XLSX, as a download.
pub fn template_response(xlsx: bool) -> AppResult<HttpResponse> {
    let (body, kind, name) = if xlsx {
        (
            xlsx_template()?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "mau-danh-sach-can-bo.xlsx",
        )
    } else {
        (
            roster::csv_template().into_bytes(),
            "text/csv; charset=utf-8",
            "mau-danh-sach-can-bo.csv",
        )
    };
    Ok(HttpResponse::Ok()
        .content_type(kind)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body))
}

fn xlsx_template() -> AppResult<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let text = rust_xlsxwriter::Format::new().set_num_format("@");
    let example = [
        "TTT001",
        "Nguyễn Văn An",
        "TTT",
        "Chánh Thanh tra",
        "an.nv@example.gov.vn",
        "0912345678",
        "001089012345",
    ];
    for (col, (header, value)) in roster::HEADERS.iter().zip(example).enumerate() {
        let col = col as u16;
        let fail = |e: rust_xlsxwriter::XlsxError| AppError::Internal(anyhow::anyhow!("xlsx: {e}"));
        sheet.set_column_format(col, &text).map_err(fail)?;
        sheet.set_column_width(col, 20).map_err(fail)?;
        sheet.write_string(0, col, *header).map_err(fail)?;
        sheet.write_string(1, col, value).map_err(fail)?;
    }
    book.save_to_buffer()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("xlsx: {e}")))
}

/// The roster upload as documented: one CSV or XLSX file in the `file` field.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct RosterUpload {
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}
