//! The results as every reader gets them (API, public pages, judges' pages, exports): one set of functions so
//! that the figures in an export equal the ones on the pages.
pub mod export;
pub mod files;
pub mod items;
pub mod public_cache;
pub mod stats;
pub mod table;
pub mod workbook;

use crate::domain::ranking::{self, ClosedAttempt};
use crate::domain::text::mask_name;
use crate::domain::unit_ranking::{self, UnitScore, UnitStanding};
use crate::domain::{PredictionKind, ShowNames};
use crate::entities::{rounds, units};
use crate::error::{AppError, AppResult};
use crate::store::results::{self as store, Attempts, Person};
use crate::time::Timestamp;
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct UnitRef {
    pub id: i64,
    pub code: String,
    pub name: String,
}

/// One line of a round's individual ranking.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub rank: u32,
    /// Left out of public (non-staff) views: it would join masked names across rounds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_id: Option<i64>,
    /// Left out of public (non-staff) views.
    pub login: Option<String>,
    pub full_name: String,
    pub unit: Option<UnitRef>,
    pub score: i32,
    pub max_score: i32,
    pub correct_count: i32,
    pub duration_ms: i64,
    pub prediction: Option<i64>,
    pub prediction_distance: Option<i64>,
    #[schema(value_type = String, format = DateTime)]
    pub submitted_at: Timestamp,
    #[serde(skip)]
    pub attempt_id: i64,
    /// The person, never serialised: lets a page mark the viewer's own line in a public ranking.
    #[serde(skip)]
    pub person: i64,
}

/// One line of a unit ranking.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct UnitEntry {
    pub unit: UnitRef,
    #[serde(flatten)]
    pub standing: UnitStanding,
}

/// A round's rankings. The individual leaderboard leaves out `units`, the unit leaderboard `entries`.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RoundResults {
    pub round_id: i64,
    pub title: String,
    #[schema(value_type = String, format = DateTime)]
    pub closes_at: Timestamp,
    #[schema(value_type = Option<String>, format = DateTime)]
    pub published_at: Option<Timestamp>,
    pub show_names: ShowNames,
    pub prediction: PredictionKind,
    /// Whether the prediction tie-break was applied (the round has the question and has closed).
    pub prediction_applied: bool,
    /// The true figure the prediction question asked about.
    pub true_figure: Option<i64>,
    pub participants: usize,
    pub min_participation_rate: f64,
    #[schema(required = false)]
    pub entries: Vec<Entry>,
    #[schema(required = false)]
    pub units: Vec<UnitEntry>,
}

/// The round's rankings, computed now. Practice rounds are never ranked: 409 `practice_round`.
pub async fn for_round<C: ConnectionTrait>(
    db: &C,
    round: &rounds::Model,
    now: Timestamp,
) -> AppResult<RoundResults> {
    if round.practice {
        return Err(AppError::conflict(
            "practice_round",
            "Đợt thi thử không được xếp hạng.",
        ));
    }
    let attempts = store::closed_attempts_of_round(db, round.id).await?;
    let unit_rows = store::units(db).await?;
    let min_rate = store::min_participation_rate(db).await?;
    let counting = ranking::counting_attempts(&attempts.of_round(round.id), round.counting);
    let figure = ranking::true_figure(round.prediction, &counting);
    let prediction_applied = figure.is_some() && now >= round.closes_at;
    let unit_scores = unit_scores(&counting, &attempts.people);
    let placed = ranking::rank_round(counting, figure.filter(|_| prediction_applied));
    let refs = unit_refs(&unit_rows);
    let entries: Vec<Entry> = placed
        .into_iter()
        .map(|p| {
            entry(
                p.rank,
                p.prediction_distance,
                p.attempt,
                &attempts.people,
                &refs,
            )
        })
        .collect();
    let standings =
        unit_ranking::rank_units(&store::unit_infos(&unit_rows), &unit_scores, min_rate);
    Ok(RoundResults {
        round_id: round.id,
        title: round.title.clone(),
        closes_at: round.closes_at,
        published_at: round.published_at,
        show_names: round.show_names,
        prediction: round.prediction,
        prediction_applied,
        true_figure: figure,
        participants: entries.len(),
        min_participation_rate: min_rate,
        entries,
        units: with_refs(standings, &refs),
    })
}

fn unit_scores(counting: &[ClosedAttempt], people: &HashMap<i64, Person>) -> Vec<UnitScore> {
    counting
        .iter()
        .filter_map(|a| {
            let unit_id = people
                .get(&a.user_id)
                .filter(|p| p.counts_for_unit)?
                .unit_id?;
            Some(UnitScore {
                unit_id,
                user_id: a.user_id,
                score: i64::from(a.score),
            })
        })
        .collect()
}

pub(crate) fn unit_refs(units: &[units::Model]) -> HashMap<i64, UnitRef> {
    units
        .iter()
        .map(|u| {
            (
                u.id,
                UnitRef {
                    id: u.id,
                    code: u.code.clone(),
                    name: u.name.clone(),
                },
            )
        })
        .collect()
}

pub(crate) fn with_refs(
    standings: Vec<UnitStanding>,
    refs: &HashMap<i64, UnitRef>,
) -> Vec<UnitEntry> {
    standings
        .into_iter()
        .filter_map(|standing| {
            Some(UnitEntry {
                unit: refs.get(&standing.unit_id)?.clone(),
                standing,
            })
        })
        .collect()
}

fn entry(
    rank: u32,
    prediction_distance: Option<i64>,
    a: ClosedAttempt,
    people: &HashMap<i64, Person>,
    refs: &HashMap<i64, UnitRef>,
) -> Entry {
    let person = people.get(&a.user_id);
    Entry {
        rank,
        user_id: Some(a.user_id),
        login: person.map(|p| p.login.clone()),
        full_name: person.map(|p| p.full_name.clone()).unwrap_or_default(),
        unit: person
            .and_then(|p| p.unit_id)
            .and_then(|id| refs.get(&id).cloned()),
        score: a.score,
        max_score: a.max_score,
        correct_count: a.correct_count,
        duration_ms: a.duration_ms,
        prediction: a.prediction,
        prediction_distance,
        submitted_at: a.finished_at,
        attempt_id: a.attempt_id,
        person: a.user_id,
    }
}

impl RoundResults {
    /// What the public sees: names as the organiser chose at publication, no logins.
    pub fn for_public(mut self) -> Self {
        for e in &mut self.entries {
            e.login = None;
            e.user_id = None;
            if self.show_names == ShowNames::Masked {
                e.full_name = mask_name(&e.full_name);
            }
        }
        self
    }
}

/// The counting attempts of each ranked round in `rounds`, from one load.
pub(crate) fn counting_per_round(
    rounds: &[rounds::Model],
    attempts: &Attempts,
) -> Vec<Vec<ClosedAttempt>> {
    let mut by_round: HashMap<i64, Vec<ClosedAttempt>> = HashMap::new();
    for (round_id, a) in &attempts.closed {
        by_round.entry(*round_id).or_default().push(a.clone());
    }
    rounds
        .iter()
        .map(|r| {
            ranking::counting_attempts(by_round.get(&r.id).map_or(&[], Vec::as_slice), r.counting)
        })
        .collect()
}

pub mod contest;
