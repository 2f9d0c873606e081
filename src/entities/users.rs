//! `users` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub login: String,
    pub full_name: String,
    pub search_name: String,
    pub role: crate::domain::Role,
    pub unit_id: Option<i64>,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub cccd: Option<String>,
    pub password_hash: Option<String>,
    pub token_version: i32,
    pub active: bool,
    /// Self-registration: `pending`, `approved` or `duplicate`; `None` for accounts made by organisers.
    pub registration: Option<String>,
    /// The first login with a password; `None` for someone who never logged in.
    pub first_login_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
