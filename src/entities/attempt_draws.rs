//! `attempt_draws` table: what an attempt drew, in one row. Plain data; the encoding lives in
//! `crate::store::attempts::drawn`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attempt_draws")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub attempt_id: i64,
    /// The encoding of `questions` (1: a JSON array of `{"q":question,"v":version,"o":[option ids]}`).
    pub format: i16,
    pub questions: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
