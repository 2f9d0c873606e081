//! The contest's own rules, in plain Rust: no actix or database code here, so each rule is unit-tested in place.
pub mod close;
pub mod draw;
pub mod draw_fill;
pub mod keys;
mod max_flow;
pub mod ranking;
pub mod registration;
pub mod roster;
pub mod rounds;
pub mod scoring;
pub mod stats;
pub mod text;
pub mod unit_ranking;
pub mod units;

use sea_orm::{DeriveActiveEnum, EnumIter};
use serde::{Deserialize, Serialize};

/// What a person may do. Always read from the database, never from a token.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum Role {
    #[sea_orm(string_value = "participant")]
    Participant,
    #[sea_orm(string_value = "organiser")]
    Organiser,
    #[sea_orm(string_value = "judge")]
    Judge,
}

impl Role {
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Participant => "Thí sinh",
            Role::Organiser => "Ban Tổ chức",
            Role::Judge => "Ban Giám khảo",
        }
    }

    /// Organisers and judges see results before publication and every attempt.
    pub fn is_staff_of_contest(self) -> bool {
        matches!(self, Role::Organiser | Role::Judge)
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum AttemptStatus {
    #[sea_orm(string_value = "in_progress")]
    InProgress,
    #[sea_orm(string_value = "submitted")]
    Submitted,
    /// Closed by the server when time ran out, with the answers saved in time.
    #[sea_orm(string_value = "expired")]
    Expired,
}

/// Which of a person's attempts counts for the ranking.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum Counting {
    /// Highest score, then shortest duration, then earliest submission.
    #[sea_orm(string_value = "best")]
    Best,
    #[sea_orm(string_value = "first")]
    First,
    #[sea_orm(string_value = "last")]
    Last,
}

/// The tie-breaking prediction question of a round.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum PredictionKind {
    #[sea_orm(string_value = "none")]
    None,
    /// "How many participants will answer every question correctly?"
    #[sea_orm(string_value = "full_score_count")]
    FullScoreCount,
    /// "How many people will take part?"
    #[sea_orm(string_value = "participant_count")]
    ParticipantCount,
}

impl PredictionKind {
    pub fn question_vi(self) -> Option<&'static str> {
        match self {
            PredictionKind::None => None,
            PredictionKind::FullScoreCount => {
                Some("Theo bạn, đợt thi này sẽ có bao nhiêu người trả lời đúng tất cả các câu hỏi?")
            }
            PredictionKind::ParticipantCount => {
                Some("Theo bạn, đợt thi này sẽ có bao nhiêu người tham gia?")
            }
        }
    }
}

/// When a participant may see the correct answers of a finished attempt.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum Reveal {
    #[sea_orm(string_value = "after_submit")]
    AfterSubmit,
    #[sea_orm(string_value = "after_close")]
    AfterClose,
}

/// How staff names appear in published (public) rankings.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[sea_orm(rs_type = "String", db_type = "Text")]
#[serde(rename_all = "snake_case")]
pub enum ShowNames {
    #[sea_orm(string_value = "full")]
    Full,
    #[sea_orm(string_value = "masked")]
    Masked,
}
