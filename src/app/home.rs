//! The home page's data: the open and upcoming rounds, the latest publications, what the banks cover and the
//! organisers' contact. A visitor without a session gets the page rendered once and kept
//! (`store::cache::pages`); a logged-in visitor's page names them, so it is read afresh.
use super::AppState;
use crate::entities::rounds as round_rows;
use crate::error::AppResult;
use crate::store::banks::BankSummary;
use crate::store::cache::pages::RenderedPage;
use crate::store::rounds::RoundView;
use crate::store::{self, settings};
use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Instant;

/// What the home page shows, read in one go.
pub struct HomeData {
    /// Open and upcoming rounds, in the order they open.
    pub rounds: Vec<RoundView>,
    /// Published rounds, the latest first.
    pub published: Vec<round_rows::Model>,
    pub banks: Vec<BankSummary>,
    /// The organisers' contact, as they wrote it (empty: not shown).
    pub contact: String,
}

impl HomeData {
    /// The next moment a listed round opens or closes: the page read now stops being true then.
    fn next_change(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.rounds
            .iter()
            .flat_map(|r| [r.opens_at, r.closes_at])
            .filter(|at| *at > now)
            .min()
    }
}

/// Reads what the home page shows: per request for a logged-in visitor, once per kept page for the others.
pub async fn load(state: &AppState) -> AppResult<HomeData> {
    let banks = store::banks::summaries(&state.db).await?;
    let mut rounds: Vec<_> = store::rounds::list(&state.db)
        .await?
        .into_iter()
        .filter(|r| r.state != "closed")
        .collect();
    rounds.sort_by_key(|r| r.opens_at);
    let mut published = store::results::published_rounds(&state.db).await?;
    published.sort_by_key(|r| std::cmp::Reverse(r.published_at));
    let contact = settings::get(&state.db, settings::CONTACT)
        .await?
        .unwrap_or_default();
    Ok(HomeData {
        rounds,
        published,
        banks,
        contact,
    })
}

/// The home page of a visitor without a session, from memory; `render` makes it from the data when the kept
/// page is missing, was forgotten by a change, or is past its time.
pub async fn anonymous(
    state: &AppState,
    render: impl FnOnce(&HomeData) -> RenderedPage,
) -> AppResult<Arc<RenderedPage>> {
    state
        .caches
        .home
        .get_or_render(|| async move {
            let data = load(state).await?;
            let now = Utc::now();
            let expires = data.next_change(now).map(|at| {
                let wait = (at - now).to_std().unwrap_or_default();
                Instant::now() + wait
            });
            Ok((render(&data), expires))
        })
        .await
}

/// After a committed change to rounds, publication, banks or settings: the kept home page is rendered afresh.
pub(super) fn forget(state: &AppState) {
    state.caches.home.forget();
}
