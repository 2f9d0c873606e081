//! Question statistics over the counting attempts of a round (classical test theory):
//! - facility = share of the attempts that drew the question and answered it exactly right;
//! - discrimination index D = p(top) - p(bottom), where top and bottom are the 27% best and worst attempts
//!   (by score, among those that drew the question; at least one attempt each; none with fewer than 2 attempts);
//! - how often each option was chosen.
//!
//! Plus the score distribution and participation per day (Vietnam dates).
use crate::time::Timestamp;
use chrono::NaiveDate;
use chrono_tz::Asia::Ho_Chi_Minh;
use std::collections::{BTreeMap, HashMap};

/// One question drawn into one counting attempt, with what was chosen (empty when unanswered).
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub attempt_id: i64,
    pub question_id: i64,
    pub chosen: Vec<i64>,
    pub correct: bool,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
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

/// Share of each group at the top and at the bottom.
const GROUP_SHARE: f64 = 0.27;

/// `scores` maps each counting attempt to its score. Questions come out in id order.
pub fn question_stats(drawn: &[Drawn], scores: &HashMap<i64, i32>) -> Vec<QuestionStat> {
    let mut by_question: BTreeMap<i64, Vec<&Drawn>> = BTreeMap::new();
    for d in drawn {
        by_question.entry(d.question_id).or_default().push(d);
    }
    by_question
        .into_iter()
        .map(|(question_id, rows)| one_question(question_id, rows, scores))
        .collect()
}

fn one_question(
    question_id: i64,
    mut rows: Vec<&Drawn>,
    scores: &HashMap<i64, i32>,
) -> QuestionStat {
    let mut option_counts = BTreeMap::new();
    for option in rows.iter().flat_map(|d| &d.chosen) {
        *option_counts.entry(*option).or_insert(0) += 1;
    }
    let drawn = rows.len() as u32;
    let correct = rows.iter().filter(|d| d.correct).count() as u32;
    let answered = rows.iter().filter(|d| !d.chosen.is_empty()).count() as u32;
    rows.sort_by_key(|d| {
        (
            std::cmp::Reverse(scores.get(&d.attempt_id).copied().unwrap_or(0)),
            d.attempt_id,
        )
    });
    QuestionStat {
        question_id,
        drawn,
        answered,
        correct,
        facility: if drawn > 0 {
            f64::from(correct) / f64::from(drawn)
        } else {
            0.0
        },
        discrimination: discrimination(&rows),
        option_counts,
    }
}

/// `rows` sorted best attempt first.
fn discrimination(rows: &[&Drawn]) -> Option<f64> {
    if rows.len() < 2 {
        return None;
    }
    let n = ((rows.len() as f64 * GROUP_SHARE).round() as usize).clamp(1, rows.len() / 2);
    let share = |group: &[&Drawn]| group.iter().filter(|d| d.correct).count() as f64 / n as f64;
    Some(share(&rows[..n]) - share(&rows[rows.len() - n..]))
}

/// How many attempts got each score from 0 to `max_score` (scores above it are counted at `max_score`).
pub fn score_distribution(scores: &[i32], max_score: i32) -> Vec<(i32, u32)> {
    let top = max_score
        .max(scores.iter().copied().max().unwrap_or(0))
        .max(0);
    let mut counts = vec![0u32; top as usize + 1];
    for s in scores {
        counts[(*s).clamp(0, top) as usize] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(s, c)| (s as i32, c))
        .collect()
}

/// Submissions per day in Vietnam time, in date order.
pub fn per_day(finished: &[Timestamp]) -> Vec<(NaiveDate, u32)> {
    let mut days: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for t in finished {
        *days
            .entry(t.with_timezone(&Ho_Chi_Minh).date_naive())
            .or_insert(0) += 1;
    }
    days.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn d(attempt_id: i64, question_id: i64, chosen: &[i64], correct: bool) -> Drawn {
        Drawn {
            attempt_id,
            question_id,
            chosen: chosen.to_vec(),
            correct,
        }
    }

    #[test]
    fn facility_is_the_share_of_drawn_attempts_answering_exactly_right() {
        let drawn = [
            d(1, 7, &[70], true),
            d(2, 7, &[71], false),
            d(3, 7, &[], false),
            d(4, 7, &[70], true),
        ];
        let scores = HashMap::from([(1, 5), (2, 4), (3, 3), (4, 2)]);
        let stat = &question_stats(&drawn, &scores)[0];
        assert_eq!((stat.drawn, stat.answered, stat.correct), (4, 3, 2));
        assert_eq!(stat.facility, 0.5);
        assert_eq!(stat.option_counts, BTreeMap::from([(70, 2), (71, 1)]));
    }

    #[test]
    fn discrimination_compares_the_best_and_worst_27_percent() {
        // Ten attempts, scores 10..1: the top 3 all got the question right, the bottom 3 only one of them.
        let scores: HashMap<i64, i32> = (1..=10).map(|i| (i, 11 - i as i32)).collect();
        let drawn: Vec<Drawn> = (1..=10).map(|i| d(i, 1, &[1], i <= 3 || i == 9)).collect();
        let stat = &question_stats(&drawn, &scores)[0];
        let dix = stat.discrimination.unwrap();
        assert!((dix - (1.0 - 1.0 / 3.0)).abs() < 1e-9, "{dix}");
    }

    #[test]
    fn a_question_drawn_once_has_no_discrimination_index() {
        let stat = &question_stats(&[d(1, 1, &[1], true)], &HashMap::from([(1, 1)]))[0];
        assert_eq!(stat.discrimination, None);
    }

    #[test]
    fn the_score_distribution_covers_every_score_up_to_the_maximum() {
        assert_eq!(
            score_distribution(&[3, 3, 0], 3),
            vec![(0, 1), (1, 0), (2, 0), (3, 2)]
        );
    }

    #[test]
    fn participation_per_day_uses_vietnam_dates() {
        let late_utc = Utc.with_ymd_and_hms(2026, 11, 27, 18, 0, 0).unwrap(); // 01:00 on the 28th in Vietnam
        let early_utc = Utc.with_ymd_and_hms(2026, 11, 27, 2, 0, 0).unwrap();
        let days = per_day(&[late_utc, early_utc, early_utc]);
        let expected = vec![
            (NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), 2),
            (NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(), 1),
        ];
        assert_eq!(days, expected);
    }
}
