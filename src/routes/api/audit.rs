//! `/api/v1/audit`: the organisers' action log, newest first.
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::startup::AppState;
use crate::store::audit::{self, AuditView};
use actix_web::web;
use serde::{Deserialize, Serialize};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/audit", web::get().to(list));
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PageQuery {
    pub page: Option<u64>,
    pub per_page: Option<u64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub total: u64,
    pub page: u64,
    pub items: Vec<AuditView>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(PageQuery), responses((status = 200, body = AuditPage), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<AuditPage>> {
    user.require_organiser()?;
    let page = query.page.unwrap_or(1).max(1);
    let (items, total) = audit::page(&state.db, page, query.per_page.unwrap_or(50)).await?;
    Ok(web::Json(AuditPage { total, page, items }))
}
