//! `options` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "options")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub question_version_id: i64,
    pub position: i32,
    pub text: String,
    pub is_correct: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
