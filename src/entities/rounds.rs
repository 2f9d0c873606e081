//! `rounds` table. Plain data; behaviour lives in `crate::store`.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub opens_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
    pub time_limit_secs: i32,
    pub question_count: i32,
    pub max_attempts: i32,
    pub counting: crate::domain::Counting,
    pub prediction: crate::domain::PredictionKind,
    pub practice: bool,
    pub reveal: crate::domain::Reveal,
    pub bank_id: Option<i64>,
    pub published_at: Option<DateTimeUtc>,
    pub show_names: crate::domain::ShowNames,
    /// The rules text (thể lệ) shown before a start; plain text, paragraphs separated by blank lines.
    pub rules: String,
    /// Prizes for individuals by tier (Nhất, Nhì, Ba, Khuyến khích) and the number of collective (unit) prizes.
    pub prize_first: i32,
    pub prize_second: i32,
    pub prize_third: i32,
    pub prize_consolation: i32,
    pub prize_units: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
