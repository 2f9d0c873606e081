//! A round's statistics for organisers and judges, over the counting attempts of its ranking (so that they
//! agree with the leaderboard): per question facility, discrimination and option choices; score distribution;
//! participation per unit and per day.
use super::RoundResults;
use crate::domain::scoring::is_correct;
use crate::domain::stats::{self, Drawn, QuestionStat};
use crate::store::attempts::answer_sheets::AnswerSheets;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct OptionLine {
    pub option_id: i64,
    pub letter: String,
    pub text: String,
    pub correct: bool,
    pub chosen: u32,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct QuestionLine {
    pub external_id: String,
    pub text: String,
    /// The bank the question belongs to (its page lists the question under `#q-{question_id}`).
    #[serde(skip)]
    pub bank_slug: String,
    #[serde(flatten)]
    pub stat: QuestionStat,
    pub options: Vec<OptionLine>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct UnitParticipation {
    pub unit_code: String,
    pub unit_name: String,
    pub headcount: i32,
    pub participants: u32,
    pub participation_rate: f64,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RoundStats {
    pub round_id: i64,
    pub participants: usize,
    pub questions: Vec<QuestionLine>,
    /// (score, number of people).
    #[schema(value_type = Vec<Vec<i64>>)]
    pub score_distribution: Vec<(i32, u32)>,
    /// (Vietnam date, submissions of counting attempts).
    #[schema(value_type = Vec<Vec<Value>>)]
    pub per_day: Vec<(NaiveDate, u32)>,
    pub per_unit: Vec<UnitParticipation>,
}

pub fn build(results: &RoundResults, sheets: &AnswerSheets) -> RoundStats {
    let counting: HashSet<i64> = results.entries.iter().map(|e| e.attempt_id).collect();
    let scores: HashMap<i64, i32> = results
        .entries
        .iter()
        .map(|e| (e.attempt_id, e.score))
        .collect();
    let mut question_version: HashMap<i64, i64> = HashMap::new();
    let drawn: Vec<Drawn> = sheets
        .drawn
        .iter()
        .filter(|d| counting.contains(&d.attempt_id))
        .map(|d| {
            question_version
                .entry(d.question_id)
                .or_insert(d.question_version_id);
            let chosen = d.chosen();
            let correct = sheets
                .keys
                .get(&d.question_version_id)
                .is_some_and(|k| is_correct(&chosen, k));
            Drawn {
                attempt_id: d.attempt_id,
                question_id: d.question_id,
                chosen: chosen.into_iter().collect(),
                correct,
            }
        })
        .collect();
    let questions = stats::question_stats(&drawn, &scores)
        .into_iter()
        .map(|stat| {
            let version_id = question_version.get(&stat.question_id).copied();
            question_line(stat, version_id, sheets)
        })
        .collect();
    let max_score = results
        .entries
        .iter()
        .map(|e| e.max_score)
        .max()
        .unwrap_or(0);
    let all_scores: Vec<i32> = results.entries.iter().map(|e| e.score).collect();
    let finished: Vec<_> = results.entries.iter().map(|e| e.submitted_at).collect();
    RoundStats {
        round_id: results.round_id,
        participants: results.entries.len(),
        questions,
        score_distribution: stats::score_distribution(&all_scores, max_score),
        per_day: stats::per_day(&finished),
        per_unit: results
            .units
            .iter()
            .map(|u| UnitParticipation {
                unit_code: u.unit.code.clone(),
                unit_name: u.unit.name.clone(),
                headcount: u.standing.headcount,
                participants: u.standing.participants,
                participation_rate: u.standing.participation_rate,
            })
            .collect(),
    }
}

/// Text and options of the version first seen for the question (a round normally draws one version).
fn question_line(
    stat: QuestionStat,
    version_id: Option<i64>,
    sheets: &AnswerSheets,
) -> QuestionLine {
    let version = version_id.and_then(|id| sheets.versions.get(&id));
    let mut options: Vec<OptionLine> = sheets
        .options
        .values()
        .filter(|o| Some(o.question_version_id) == version_id)
        .map(|o| OptionLine {
            option_id: o.id,
            letter: o.letter().to_string(),
            text: o.text.clone(),
            correct: o.is_correct,
            chosen: stat.option_counts.get(&o.id).copied().unwrap_or(0),
        })
        .collect();
    options.sort_by(|a, b| a.letter.cmp(&b.letter));
    QuestionLine {
        external_id: version.map(|v| v.external_id.clone()).unwrap_or_default(),
        text: version.map(|v| v.text.clone()).unwrap_or_default(),
        bank_slug: version.map(|v| v.bank_slug.clone()).unwrap_or_default(),
        stat,
        options,
    }
}
