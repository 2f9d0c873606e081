//! `/api/v1/units`: everyone logged in reads the list; organisers create and change units.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::store::units::{self, NewUnit, UnitChange, UnitView};
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/units", web::get().to(list))
        .route("/units", web::post().to(create))
        .route("/units/{id}", web::patch().to(update));
}

#[utoipa::path(get, path = "/api/v1/units", tag = "units", security(("bearer" = [])), responses((status = 200, body = Vec<UnitView>), (status = 401, description = "Chưa đăng nhập", body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    _user: CurrentUser,
) -> AppResult<web::Json<Vec<UnitView>>> {
    Ok(web::Json(units::list(&state.db).await?))
}

#[utoipa::path(post, path = "/api/v1/units", tag = "units", security(("bearer" = [])), request_body = NewUnit, responses((status = 201, body = UnitView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: CurrentUser,
    body: web::Json<NewUnit>,
) -> AppResult<HttpResponse> {
    let unit = app::units::create(&state, &user, &body).await?;
    Ok(HttpResponse::Created().json(unit))
}

#[utoipa::path(patch, path = "/api/v1/units/{id}", tag = "units", security(("bearer" = [])), params(("id" = i64, Path)), request_body = UnitChange, responses((status = 200, body = UnitView), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
    body: web::Json<UnitChange>,
) -> AppResult<web::Json<UnitView>> {
    let unit = app::units::update(&state, &user, *path, &body).await?;
    Ok(web::Json(unit))
}
