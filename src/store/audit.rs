//! The audit log: one row for each organiser action (who, what, when, before/after).
use crate::entities::audit_log;
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::Value;

pub struct Entry<'a> {
    pub actor_id: Option<i64>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl Entry<'static> {
    /// A change to a round by an organiser.
    pub fn round(
        actor_id: i64,
        action: &'static str,
        round_id: i64,
        before: Option<Value>,
        after: Option<Value>,
    ) -> Self {
        Entry {
            actor_id: Some(actor_id),
            action,
            entity: "round",
            entity_id: Some(round_id.to_string()),
            before,
            after,
        }
    }
}

pub async fn record<C: ConnectionTrait>(db: &C, entry: Entry<'_>) -> AppResult<()> {
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_owned()),
        entity: Set(entry.entity.to_owned()),
        entity_id: Set(entry.entity_id),
        before_json: Set(entry.before.map(|v| v.to_string())),
        after_json: Set(entry.after.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One row of the log as organisers read it.
#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct AuditView {
    pub id: i64,
    pub at: chrono::DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_login: Option<String>,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Which rows of the log to read.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only this person's actions.
    pub actor_id: Option<i64>,
    /// Only actions of this kind: the part before the dot (`round`, `staff`, `question`, ...).
    pub kind: Option<String>,
    /// From this moment (inclusive) ...
    pub from: Option<chrono::DateTime<Utc>>,
    /// ... to this one (exclusive).
    pub until: Option<chrono::DateTime<Utc>>,
}

/// Newest first, `per_page` rows of page `page` (from 1).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    page: u64,
    per_page: u64,
) -> AppResult<(Vec<AuditView>, u64)> {
    page_where(db, &AuditFilter::default(), page, per_page).await
}

/// As [`page`], of the rows `filter` keeps.
pub async fn page_where<C: ConnectionTrait>(
    db: &C,
    filter: &AuditFilter,
    page: u64,
    per_page: u64,
) -> AppResult<(Vec<AuditView>, u64)> {
    use crate::entities::users;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
    let mut query = audit_log::Entity::find();
    if let Some(actor) = filter.actor_id {
        query = query.filter(audit_log::Column::ActorId.eq(actor));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(audit_log::Column::Action.starts_with(format!("{kind}.")));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_log::Column::At.lt(until));
    }
    let paginator = query
        .order_by_desc(audit_log::Column::At)
        .order_by_desc(audit_log::Column::Id)
        .paginate(db, per_page.clamp(1, 200));
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.max(1) - 1).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let actor_login = match r.actor_id {
            Some(id) => users::Entity::find_by_id(id)
                .one(db)
                .await?
                .map(|u| u.login),
            None => None,
        };
        let parse = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
        out.push(AuditView {
            id: r.id,
            at: r.at,
            actor_id: r.actor_id,
            actor_login,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            before: parse(r.before_json),
            after: parse(r.after_json),
        });
    }
    Ok((out, total))
}

/// The people who appear in the log as actors: (id, login, full name), by name.
pub async fn actors<C: ConnectionTrait>(db: &C) -> AppResult<Vec<(i64, String, String)>> {
    use crate::entities::users;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    let ids: Vec<Option<i64>> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorId)
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let ids: Vec<i64> = ids.into_iter().flatten().collect();
    let mut people: Vec<(i64, String, String)> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.login, u.full_name))
        .collect();
    people.sort_by_cached_key(|(_, _, name)| crate::domain::text::name_sort_key(name));
    Ok(people)
}
