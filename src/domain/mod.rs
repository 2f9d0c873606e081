//! The contest's own rules, in plain Rust: no actix, database or OpenAPI code here, and no file reading, so each
//! rule is unit-tested in place. The enums below are stored as text by `entities::enums` and described to API
//! clients by `routes::api::schemas`.
pub mod close;
pub mod draw;
pub mod draw_fill;
pub mod keys;
mod max_flow;
pub mod prizes;
pub mod ranking;
pub mod registration;
pub mod roster;
pub mod rounds;
pub mod scoring;
pub mod stats;
pub mod text;
pub mod unit_ranking;
pub mod units;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The contest's name: every page header and the title block of the judges' exports.
pub const CONTEST_TITLE: &str = "Cuộc thi trực tuyến \"Tìm hiểu về cải cách hành chính\"";

/// Field name -> messages (Vietnamese), for forms and API clients.
pub type FieldErrors = BTreeMap<String, Vec<String>>;

/// A text that is none of an enum's names. The message is the one the database layer has always given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unexpected value for {kind} enum: {value}")]
pub struct UnknownName {
    pub kind: &'static str,
    pub value: String,
}

/// A fieldless enum with one stable name per variant: the same text in JSON, in forms and in the database.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }
        }

        impl From<$name> for &'static str {
            fn from(v: $name) -> &'static str {
                v.as_str()
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownName;

            fn from_str(s: &str) -> Result<Self, UnknownName> {
                match s {
                    $( $text => Ok($name::$variant), )+
                    _ => Err(UnknownName {
                        kind: stringify!($name),
                        value: s.to_owned(),
                    }),
                }
            }
        }
    };
}

named_enum! {
    /// What a person may do. Always read from the database, never from a token.
    pub enum Role {
        Participant = "participant",
        Organiser = "organiser",
        Judge = "judge",
    }
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

named_enum! {
    pub enum AttemptStatus {
        InProgress = "in_progress",
        Submitted = "submitted",
        /// Closed when time ran out (by the server, or by the quiz page when its countdown ended), with the
        /// answers saved in time.
        Expired = "expired",
    }
}

named_enum! {
    /// Which of a person's attempts counts for the ranking.
    pub enum Counting {
        /// Highest score, then shortest duration, then earliest submission.
        Best = "best",
        First = "first",
        Last = "last",
    }
}

named_enum! {
    /// The tie-breaking prediction question of a round.
    pub enum PredictionKind {
        None = "none",
        /// "How many participants will answer every question correctly?"
        FullScoreCount = "full_score_count",
        /// "How many people will take part?"
        ParticipantCount = "participant_count",
    }
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

named_enum! {
    /// When a participant may see the correct answers of a finished attempt.
    pub enum Reveal {
        AfterSubmit = "after_submit",
        AfterClose = "after_close",
    }
}

named_enum! {
    /// How staff names appear in published (public) rankings.
    pub enum ShowNames {
        Full = "full",
        Masked = "masked",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T>(all: &[T])
    where
        T: Copy + std::fmt::Debug + PartialEq + Serialize + std::str::FromStr<Err = UnknownName>,
        T: Into<&'static str>,
    {
        for v in all {
            let name: &'static str = (*v).into();
            assert_eq!(serde_json::to_value(v).ok(), Some(name.into()), "{v:?}");
            assert_eq!(name.parse::<T>().ok(), Some(*v));
        }
    }

    #[test]
    fn every_name_is_the_same_in_json_and_text_and_reads_back() {
        round_trips(Role::ALL);
        round_trips(AttemptStatus::ALL);
        round_trips(Counting::ALL);
        round_trips(PredictionKind::ALL);
        round_trips(Reveal::ALL);
        round_trips(ShowNames::ALL);
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_enum_named() {
        let err = "admin".parse::<Role>().unwrap_err();
        assert_eq!(err.to_string(), "unexpected value for Role enum: admin");
    }
}
