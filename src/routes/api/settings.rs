//! `/api/v1/settings`: contest switches (self-registration, minimum participation rate). Organisers only.
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::startup::AppState;
use crate::store::audit::{self, Entry};
use crate::store::settings::{self, ContestSettings, SettingsChange};
use actix_web::web;
use sea_orm::TransactionTrait;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/settings", web::get().to(get))
        .route("/settings", web::put().to(put));
}

async fn get(
    state: web::Data<AppState>,
    user: CurrentUser,
) -> AppResult<web::Json<ContestSettings>> {
    user.require_organiser()?;
    Ok(web::Json(settings::load(&state.db).await?))
}

async fn put(
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
