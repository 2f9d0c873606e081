//! `/api/v1/documents`: the reference documents (tài liệu tham khảo). Everyone reads the list; organisers add a
//! link or a PDF and remove them. A PDF itself is served at `/tai-lieu/{id}`.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::routes::upload;
use crate::store::documents::{self, DocumentView, MAX_PDF_BYTES, NewLink};
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/documents", web::get().to(list))
        .route("/documents", web::post().to(add_link))
        .route("/documents/upload", web::post().to(upload_pdf))
        .route("/documents/{id}", web::delete().to(remove));
}

/// The documents to study, in the organisers' order (no login needed).
#[utoipa::path(get, path = "/api/v1/documents", tag = "documents", security((), ("bearer" = [])), responses((status = 200, body = Vec<DocumentView>)))]
pub async fn list(state: web::Data<AppState>) -> AppResult<web::Json<Vec<DocumentView>>> {
    Ok(web::Json(documents::list(&state.db).await?))
}

/// Adds a link (http or https) to a document published elsewhere (organisers).
#[utoipa::path(post, path = "/api/v1/documents", tag = "documents", security(("bearer" = [])), request_body = NewLink, responses((status = 201, body = DocumentView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody)))]
pub async fn add_link(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewLink>,
) -> AppResult<HttpResponse> {
    let added = app::documents::add_link(&state, &user, &body).await?;
    Ok(HttpResponse::Created().json(added))
}

/// The upload as documented: a title and one PDF file.
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct DocumentUpload {
    title: String,
    #[schema(value_type = String, format = Binary)]
    file: Vec<u8>,
}

/// Adds an uploaded PDF, at most 10 MiB (organisers); anything that is not a PDF is refused.
#[utoipa::path(post, path = "/api/v1/documents/upload", tag = "documents", security(("bearer" = [])), request_body(content = DocumentUpload, content_type = "multipart/form-data"), responses((status = 201, body = DocumentView), (status = 400, body = ErrorBody), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, description = "Không phải PDF hoặc thiếu tên", body = ErrorBody)))]
pub async fn upload_pdf(
    state: web::Data<AppState>,
    user: CurrentUser,
    req: HttpRequest,
    payload: Multipart,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    let upload = upload::read(&req, payload, MAX_PDF_BYTES).await?;
    let title = upload.text("title").unwrap_or("").to_owned();
    let (name, bytes) = upload
        .file
        .ok_or_else(|| AppError::bad_request("Vui lòng chọn tệp PDF (trường \"file\")."))?;
    let added = app::documents::add_pdf(&state, &user, &title, &name, bytes).await?;
    Ok(HttpResponse::Created().json(added))
}

/// Removes a document from the list (organisers).
#[utoipa::path(delete, path = "/api/v1/documents/{id}", tag = "documents", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 204, description = "Đã xoá"), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody)))]
pub async fn remove(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<HttpResponse> {
    app::documents::remove(&state, &user, *path).await?;
    Ok(HttpResponse::NoContent().finish())
}
