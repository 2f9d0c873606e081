//! Organisers' changes to one account: name, unit, position, contact, role, active, and a new first password.
//! Audited with the fields that changed.
use crate::auth::password::{Hasher, generate_password};
use crate::domain::Role;
use crate::domain::roster::{check_email, check_phone};
use crate::domain::text::{clean, fold};
use crate::entities::{units, users};
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use crate::store::people::accounts::{StaffView, find, set_password};
use crate::store::people::roster::Slip;
use chrono::Utc;
use sea_orm::ActiveValue::{Set as IsSet, Unchanged};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde::Deserialize;

/// What an organiser changes; an absent field stays as it is. An empty position, email or phone clears it.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChange {
    pub full_name: Option<String>,
    pub unit_id: Option<i64>,
    pub role: Option<Role>,
    pub active: Option<bool>,
    /// Chức vụ.
    pub position: Option<String>,
    pub email: Option<String>,
    /// A Vietnamese mobile number (10 digits starting with 0; +84 and spaces are accepted).
    pub phone: Option<String>,
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
            "Bạn không thể tự hạ quyền hoặc khóa tài khoản của chính mình: cuộc thi cần ít nhất một \
             người của Ban Tổ chức đang hoạt động.",
        ));
    }
    let (was_active, was_role, token_version) =
        (current.active, current.role, current.token_version);
    let mut user: users::ActiveModel = current.into();
    set_details(db, &mut user, change).await?;
    if let Some(role) = change.role {
        user.role = Set(role);
    }
    if let Some(active) = change.active {
        user.active = Set(active);
    }
    // A lock, an unlock or a new role ends every session issued before: an account locked because it was
    // compromised must not come back with the intruder's token, and a session never outlives the role it began with.
    let role_changed = change.role.is_some_and(|r| r != was_role);
    if change.active.is_some_and(|a| a != was_active) || role_changed {
        user.token_version = Set(token_version.saturating_add(1));
    }
    user.updated_at = Set(Utc::now());
    let unit_missing = matches!(&user.unit_id, IsSet(None) | Unchanged(None));
    if unit_missing
        && matches!(
            &user.role,
            IsSet(Role::Participant) | Unchanged(Role::Participant)
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
    let (before_json, after_json) = changed_fields(&before, &after);
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: "staff.update",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: before_json,
            after: after_json,
        },
    )
    .await?;
    Ok(after)
}

/// Name, unit, position and contact, each checked; every refused field is reported at once.
async fn set_details<C: ConnectionTrait>(
    db: &C,
    user: &mut users::ActiveModel,
    change: &StaffChange,
) -> AppResult<()> {
    let mut errors = crate::error::FieldErrors::new();
    let mut refuse = |field: &str, message: String| {
        errors.entry(field.to_owned()).or_default().push(message);
    };
    if let Some(name) = &change.full_name {
        let name = clean(name);
        if name.is_empty() || name.chars().count() > 200 {
            refuse(
                "full_name",
                "Vui lòng nhập họ và tên (tối đa 200 ký tự).".into(),
            );
        }
        user.search_name = Set(fold(&name));
        user.full_name = Set(name);
    }
    if let Some(unit) = change.unit_id {
        if units::Entity::find_by_id(unit).one(db).await?.is_none() {
            refuse("unit_id", "Đơn vị không tồn tại.".into());
        }
        user.unit_id = Set(Some(unit));
    }
    if let Some(position) = &change.position {
        let position = clean(position);
        if position.chars().count() > 200 {
            refuse("position", "Chức vụ dài quá 200 ký tự.".into());
        }
        user.position = Set(Some(position).filter(|p| !p.is_empty()));
    }
    if let Some(email) = change.email.as_deref().map(str::trim) {
        match (email.is_empty(), check_email(email)) {
            (true, _) => user.email = Set(None),
            (false, Ok(email)) => user.email = Set(Some(email)),
            (false, Err(message)) => refuse("email", message),
        }
    }
    if let Some(phone) = change.phone.as_deref().map(str::trim) {
        match (phone.is_empty(), check_phone(phone)) {
            (true, _) => user.phone = Set(None),
            (false, Ok(phone)) => user.phone = Set(Some(phone)),
            (false, Err(message)) => refuse("phone", message),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Only what changed, before and after (`{"role": "participant"}` -> `{"role": "judge"}`), so the audit log
/// reads as the change itself.
fn changed_fields(
    before: &StaffView,
    after: &StaffView,
) -> (Option<serde_json::Value>, Option<serde_json::Value>) {
    let (Ok(serde_json::Value::Object(old)), Ok(serde_json::Value::Object(new))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return (None, None);
    };
    let changed: Vec<&String> = old
        .keys()
        .chain(new.keys().filter(|k| !old.contains_key(k.as_str())))
        .filter(|k| old.get(k.as_str()) != new.get(k.as_str()))
        .collect();
    let pick = |side: &serde_json::Map<String, serde_json::Value>| {
        changed
            .iter()
            .map(|k| {
                (
                    k.to_string(),
                    side.get(k.as_str()).cloned().unwrap_or_default(),
                )
            })
            .collect::<serde_json::Map<_, _>>()
    };
    (Some(pick(&old).into()), Some(pick(&new).into()))
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
