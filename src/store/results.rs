//! Loading what the rankings need in a few queries (no query per person): the closed attempts of a round or of
//! the contest joined with their people, the units, and the organiser-set minimum participation rate.
use crate::domain::ranking::ClosedAttempt;
use crate::domain::unit_ranking::UnitInfo;
use crate::entities::{rounds, units};
use crate::error::{AppError, AppResult};
use crate::time::Timestamp;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
    Value,
};
use std::collections::HashMap;

/// A person as rankings show them. CCCD and phone are never loaded here.
#[derive(Clone, Debug)]
pub struct Person {
    pub login: String,
    pub full_name: String,
    pub unit_id: Option<i64>,
    /// Whether the person counts for their unit (a self-registered person once approved).
    pub counts_for_unit: bool,
}

/// Closed attempts (each with its round) and the people who made them.
#[derive(Debug, Default)]
pub struct Attempts {
    pub closed: Vec<(i64, ClosedAttempt)>,
    pub people: HashMap<i64, Person>,
}

impl Attempts {
    /// The closed attempts of one round.
    pub fn of_round(&self, round_id: i64) -> Vec<ClosedAttempt> {
        self.closed
            .iter()
            .filter(|(r, _)| *r == round_id)
            .map(|(_, a)| a.clone())
            .collect()
    }
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    round_id: i64,
    user_id: i64,
    attempt_no: i32,
    score: Option<i32>,
    max_score: i32,
    correct_count: Option<i32>,
    duration_ms: Option<i64>,
    started_at: Timestamp,
    finished_at: Option<Timestamp>,
    prediction: Option<i64>,
    login: String,
    full_name: String,
    unit_id: Option<i64>,
    registration: Option<String>,
}

/// Only participants' attempts: organisers and judges can read the keys, so their own attempts are trials, never
/// ranked, published, counted in statistics or in a prediction's true figure.
const SELECT: &str = "SELECT a.id, a.round_id, a.user_id, a.attempt_no, a.score, a.max_score, a.correct_count, \
    a.duration_ms, a.started_at, a.finished_at, a.prediction, u.login, u.full_name, u.unit_id, u.registration \
    FROM attempts a JOIN users u ON u.id = a.user_id WHERE u.role = 'participant' AND a.status <> 'in_progress' AND ";

/// Rankings and exports reach judges: a login that is a phone number or a CCCD (older self-registrations, roster
/// files) is hidden there.
fn shown_login(login: String) -> String {
    use crate::domain::registration::{HIDDEN_LOGIN, looks_like_phone_or_cccd};
    if looks_like_phone_or_cccd(&login) {
        HIDDEN_LOGIN.to_owned()
    } else {
        login
    }
}

pub async fn round<C: ConnectionTrait>(db: &C, round_id: i64) -> AppResult<rounds::Model> {
    rounds::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Every round, oldest first.
pub async fn all_rounds<C: ConnectionTrait>(db: &C) -> AppResult<Vec<rounds::Model>> {
    Ok(rounds::Entity::find()
        .order_by_asc(rounds::Column::OpensAt)
        .order_by_asc(rounds::Column::Id)
        .all(db)
        .await?)
}

/// The rounds whose results the public may see: published and not practice, in the order they opened.
pub async fn published_rounds<C: ConnectionTrait>(db: &C) -> AppResult<Vec<rounds::Model>> {
    Ok(rounds::Entity::find()
        .filter(rounds::Column::PublishedAt.is_not_null())
        .filter(rounds::Column::Practice.eq(false))
        .order_by_asc(rounds::Column::OpensAt)
        .order_by_asc(rounds::Column::Id)
        .all(db)
        .await?)
}

pub async fn closed_attempts_of_round<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
) -> AppResult<Attempts> {
    load(
        db,
        &format!("{SELECT}a.round_id = $1"),
        vec![round_id.into()],
    )
    .await
}

/// The closed attempts of the given rounds (the contest's ranked rounds), in one query.
pub async fn closed_attempts_of_rounds<C: ConnectionTrait>(
    db: &C,
    round_ids: &[i64],
) -> AppResult<Attempts> {
    if round_ids.is_empty() {
        return Ok(Attempts::default());
    }
    let placeholders: Vec<String> = (1..=round_ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{SELECT}a.round_id IN ({})", placeholders.join(", "));
    load(db, &sql, round_ids.iter().map(|id| (*id).into()).collect()).await
}

async fn load<C: ConnectionTrait>(db: &C, sql: &str, values: Vec<Value>) -> AppResult<Attempts> {
    let statement = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let rows = Row::find_by_statement(statement).all(db).await?;
    let mut out = Attempts {
        closed: Vec::with_capacity(rows.len()),
        people: HashMap::new(),
    };
    for r in rows {
        let finished_at = r.finished_at.unwrap_or(r.started_at);
        // The server measures the duration at submission; an older row without it falls back to the clock times.
        let duration_ms = r
            .duration_ms
            .unwrap_or_else(|| (finished_at - r.started_at).num_milliseconds().max(0));
        out.people.entry(r.user_id).or_insert_with(|| Person {
            login: shown_login(r.login),
            full_name: r.full_name,
            unit_id: r.unit_id,
            counts_for_unit: crate::domain::registration::counts_for_unit(
                r.registration.as_deref(),
            ),
        });
        out.closed.push((
            r.round_id,
            ClosedAttempt {
                attempt_id: r.id,
                user_id: r.user_id,
                attempt_no: r.attempt_no,
                score: r.score.unwrap_or(0),
                max_score: r.max_score,
                correct_count: r.correct_count.unwrap_or(0),
                duration_ms,
                finished_at,
                prediction: r.prediction,
            },
        ));
    }
    Ok(out)
}

/// Every unit, in display order.
pub async fn units<C: ConnectionTrait>(db: &C) -> AppResult<Vec<units::Model>> {
    Ok(units::Entity::find()
        .order_by_asc(units::Column::DisplayOrder)
        .order_by_asc(units::Column::Id)
        .all(db)
        .await?)
}

pub fn unit_infos(units: &[units::Model]) -> Vec<UnitInfo> {
    units
        .iter()
        .map(|u| UnitInfo {
            unit_id: u.id,
            headcount: u.headcount,
            retired: u.retired,
        })
        .collect()
}

/// The organiser-set minimum participation rate as a fraction 0..1 (the setting is a percent, 0 when unset).
pub async fn min_participation_rate<C: ConnectionTrait>(db: &C) -> AppResult<f64> {
    let percent = crate::store::settings::load(db)
        .await?
        .min_participation_rate;
    Ok(if percent.is_finite() {
        (percent / 100.0).clamp(0.0, 1.0)
    } else {
        0.0
    })
}
