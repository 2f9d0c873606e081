//! `/dang-nhap`, `/dang-xuat`, `/tai-khoan`: the cookie session of the web pages (the same JWT as the API).
use super::{CsrfForm, html};
use crate::app::AppState;
use crate::app::session::{self, Session, WRONG_CREDENTIALS};
use crate::auth::{PageUser, SESSION_COOKIE};
use crate::error::{AppError, PageResult};
use crate::routes::api::auth::client_ip;
use crate::web::pages::account;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/dang-nhap", web::get().to(login_form))
        .route("/dang-nhap", web::post().to(login))
        .route("/dang-xuat", web::post().to(logout))
        .route("/tai-khoan", web::get().to(account_page))
        .route("/tai-khoan/mat-khau", web::post().to(change_password));
}

/// The session cookie: HttpOnly, SameSite=Strict, Secure behind HTTPS.
pub fn session_cookie(state: &AppState, session: &Session) -> Cookie<'static> {
    let ttl = (session.expires_at - chrono::Utc::now())
        .num_seconds()
        .max(0);
    Cookie::build(SESSION_COOKIE, session.token.clone())
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .secure(state.settings.secure_cookies)
        .max_age(time::Duration::seconds(ttl))
        .finish()
}

pub fn signed_in(state: &AppState, session: &Session, to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .cookie(session_cookie(state, session))
        .insert_header(("Location", to.to_owned()))
        .finish()
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

async fn login_form(query: web::Query<NextQuery>) -> HttpResponse {
    let next = local_path(query.next.as_deref());
    html(StatusCode::OK, account::login(None, next))
}

#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    /// The page to return to (`/dang-nhap?next=...`), kept in a hidden field.
    #[serde(default)]
    next: Option<String>,
}

/// `next` when it is a path on this site, never another site (no open redirect): one leading `/` (`//host` is
/// another host), no backslash (browsers read `/\host` as `//host`), and only visible ASCII (browsers drop tabs
/// and newlines, so `/<tab>/host` would become `//host`; a real link arrives percent-encoded, and a `Location`
/// header carries nothing else).
fn local_path(next: Option<&str>) -> Option<&str> {
    next.filter(|p| {
        p.starts_with('/')
            && !p.starts_with("//")
            && !p.contains('\\')
            && p.chars().all(|c| c.is_ascii_graphic())
    })
}

/// Where a person goes after logging in without a `next`: organisers to their dashboard, a participant with
/// exactly one open round they can start or continue to that round, everyone else home.
async fn landing(state: &AppState, user: &crate::auth::AuthUser) -> String {
    if user.role == crate::domain::Role::Organiser {
        return "/quan-tri".into();
    }
    match crate::app::rounds::landing(state, user).await {
        Ok(Some(round)) => format!("/dot-thi/{round}"),
        Ok(None) => "/".into(),
        Err(e) => {
            // The login itself succeeded: the home page lists the rounds anyway.
            tracing::warn!(error = %e, "no landing round after login");
            "/".into()
        }
    }
}

/// A login form posted from another site (login CSRF, review F12) is refused before any password is checked.
fn from_this_site(state: &AppState, req: &HttpRequest) -> bool {
    let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
    crate::auth::csrf::same_origin(
        header("origin"),
        header("referer"),
        header("host"),
        state.settings.public_url.as_deref(),
    )
}

async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<LoginForm>,
) -> PageResult<HttpResponse> {
    if !from_this_site(&state, &req) {
        return Err(AppError::Csrf.into());
    }
    match session::login(&state, client_ip(&req), &form.login, &form.password).await {
        Ok(s) => {
            let to = match local_path(form.next.as_deref()) {
                Some(next) => next.to_owned(),
                None => landing(&state, &s.user).await,
            };
            Ok(signed_in(&state, &s, &to))
        }
        Err(AppError::Unauthorized) => Ok(html(
            StatusCode::UNAUTHORIZED,
            account::login(Some(WRONG_CREDENTIALS), local_path(form.next.as_deref())),
        )),
        Err(e @ (AppError::TooManyRequests | AppError::Busy)) => {
            let page = account::login(Some(&e.message()), local_path(form.next.as_deref()));
            Ok(retry_later(&e, page))
        }
        Err(e) => Err(e.into()),
    }
}

/// A throttled or busy answer as a page: the form again, with the message and `Retry-After`.
fn retry_later(e: &AppError, page: maud::Markup) -> HttpResponse {
    use actix_web::ResponseError;
    let mut res = html(e.status_code(), page);
    if let Some(secs) = e.retry_after()
        && let Ok(value) = actix_web::http::header::HeaderValue::from_str(&secs.to_string())
    {
        res.headers_mut()
            .insert(actix_web::http::header::RETRY_AFTER, value);
    }
    res
}

async fn logout(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.verify_csrf(&state.keys, &form.csrf)?;
    session::logout(&state, user.id).await?;
    let mut gone = Cookie::build(SESSION_COOKIE, "")
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.settings.secure_cookies)
        .finish();
    gone.make_removal();
    Ok(HttpResponse::SeeOther()
        .cookie(gone)
        .insert_header(("Location", "/"))
        .finish())
}

async fn account_page(state: web::Data<AppState>, user: PageUser) -> HttpResponse {
    html(
        StatusCode::OK,
        account::account(&user.user, &user.csrf_token(&state.keys), None),
    )
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    current_password: String,
    new_password: String,
}

async fn change_password(
    state: web::Data<AppState>,
    user: PageUser,
    form: web::Form<PasswordForm>,
) -> PageResult<HttpResponse> {
    user.verify_csrf(&state.keys, &form.csrf)?;
    match session::change_password(&state, user.id, &form.current_password, &form.new_password)
        .await
    {
        Ok(s) => {
            let csrf = crate::auth::csrf::token_for(&state.keys.csrf_secret_bytes(), &s.token);
            let page = account::account(
                &s.user,
                &csrf,
                Some((
                    "ok",
                    "Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc.",
                )),
            );
            Ok(HttpResponse::Ok()
                .cookie(session_cookie(&state, &s))
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
        Err(AppError::Validation(fields)) => {
            let text = fields
                .values()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            let csrf = user.csrf_token(&state.keys);
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                account::account(&user.user, &csrf, Some(("error", &text))),
            ))
        }
        Err(e @ (AppError::TooManyRequests | AppError::Busy)) => {
            let csrf = user.csrf_token(&state.keys);
            let page = account::account(&user.user, &csrf, Some(("error", &e.message())));
            Ok(retry_later(&e, page))
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_followed_after_login() {
        for ok in ["/dot-thi/5", "/", "/bai-thi/7?x=1", "/ket-qua/3#bang"] {
            assert_eq!(local_path(Some(ok)), Some(ok));
        }
        let refused = [
            "//evil.example",
            "https://evil.example",
            "http:/evil.example",
            "javascript:alert(1)",
            "/\\evil.example",
            "\\/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/đợt-thi",
            " /dot-thi/5",
            "dot-thi/5",
            "",
        ];
        for bad in refused {
            assert_eq!(local_path(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(local_path(None), None);
    }
}
