//! Publishing a round's results (public pages and API) and withdrawing them, each with an audit row.
use crate::domain::{ShowNames, close};
use crate::entities::rounds;
use crate::error::{AppError, AppResult};
use crate::store::{audit, results as store};
use crate::time::vn_datetime_secs;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use serde::Serialize;
use serde_json::{Value, json};

/// Whether and how a round's results are public.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Publication {
    pub round_id: i64,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<chrono::DateTime<Utc>>,
    pub show_names: ShowNames,
}

impl From<&rounds::Model> for Publication {
    fn from(round: &rounds::Model) -> Self {
        Publication {
            round_id: round.id,
            published_at: round.published_at,
            show_names: round.show_names,
        }
    }
}

pub fn to_json(round: &rounds::Model) -> Value {
    json!(Publication::from(round))
}

/// Publishes (`Some(show_names)`) or withdraws (`None`) a round's results, with an audit row.
pub async fn set(
    db: &DatabaseConnection,
    id: i64,
    actor: i64,
    show: Option<ShowNames>,
    grace_secs: u32,
) -> AppResult<rounds::Model> {
    let txn = db.begin().await?;
    let round = store::round(&txn, id).await?;
    if round.practice {
        return Err(AppError::conflict(
            "practice_round",
            "Đợt thi thử không được xếp hạng nên không công bố kết quả.",
        ));
    }
    if show.is_some() {
        let facts = super::round_close::facts(&txn, id, round.closes_at).await?;
        let from = close::results_available_at(&facts, grace_secs, Utc::now());
        if Utc::now() < from {
            return Err(AppError::conflict(
                "round_not_closed",
                format!(
                    "Chỉ công bố kết quả sau khi đợt thi đã kết thúc và không còn bài thi nào có thể lưu \
                     câu trả lời, tức là từ {} (giờ Việt Nam).",
                    vn_datetime_secs(from)
                ),
            ));
        }
    }
    let before = to_json(&round);
    let mut am: rounds::ActiveModel = round.into();
    am.published_at = Set(show.map(|_| Utc::now()));
    if let Some(names) = show {
        am.show_names = Set(names);
    }
    am.updated_at = Set(Utc::now());
    let round = am.update(&txn).await?;
    let action = if show.is_some() {
        "results.publish"
    } else {
        "results.unpublish"
    };
    let entry = audit::Entry {
        actor_id: Some(actor),
        action,
        entity: "round",
        entity_id: Some(id.to_string()),
        before: Some(before),
        after: Some(to_json(&round)),
    };
    audit::record(&txn, entry).await?;
    txn.commit().await?;
    Ok(round)
}
