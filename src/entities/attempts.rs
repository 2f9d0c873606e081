//! `attempts` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub round_id: i64,
    pub user_id: i64,
    pub attempt_no: i32,
    pub status: crate::domain::AttemptStatus,
    pub started_at: DateTimeUtc,
    pub deadline: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub correct_count: Option<i32>,
    pub duration_ms: Option<i64>,
    pub prediction: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
