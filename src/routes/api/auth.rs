//! `/api/v1/auth`: login, logout and self-registration.
use crate::app::AppState;
use crate::app::session::{self, Registration, Session, WRONG_CREDENTIALS};
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, ErrorDetail};
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/auth/login", web::post().to(login))
        .route("/auth/logout", web::post().to(logout))
        .route("/auth/register", web::post().to(register));
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub login: String,
    pub password: String,
}

/// The client's address: the TCP peer, or the forwarded address when the peer is a trusted proxy.
pub fn client_ip(req: &HttpRequest) -> Option<std::net::IpAddr> {
    let proxies = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    crate::client_ip::of_request(proxies, req)
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest, responses((status = 200, body = Session), (status = 401, description = "Sai tên đăng nhập hoặc mật khẩu", body = ErrorBody), (status = 429, description = "Quá nhiều lần thử", body = ErrorBody), (status = 503, description = "Máy chủ đang bận (có Retry-After)", body = ErrorBody)))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    match session::login(&state, client_ip(&req), &body.login, &body.password).await {
        Ok(session) => Ok(HttpResponse::Ok().json(session)),
        Err(AppError::Unauthorized) => Ok(HttpResponse::Unauthorized().json(ErrorBody {
            error: ErrorDetail {
                code: "invalid_credentials".into(),
                message: WRONG_CREDENTIALS.into(),
                fields: None,
            },
        })),
        Err(e) => Err(e),
    }
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", security(("bearer" = [])), responses((status = 204, description = "Đã đăng xuất; mọi token cũ hết hiệu lực"), (status = 401, description = "Chưa đăng nhập", body = ErrorBody)))]
pub async fn logout(state: web::Data<AppState>, user: CurrentUser) -> AppResult<HttpResponse> {
    session::logout(&state, user.id).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = Registration, responses((status = 200, body = Session), (status = 409, description = "Không mở đăng ký", body = ErrorBody), (status = 422, description = "Dữ liệu chưa hợp lệ", body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<Registration>,
) -> AppResult<web::Json<Session>> {
    Ok(web::Json(
        session::register(&state, client_ip(&req), &body).await?,
    ))
}
