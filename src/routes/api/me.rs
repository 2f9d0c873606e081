//! `/api/v1/me`: the person asking, and their password.
use crate::auth::CurrentUser;
use crate::auth::session::{self, Session};
use crate::error::AppResult;
use crate::startup::AppState;
use crate::store::users::{self, StaffView};
use actix_web::web;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me", web::get().to(me))
        .route("/me/password", web::post().to(change_password));
}

async fn me(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<StaffView>> {
    let me = StaffView::from(users::find(&state.db, user.id).await?);
    Ok(web::Json(me.for_viewer(user.role)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Answers a fresh session: every older token (this one included) stops working.
async fn change_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<PasswordChange>,
) -> AppResult<web::Json<Session>> {
    let session =
        session::change_password(&state, user.id, &body.current_password, &body.new_password)
            .await?;
    Ok(web::Json(session))
}
