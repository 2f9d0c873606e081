//! The people of a contest: importing the roster, changing a person, a new password on a slip, approving a
//! self-registered account. Each change ends the cached view of the people it touched, so a new role, unit or
//! lock counts on the very next request.
use super::AppState;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::people::accounts::StaffView;
use crate::store::people::edits::{self, StaffChange};
use crate::store::people::registrations;
use crate::store::people::roster::{self, ImportReport, Slip};
use crate::store::people::slips::{self, UnitSlips};
use sea_orm::TransactionTrait;

/// Imports a roster file (CSV or XLSX): new people get a generated password on a slip, known people are
/// updated, refused rows are reported with their row numbers (organisers).
pub async fn import_roster(
    state: &AppState,
    actor: &AuthUser,
    file_name: &str,
    bytes: &[u8],
) -> AppResult<ImportReport> {
    actor.require_organiser()?;
    let prepared = roster::prepare(&state.db, state.hasher, bytes, file_name).await?;
    let txn = state.db.begin().await?;
    let report = roster::import(&txn, Some(actor.id), prepared).await?;
    txn.commit().await?;
    // Known people may have changed unit, position or status: none of them may be served from the cache.
    state.users.clear();
    Ok(report)
}

/// Changes a person's details, role or status (organisers).
pub async fn update(
    state: &AppState,
    actor: &AuthUser,
    id: i64,
    change: &StaffChange,
) -> AppResult<StaffView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let saved = edits::update(&txn, actor.id, id, change).await?;
    txn.commit().await?;
    state.users.evict(id);
    Ok(saved)
}

/// A new generated password for one person, shown once on a slip; their sessions end (organisers).
pub async fn reset_password(state: &AppState, actor: &AuthUser, id: i64) -> AppResult<Slip> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let slip = edits::reset_password(&txn, state.hasher, actor.id, id).await?;
    txn.commit().await?;
    state.users.evict(id);
    Ok(slip)
}

/// New login slips for the people of a unit who never logged in; their earlier slips stop working (organisers).
pub async fn reissue_slips(
    state: &AppState,
    actor: &AuthUser,
    unit_id: i64,
) -> AppResult<UnitSlips> {
    actor.require_organiser()?;
    let prepared = slips::prepare(&state.db, state.hasher, unit_id).await?;
    let txn = state.db.begin().await?;
    let issued = slips::reissue(&txn, actor.id, prepared).await?;
    txn.commit().await?;
    state.users.clear();
    Ok(issued)
}

/// Approves a self-registered account: from now on the person counts for their unit (organisers).
pub async fn approve(state: &AppState, actor: &AuthUser, id: i64) -> AppResult<StaffView> {
    actor.require_organiser()?;
    let saved = registrations::approve(&state.db, actor.id, id).await?;
    state.users.evict(id);
    Ok(saved)
}
