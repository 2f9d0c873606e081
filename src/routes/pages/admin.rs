//! `/quan-tri`: the organiser dashboard and the roster import page.
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::routes::api::staff::{read_upload, template_response};
use crate::startup::AppState;
use crate::store::roster;
use crate::store::settings::{self, SettingsChange};
use crate::web::pages::admin;
use actix_multipart::Multipart;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri", web::get().to(dashboard))
        .route("/quan-tri/cai-dat", web::post().to(save_settings))
        .route("/quan-tri/nhap-danh-sach", web::get().to(import_form))
        .route("/quan-tri/nhap-danh-sach", web::post().to(import))
        .route(
            "/quan-tri/nhap-danh-sach/mau.csv",
            web::get().to(template_csv),
        )
        .route(
            "/quan-tri/nhap-danh-sach/mau.xlsx",
            web::get().to(template_xlsx),
        );
}

async fn dashboard(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    let current = settings::load(&state.db).await?;
    Ok(admin::dashboard(
        &user.user,
        &user.csrf_token(&state),
        &current,
    ))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    self_registration: Option<String>,
    #[serde(default)]
    min_participation_rate: String,
}

async fn save_settings(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<SettingsForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state, &form.csrf)?;
    let rate = form.min_participation_rate.trim();
    let rate = if rate.is_empty() {
        0.0
    } else {
        rate.replace(',', ".")
            .parse()
            .map_err(|_| AppError::bad_request("Tỷ lệ tham gia tối thiểu phải là một số."))?
    };
    let change = SettingsChange {
        self_registration: Some(form.self_registration.is_some()),
        min_participation_rate: Some(rate),
    };
    settings::update(&state.db, user.id, &change).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", "/quan-tri"))
        .finish())
}

async fn import_form(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    Ok(admin::import(
        &user.user,
        &user.csrf_token(&state),
        None,
        None,
    ))
}

async fn import(
    state: web::Data<AppState>,
    user: PageUser,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let upload = read_upload(payload).await?;
    user.verify_csrf(&state, upload.csrf.as_deref().unwrap_or(""))?;
    let csrf = user.csrf_token(&state);
    let Some((name, bytes)) = upload.file else {
        return Ok(page(admin::import(
            &user.user,
            &csrf,
            Some("Vui lòng chọn tệp danh sách."),
            None,
        )));
    };
    match roster::import(&state.db, state.hasher, Some(user.id), &bytes, &name).await {
        Ok(report) => Ok(page(admin::import(&user.user, &csrf, None, Some(&report)))),
        Err(AppError::BadRequest(m)) => Ok(page(admin::import(&user.user, &csrf, Some(&m), None))),
        Err(e) => Err(e.into()),
    }
}

fn page(markup: Markup) -> HttpResponse {
    // The slips carry passwords: never cache this page.
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(markup.into_string())
}

async fn template_csv(user: PageUser) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    Ok(template_response(false)?)
}

async fn template_xlsx(user: PageUser) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    Ok(template_response(true)?)
}
