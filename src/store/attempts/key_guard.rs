//! Which of an attempt's questions must keep their keys hidden from a participant: those that may still be drawn
//! for them in a ranked round they can still take ([`crate::domain::keys`]). Read only when keys would
//! otherwise be shown, so the attempt hot paths pay nothing in a ranked round before its results.
use crate::auth::AuthUser;
use crate::domain::AttemptStatus;
use crate::domain::keys::{self, DrawScope, Standing};
use crate::entities::{attempts, questions, rounds};
use crate::error::AppResult;
use crate::store::attempts::drawn::DrawnQuestion;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use std::collections::HashSet;

/// The version ids among `drawn` whose keys `viewer` must not see yet. Staff read the banks anyway: none.
pub async fn withheld<C: ConnectionTrait>(
    db: &C,
    viewer: &AuthUser,
    drawn: &[DrawnQuestion],
) -> AppResult<HashSet<i64>> {
    if viewer.role.is_staff_of_contest() || drawn.is_empty() {
        return Ok(HashSet::new());
    }
    let scopes = open_scopes(db, viewer).await?;
    if scopes.is_empty() {
        return Ok(HashSet::new());
    }
    let ids: Vec<i64> = drawn.iter().map(|d| d.question_id).collect();
    let found: Vec<(i64, i64, String)> = questions::Entity::find()
        .select_only()
        .columns([
            questions::Column::Id,
            questions::Column::BankId,
            questions::Column::Topic,
        ])
        .filter(questions::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    let hidden: HashSet<i64> = found
        .into_iter()
        .filter(|(_, bank, topic)| keys::may_be_drawn(*bank, topic, &scopes))
        .map(|(id, _, _)| id)
        .collect();
    Ok(drawn
        .iter()
        .filter(|d| hidden.contains(&d.question_id))
        .map(|d| d.version.id)
        .collect())
}

/// Where the ranked rounds `user` can still take draw from.
async fn open_scopes<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Vec<DrawScope>> {
    let now = Utc::now();
    let running: Vec<i64> = attempts::Entity::find()
        .select_only()
        .column(attempts::Column::RoundId)
        .filter(attempts::Column::UserId.eq(user.id))
        .filter(attempts::Column::Status.eq(AttemptStatus::InProgress))
        .into_tuple()
        .all(db)
        .await?;
    let candidates: Vec<i64> = rounds::Entity::find()
        .select_only()
        .column(rounds::Column::Id)
        .filter(rounds::Column::Practice.eq(false))
        .filter(
            Condition::any()
                .add(rounds::Column::ClosesAt.gt(now))
                .add(rounds::Column::Id.is_in(running.clone())),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut scopes = Vec::new();
    for id in candidates {
        let Some(round) = crate::store::rounds::find(db, id).await? else {
            continue;
        };
        if !round.admits(user) {
            continue;
        }
        let used = attempts::Entity::find()
            .filter(attempts::Column::RoundId.eq(id))
            .filter(attempts::Column::UserId.eq(user.id))
            .count(db)
            .await?;
        let extra = crate::store::attempts::override_for(db, id, user.id).await?;
        let standing = Standing {
            closes_at: round.closes_at,
            in_progress: running.contains(&id),
            used: i64::try_from(used).unwrap_or(i64::MAX),
            allowed: i64::from(round.max_attempts + extra.map_or(0, |o| o.extra_attempts)),
        };
        if keys::can_still_take(&standing, now) {
            scopes.push(DrawScope {
                bank_id: round.bank_id,
                topics: round.draw_rules.into_iter().map(|r| r.topic).collect(),
            });
        }
    }
    Ok(scopes)
}
