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
