//! `/tai-lieu` (the reference documents, for everyone), `/tai-lieu/{id}` (an uploaded PDF) and `/quan-tri/tai-lieu`
//! (organisers add a link or a PDF and remove one: the same use cases as `/api/v1/documents`).
use super::{explain, html, see_other};
use crate::app::{self, AppState};
use crate::auth::{MaybeUser, PageUser};
use crate::error::{AppError, PageResult};
use crate::routes::upload;
use crate::store::documents::{self, MAX_PDF_BYTES, NewLink};
use crate::web::pages::documents as view;
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tai-lieu", web::get().to(list))
        .route("/tai-lieu/{id}", web::get().to(pdf))
        .route("/quan-tri/tai-lieu", web::get().to(manage))
        .route("/quan-tri/tai-lieu/lien-ket", web::post().to(add_link))
        .route("/quan-tri/tai-lieu/tai-len", web::post().to(upload_pdf))
        .route("/quan-tri/tai-lieu/{id}/xoa", web::post().to(remove));
}

async fn list(state: web::Data<AppState>, user: MaybeUser) -> PageResult<Markup> {
    let docs = documents::list(&state.db).await?;
    Ok(view::list(user.0.as_ref().map(|u| &u.user), &docs))
}

/// The PDF, shown in the browser; its name kept for saving.
async fn pdf(state: web::Data<AppState>, path: web::Path<i64>) -> PageResult<HttpResponse> {
    let (name, bytes) = documents::pdf(&state.db, *path).await?;
    // RFC 5987 wants %20 for a space; form encoding writes '+' (a '+' in the name itself is %2B).
    let encoded = form_urlencoded::byte_serialize(name.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!(
                "inline; filename=\"tai-lieu-{}.pdf\"; filename*=UTF-8''{encoded}",
                *path
            ),
        ))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(bytes))
}

/// The organisers' page, with the outcome of the last action (`?da-them=1`, `?da-xoa=1`).
async fn manage(
    state: web::Data<AppState>,
    user: PageUser,
    q: web::Query<HashMap<String, String>>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let message = if q.contains_key("da-them") {
        Some(("ok", "Đã thêm tài liệu."))
    } else if q.contains_key("da-xoa") {
        Some(("ok", "Đã xoá tài liệu."))
    } else {
        None
    };
    page(&state, &user, message).await
}

async fn page(
    state: &AppState,
    user: &PageUser,
    message: Option<(&str, &str)>,
) -> PageResult<Markup> {
    let docs = documents::list(&state.db).await?;
    Ok(view::manage(
        user,
        &user.csrf_token(&state.keys),
        &docs,
        message,
    ))
}

/// A refused addition: the page again, with the reason (422).
async fn refused(state: &AppState, user: &PageUser, e: AppError) -> PageResult<HttpResponse> {
    match e {
        AppError::Validation(_) | AppError::BadRequest(_) | AppError::PayloadTooLarge => {
            let why = match e {
                AppError::PayloadTooLarge => {
                    format!("Tệp lớn quá {} MB.", MAX_PDF_BYTES / 1024 / 1024)
                }
                ref other => explain(other),
            };
            let shown = page(state, user, Some(("error", &why))).await?;
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, shown))
        }
        other => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct LinkForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    url: String,
}

async fn add_link(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<LinkForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let link = NewLink {
        title: form.title.clone(),
        url: form.url.clone(),
    };
    match app::documents::add_link(&state, &user, &link).await {
        Ok(_) => Ok(see_other("/quan-tri/tai-lieu?da-them=1")),
        Err(e) => refused(&state, &user, e).await,
    }
}

async fn upload_pdf(
    state: web::Data<AppState>,
    user: PageUser,
    req: HttpRequest,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let upload = match upload::read(&req, payload, MAX_PDF_BYTES).await {
        Ok(upload) => upload,
        Err(e) => return refused(&state, &user, e).await,
    };
    user.verify_csrf(&state.keys, upload.text("csrf").unwrap_or(""))?;
    let title = upload.text("title").unwrap_or("").to_owned();
    let Some((name, bytes)) = upload.file else {
        return refused(
            &state,
            &user,
            AppError::invalid("file", "Vui lòng chọn tệp PDF."),
        )
        .await;
    };
    match app::documents::add_pdf(&state, &user, &title, &name, bytes).await {
        Ok(_) => Ok(see_other("/quan-tri/tai-lieu?da-them=1")),
        Err(e) => refused(&state, &user, e).await,
    }
}

async fn remove(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<super::CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    app::documents::remove(&state, &user, *path).await?;
    Ok(see_other("/quan-tri/tai-lieu?da-xoa=1"))
}
