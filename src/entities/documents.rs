//! `documents` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    /// A link (http or https); `None` for an uploaded PDF.
    pub url: Option<String>,
    /// The uploaded PDF's name, size and bytes; `None` for a link.
    pub file_name: Option<String>,
    pub size_bytes: Option<i64>,
    pub content: Option<Vec<u8>>,
    pub display_order: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
