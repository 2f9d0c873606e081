//! Logging in and out, changing passwords and self-registration: the flows the API and the pages share.
//! A login takes the same time whether or not the account exists (a dummy hash is verified instead); every
//! hash goes through `AppState::hash_gate`.
use crate::app::AppState;
use crate::auth::AuthUser;
use crate::auth::jwt::IssuedToken;
use crate::auth::password::check_new_password;
use crate::domain::roster::{check_cccd, check_phone};
use crate::domain::text::clean;
use crate::entities::units;
use crate::error::{AppError, AppResult};
use crate::store::people::{accounts, registrations};
use crate::store::settings;
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use std::net::IpAddr;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Session {
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub user: AuthUser,
}

/// The message for a wrong login or password; never says which of the two was wrong.
pub const WRONG_CREDENTIALS: &str = "Tên đăng nhập hoặc mật khẩu không đúng.";

fn session(state: &AppState, user: AuthUser) -> AppResult<Session> {
    let IssuedToken { token, expires_at } = state.keys.issue(user.id, user.token_version)?;
    Ok(Session {
        token,
        expires_at,
        user,
    })
}

/// A fresh session for a person (after a one-time link).
pub async fn for_user(state: &AppState, id: i64) -> AppResult<Session> {
    session(state, AuthUser::from(accounts::find(&state.db, id).await?))
}

/// `Unauthorized` for a wrong login or password, `TooManyRequests` when throttled, `Busy` when too many
/// passwords are being checked at once.
pub async fn login(
    state: &AppState,
    ip: Option<IpAddr>,
    login: &str,
    password: &str,
) -> AppResult<Session> {
    let login = login.trim().to_lowercase();
    state.login_limiter.before_login(ip, &login)?;
    let user = accounts::find_by_login(&state.db, &login)
        .await?
        .filter(|u| u.active);
    let stored = user.as_ref().and_then(|u| u.password_hash.clone());
    let ok = state
        .hash_gate
        .verify(state.hasher, password.to_owned(), stored)
        .await?;
    if !ok {
        state.login_limiter.failed_login(ip, &login);
        return Err(AppError::Unauthorized);
    }
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.first_login_at.is_none() {
        let _turn = state.writes.enter().await;
        accounts::note_first_login(&state.db, user.id).await?;
    }
    session(state, AuthUser::from(user))
}

pub async fn logout(state: &AppState, user_id: i64) -> AppResult<()> {
    accounts::bump_token_version(&state.db, user_id).await?;
    state.users.evict(user_id);
    Ok(())
}

/// Checks the current password, stores the new one and returns a fresh session (older tokens stop working).
pub async fn change_password(
    state: &AppState,
    user_id: i64,
    current: &str,
    new: &str,
) -> AppResult<Session> {
    state.login_limiter.check_password_change(user_id)?;
    let user = accounts::find(&state.db, user_id).await?;
    let ok = state
        .hash_gate
        .verify(state.hasher, current.to_owned(), user.password_hash.clone())
        .await?;
    if !ok {
        return Err(AppError::invalid(
            "current_password",
            "Mật khẩu hiện tại không đúng.",
        ));
    }
    set_password(state, user_id, new, "new_password").await
}

/// Stores a new password (setup links, password change) and returns a fresh session.
pub async fn set_password(
    state: &AppState,
    user_id: i64,
    new: &str,
    field: &str,
) -> AppResult<Session> {
    check_new_password(new).map_err(|e| match e {
        AppError::Validation(mut f) => AppError::Validation(
            f.remove("password")
                .map(|m| [(field.to_owned(), m)].into())
                .unwrap_or(f),
        ),
        other => other,
    })?;
    let hash = state.hash_gate.hash(state.hasher, new.to_owned()).await?;
    accounts::set_password(&state.db, user_id, hash).await?;
    state.users.evict(user_id);
    session(
        state,
        AuthUser::from(accounts::find(&state.db, user_id).await?),
    )
}

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub full_name: String,
    pub unit_id: i64,
    /// Never the login (one is generated: judges see logins, never phones).
    pub phone: String,
    pub cccd: String,
    pub password: String,
}

/// Self-registration, when the contest allows it. The login is generated; the account counts for its unit once
/// an organiser approves it. The answer is the same whether or not the CCCD or phone already had an account (see
/// [`registrations::register`]), so registration cannot be used to find out who has one.
pub async fn register(
    state: &AppState,
    ip: Option<IpAddr>,
    form: &Registration,
) -> AppResult<Session> {
    if !settings::self_registration_open(&state.db).await? {
        return Err(AppError::conflict(
            "registration_closed",
            "Cuộc thi không mở đăng ký tài khoản. Vui lòng liên hệ Ban Tổ chức.",
        ));
    }
    state.login_limiter.check_ip(ip)?;
    let mut errors = crate::error::FieldErrors::new();
    let full_name = clean(&form.full_name);
    if full_name.is_empty() || full_name.chars().count() > 200 {
        errors
            .entry("full_name".into())
            .or_default()
            .push("Vui lòng nhập họ và tên.".into());
    }
    let phone = check_phone(&form.phone)
        .map_err(|m| errors.entry("phone".into()).or_default().push(m))
        .ok();
    let cccd = check_cccd(&form.cccd)
        .map_err(|m| errors.entry("cccd".into()).or_default().push(m))
        .ok();
    if let Err(AppError::Validation(f)) = check_new_password(&form.password) {
        errors.extend(f);
    }
    let unit = units::Entity::find_by_id(form.unit_id)
        .one(&state.db)
        .await?
        .filter(|u| !u.retired);
    if unit.is_none() {
        errors
            .entry("unit_id".into())
            .or_default()
            .push("Vui lòng chọn đơn vị.".into());
    }
    let (Some(phone), Some(cccd), true) = (phone, cccd, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let hash = state
        .hash_gate
        .hash(state.hasher, form.password.clone())
        .await?;
    let user = registrations::register(
        &state.db,
        registrations::NewRegistration {
            full_name,
            unit_id: form.unit_id,
            phone,
            cccd,
            password_hash: hash,
        },
    )
    .await?;
    session(state, AuthUser::from(user))
}
