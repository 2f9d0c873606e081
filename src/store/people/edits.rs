//! Organisers' changes to one account: name, unit, role, active, and a new first password. Audited.
use crate::auth::password::{Hasher, generate_password};
use crate::domain::Role;
use crate::domain::text::{clean, fold};
use crate::entities::{units, users};
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use crate::store::people::accounts::{StaffView, find, set_password};
use crate::store::people::roster::Slip;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    pub full_name: Option<String>,
    pub unit_id: Option<i64>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    pub position: Option<String>,
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    id: i64,
    change: &StaffChange,
) -> AppResult<StaffView> {
    let current = find(db, id).await?;
    let before = StaffView::from(current.clone());
    if id == actor
        && (change.role.is_some_and(|r| r != Role::Organiser) || change.active == Some(false))
    {
        return Err(AppError::conflict(
            "own_account",
            "Bạn không thể tự hạ quyền hoặc khóa tài khoản của chính mình.",
        ));
    }
    let (was_active, token_version) = (current.active, current.token_version);
    let mut user: users::ActiveModel = current.into();
    if let Some(name) = &change.full_name {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            return Err(AppError::invalid(
                "full_name",
                "Vui lòng nhập họ và tên (tối đa 200 ký tự).",
            ));
        }
        user.search_name = Set(fold(&name));
        user.full_name = Set(name);
    }
    if let Some(unit) = change.unit_id {
        units::Entity::find_by_id(unit)
            .one(db)
            .await?
            .ok_or_else(|| AppError::invalid("unit_id", "Đơn vị không tồn tại."))?;
        user.unit_id = Set(Some(unit));
    }
    if let Some(role) = change.role {
        user.role = Set(role);
    }
    if let Some(active) = change.active {
        user.active = Set(active);
        // Locking or unlocking ends every session issued before: an account locked because it was compromised
        // must not come back with the intruder's token.
        if active != was_active {
            user.token_version = Set(token_version.saturating_add(1));
        }
    }
    if let Some(position) = &change.position {
        user.position = Set(Some(clean(position)).filter(|p| !p.is_empty()));
    }
    user.updated_at = Set(Utc::now());
    let unit_missing = matches!(
        &user.unit_id,
        sea_orm::ActiveValue::Set(None) | sea_orm::ActiveValue::Unchanged(None)
    );
    if unit_missing
        && matches!(
            &user.role,
            sea_orm::ActiveValue::Set(Role::Participant)
                | sea_orm::ActiveValue::Unchanged(Role::Participant)
        )
    {
        return Err(AppError::invalid(
            "unit_id",
            "Thí sinh phải thuộc một đơn vị.",
        ));
    }
    let saved = user
        .update(db)
        .await
        .map_err(crate::store::people::accounts::unique_to_field)?;
    let after = StaffView::from(saved);
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: "staff.update",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: serde_json::to_value(&before).ok(),
            after: serde_json::to_value(&after).ok(),
        },
    )
    .await?;
    Ok(after)
}

/// A new generated password, shown once on a slip; older sessions of the person end.
pub async fn reset_password<C: ConnectionTrait>(
    db: &C,
    hasher: Hasher,
    actor: i64,
    id: i64,
) -> AppResult<Slip> {
    let user = find(db, id).await?;
    let password = generate_password();
    let hash = hasher.hash_blocking(password.clone()).await?;
    set_password(db, id, hash).await?;
    let unit = match user.unit_id {
        Some(u) => units::Entity::find_by_id(u).one(db).await?.map(|u| u.name),
        None => None,
    };
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: "staff.reset_password",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(Slip {
        login: user.login,
        full_name: user.full_name,
        unit: unit.unwrap_or_default(),
        password,
    })
}
