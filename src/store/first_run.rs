//! First run: with no organiser in the database, print a one-time link to create the first one.
use crate::startup::AppState;

pub async fn announce_setup_link(_state: &AppState) -> anyhow::Result<()> {
    Ok(())
}
