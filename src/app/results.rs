//! Publishing a round's results and withdrawing them, and correcting a key (which rescores every closed attempt
//! that drew the question). Each is audited, and the public boards are computed afresh after it.
use super::AppState;
use crate::auth::AuthUser;
use crate::domain::{ShowNames, close};
use crate::error::{AppError, AppResult};
use crate::store::attempts::regrade::{self, Regrade};
use crate::store::audit::{self, Entry};
use crate::store::results;
use crate::store::rounds::publication::{self, Publication};
use crate::time::vn_datetime_secs;
use chrono::Utc;
use sea_orm::TransactionTrait;

/// Publishes a round's results (organisers): refused for a practice round, and before the last attempt that
/// can still save an answer has ended.
pub async fn publish(
    state: &AppState,
    actor: &AuthUser,
    round_id: i64,
    show: ShowNames,
) -> AppResult<Publication> {
    set(state, actor, round_id, Some(show)).await
}

/// Why a round's results cannot be published now, in words for the organiser; `None` when they can. The page
/// shows it beside a disabled "Công bố" button; publishing gives the same refusal.
pub async fn why_not_publishable(state: &AppState, round_id: i64) -> AppResult<Option<String>> {
    let round = results::round(&state.db, round_id).await?;
    if round.practice {
        return Ok(Some(
            "Đợt thi thử không được xếp hạng nên không công bố kết quả.".to_owned(),
        ));
    }
    let refusal = not_yet(&state.db, state.settings.save_grace_secs, &round).await?;
    Ok(refusal.map(|e| e.message()))
}

/// The refusal while an attempt of `round` can still save an answer.
async fn not_yet<C: sea_orm::ConnectionTrait>(
    db: &C,
    grace_secs: u32,
    round: &crate::entities::rounds::Model,
) -> AppResult<Option<AppError>> {
    let facts = crate::store::rounds::close::facts(db, round.id, round.closes_at).await?;
    let from = close::results_available_at(&facts, grace_secs, Utc::now());
    Ok((Utc::now() < from).then(|| {
        AppError::conflict(
            "round_not_closed",
            format!(
                "Chỉ công bố kết quả sau khi đợt thi đã kết thúc và không còn bài thi nào có thể lưu \
                 câu trả lời, tức là từ {} (giờ Việt Nam).",
                vn_datetime_secs(from)
            ),
        )
    }))
}

/// Withdraws a round's results from the public (organisers).
pub async fn unpublish(
    state: &AppState,
    actor: &AuthUser,
    round_id: i64,
) -> AppResult<Publication> {
    set(state, actor, round_id, None).await
}

async fn set(
    state: &AppState,
    actor: &AuthUser,
    id: i64,
    show: Option<ShowNames>,
) -> AppResult<Publication> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let round = results::round(&txn, id).await?;
    if round.practice {
        return Err(AppError::conflict(
            "practice_round",
            "Đợt thi thử không được xếp hạng nên không công bố kết quả.",
        ));
    }
    if show.is_some()
        && let Some(refusal) = not_yet(&txn, state.settings.save_grace_secs, &round).await?
    {
        return Err(refusal);
    }
    let before = publication::to_json(&round);
    let round = publication::write(&txn, round, show).await?;
    let action = if show.is_some() {
        "results.publish"
    } else {
        "results.unpublish"
    };
    let after = Some(publication::to_json(&round));
    audit::record(
        &txn,
        Entry::round(actor.id, action, id, Some(before), after),
    )
    .await?;
    txn.commit().await?;
    super::rounds::forget(state, id);
    Ok(Publication::from(&round))
}

/// Corrects the key of one question version and rescores every closed attempt that drew it (organisers).
pub async fn correct_key(
    state: &AppState,
    actor: &AuthUser,
    question_id: i64,
    version: i32,
    correct: &[String],
) -> AppResult<Regrade> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let outcome = regrade::correct_key(&txn, question_id, version, correct).await?;
    audit::record(&txn, outcome.audit_entry(actor.id)).await?;
    txn.commit().await?;
    state.public_boards.invalidate();
    Ok(outcome)
}
