//! `/api/v1/units`: everyone logged in reads the list; organisers create and change units.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::error::AppResult;
use crate::error::ErrorBody;
use crate::store::people::slips::UnitSlips;
use crate::store::units::{self, NewUnit, UnitChange, UnitView};
use actix_web::{HttpResponse, web};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/units", web::get().to(list))
        .route("/units", web::post().to(create))
        .route("/units/{id}", web::patch().to(update))
        .route("/units/{id}/reissue-slips", web::post().to(reissue_slips));
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

/// New login slips for the people of the unit who never logged in (organisers): each gets a new generated
/// password, returned once here and stored only as a hash; their earlier passwords stop working. People who have
/// logged in keep theirs.
#[utoipa::path(post, path = "/api/v1/units/{id}/reissue-slips", tag = "units", security(("bearer" = [])), params(("id" = i64, Path)), responses((status = 200, body = UnitSlips), (status = 401, description = "Chưa đăng nhập", body = ErrorBody), (status = 403, description = "Không có quyền", body = ErrorBody), (status = 404, description = "Không tìm thấy", body = ErrorBody)))]
pub async fn reissue_slips(
    state: web::Data<AppState>,
    user: CurrentUser,
    path: web::Path<i64>,
) -> AppResult<web::Json<UnitSlips>> {
    let issued = app::people::reissue_slips(&state, &user, *path).await?;
    Ok(web::Json(issued))
}
