//! One-time links: the first-organiser setup link printed on the console when no organiser exists, and the
//! set-password links `create-user` prints. Only a SHA-256 of each token is stored; a token works once.
use crate::app::AppState;
use crate::entities::one_time_tokens;
use crate::error::{AppError, AppResult};
use crate::store::people::accounts::organiser_exists;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{Duration, Utc};
use rand::RngExt;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use sha2::{Digest, Sha256};

pub const SETUP: &str = "setup";
pub const SET_PASSWORD: &str = "set_password";
const LIFETIME_HOURS: i64 = 24;

/// With no organiser in the database, prints the link that creates the first one.
pub async fn announce_setup_link(state: &AppState) -> anyhow::Result<()> {
    if organiser_exists(&state.db).await? {
        return Ok(());
    }
    let token = issue(&state.db, SETUP, None).await?;
    let link = format!("{}/khoi-tao/{token}", state.settings.public_url(state.port));
    println!(
        "\nChưa có tài khoản Ban Tổ chức. Mở liên kết sau để tạo tài khoản đầu tiên \
         (dùng một lần, hết hạn sau {LIFETIME_HOURS} giờ):\n{link}\n"
    );
    tracing::info!("first-organiser setup link printed on the console");
    Ok(())
}

pub fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new one-time token; a new setup token replaces unused older ones.
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    purpose: &str,
    user_id: Option<i64>,
) -> AppResult<String> {
    let mut stale = one_time_tokens::Entity::delete_many()
        .filter(one_time_tokens::Column::Purpose.eq(purpose))
        .filter(one_time_tokens::Column::UsedAt.is_null());
    stale = match user_id {
        Some(id) => stale.filter(one_time_tokens::Column::UserId.eq(id)),
        None => stale.filter(one_time_tokens::Column::UserId.is_null()),
    };
    stale.exec(db).await?;
    let bytes: [u8; 24] = rand::rng().random();
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    one_time_tokens::ActiveModel {
        token_hash: Set(hash(&token)),
        purpose: Set(purpose.to_owned()),
        user_id: Set(user_id),
        expires_at: Set(now + Duration::hours(LIFETIME_HOURS)),
        used_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The unused, unexpired token, or `LinkGone` (410: "used or expired").
pub async fn find_valid<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> AppResult<one_time_tokens::Model> {
    one_time_tokens::Entity::find()
        .filter(one_time_tokens::Column::TokenHash.eq(hash(token)))
        .filter(one_time_tokens::Column::UsedAt.is_null())
        .filter(one_time_tokens::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or(AppError::LinkGone)
}

/// Marks the token used; fails if someone else used it first.
pub async fn consume<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<()> {
    let done = one_time_tokens::Entity::update_many()
        .col_expr(one_time_tokens::Column::UsedAt, Expr::value(Utc::now()))
        .filter(one_time_tokens::Column::Id.eq(id))
        .filter(one_time_tokens::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 1 {
        Ok(())
    } else {
        Err(AppError::LinkGone)
    }
}

/// `create-user`: an account without a password, and the one-time link that sets it.
pub async fn create_user_with_link(
    db: &sea_orm::DatabaseConnection,
    public_url: &str,
    login: &str,
    full_name: &str,
    role: &str,
    unit_code: Option<&str>,
) -> anyhow::Result<String> {
    use crate::domain::Role;
    let role = match role {
        "participant" => Role::Participant,
        "organiser" => Role::Organiser,
        "judge" => Role::Judge,
        other => anyhow::bail!("vai trò không hợp lệ: {other} (participant, organiser hoặc judge)"),
    };
    let unit_id = match unit_code {
        Some(code) => {
            let units = crate::store::units::by_code(db).await?;
            let unit = units.get(&code.trim().to_uppercase());
            Some(
                unit.ok_or_else(|| anyhow::anyhow!("không có đơn vị mã {code}"))?
                    .id,
            )
        }
        None if role == Role::Participant => anyhow::bail!("thí sinh cần --unit <mã đơn vị>"),
        None => None,
    };
    let user = crate::store::people::accounts::insert(
        db,
        crate::store::people::accounts::NewUser {
            login: login.to_owned(),
            full_name: full_name.to_owned(),
            role,
            unit_id,
            position: None,
            email: None,
            phone: None,
            cccd: None,
            password_hash: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{}", e.message()))?;
    let token = issue(db, SET_PASSWORD, Some(user.id))
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(format!("{public_url}/khoi-tao/{token}"))
}

/// Uses a one-time link with the form's login, name and new password, and signs the person in.
pub async fn use_link(
    state: &AppState,
    token: &str,
    login: &str,
    full_name: &str,
    password: &str,
) -> AppResult<crate::app::session::Session> {
    crate::auth::password::check_new_password(password)?;
    let password_hash = state
        .hash_gate
        .hash(state.hasher, password.to_owned())
        .await?;
    let form = Redeem {
        login,
        full_name,
        password_hash,
    };
    let id = redeem(&state.db, token, form).await?;
    state.users.evict(id);
    crate::app::session::for_user(state, id).await
}

/// What a one-time link asks for: a login and name for the first organiser, a password always.
pub struct Redeem<'a> {
    pub login: &'a str,
    pub full_name: &'a str,
    pub password_hash: String,
}

/// Uses the token and creates the first organiser (setup) or sets the person's password (set_password), all in
/// one transaction so that a link clicked twice at once creates nothing twice. Returns the person's id.
pub async fn redeem(
    db: &sea_orm::DatabaseConnection,
    token: &str,
    form: Redeem<'_>,
) -> AppResult<i64> {
    use crate::store::audit::{self, Entry};
    use crate::store::people::accounts::{self, NewUser};
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let found = find_valid(&txn, token).await?;
    consume(&txn, found.id).await?;
    let user_id = if found.purpose == SETUP {
        if organiser_exists(&txn).await? {
            return Err(AppError::LinkGone);
        }
        if form.login.trim().is_empty() || form.full_name.trim().is_empty() {
            return Err(AppError::invalid(
                "login",
                "Vui lòng nhập tên đăng nhập và họ tên.",
            ));
        }
        let user = accounts::insert(
            &txn,
            NewUser {
                login: form.login.to_owned(),
                full_name: form.full_name.to_owned(),
                role: crate::domain::Role::Organiser,
                unit_id: None,
                position: None,
                email: None,
                phone: None,
                cccd: None,
                password_hash: Some(form.password_hash),
            },
        )
        .await?;
        user.id
    } else {
        let id = found.user_id.ok_or(AppError::NotFound)?;
        accounts::set_password(&txn, id, form.password_hash).await?;
        id
    };
    // The link opens a session with the password just chosen: the person's first login.
    accounts::note_first_login(&txn, user_id).await?;
    audit::record(
        &txn,
        Entry {
            actor_id: Some(user_id),
            action: if found.purpose == SETUP {
                "user.setup_first_organiser"
            } else {
                "user.set_password_by_link"
            },
            entity: "user",
            entity_id: Some(user_id.to_string()),
            before: None,
            after: None,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(user_id)
}
