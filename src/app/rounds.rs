//! Rounds (đợt thi): creating one, changing it, and granting one person extra time or attempts. Each change is
//! audited in its own transaction, and the caches that hold the round forget it once the change is committed.
use super::AppState;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::audit::{self, Entry};
use crate::store::rounds::progress::{self, OverrideInput, OverrideView};
use crate::store::rounds::{self, NewRound, RoundPatch, RoundView};
use sea_orm::TransactionTrait;
use serde_json::json;

/// Creates a round (organisers). `closes_at` must be after `opens_at`; the draw rules must fit the banks.
pub async fn create(state: &AppState, actor: &AuthUser, input: NewRound) -> AppResult<RoundView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let round = rounds::create(&txn, input).await?;
    let entry = Entry::round(actor.id, "round.create", round.id, None, Some(json!(round)));
    audit::record(&txn, entry).await?;
    txn.commit().await?;
    // The home page lists open and upcoming rounds.
    super::home::forget(state);
    Ok(round.with_results_at(state.settings.save_grace_secs))
}

/// Changes a round (organisers): only the fields given change; what decides a drawn attempt cannot change once
/// the round has attempts.
pub async fn update(
    state: &AppState,
    actor: &AuthUser,
    id: i64,
    patch: RoundPatch,
) -> AppResult<RoundView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let (before, after) = rounds::update(&txn, id, patch).await?;
    let entry = Entry::round(
        actor.id,
        "round.update",
        after.id,
        Some(json!(before)),
        Some(json!(after)),
    );
    audit::record(&txn, entry).await?;
    txn.commit().await?;
    forget(state, after.id);
    Ok(after.with_results_at(state.settings.save_grace_secs))
}

/// Extra time or extra attempts for one person in a round (organisers).
pub async fn grant(
    state: &AppState,
    actor: &AuthUser,
    round_id: i64,
    input: &OverrideInput,
) -> AppResult<OverrideView> {
    actor.require_organiser()?;
    let round = rounds::get(&state.db, round_id).await?;
    let txn = state.db.begin().await?;
    let grace = state.settings.save_grace_secs;
    let (before, after) = progress::grant(&txn, &round, input, grace).await?;
    let entry = Entry::round(
        actor.id,
        "round.override",
        round.id,
        before.map(|b| json!(b)),
        Some(json!(after)),
    );
    audit::record(&txn, entry).await?;
    txn.commit().await?;
    // The round's close facts (the largest extra time, so when results may show) changed.
    forget(state, round.id);
    Ok(after)
}

/// Where a participant lands after logging in: the round's page when exactly one open round admits them and
/// they can still start or continue an attempt in it; `None` (the home page) otherwise.
pub async fn landing(state: &AppState, user: &AuthUser) -> AppResult<Option<i64>> {
    if user.role != crate::domain::Role::Participant {
        return Ok(None);
    }
    let mine = crate::store::attempts::mine(&state.db, user.id).await?;
    let mut open = Vec::new();
    for r in rounds::list_for(&state.db, user).await? {
        if !r.is_open() {
            continue;
        }
        let taken: Vec<_> = mine.iter().filter(|a| a.round_id == r.id).collect();
        let in_progress = taken
            .iter()
            .any(|a| a.status == crate::domain::AttemptStatus::InProgress);
        let extra = crate::store::attempts::override_for(&state.db, r.id, user.id)
            .await?
            .map_or(0, |o| o.extra_attempts);
        if in_progress || r.can_start(taken.len(), extra) {
            open.push(r.id);
        }
    }
    Ok(match open.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// After a committed change to a round: the hot paths' round cache, the public boards and the home page read it
/// afresh.
pub(super) fn forget(state: &AppState, round_id: i64) {
    state.caches.rounds.forget(round_id);
    state.public_boards.invalidate();
    super::home::forget(state);
}
