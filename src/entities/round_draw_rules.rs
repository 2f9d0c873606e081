//! `round_draw_rules` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_draw_rules")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub round_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub topic: String,
    pub count: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
