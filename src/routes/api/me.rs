//! `/api/v1/me`: the person asking, and their password.
use crate::app::AppState;
use crate::app::session::{self, Session};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::store::people::accounts::{self, StaffView};
use actix_web::web;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/me", web::get().to(me))
        .route("/me/password", web::post().to(change_password));
}

#[utoipa::path(get, path = "/api/v1/me", tag = "me", security(("bearer" = [])), responses((status = 200, body = StaffView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody)))]
pub async fn me(state: web::Data<AppState>, user: CurrentUser) -> AppResult<web::Json<StaffView>> {
    let me = StaffView::from(accounts::find(&state.db, user.id).await?);
    Ok(web::Json(me.for_viewer(user.role)))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Answers a fresh session: every older token (this one included) stops working.
#[utoipa::path(post, path = "/api/v1/me/password", tag = "me", security(("bearer" = [])), request_body = PasswordChange, responses((status = 200, body = Session), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody), (status = 429, description = "Quá nhiều lần thử", body = ErrorBody), (status = 503, description = "Máy chủ đang bận (có Retry-After)", body = ErrorBody)))]
pub async fn change_password(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<PasswordChange>,
) -> AppResult<web::Json<Session>> {
    let session =
        session::change_password(&state, user.id, &body.current_password, &body.new_password)
            .await?;
    Ok(web::Json(session))
}
