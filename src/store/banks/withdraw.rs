//! Withdrawing a question by hand (a wrong key, a repealed rule) and restoring it. A withdrawn question is drawn by
//! no new attempt; attempts that already hold it keep showing and scoring it. Audited.
use crate::entities::{question_banks, questions};
use crate::error::{AppError, AppResult};
use crate::store::audit::{self, Entry};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

/// The question as it is after the change.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct QuestionState {
    pub id: i64,
    /// The slug of its bank.
    pub bank: String,
    pub external_id: String,
    pub retired: bool,
    pub withdrawn: bool,
}

/// Withdraws (`withdrawn` true) or restores a question. Restoring is for withdrawn questions only: one that its
/// bank's file no longer holds comes back by importing a file that holds it.
pub async fn set_withdrawn<C: ConnectionTrait>(
    db: &C,
    actor: i64,
    id: i64,
    withdrawn: bool,
) -> AppResult<QuestionState> {
    let q = questions::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !withdrawn && q.retired && !q.withdrawn {
        return Err(AppError::conflict(
            "question_not_in_file",
            "Câu hỏi này không còn trong tệp ngân hàng nên không khôi phục được ở đây; \
             hãy nhập lại tệp có câu hỏi này.",
        ));
    }
    let before = serde_json::json!({"retired": q.retired, "withdrawn": q.withdrawn});
    let mut row: questions::ActiveModel = q.clone().into();
    row.withdrawn = Set(withdrawn);
    row.retired = Set(withdrawn);
    row.updated_at = Set(Utc::now());
    let saved = row.update(db).await?;
    audit::record(
        db,
        Entry {
            actor_id: Some(actor),
            action: if withdrawn {
                "question.withdraw"
            } else {
                "question.restore"
            },
            entity: "question",
            entity_id: Some(id.to_string()),
            before: Some(before),
            after: Some(serde_json::json!({
                "external_id": saved.external_id, "retired": saved.retired, "withdrawn": saved.withdrawn,
            })),
        },
    )
    .await?;
    let bank = question_banks::Entity::find_by_id(saved.bank_id)
        .one(db)
        .await?
        .map(|b| b.slug)
        .unwrap_or_default();
    Ok(QuestionState {
        id: saved.id,
        bank,
        external_id: saved.external_id,
        retired: saved.retired,
        withdrawn: saved.withdrawn,
    })
}
