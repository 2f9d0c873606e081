//! The overall (contest) ranking: every ranked (non-practice) round, or only the published ones for the public.
//! Per person: the sum of their counting scores, then the total duration. Per unit: distinct participants over
//! all those rounds / headcount, and the mean of each participant's total.
use super::{UnitEntry, UnitRef, counting_per_round, unit_refs, with_refs};
use crate::domain::ranking;
use crate::domain::text::mask_name;
use crate::domain::unit_ranking::{self, UnitScore};
use crate::error::AppResult;
use crate::store::results as store;
use sea_orm::ConnectionTrait;
use serde::Serialize;

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RoundRef {
    pub id: i64,
    pub title: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OverallEntry {
    pub rank: u32,
    /// Left out of public views: it would join masked names across rounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    pub login: Option<String>,
    pub full_name: String,
    pub unit: Option<UnitRef>,
    pub total_score: i64,
    pub total_max_score: i64,
    pub total_duration_ms: i64,
    pub rounds: u32,
    /// The person, never serialised: lets a page mark the viewer's own line in a public ranking.
    #[serde(skip)]
    pub person: i64,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ContestResults {
    /// The rounds counted.
    pub rounds: Vec<RoundRef>,
    /// Only in the unit leaderboard.
    #[schema(required = false)]
    pub min_participation_rate: f64,
    /// Only in the individual leaderboard.
    #[schema(required = false)]
    pub entries: Vec<OverallEntry>,
    /// Only in the unit leaderboard.
    #[schema(required = false)]
    pub units: Vec<UnitEntry>,
}

/// `published_only`: the public sees only published rounds, with masked names where a round asked for it
/// (a person is masked when any counted round was published masked).
pub async fn for_contest<C: ConnectionTrait>(
    db: &C,
    published_only: bool,
) -> AppResult<ContestResults> {
    let rounds: Vec<_> = store::all_rounds(db)
        .await?
        .into_iter()
        .filter(|r| !r.practice && (!published_only || r.published_at.is_some()))
        .collect();
    let ids: Vec<i64> = rounds.iter().map(|r| r.id).collect();
    let attempts = store::closed_attempts_of_rounds(db, &ids).await?;
    let unit_rows = store::units(db).await?;
    let min_rate = store::min_participation_rate(db).await?;
    let refs = unit_refs(&unit_rows);
    let per_round = counting_per_round(&rounds, &attempts);
    let mask = published_only
        && rounds
            .iter()
            .any(|r| r.show_names == crate::domain::ShowNames::Masked);
    let totals = ranking::rank_overall(&per_round);
    let scores: Vec<UnitScore> = totals
        .iter()
        .filter_map(|t| {
            Some(UnitScore {
                unit_id: attempts
                    .people
                    .get(&t.user_id)
                    .filter(|p| p.counts_for_unit)?
                    .unit_id?,
                user_id: t.user_id,
                score: t.total_score,
            })
        })
        .collect();
    let entries: Vec<OverallEntry> = totals
        .into_iter()
        .map(|t| {
            let person = attempts.people.get(&t.user_id);
            let name = person.map(|p| p.full_name.clone()).unwrap_or_default();
            OverallEntry {
                rank: t.rank,
                user_id: Some(t.user_id).filter(|_| !published_only),
                login: person.filter(|_| !published_only).map(|p| p.login.clone()),
                full_name: if mask { mask_name(&name) } else { name },
                unit: person
                    .and_then(|p| p.unit_id)
                    .and_then(|id| refs.get(&id).cloned()),
                total_score: t.total_score,
                total_max_score: t.total_max_score,
                total_duration_ms: t.total_duration_ms,
                rounds: t.rounds,
                person: t.user_id,
            }
        })
        .collect();
    let standings = unit_ranking::rank_units(&store::unit_infos(&unit_rows), &scores, min_rate);
    Ok(ContestResults {
        rounds: rounds
            .iter()
            .map(|r| RoundRef {
                id: r.id,
                title: r.title.clone(),
            })
            .collect(),
        min_participation_rate: min_rate,
        entries,
        units: with_refs(standings, &refs),
    })
}
