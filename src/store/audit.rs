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

/// Newest first, `per_page` rows of page `page` (from 1).
pub async fn page<C: ConnectionTrait>(
    db: &C,
    page: u64,
    per_page: u64,
) -> AppResult<(Vec<AuditView>, u64)> {
    use crate::entities::users;
    use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
    let paginator = audit_log::Entity::find()
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
