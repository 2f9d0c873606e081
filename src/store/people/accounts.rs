//! Accounts: finding people by login, creating them, changing passwords and token versions, and the staff list
//! organisers search. CCCD and phone leave this module only for organisers (`StaffView::redacted`).
use crate::domain::Role;
use crate::domain::registration::login_for;
use crate::domain::text::{clean, fold, name_sort_key};
use crate::entities::users;
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct StaffView {
    pub id: i64,
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub position: Option<String>,
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cccd: Option<String>,
    pub active: bool,
    /// Self-registered accounts: `pending` approval, `approved`, or `duplicate` (CCCD or phone already had an
    /// account); absent for accounts made by organisers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
}

impl From<users::Model> for StaffView {
    fn from(u: users::Model) -> Self {
        StaffView {
            id: u.id,
            login: u.login,
            full_name: u.full_name,
            role: u.role,
            unit_id: u.unit_id,
            position: u.position,
            email: u.email,
            phone: u.phone,
            cccd: u.cccd,
            active: u.active,
            registration: u.registration,
        }
    }
}

impl StaffView {
    /// Personal data (CCCD, phone) is for organisers only.
    /// A login that is the person's phone or CCCD (older self-registrations, roster files) is hidden too.
    pub fn for_viewer(mut self, viewer: Role) -> Self {
        let organiser = viewer == Role::Organiser;
        self.login = login_for(
            organiser,
            &self.login,
            self.phone.as_deref(),
            self.cccd.as_deref(),
        );
        if !organiser {
            self.phone = None;
            self.cccd = None;
        }
        self
    }
}

/// A new account. The password hash is made by the caller on the blocking pool.
pub struct NewUser {
    pub login: String,
    pub full_name: String,
    pub role: Role,
    pub unit_id: Option<i64>,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub cccd: Option<String>,
    pub password_hash: Option<String>,
}

pub async fn find_by_login<C: ConnectionTrait>(
    db: &C,
    login: &str,
) -> AppResult<Option<users::Model>> {
    let login = login.trim().to_lowercase();
    let by_login = users::Entity::find()
        .filter(users::Column::Login.eq(login.as_str()))
        .one(db)
        .await?;
    if by_login.is_some() || !login.contains('@') {
        return Ok(by_login);
    }
    // An email address: the roster does not make addresses unique, so one shared by two accounts logs in neither
    // (the person is told the login or password is wrong, as for any unknown login, and uses the login code).
    let mut found = users::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(users::Column::Email))).eq(login))
        .limit(2)
        .all(db)
        .await?;
    Ok(if found.len() == 1 { found.pop() } else { None })
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<users::Model> {
    users::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn insert<C: ConnectionTrait>(db: &C, new: NewUser) -> AppResult<users::Model> {
    let now = Utc::now();
    let full_name = clean(&new.full_name);
    let user = users::ActiveModel {
        login: Set(new.login.trim().to_lowercase()),
        search_name: Set(fold(&full_name)),
        full_name: Set(full_name),
        role: Set(new.role),
        unit_id: Set(new.unit_id),
        position: Set(new.position),
        email: Set(new.email),
        phone: Set(new.phone),
        cccd: Set(new.cccd),
        password_hash: Set(new.password_hash),
        token_version: Set(0),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    user.insert(db).await.map_err(unique_to_field)
}

/// Which unique field a violation was about, read from the constraint the database names.
pub fn unique_to_field(err: sea_orm::DbErr) -> AppError {
    let text = err.to_string();
    let (field, message) = if text.contains("cccd") {
        ("cccd", "Số CCCD này đã có tài khoản.")
    } else if text.contains("phone") {
        ("phone", "Số điện thoại này đã có tài khoản.")
    } else {
        ("login", "Tên đăng nhập này đã có người dùng.")
    };
    AppError::on_unique(err, field, message)
}

/// Makes every token issued so far useless (logout, password change).
pub async fn bump_token_version<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<i32> {
    users::Entity::update_many()
        .col_expr(
            users::Column::TokenVersion,
            Expr::col(users::Column::TokenVersion).add(1),
        )
        .col_expr(users::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(find(db, id).await?.token_version)
}

/// Records a person's first login with a password (once: later logins write nothing).
pub async fn note_first_login<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<()> {
    users::Entity::update_many()
        .col_expr(users::Column::FirstLoginAt, Expr::value(Utc::now()))
        .filter(users::Column::Id.eq(id))
        .filter(users::Column::FirstLoginAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// A new password hash; older tokens stop working. Returns the new token version.
pub async fn set_password<C: ConnectionTrait>(db: &C, id: i64, hash: String) -> AppResult<i32> {
    users::Entity::update_many()
        .col_expr(users::Column::PasswordHash, Expr::value(hash))
        .filter(users::Column::Id.eq(id))
        .exec(db)
        .await?;
    bump_token_version(db, id).await
}

pub async fn organiser_exists<C: ConnectionTrait>(db: &C) -> AppResult<bool> {
    let found = users::Entity::find()
        .select_only()
        .column(users::Column::Id)
        .filter(users::Column::Role.eq(Role::Organiser))
        .filter(users::Column::Active.eq(true))
        .into_tuple::<i64>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// The staff list: `q` matches name or login ignoring diacritics ("nguyen van a" finds "Nguyễn Văn A"),
/// sorted by given name the Vietnamese way.
pub async fn search<C: ConnectionTrait>(
    db: &C,
    q: Option<&str>,
    unit: Option<i64>,
    limit: u64,
) -> AppResult<Vec<StaffView>> {
    let mut query = users::Entity::find();
    if let Some(q) = q.map(fold).filter(|q| !q.is_empty()) {
        let pattern = format!("%{}%", q.replace(['%', '_'], ""));
        query = query.filter(
            users::Column::SearchName
                .like(pattern.clone())
                .or(users::Column::Login.like(pattern)),
        );
    }
    if let Some(unit) = unit {
        query = query.filter(users::Column::UnitId.eq(unit));
    }
    let mut found = query.limit(limit).all(db).await?;
    found.sort_by_cached_key(|u| name_sort_key(&u.full_name));
    Ok(found.into_iter().map(StaffView::from).collect())
}
