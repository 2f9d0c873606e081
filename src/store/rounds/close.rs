//! A round's close in the database: the facts that decide when its results may be shown
//! ([`crate::domain::close`]), and cutting the deadlines of attempts in progress when the close moves earlier.
use crate::domain::AttemptStatus;
use crate::domain::close::{self, CloseFacts};
use crate::entities::{attempts, round_overrides};
use crate::error::AppResult;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};
use std::collections::HashMap;

/// The latest deadline in progress and the largest extra time granted, for a round closing at `closes_at`.
pub async fn facts<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    closes_at: DateTime<Utc>,
) -> AppResult<CloseFacts> {
    let latest_in_progress: Option<DateTime<Utc>> = attempts::Entity::find()
        .select_only()
        .column_as(
            Expr::expr(Func::max(Expr::col(attempts::Column::Deadline))),
            "d",
        )
        .filter(attempts::Column::RoundId.eq(round_id))
        .filter(attempts::Column::Status.eq(AttemptStatus::InProgress))
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await?
        .flatten();
    let max_extra_secs: Option<i32> = round_overrides::Entity::find()
        .select_only()
        .column_as(
            Expr::expr(Func::max(Expr::col(round_overrides::Column::ExtraTimeSecs))),
            "m",
        )
        .filter(round_overrides::Column::RoundId.eq(round_id))
        .into_tuple::<Option<i32>>()
        .one(db)
        .await?
        .flatten();
    Ok(CloseFacts {
        closes_at,
        latest_in_progress,
        max_extra_secs: max_extra_secs.unwrap_or(0),
    })
}

/// Cuts every attempt in progress to the round's (new) close plus the person's extra time. Returns the ids of
/// the attempts changed. Runs in the caller's transaction, with the change of `closes_at`.
pub async fn cut_deadlines<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    closes_at: DateTime<Utc>,
) -> AppResult<Vec<i64>> {
    let running = attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round_id))
        .filter(attempts::Column::Status.eq(AttemptStatus::InProgress))
        .all(db)
        .await?;
    if running.is_empty() {
        return Ok(Vec::new());
    }
    let extra: HashMap<i64, i32> = round_overrides::Entity::find()
        .filter(round_overrides::Column::RoundId.eq(round_id))
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.user_id, o.extra_time_secs))
        .collect();
    let mut changed = Vec::new();
    for a in running {
        let cut = close::cut_deadline(
            a.started_at,
            a.deadline,
            closes_at,
            extra.get(&a.user_id).copied().unwrap_or(0),
        );
        if cut < a.deadline {
            changed.push(a.id);
            let mut active: attempts::ActiveModel = a.into();
            active.deadline = Set(cut);
            active.update(db).await?;
        }
    }
    Ok(changed)
}
