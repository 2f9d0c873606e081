//! Who of the roster has started a round: per unit (people, started, in progress, submitted, not started) and
//! the list of those who have not started, which is what the union chases units with during a round. The roster
//! is the active participants of the admitted units who count for their unit (an unapproved self-registration
//! does not).
use crate::domain::registration::counts_for_unit;
use crate::domain::{AttemptStatus, Role};
use crate::entities::users;
use crate::error::AppResult;
use crate::store::rounds::RoundView;
use crate::store::units;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct UnitProgress {
    pub unit_id: Option<i64>,
    pub unit: String,
    /// People of the roster in this unit.
    pub people: usize,
    pub in_progress: usize,
    /// Finished at least one attempt and have none in progress.
    pub submitted: usize,
    pub not_started: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct NotStarted {
    pub user_id: i64,
    pub full_name: String,
    pub login: String,
    pub unit_id: Option<i64>,
    pub unit: String,
}

pub struct RosterProgress {
    pub units: Vec<UnitProgress>,
    pub not_started: Vec<NotStarted>,
}

/// The label of a person without a unit.
const NO_UNIT: &str = "(Chưa có đơn vị)";

/// The roster's progress; `attempts` is (person, status) of each attempt of the round.
pub async fn of_roster<C: ConnectionTrait>(
    db: &C,
    round: &RoundView,
    attempts: &[(i64, AttemptStatus)],
) -> AppResult<RosterProgress> {
    let mut query = users::Entity::find()
        .filter(users::Column::Role.eq(Role::Participant))
        .filter(users::Column::Active.eq(true));
    if !round.unit_ids.is_empty() {
        query = query.filter(users::Column::UnitId.is_in(round.unit_ids.clone()));
    }
    let mut people: Vec<users::Model> = query.all(db).await?;
    people.retain(|p| counts_for_unit(p.registration.as_deref()));
    people.sort_by_cached_key(|p| crate::domain::text::name_sort_key(&p.full_name));
    let all_units = units::list(db).await?;
    let names: HashMap<i64, &str> = all_units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let name_of = |id: Option<i64>| {
        id.and_then(|i| names.get(&i).copied())
            .unwrap_or(NO_UNIT)
            .to_owned()
    };
    let mut state: HashMap<i64, AttemptStatus> = HashMap::new();
    for &(user_id, status) in attempts {
        let s = state.entry(user_id).or_insert(status);
        if status == AttemptStatus::InProgress {
            *s = AttemptStatus::InProgress;
        }
    }
    let mut by_unit: HashMap<Option<i64>, UnitProgress> = HashMap::new();
    let mut not_started = Vec::new();
    for p in &people {
        let u = by_unit.entry(p.unit_id).or_insert_with(|| UnitProgress {
            unit_id: p.unit_id,
            unit: name_of(p.unit_id),
            ..Default::default()
        });
        u.people += 1;
        match state.get(&p.id) {
            Some(AttemptStatus::InProgress) => u.in_progress += 1,
            Some(_) => u.submitted += 1,
            None => {
                u.not_started += 1;
                not_started.push(NotStarted {
                    user_id: p.id,
                    full_name: p.full_name.clone(),
                    login: p.login.clone(),
                    unit_id: p.unit_id,
                    unit: name_of(p.unit_id),
                });
            }
        }
    }
    // Units in the order of the units page; people without a unit last.
    let order: HashMap<Option<i64>, usize> = all_units
        .iter()
        .enumerate()
        .map(|(i, u)| (Some(u.id), i))
        .collect();
    let mut units: Vec<UnitProgress> = by_unit.into_values().collect();
    units.sort_by_key(|u| order.get(&u.unit_id).copied().unwrap_or(usize::MAX));
    Ok(RosterProgress { units, not_started })
}
