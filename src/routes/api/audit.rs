//! `/api/v1/audit`: the organisers' action log, newest first.
use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::error::ErrorBody;
use crate::error::{AppError, AppResult};
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
    /// From 1 to 1 000 000.
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u64>,
    /// Rows per page, at most 200.
    pub per_page: Option<u64>,
}

/// Far beyond any real log; keeps `page * per_page` from overflowing.
const MAX_PAGE: u64 = 1_000_000;

#[derive(Serialize, utoipa::ToSchema)]
pub struct AuditPage {
    pub total: u64,
    pub page: u64,
    pub items: Vec<AuditView>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", security(("bearer" = [])), params(PageQuery), responses((status = 200, body = AuditPage), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<PageQuery>,
) -> AppResult<web::Json<AuditPage>> {
    user.require_organiser()?;
    let page = query.page.unwrap_or(1).max(1);
    if page > MAX_PAGE {
        return Err(AppError::invalid(
            "page",
            "Số trang phải từ 1 đến 1.000.000.",
        ));
    }
    let (items, total) = audit::page(&state.db, page, query.per_page.unwrap_or(50)).await?;
    Ok(web::Json(AuditPage { total, page, items }))
}
