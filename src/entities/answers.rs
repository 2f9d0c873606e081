//! `answers` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_id: i64,
    /// JSON array of the chosen option ids, sorted.
    pub option_ids: String,
    /// When the choice last changed.
    pub saved_at: DateTimeUtc,
    /// When the question was first answered.
    pub first_saved_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
