//! How the domain's types look in the OpenAPI document. The domain stays free of utoipa: each type here is a
//! mirror of one domain type (same variants or fields, same doc comments), and the domain type borrows its
//! schema under its own name. The tests below fail when a mirror drifts from what the domain type serialises to.
use std::borrow::Cow;
use std::collections::BTreeMap;
use utoipa::openapi::{RefOr, Schema};
use utoipa::{PartialSchema, ToSchema};

/// `domain::X` is described by `mirror::X` and named "X" in the document.
macro_rules! described_by {
    ($($domain:path => $mirror:ident),+ $(,)?) => {$(
        impl PartialSchema for $domain {
            fn schema() -> RefOr<Schema> {
                <mirror::$mirror as PartialSchema>::schema()
            }
        }

        impl ToSchema for $domain {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($mirror))
            }

            fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
                <mirror::$mirror as ToSchema>::schemas(schemas)
            }
        }
    )+};
}

described_by!(
    crate::domain::Role => Role,
    crate::domain::AttemptStatus => AttemptStatus,
    crate::domain::Counting => Counting,
    crate::domain::PredictionKind => PredictionKind,
    crate::domain::Reveal => Reveal,
    crate::domain::ShowNames => ShowNames,
    crate::domain::roster::Rejected => Rejected,
    crate::domain::stats::QuestionStat => QuestionStat,
    crate::domain::unit_ranking::UnitStanding => UnitStanding,
);

#[allow(dead_code)] // never built, only described
mod mirror {
    use super::BTreeMap;

    /// What a person may do. Always read from the database, never from a token.
    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Role {
        Participant,
        Organiser,
        Judge,
    }

    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum AttemptStatus {
        InProgress,
        Submitted,
        /// Closed when time ran out (by the server, or by the quiz page when its countdown ended), with the
        /// answers saved in time.
        Expired,
    }

    /// Which of a person's attempts counts for the ranking.
    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Counting {
        /// Highest score, then shortest duration, then earliest submission.
        Best,
        First,
        Last,
    }

    /// The tie-breaking prediction question of a round.
    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum PredictionKind {
        None,
        /// "How many participants will answer every question correctly?"
        FullScoreCount,
        /// "How many people will take part?"
        ParticipantCount,
    }

    /// When a participant may see the correct answers of a finished attempt.
    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum Reveal {
        AfterSubmit,
        AfterClose,
    }

    /// How staff names appear in published (public) rankings.
    #[derive(utoipa::ToSchema)]
    #[serde(rename_all = "snake_case")]
    pub enum ShowNames {
        Full,
        Masked,
    }

    #[derive(utoipa::ToSchema)]
    pub struct Rejected {
        pub row: usize,
        pub reason: String,
    }

    #[derive(utoipa::ToSchema)]
    pub struct QuestionStat {
        pub question_id: i64,
        pub drawn: u32,
        pub answered: u32,
        pub correct: u32,
        pub facility: f64,
        pub discrimination: Option<f64>,
        /// option id -> times chosen.
        pub option_counts: BTreeMap<i64, u32>,
    }

    #[derive(utoipa::ToSchema)]
    pub struct UnitStanding {
        pub unit_id: i64,
        pub rank: Option<u32>,
        pub ranked: bool,
        pub headcount: i32,
        pub participants: u32,
        pub participation_rate: f64,
        pub average_score: f64,
        /// More participants than the unit's headcount: the headcount is out of date or accounts were padded; an
        /// organiser should look before the ranking is published.
        pub over_headcount: bool,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{self, roster::Rejected, stats::QuestionStat, unit_ranking::UnitStanding};
    use serde_json::{Value, json};

    fn schema_json<T: ToSchema>() -> Value {
        serde_json::to_value(T::schema()).unwrap_or_default()
    }

    fn enum_names<T: ToSchema + serde::Serialize>(all: &[T]) -> (Value, Value) {
        let names: Vec<Value> = all
            .iter()
            .map(|v| serde_json::to_value(v).unwrap_or_default())
            .collect();
        (schema_json::<T>()["enum"].clone(), Value::Array(names))
    }

    fn field_names<T: ToSchema + serde::Serialize>(sample: &T) -> (Vec<String>, Vec<String>) {
        let keys = |v: &Value| -> Vec<String> {
            let mut k: Vec<String> = v
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k.clone())
                .collect();
            k.sort();
            k
        };
        let sample = serde_json::to_value(sample).unwrap_or_default();
        (keys(&schema_json::<T>()["properties"]), keys(&sample))
    }

    #[test]
    fn each_enum_is_described_with_exactly_the_names_it_serialises_to() {
        let (described, names) = enum_names(domain::Role::ALL);
        assert_eq!(described, names);
        let (described, names) = enum_names(domain::AttemptStatus::ALL);
        assert_eq!(described, names);
        let (described, names) = enum_names(domain::Counting::ALL);
        assert_eq!(described, names);
        let (described, names) = enum_names(domain::PredictionKind::ALL);
        assert_eq!(described, names);
        let (described, names) = enum_names(domain::Reveal::ALL);
        assert_eq!(described, names);
        let (described, names) = enum_names(domain::ShowNames::ALL);
        assert_eq!(described, names);
        assert_eq!(<domain::Role as ToSchema>::name(), "Role");
    }

    #[test]
    fn each_struct_is_described_with_exactly_the_fields_it_serialises() {
        let rejected = Rejected {
            row: 2,
            reason: String::new(),
        };
        let (described, fields) = field_names(&rejected);
        assert_eq!(described, fields);
        let stat = QuestionStat {
            question_id: 1,
            drawn: 0,
            answered: 0,
            correct: 0,
            facility: 0.0,
            discrimination: None,
            option_counts: BTreeMap::new(),
        };
        let (described, fields) = field_names(&stat);
        assert_eq!(described, fields);
        let standing = UnitStanding {
            unit_id: 1,
            rank: None,
            ranked: false,
            headcount: 0,
            participants: 0,
            participation_rate: 0.0,
            average_score: 0.0,
            over_headcount: false,
        };
        let (described, fields) = field_names(&standing);
        assert_eq!(described, fields);
        assert_eq!(schema_json::<UnitStanding>()["type"], json!("object"));
    }
}
