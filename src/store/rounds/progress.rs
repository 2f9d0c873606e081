//! Organiser controls of a round: who is in progress and who has submitted (live), and per-person overrides
//! (extra time, which also moves the deadline of an attempt in progress; extra attempts).
use super::roster_progress::{NotStarted, UnitProgress, of_roster};
use crate::domain::{AttemptStatus, close};
use crate::entities::{attempts, round_overrides, users};
use crate::error::{AppError, AppResult};
use crate::store::rounds::RoundView;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProgressRow {
    pub attempt_id: i64,
    pub user_id: i64,
    pub full_name: String,
    pub login: String,
    pub unit_id: Option<i64>,
    pub attempt_no: i32,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub duration_ms: Option<i64>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Progress {
    pub round_id: i64,
    pub in_progress: usize,
    pub finished: usize,
    pub attempts: Vec<ProgressRow>,
    /// The roster admitted to the round, per unit.
    pub units: Vec<UnitProgress>,
    /// The people of the roster who have not started, by name.
    pub not_started: Vec<NotStarted>,
}

pub async fn of_round<C: ConnectionTrait>(db: &C, round: &RoundView) -> AppResult<Progress> {
    let list = attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round.id))
        .order_by_desc(attempts::Column::StartedAt)
        .all(db)
        .await?;
    let ids: Vec<i64> = list.iter().map(|a| a.user_id).collect();
    let people: HashMap<i64, users::Model> = users::Entity::find()
        .filter(users::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let rows: Vec<ProgressRow> = list
        .into_iter()
        .map(|a| {
            let person = people.get(&a.user_id);
            ProgressRow {
                attempt_id: a.id,
                user_id: a.user_id,
                full_name: person.map(|p| p.full_name.clone()).unwrap_or_default(),
                // Judges read this too: a login that is the phone or CCCD stays hidden.
                login: person
                    .map(|p| {
                        crate::domain::registration::login_for(
                            false,
                            &p.login,
                            p.phone.as_deref(),
                            p.cccd.as_deref(),
                        )
                    })
                    .unwrap_or_default(),
                unit_id: person.and_then(|p| p.unit_id),
                attempt_no: a.attempt_no,
                status: a.status,
                started_at: a.started_at,
                deadline: a.deadline,
                finished_at: a.finished_at,
                score: a.score,
                max_score: a.max_score,
                duration_ms: a.duration_ms,
            }
        })
        .collect();
    let in_progress = rows
        .iter()
        .filter(|r| r.status == AttemptStatus::InProgress)
        .count();
    let statuses: Vec<(i64, AttemptStatus)> = rows.iter().map(|r| (r.user_id, r.status)).collect();
    let roster = of_roster(db, round, &statuses).await?;
    Ok(Progress {
        round_id: round.id,
        in_progress,
        finished: rows.len() - in_progress,
        attempts: rows,
        units: roster.units,
        not_started: roster.not_started,
    })
}

/// `POST /api/v1/rounds/{id}/overrides`: the values given replace the person's current ones.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideInput {
    pub user_id: i64,
    pub extra_time_secs: Option<i32>,
    pub extra_attempts: Option<i32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OverrideView {
    pub round_id: i64,
    pub user_id: i64,
    pub extra_time_secs: i32,
    pub extra_attempts: i32,
}

impl From<round_overrides::Model> for OverrideView {
    fn from(m: round_overrides::Model) -> Self {
        OverrideView {
            round_id: m.round_id,
            user_id: m.user_id,
            extra_time_secs: m.extra_time_secs,
            extra_attempts: m.extra_attempts,
        }
    }
}

pub async fn grant<C: ConnectionTrait>(
    db: &C,
    round: &RoundView,
    input: &OverrideInput,
    grace_secs: u32,
) -> AppResult<(Option<OverrideView>, OverrideView)> {
    if input.extra_time_secs.is_none() && input.extra_attempts.is_none() {
        return Err(AppError::invalid(
            "grant",
            "Hãy nhập số phút hoặc số lượt thi cộng thêm.",
        ));
    }
    // Once no attempt can be saved, keys may be out: more time now would let someone answer with them.
    if input.extra_time_secs.is_some_and(|s| s > 0) && round.results_available(grace_secs) {
        return Err(AppError::conflict(
            "round_results_available",
            "Đợt thi đã kết thúc và đáp án có thể đã được công bố, không thể cộng thêm thời gian làm bài.",
        ));
    }
    if input
        .extra_time_secs
        .is_some_and(|s| !(0..=86_400).contains(&s))
    {
        return Err(AppError::invalid(
            "extra_time_secs",
            "Thời gian cộng thêm phải từ 0 đến 86.400 giây.",
        ));
    }
    if input
        .extra_attempts
        .is_some_and(|n| !(0..=100).contains(&n))
    {
        return Err(AppError::invalid(
            "extra_attempts",
            "Số lượt thi cộng thêm phải từ 0 đến 100.",
        ));
    }
    if users::Entity::find_by_id(input.user_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(AppError::invalid(
            "user_id",
            "Không tìm thấy người dự thi này.",
        ));
    }
    let existing = round_overrides::Entity::find_by_id((round.id, input.user_id))
        .one(db)
        .await?;
    let before = existing.clone().map(OverrideView::from);
    let after = match existing {
        Some(m) => {
            let mut active: round_overrides::ActiveModel = m.into();
            if let Some(s) = input.extra_time_secs {
                active.extra_time_secs = Set(s);
            }
            if let Some(n) = input.extra_attempts {
                active.extra_attempts = Set(n);
            }
            active.update(db).await?
        }
        None => {
            round_overrides::ActiveModel {
                round_id: Set(round.id),
                user_id: Set(input.user_id),
                extra_time_secs: Set(input.extra_time_secs.unwrap_or(0)),
                extra_attempts: Set(input.extra_attempts.unwrap_or(0)),
            }
            .insert(db)
            .await?
        }
    };
    if input.extra_time_secs.is_some() {
        move_deadline(db, round, input.user_id, after.extra_time_secs).await?;
    }
    Ok((before, after.into()))
}

async fn move_deadline<C: ConnectionTrait>(
    db: &C,
    round: &RoundView,
    user_id: i64,
    extra_secs: i32,
) -> AppResult<()> {
    if let Some(a) = crate::store::attempts::in_progress(db, round.id, user_id).await? {
        let deadline = close::attempt_deadline(
            a.started_at,
            round.time_limit_secs,
            extra_secs,
            round.closes_at,
        );
        if deadline > a.started_at {
            let mut active: attempts::ActiveModel = a.into();
            active.deadline = Set(deadline);
            active.update(db).await?;
        }
    }
    Ok(())
}
