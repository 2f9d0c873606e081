//! `/api/v1/settings`: contest switches (self-registration, minimum participation rate). Organisers only.
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::startup::AppState;
use crate::store::audit::{self, Entry};
use crate::store::settings::{self, ContestSettings, SettingsChange};
use actix_web::web;
use sea_orm::TransactionTrait;

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
    user.require_organiser()?;
    let txn = state.db.begin().await?;
    let before = settings::load(&txn).await?;
    settings::apply(&txn, &body).await?;
    let after = settings::load(&txn).await?;
    audit::record(
        &txn,
        Entry {
            actor_id: Some(user.id),
            action: "settings.update",
            entity: "settings",
            entity_id: None,
            before: serde_json::to_value(&before).ok(),
            after: serde_json::to_value(&after).ok(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(web::Json(after))
}
