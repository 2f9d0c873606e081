//! Self-registered accounts: creating one (with a generated login, and the same outcome whether or not its CCCD
//! or phone already had an account) and an organiser's approval, after which the person counts for their unit.
use crate::domain::Role;
use crate::domain::registration::{self, APPROVED, DUPLICATE, PENDING};
use crate::entities::users;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use crate::store::people::accounts::{NewUser, StaffView, find, insert};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};

/// A registration whose fields were checked by the caller.
pub struct NewRegistration {
    pub full_name: String,
    pub unit_id: i64,
    pub phone: String,
    pub cccd: String,
    pub password_hash: String,
}

/// Creates the account, `pending` approval. When the CCCD or phone already has an account the new one is made
/// all the same, without them and marked `duplicate` (it never counts for a unit; organisers see it), so the
/// answer never tells whether someone has an account.
pub async fn register(db: &DatabaseConnection, r: NewRegistration) -> AppResult<users::Model> {
    // A login collision, or the same CCCD registered at the same moment: try again (then as a duplicate).
    for _ in 0..5 {
        let txn = db.begin().await?;
        let taken = users::Entity::find()
            .filter(
                Condition::any()
                    .add(users::Column::Phone.eq(r.phone.as_str()))
                    .add(users::Column::Cccd.eq(r.cccd.as_str())),
            )
            .one(&txn)
            .await?
            .is_some();
        let new = NewUser {
            login: registration::generate_login(),
            full_name: r.full_name.clone(),
            role: Role::Participant,
            unit_id: Some(r.unit_id),
            position: None,
            email: None,
            phone: Some(r.phone.clone()).filter(|_| !taken),
            cccd: Some(r.cccd.clone()).filter(|_| !taken),
            password_hash: Some(r.password_hash.clone()),
        };
        match insert(&txn, new).await {
            Ok(user) => {
                let status = if taken { DUPLICATE } else { PENDING };
                let user = set_status(&txn, user, status).await?;
                txn.commit().await?;
                return Ok(user);
            }
            Err(AppError::Validation(_)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(AppError::conflict(
        "busy",
        "Hệ thống đang bận, vui lòng đăng ký lại sau giây lát.",
    ))
}

async fn set_status<C: ConnectionTrait>(
    db: &C,
    user: users::Model,
    status: &str,
) -> AppResult<users::Model> {
    let mut active: users::ActiveModel = user.into();
    active.registration = Set(Some(status.to_owned()));
    active.updated_at = Set(Utc::now());
    Ok(active.update(db).await?)
}

/// An organiser approves a self-registered account: from now on the person counts for their unit. Audited.
pub async fn approve(db: &DatabaseConnection, actor: i64, id: i64) -> AppResult<StaffView> {
    let txn = db.begin().await?;
    let user = find(&txn, id).await?;
    match user.registration.as_deref() {
        Some(PENDING) => {}
        Some(DUPLICATE) => {
            return Err(AppError::conflict(
                "duplicate_registration",
                "Tài khoản này đăng ký trùng số CCCD hoặc số điện thoại của một tài khoản đã có nên không thể \
                 duyệt. Vui lòng kiểm tra lại với người đăng ký.",
            ));
        }
        _ => {
            return Err(AppError::conflict(
                "not_pending",
                "Tài khoản này không phải tài khoản tự đăng ký đang chờ duyệt.",
            ));
        }
    }
    let before = StaffView::from(user.clone());
    let after = StaffView::from(set_status(&txn, user, APPROVED).await?);
    audit::record(
        &txn,
        Entry {
            actor_id: Some(actor),
            action: "staff.approve",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: serde_json::to_value(&before).ok(),
            after: serde_json::to_value(&after).ok(),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}
