//! A round's shapes: the input to create one, the patch to change one, and the view everyone reads.
use crate::auth::AuthUser;
use crate::domain::close::{self, CloseFacts};
use crate::domain::{self, Counting, PredictionKind, Reveal};
use crate::entities::rounds;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DrawRule {
    pub topic: String,
    pub count: i32,
}

/// How many prizes a round awards: individuals by tier (ranks fill Nhất, then Nhì, Ba and Khuyến khích; see
/// `domain::prizes`), and the number of units with a collective prize (the first `units` of the unit ranking).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Prizes {
    #[serde(default)]
    pub first: i32,
    #[serde(default)]
    pub second: i32,
    #[serde(default)]
    pub third: i32,
    #[serde(default)]
    pub consolation: i32,
    #[serde(default)]
    pub units: i32,
}

impl Prizes {
    /// The individual tiers' counts, highest first.
    pub fn tiers(&self) -> [i32; 4] {
        [self.first, self.second, self.third, self.consolation]
    }

    pub fn any(&self) -> bool {
        self.tiers().iter().any(|c| *c > 0) || self.units > 0
    }
}

impl From<&rounds::Model> for Prizes {
    fn from(r: &rounds::Model) -> Self {
        Prizes {
            first: r.prize_first,
            second: r.prize_second,
            third: r.prize_third,
            consolation: r.prize_consolation,
            units: r.prize_units,
        }
    }
}

/// `POST /api/v1/rounds` and the organiser's form.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewRound {
    pub title: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub time_limit_secs: i32,
    pub question_count: i32,
    #[serde(default = "one")]
    pub max_attempts: i32,
    #[serde(default)]
    pub counting: Option<Counting>,
    #[serde(default)]
    pub prediction: Option<PredictionKind>,
    #[serde(default)]
    pub practice: bool,
    #[serde(default)]
    pub reveal: Option<Reveal>,
    #[serde(default)]
    pub bank_id: Option<i64>,
    pub draw_rules: Vec<DrawRule>,
    /// Units admitted; empty means every unit.
    #[serde(default)]
    pub unit_ids: Vec<i64>,
    /// The rules text (thể lệ) shown to participants before they start; plain text, at most 20,000 characters.
    #[serde(default)]
    pub rules: String,
    /// Prizes by tier; none when absent.
    #[serde(default)]
    pub prizes: Prizes,
}

fn one() -> i32 {
    1
}

/// `PATCH /api/v1/rounds/{id}`: only the fields given change.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundPatch {
    pub title: Option<String>,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    pub time_limit_secs: Option<i32>,
    pub question_count: Option<i32>,
    pub max_attempts: Option<i32>,
    pub counting: Option<Counting>,
    pub prediction: Option<PredictionKind>,
    pub practice: Option<bool>,
    pub reveal: Option<Reveal>,
    pub draw_rules: Option<Vec<DrawRule>>,
    pub unit_ids: Option<Vec<i64>>,
    pub rules: Option<String>,
    pub prizes: Option<Prizes>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RoundView {
    pub id: i64,
    pub title: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub time_limit_secs: i32,
    pub question_count: i32,
    pub max_attempts: i32,
    pub counting: Counting,
    pub prediction: PredictionKind,
    pub practice: bool,
    pub reveal: Reveal,
    pub bank_id: Option<i64>,
    pub draw_rules: Vec<DrawRule>,
    pub unit_ids: Vec<i64>,
    /// The rules text (thể lệ); empty when the organisers wrote none.
    pub rules: String,
    pub prizes: Prizes,
    /// `upcoming`, `open` or `closed`, by the server's clock.
    pub state: &'static str,
    /// From when keys, explanations and other people's results may be shown and the results published: the
    /// last moment any attempt of the round can still be saved (its deadline plus the save grace) is past.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub results_available_at: Option<DateTime<Utc>>,
    /// What decides `results_available_at` (read with the round).
    #[serde(skip)]
    #[schema(ignore)]
    pub close: CloseFacts,
}

