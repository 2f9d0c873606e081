//! `/quan-tri`: the organiser dashboard and the roster import page.
use super::{private_html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::routes::api::staff::template_response;
use crate::routes::upload;
use crate::store::settings::{self, SettingsChange};
use crate::store::setup;
use crate::web::pages::admin;
use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
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
    let counts = setup::counts(&state.db).await?;
    Ok(admin::dashboard(
        &user.user,
        &user.csrf_token(&state.keys),
        &current,
        &counts,
    ))
}

#[derive(Deserialize)]
pub struct SettingsForm {
    #[serde(default)]
    csrf: String,
    self_registration: Option<String>,
    #[serde(default)]
    min_participation_rate: String,
    #[serde(default)]
    organiser: String,
    #[serde(default)]
    signer_title: String,
    #[serde(default)]
    signer_name: String,
    #[serde(default)]
    contact: String,
}

async fn save_settings(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<SettingsForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
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
        organiser: Some(form.organiser.clone()),
        signer_title: Some(form.signer_title.clone()),
        signer_name: Some(form.signer_name.clone()),
        contact: Some(form.contact.clone()),
    };
    app::settings::update(&state, &user, &change).await?;
    Ok(see_other("/quan-tri"))
}

async fn import_form(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    Ok(admin::import(
        &user.user,
        &user.csrf_token(&state.keys),
        &state.settings.public_url(state.port),
        None,
        None,
    ))
}

async fn import(
    state: web::Data<AppState>,
    user: PageUser,
    req: HttpRequest,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let upload = upload::read(&req, payload, upload::ROSTER_LIMIT).await?;
    user.verify_csrf(&state.keys, upload.text("csrf").unwrap_or(""))?;
    let csrf = user.csrf_token(&state.keys);
    let site = state.settings.public_url(state.port);
    let Some((name, bytes)) = upload.file else {
        return Ok(private_html(admin::import(
            &user.user,
            &csrf,
            &site,
            Some("Vui lòng chọn tệp danh sách."),
            None,
        )));
    };
    match app::people::import_roster(&state, &user, &name, &bytes).await {
        Ok(report) => Ok(private_html(admin::import(
            &user.user,
            &csrf,
            &site,
            None,
            Some(&report),
        ))),
        Err(AppError::BadRequest(m)) => Ok(private_html(admin::import(
            &user.user,
            &csrf,
            &site,
            Some(&m),
            None,
        ))),
        Err(e) => Err(e.into()),
    }
}

async fn template_csv(user: PageUser) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    Ok(template_response(false)?)
}

async fn template_xlsx(user: PageUser) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    Ok(template_response(true)?)
}
