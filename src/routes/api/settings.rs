//! `/api/v1/settings`: contest switches (self-registration, minimum participation rate). Organisers only.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::store::settings::{self, ContestSettings, SettingsChange};
use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings", web::get().to(get))
        .route("/settings", web::put().to(put));
}

#[utoipa::path(get, path = "/api/v1/settings", tag = "settings", security(("bearer" = [])), responses((status = 200, body = ContestSettings), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody)))]
pub async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<ContestSettings>> {
    user.require_organiser()?;
    Ok(web::Json(settings::load(&state.db).await?))
}

#[utoipa::path(put, path = "/api/v1/settings", tag = "settings", security(("bearer" = [])), request_body = SettingsChange, responses((status = 200, body = ContestSettings), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody)))]
pub async fn put(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<SettingsChange>,
) -> AppResult<web::Json<ContestSettings>> {
    let after = app::settings::update(&state, &user, &body).await?;
    Ok(web::Json(after))
}