impl RoundView {
    pub(in crate::store) fn new(
        r: rounds::Model,
        draw_rules: Vec<DrawRule>,
        unit_ids: Vec<i64>,
    ) -> Self {
        let state = state_at(r.opens_at, r.closes_at, Utc::now());
        let prizes = Prizes::from(&r);
        let close = CloseFacts {
            closes_at: r.closes_at,
            latest_in_progress: None,
            max_extra_secs: 0,
        };
        RoundView {
            id: r.id,
            title: r.title,
            opens_at: r.opens_at,
            closes_at: r.closes_at,
            time_limit_secs: r.time_limit_secs,
            question_count: r.question_count,
            max_attempts: r.max_attempts,
            counting: r.counting,
            prediction: r.prediction,
            practice: r.practice,
            reveal: r.reveal,
            bank_id: r.bank_id,
            draw_rules,
            unit_ids,
            rules: r.rules,
            prizes,
            state,
            results_available_at: None,
            close,
        }
    }

    /// When this round's results may be shown ([`close::results_available_at`]).
    pub fn results_at(&self, grace_secs: u32) -> DateTime<Utc> {
        close::results_available_at(&self.close, grace_secs, Utc::now())
    }

    /// Whether no attempt of this round can be saved any more.
    pub fn results_available(&self, grace_secs: u32) -> bool {
        Utc::now() >= self.results_at(grace_secs)
    }

    /// The view as the API shows it, with `results_available_at`.
    pub fn with_results_at(mut self, grace_secs: u32) -> Self {
        self.results_available_at = Some(self.results_at(grace_secs));
        self
    }

    /// The same round with its state by the clock now (for a view kept in memory).
    pub(in crate::store) fn refreshed(&self) -> Self {
        RoundView {
            state: state_at(self.opens_at, self.closes_at, Utc::now()),
            ..self.clone()
        }
    }

    pub fn is_open(&self) -> bool {
        self.state == "open"
    }

    /// Whether a person who has taken `taken` attempts, with `extra_attempts` granted, may start another now.
    pub fn can_start(&self, taken: usize, extra_attempts: i32) -> bool {
        let allowed = self.max_attempts + extra_attempts;
        self.is_open() && (self.practice || i32::try_from(taken).is_ok_and(|t| t < allowed))
    }

    /// Contest staff may take any round (to try it); participants only the rounds of their unit.
    pub fn admits(&self, user: &AuthUser) -> bool {
        user.role.is_staff_of_contest()
            || self.unit_ids.is_empty()
            || user.unit_id.is_some_and(|u| self.unit_ids.contains(&u))
    }

    pub(in crate::store) fn rule_pairs(&self) -> Vec<(String, i32)> {
        self.draw_rules
            .iter()
            .map(|r| (r.topic.clone(), r.count))
            .collect()
    }

    pub(in crate::store) fn settings<'a>(
        &'a self,
        rules: &'a [(String, i32)],
    ) -> domain::rounds::Settings<'a> {
        domain::rounds::Settings {
            title: &self.title,
            opens_at: self.opens_at,
            closes_at: self.closes_at,
            time_limit_secs: self.time_limit_secs,
            question_count: self.question_count,
            max_attempts: self.max_attempts,
            practice: self.practice,
            reveal: self.reveal,
            draw_rules: rules,
            rules: &self.rules,
            prizes: [
                self.prizes.first,
                self.prizes.second,
                self.prizes.third,
                self.prizes.consolation,
                self.prizes.units,
            ],
        }
    }
}

fn state_at(opens_at: DateTime<Utc>, closes_at: DateTime<Utc>, now: DateTime<Utc>) -> &'static str {
    if now < opens_at {
        "upcoming"
    } else if now < closes_at {
        "open"
    } else {
        "closed"
    }
}
