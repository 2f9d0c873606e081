//! An attempt as its owner sees it: the drawn questions in the attempt's order, the saved answers, the times,
//! and, only once it is closed and the round's `reveal` allows, the correct keys with explanations.
use crate::auth::AuthUser;
use crate::domain::{AttemptStatus, PredictionKind, Reveal};
use crate::entities::attempts;
use crate::error::AppResult;
use crate::store::attempts::drawn::{DrawnQuestion, Keys};
use crate::store::cache::content::ContentCache;
use crate::store::cache::shown::ShownText;
use crate::store::rounds::RoundView;
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct AttemptView {
    pub id: i64,
    pub round_id: i64,
    pub round_title: String,
    pub attempt_no: i32,
    pub status: AttemptStatus,
    pub started_at: DateTime<Utc>,
    pub deadline: DateTime<Utc>,
    /// The server's clock when this was read; clients count down from `deadline - now`.
    pub now: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub score: Option<i32>,
    pub max_score: i32,
    pub correct_count: Option<i32>,
    pub duration_ms: Option<i64>,
    pub prediction: Option<i64>,
    pub prediction_kind: PredictionKind,
    pub prediction_question: Option<&'static str>,
    /// Whether the correct keys are included below.
    pub keys_shown: bool,
    /// Questions whose keys stay hidden although `keys_shown`: they may still be drawn for this person in a
    /// ranked round they can still take.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keys_withheld: Vec<i64>,
    /// Set for an organiser's or judge's own attempt: a trial, never ranked, published or counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trial: Option<&'static str>,
    pub questions: Vec<QuestionView>,
    /// Question id -> chosen option ids.
    pub answers: BTreeMap<i64, Vec<i64>>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = AttemptQuestion)]
pub struct QuestionView {
    pub id: i64,
    #[schema(value_type = String)]
    pub text: ShownText,
    pub multiple: bool,
    pub points: i32,
    pub options: Vec<OptionView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub explanation: Option<ShownText>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub legal_basis: Option<ShownText>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[schema(as = AttemptOption)]
pub struct OptionView {
    pub id: i64,
    #[schema(value_type = String)]
    pub text: ShownText,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub correct: Option<bool>,
}

/// Keys are shown for a closed attempt when the round reveals them after submission, or after closing once no
/// attempt of the round can be saved any more (`results_at`: the latest deadline plus the save grace).
pub fn keys_allowed(
    a: &attempts::Model,
    reveal: Reveal,
    results_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    a.status != AttemptStatus::InProgress
        && match reveal {
            Reveal::AfterSubmit => true,
            Reveal::AfterClose => now >= results_at,
        }
}

/// Who reads the view, and the save grace (which decides when keys may be shown).
pub struct Reader<'a> {
    pub user: &'a AuthUser,
    pub grace_secs: u32,
}

pub async fn build<C: ConnectionTrait>(
    db: &C,
    content: &ContentCache,
    a: attempts::Model,
    round: &RoundView,
    reader: &Reader<'_>,
) -> AppResult<AttemptView> {
    let drawn = crate::store::attempts::drawn::load(db, content, a.id).await?;
    let saved = crate::store::attempts::close::saved_answers(db, a.id).await?;
    let keys = if may_show_keys(db, &a, round, reader.grace_secs).await? {
        let mut keys = crate::store::attempts::drawn::keys(db, &drawn).await?;
        let hidden = crate::store::attempts::key_guard::withheld(db, reader.user, &drawn).await?;
        keys.retain(|version, _| !hidden.contains(version));
        Some(keys)
    } else {
        None
    };
    let own = a.user_id == reader.user.id;
    let mut view = assemble(a, round, drawn, saved, keys.as_ref());
    view.trial = trial_note(reader.user).filter(|_| own);
    Ok(view)
}

/// What an organiser's or judge's own attempt says about itself.
pub fn trial_note(owner: &AuthUser) -> Option<&'static str> {
    owner.role.is_staff_of_contest().then_some(TRIAL_NOTE)
}

pub const TRIAL_NOTE: &str = "Bài làm thử của Ban Tổ chức/Giám khảo, không xếp hạng.";

/// [`keys_allowed`], with the round's close facts read afresh (the cached round may be a second old).
async fn may_show_keys<C: ConnectionTrait>(
    db: &C,
    a: &attempts::Model,
    round: &RoundView,
    grace_secs: u32,
) -> AppResult<bool> {
    let now = Utc::now();
    if !keys_allowed(a, round.reveal, now, now) {
        return Ok(false);
    }
    if round.reveal == Reveal::AfterSubmit {
        return Ok(true);
    }
    let facts = crate::store::rounds::close::facts(db, round.id, round.closes_at).await?;
    let at = crate::domain::close::results_available_at(&facts, grace_secs, now);
    Ok(keys_allowed(a, round.reveal, at, now))
}

/// The view from what the caller already holds (a start has just drawn and written all of it). `keys` only
/// when [`keys_allowed`].
pub fn assemble(
    a: attempts::Model,
    round: &RoundView,
    drawn: Vec<DrawnQuestion>,
    saved: HashMap<i64, BTreeSet<i64>>,
    keys: Option<&Keys>,
) -> AttemptView {
    AttemptView {
        id: a.id,
        round_id: a.round_id,
        round_title: round.title.clone(),
        attempt_no: a.attempt_no,
        status: a.status,
        started_at: a.started_at,
        deadline: a.deadline,
        now: Utc::now(),
        finished_at: a.finished_at,
        score: a.score,
        max_score: a.max_score,
        correct_count: a.correct_count,
        duration_ms: a.duration_ms,
        prediction: a.prediction,
        prediction_kind: round.prediction,
        prediction_question: round.prediction.question_vi(),
        keys_shown: keys.is_some(),
        keys_withheld: keys.map_or_else(Vec::new, |k| {
            drawn
                .iter()
                .filter(|d| !k.contains_key(&d.version.id))
                .map(|d| d.question_id)
                .collect()
        }),
        trial: None,
        questions: drawn.iter().map(|d| question(d, keys)).collect(),
        answers: saved
            .into_iter()
            .map(|(q, ids)| (q, ids.into_iter().collect()))
            .collect(),
    }
}

fn question(d: &DrawnQuestion, keys: Option<&Keys>) -> QuestionView {
    // A version missing from `keys` is one whose key is withheld (it may still be drawn for this person).
    let correct = keys.and_then(|k| k.get(&d.version.id));
    let shown = correct.is_some();
    let v = &d.version;
    QuestionView {
        id: d.question_id,
        text: v.text.clone(),
        multiple: v.multiple,
        points: v.points,
        options: d
            .options()
            .map(|o| OptionView {
                id: o.id,
                text: o.text.clone(),
                correct: correct.map(|c| c.contains(&o.id)),
            })
            .collect(),
        explanation: v.explanation.clone().filter(|_| shown),
        legal_basis: v.legal_basis.clone().filter(|_| shown),
    }
}
