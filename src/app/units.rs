//! Units (đơn vị): creating one and changing one, each audited (organisers).
use super::AppState;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::units::{self, NewUnit, UnitChange, UnitView};
use sea_orm::TransactionTrait;

pub async fn create(state: &AppState, actor: &AuthUser, input: &NewUnit) -> AppResult<UnitView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let unit = units::create(&txn, actor.id, input).await?;
    txn.commit().await?;
    Ok(unit)
}

pub async fn update(
    state: &AppState,
    actor: &AuthUser,
    id: i64,
    change: &UnitChange,
) -> AppResult<UnitView> {
    actor.require_organiser()?;
    let txn = state.db.begin().await?;
    let unit = units::update(&txn, actor.id, id, change).await?;
    txn.commit().await?;
    // The public boards name units.
    state.public_boards.invalidate();
    Ok(unit)
}
