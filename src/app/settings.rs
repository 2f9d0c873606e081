//! The contest's settings (self-registration, the unit ranking's minimum participation): changed by organisers,
//! audited, and counted at once by the public boards.
use super::AppState;
use crate::auth::AuthUser;
use crate::error::AppResult;
use crate::store::settings::{self, ContestSettings, SettingsChange};

pub async fn update(
    state: &AppState,
    actor: &AuthUser,
    change: &SettingsChange,
) -> AppResult<ContestSettings> {
    actor.require_organiser()?;
    let after = settings::update(&state.db, actor.id, change).await?;
    // The unit ranking's minimum participation decides which units the boards rank.
    state.public_boards.invalidate();
    // The home page shows the organisers' contact.
    super::home::forget(state);
    Ok(after)
}
