//! Units (đơn vị): a free tree that organisers create, rename, move and retire. Every change is audited.
use crate::domain::{text::clean, units::would_cycle};
use crate::entities::units;
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct UnitView {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub parent_id: Option<i64>,
    pub headcount: i32,
    pub display_order: i32,
    pub retired: bool,
}

impl From<units::Model> for UnitView {
    fn from(u: units::Model) -> Self {
        UnitView {
            id: u.id,
            code: u.code,
            name: u.name,
            parent_id: u.parent_id,
            headcount: u.headcount,
            display_order: u.display_order,
            retired: u.retired,
        }
    }
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUnit {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub headcount: i32,
    #[serde(default)]
    pub display_order: i32,
}

/// A change to a unit; absent fields stay. `"parent_id": null` makes it a top-level unit.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitChange {
    pub code: Option<String>,
    pub name: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub parent_id: Option<Option<i64>>,
    pub headcount: Option<i32>,
    pub display_order: Option<i32>,
    pub retired: Option<bool>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<i64>>, D::Error> {
    Option::<i64>::deserialize(d).map(Some)
}

/// Every unit, in display order then code (the tree is assembled by whoever shows it).
pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<UnitView>> {
    let all = units::Entity::find()
        .order_by_asc(units::Column::DisplayOrder)
        .order_by_asc(units::Column::Code)
        .all(db)
        .await?;
    Ok(all.into_iter().map(UnitView::from).collect())
}

/// One unit, if it exists.
pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Option<UnitView>> {
    Ok(units::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(UnitView::from))
}

pub async fn by_code<C: ConnectionTrait>(db: &C) -> AppResult<HashMap<String, units::Model>> {
    let all = units::Entity::find().all(db).await?;
    Ok(all.into_iter().map(|u| (u.code.clone(), u)).collect())
}

fn check_code(code: &str) -> AppResult<String> {
    let code = code.trim().to_uppercase();
    let ok = (1..=32).contains(&code.chars().count())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    ok.then_some(code).ok_or_else(|| {
        AppError::invalid(
            "code",
            "Mã đơn vị gồm 1-32 ký tự: chữ không dấu, số, dấu gạch.",
        )
    })
}

fn check_name(name: &str) -> AppResult<String> {
    let name = clean(name);
    (1..=200)
        .contains(&name.chars().count())
        .then_some(name)
        .ok_or_else(|| {
            AppError::invalid("name", "Tên đơn vị không được để trống (tối đa 200 ký tự).")
        })
}

fn check_headcount(n: i32) -> AppResult<i32> {
    (0..=100_000)
        .contains(&n)
        .then_some(n)
        .ok_or_else(|| AppError::invalid("headcount", "Số cán bộ phải từ 0 đến 100000."))
}

async fn check_parent<C: ConnectionTrait>(db: &C, unit: Option<i64>, parent: i64) -> AppResult<()> {
    let all = units::Entity::find().all(db).await?;
    let parents: HashMap<i64, Option<i64>> = all.iter().map(|u| (u.id, u.parent_id)).collect();
    if !parents.contains_key(&parent) {
        return Err(AppError::invalid(
            "parent_id",
            "Đơn vị cấp trên không tồn tại.",
        ));
    }
    if unit.is_some_and(|id| would_cycle(&parents, id, parent)) {
        return Err(AppError::invalid(
            "parent_id",
            "Không thể đặt một đơn vị trực thuộc chính nó hoặc đơn vị cấp dưới của nó.",
        ));
    }
    Ok(())
}

const CODE_TAKEN: &str = "Mã đơn vị này đã được dùng.";

pub async fn create<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    input: &NewUnit,
) -> AppResult<UnitView> {
    let code = check_code(&input.code)?;
    let name = check_name(&input.name)?;
    let headcount = check_headcount(input.headcount)?;
    if let Some(parent) = input.parent_id {
        check_parent(db, None, parent).await?;
    }
    let now = Utc::now();
    let unit = units::ActiveModel {
        code: Set(code),
        name: Set(name),
        parent_id: Set(input.parent_id),
        headcount: Set(headcount),
        display_order: Set(input.display_order),
        retired: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| AppError::on_unique(e, "code", CODE_TAKEN))?;
    let view = UnitView::from(unit);
    audit::record(db, entry(actor, "unit.create", &view, None)).await?;
    Ok(view)
}

pub async fn update<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    id: i64,
    change: &UnitChange,
) -> AppResult<UnitView> {
    let current = units::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let before = UnitView::from(current.clone());
    let mut unit: units::ActiveModel = current.into();
    if let Some(code) = &change.code {
        unit.code = Set(check_code(code)?);
    }
    if let Some(name) = &change.name {
        unit.name = Set(check_name(name)?);
    }
    if let Some(parent) = change.parent_id {
        if let Some(p) = parent {
            check_parent(db, Some(id), p).await?;
        }
        unit.parent_id = Set(parent);
    }
    if let Some(n) = change.headcount {
        unit.headcount = Set(check_headcount(n)?);
    }
    if let Some(order) = change.display_order {
        unit.display_order = Set(order);
    }
    if let Some(retired) = change.retired {
        unit.retired = Set(retired);
    }
    unit.updated_at = Set(Utc::now());
    let saved = unit
        .update(db)
        .await
        .map_err(|e| AppError::on_unique(e, "code", CODE_TAKEN))?;
    let view = UnitView::from(saved);
    audit::record(db, entry(actor, "unit.update", &view, Some(&before))).await?;
    Ok(view)
}

fn entry<'a>(
    actor: i64,
    action: &'a str,
    after: &UnitView,
    before: Option<&UnitView>,
) -> Entry<'a> {
    Entry {
        actor_id: Some(actor),
        action,
        entity: "unit",
        entity_id: Some(after.id.to_string()),
        before: before.and_then(|b| serde_json::to_value(b).ok()),
        after: serde_json::to_value(after).ok(),
    }
}
