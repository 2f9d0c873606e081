//! How far the contest's set-up has come, for the organiser's dashboard checklist: a few counts, each one query.
use crate::domain::Role;
use crate::domain::registration::PENDING;
use crate::entities::{question_banks, questions, rounds, units, users};
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SetupCounts {
    /// Units in use (not retired).
    pub units: u64,
    /// Active participants.
    pub participants: u64,
    /// Self-registrations waiting for approval.
    pub pending: u64,
    pub banks: u64,
    /// Questions in use (not retired).
    pub questions: u64,
    pub rounds: u64,
    /// Rounds open now.
    pub open_rounds: u64,
    /// Rounds whose results are published.
    pub published: u64,
}

pub async fn counts<C: ConnectionTrait>(db: &C) -> AppResult<SetupCounts> {
    let now = Utc::now();
    let participants = users::Entity::find()
        .filter(users::Column::Role.eq(Role::Participant))
        .filter(users::Column::Active.eq(true));
    Ok(SetupCounts {
        units: units::Entity::find()
            .filter(units::Column::Retired.eq(false))
            .count(db)
            .await?,
        participants: participants.clone().count(db).await?,
        pending: participants
            .filter(users::Column::Registration.eq(PENDING))
            .count(db)
            .await?,
        banks: question_banks::Entity::find().count(db).await?,
        questions: questions::Entity::find()
            .filter(questions::Column::Retired.eq(false))
            .count(db)
            .await?,
        rounds: rounds::Entity::find().count(db).await?,
        open_rounds: rounds::Entity::find()
            .filter(rounds::Column::OpensAt.lte(now))
            .filter(rounds::Column::ClosesAt.gt(now))
            .count(db)
            .await?,
        published: rounds::Entity::find()
            .filter(rounds::Column::PublishedAt.is_not_null())
            .count(db)
            .await?,
    })
}
