//! Extractors for handlers: `CurrentUser` (API: 401 JSON when missing), `PageUser` (pages: redirect to the login
//! page), `MaybeUser` (public pages). The person's role, unit and token version come from the database, through
//! a cache of a few seconds so that the answer-saving hot path does not read the users table on every request.
use super::{SESSION_COOKIE, csrf};
use crate::auth::jwt::Keys;
use crate::domain::Role;
use crate::entities::users;
use crate::error::{AppError, AppResult, PageError};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use sea_orm::DatabaseConnection;
use sea_orm::EntityTrait;
use serde::Serialize;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The person behind a request, as the database says now.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AuthUser {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    #[serde(skip)]
    pub token_version: i32,
    /// The CSRF token of this request's cookie session, so that every page this person is shown carries it in its
    /// header's logout form; `None` for bearer tokens and for a person read from the database.
    #[serde(skip)]
    pub page_csrf: Option<String>,
}

impl From<users::Model> for AuthUser {
    fn from(u: users::Model) -> Self {
        AuthUser {
            id: u.id,
            login: u.login,
            full_name: u.full_name,
            role: u.role,
            unit_id: u.unit_id,
            token_version: u.token_version,
            page_csrf: None,
        }
    }
}

impl AuthUser {
    pub fn require(&self, allowed: &[Role]) -> AppResult<()> {
        if allowed.contains(&self.role) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    pub fn require_organiser(&self) -> AppResult<()> {
        self.require(&[Role::Organiser])
    }

    /// Organisers and judges.
    pub fn require_contest_staff(&self) -> AppResult<()> {
        self.require(&[Role::Organiser, Role::Judge])
    }
}

/// How long a cached user is trusted. Logout on this instance evicts at once; other instances see it within this.
const USER_CACHE_TTL: Duration = Duration::from_secs(3);

#[derive(Default)]
pub struct UserCache {
    entries: Mutex<HashMap<i64, (Instant, Option<AuthUser>)>>,
}

impl UserCache {
    fn get(&self, id: i64) -> Option<Option<AuthUser>> {
        let entries = self.entries.lock().ok()?;
        let (at, user) = entries.get(&id)?;
        (at.elapsed() < USER_CACHE_TTL).then(|| user.clone())
    }

    fn put(&self, id: i64, user: Option<AuthUser>) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() > 100_000 {
                entries.clear();
            }
            entries.insert(id, (Instant::now(), user));
        }
    }

    /// Forget everyone, after a change that may touch many people (a roster import).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }

    /// Forget a person after any change to their account (role, password, logout).
    pub fn evict(&self, id: i64) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.remove(&id);
        }
    }
}

/// What the extractors read, registered as app data beside the application state: the database (a person's
/// role and unit), the token keys and the cache of people.
#[derive(Clone)]
pub struct Sessions {
    pub db: DatabaseConnection,
    pub keys: Arc<Keys>,
    pub users: Arc<UserCache>,
}

pub struct CurrentUser {
    pub user: AuthUser,
    session_token: String,
    via_cookie: bool,
}

impl std::ops::Deref for CurrentUser {
    type Target = AuthUser;
    fn deref(&self) -> &AuthUser {
        &self.user
    }
}

impl CurrentUser {
    pub fn csrf_token(&self, keys: &Keys) -> String {
        csrf::token_for(&keys.csrf_secret, &self.session_token)
    }

    /// For form posts of the web pages: the hidden `csrf` field must match the session.
    pub fn verify_csrf(&self, keys: &Keys, given: &str) -> AppResult<()> {
        if !self.via_cookie {
            return Ok(());
        }
        csrf::verify(&keys.csrf_secret, &self.session_token, given)
    }

    pub fn session_token(&self) -> &str {
        &self.session_token
    }
}

fn bearer_or_cookie(req: &HttpRequest) -> Option<(String, bool)> {
    if let Some(value) = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
    {
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))?;
        return Some((token.trim().to_owned(), false));
    }
    req.cookie(SESSION_COOKIE)
        .map(|c| (c.value().to_owned(), true))
}

async fn load_user(state: &Sessions, id: i64) -> AppResult<Option<AuthUser>> {
    if let Some(cached) = state.users.get(id) {
        return Ok(cached);
    }
    let user = users::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|u| u.active)
        .map(AuthUser::from);
    state.users.put(id, user.clone());
    Ok(user)
}

pub async fn authenticate(req: &HttpRequest) -> AppResult<CurrentUser> {
    let state = req
        .app_data::<web::Data<Sessions>>()
        .ok_or_else(|| anyhow::anyhow!("state missing"))?;
    let (token, via_cookie) = bearer_or_cookie(req).ok_or(AppError::Unauthorized)?;
    let (id, version) = state.keys.verify(&token)?;
    let user = load_user(state, id).await?.ok_or(AppError::Unauthorized)?;
    if user.token_version != version {
        return Err(AppError::Unauthorized);
    }
    let mut current = CurrentUser {
        user,
        session_token: token,
        via_cookie,
    };
    if via_cookie {
        current.user.page_csrf = Some(current.csrf_token(&state.keys));
    }
    // Scripts of our pages send the CSRF header on every state change made with the session cookie.
    if via_cookie && !req.method().is_safe() && req.path().starts_with("/api/") {
        let given = req
            .headers()
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        csrf::verify(&state.keys.csrf_secret, &current.session_token, given)?;
    }
    Ok(current)
}

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

/// A logged-in person on a web page; anyone else is sent to the login page.
pub struct PageUser(pub CurrentUser);

impl std::ops::Deref for PageUser {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

impl FromRequest for PageUser {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            authenticate(&req)
                .await
                .map(PageUser)
                .map_err(|e| to_login(&req, e))
        })
    }
}

/// A page opened without a session goes to the login page, which brings the person back to it afterwards
/// (`/dang-nhap?next=/dot-thi/5`; the login page checks `next` again). A form post is not repeated: plain login.
fn to_login(req: &HttpRequest, e: AppError) -> actix_web::Error {
    if !matches!(e, AppError::Unauthorized) || req.method() != actix_web::http::Method::GET {
        return PageError(e).into();
    }
    let target = req
        .uri()
        .path_and_query()
        .map_or("/", actix_web::http::uri::PathAndQuery::as_str);
    let next: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
    let to_login = actix_web::HttpResponse::SeeOther()
        .insert_header(("Location", format!("/dang-nhap?next={next}")))
        .finish();
    actix_web::error::InternalError::from_response(PageError(e), to_login).into()
}

/// The person, if logged in; public pages use it to show a menu.
pub struct MaybeUser(pub Option<CurrentUser>);

impl FromRequest for MaybeUser {
    type Error = PageError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            match authenticate(&req).await {
                Ok(user) => Ok(MaybeUser(Some(user))),
                Err(AppError::Unauthorized | AppError::Csrf) => Ok(MaybeUser(None)),
                Err(e) => Err(PageError(e)),
            }
        })
    }
}
