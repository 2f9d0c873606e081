//! What an attempt drew: its questions (the exact versions shown) with their options in the attempt's order.
//! Read by the attempt view, the answer cache and scoring; the draw never changes after it is stored.
use crate::domain::scoring::KeyedQuestion;
use crate::entities::{attempt_questions, options, question_versions};
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct DrawnQuestion {
    pub question_id: i64,
    pub version: question_versions::Model,
    /// In the order this attempt shows them.
    pub options: Vec<options::Model>,
}

impl DrawnQuestion {
    pub fn keyed(&self) -> KeyedQuestion {
        KeyedQuestion {
            question_id: self.question_id,
            points: self.version.points,
            correct: self
                .options
                .iter()
                .filter(|o| o.is_correct)
                .map(|o| o.id)
                .collect(),
        }
    }
}

pub async fn load<C: ConnectionTrait>(db: &C, attempt_id: i64) -> AppResult<Vec<DrawnQuestion>> {
    let rows = attempt_questions::Entity::find()
        .filter(attempt_questions::Column::AttemptId.eq(attempt_id))
        .order_by_asc(attempt_questions::Column::Position)
        .all(db)
        .await?;
    let version_ids: Vec<i64> = rows.iter().map(|r| r.question_version_id).collect();
    let mut versions: HashMap<i64, question_versions::Model> = question_versions::Entity::find()
        .filter(question_versions::Column::Id.is_in(version_ids.clone()))
        .all(db)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let mut opts: HashMap<i64, options::Model> = options::Entity::find()
        .filter(options::Column::QuestionVersionId.is_in(version_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let order: Vec<i64> = serde_json::from_str(&row.option_order)
            .map_err(|e| anyhow::anyhow!("attempt {attempt_id}: bad option_order: {e}"))?;
        let version = versions
            .remove(&row.question_version_id)
            .ok_or_else(|| anyhow::anyhow!("attempt {attempt_id}: missing question version"))?;
        let options = order.iter().filter_map(|id| opts.remove(id)).collect();
        out.push(DrawnQuestion {
            question_id: row.question_id,
            version,
            options,
        });
    }
    Ok(out)
}
