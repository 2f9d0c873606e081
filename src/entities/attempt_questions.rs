//! `attempt_questions` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub question_id: i64,
    pub question_version_id: i64,
    /// JSON array of option ids in the order this attempt shows them.
    pub option_order: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
