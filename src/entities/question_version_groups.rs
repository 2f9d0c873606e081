//! `question_version_groups` table: the exclusion groups of a question version. Plain data.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "question_version_groups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub question_version_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub slug: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
