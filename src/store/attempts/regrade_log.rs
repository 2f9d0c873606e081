//! The audit trail of answer-key corrections, as the judges' page shows it: what the key was, what it became,
//! and how many attempts changed score.
use crate::entities::audit_log;
use crate::error::AppResult;
use crate::store::attempts::regrade::Regrade;
use crate::store::audit;
use crate::time::Timestamp;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::{Value, json};

pub const ACTION: &str = "question.regrade";

impl Regrade {
    /// The audit row: the key and the changed scores, before and after.
    pub fn audit_entry(&self, actor: i64) -> audit::Entry<'static> {
        let scores = |after: bool| -> Vec<Value> {
            self.changed
                .iter()
                .map(|c| {
                    let score = if after { c.score_after } else { c.score_before };
                    json!({ "attempt_id": c.attempt_id, "round_id": c.round_id, "score": score })
                })
                .collect()
        };
        audit::Entry {
            actor_id: Some(actor),
            action: ACTION,
            entity: "question_version",
            entity_id: Some(self.question_version_id.to_string()),
            before: Some(
                json!({ "question_id": self.question_id, "version": self.version,
                "correct": self.key_before, "scores": scores(false) }),
            ),
            after: Some(
                json!({ "question_id": self.question_id, "version": self.version,
                "correct": self.key_after, "scores": scores(true), "affected_attempts": self.affected_attempts }),
            ),
        }
    }
}

#[derive(Clone, Debug)]
pub struct RegradeLog {
    pub at: Timestamp,
    pub question_id: i64,
    pub version: i64,
    pub key_before: String,
    pub key_after: String,
    pub changed_attempts: usize,
}

/// The latest corrections, newest first.
pub async fn recent<C: ConnectionTrait>(db: &C, limit: u64) -> AppResult<Vec<RegradeLog>> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(ACTION))
        .order_by_desc(audit_log::Column::At)
        .limit(limit)
        .all(db)
        .await?;
    Ok(rows.iter().map(log_of).collect())
}

fn log_of(row: &audit_log::Model) -> RegradeLog {
    let parse = |s: &Option<String>| -> Value {
        s.as_deref()
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or(Value::Null)
    };
    let (before, after) = (parse(&row.before_json), parse(&row.after_json));
    let letters = |v: &Value| -> String {
        v["correct"].as_array().map_or_else(String::new, |a| {
            a.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    RegradeLog {
        at: row.at,
        question_id: after["question_id"].as_i64().unwrap_or(0),
        version: after["version"].as_i64().unwrap_or(0),
        key_before: letters(&before),
        key_after: letters(&after),
        changed_attempts: after["scores"].as_array().map_or(0, Vec::len),
    }
}
