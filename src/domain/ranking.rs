//! Ranking people: which attempt counts for each person, the round order with its tie-breaks, and the overall
//! order across rounds. Equal in every applied key means the same rank (competition ranking: 1, 1, 3).
//!
//! Round order: score desc, then |prediction - true figure| asc (only when the round has a prediction question
//! and has closed; a missing prediction comes after every given one), then duration asc, then submission time asc.
use super::{Counting, PredictionKind};
use crate::time::Timestamp;
use std::cmp::Reverse;
use std::collections::HashMap;

/// One closed (submitted or expired) attempt, as ranking needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosedAttempt {
    pub attempt_id: i64,
    pub user_id: i64,
    pub attempt_no: i32,
    pub score: i32,
    pub max_score: i32,
    pub correct_count: i32,
    pub duration_ms: i64,
    pub finished_at: Timestamp,
    pub prediction: Option<i64>,
}

/// One person's place in a round.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub rank: u32,
    pub prediction_distance: Option<i64>,
    pub attempt: ClosedAttempt,
}

/// Each person's counting attempt, in no particular order.
pub fn counting_attempts(closed: &[ClosedAttempt], counting: Counting) -> Vec<ClosedAttempt> {
    let mut chosen: HashMap<i64, &ClosedAttempt> = HashMap::with_capacity(closed.len());
    for a in closed {
        chosen
            .entry(a.user_id)
            .and_modify(|kept| {
                if preferred(a, kept, counting) {
                    *kept = a;
                }
            })
            .or_insert(a);
    }
    chosen.into_values().cloned().collect()
}

/// Does `a` beat the attempt kept so far under the round's counting rule?
fn preferred(a: &ClosedAttempt, kept: &ClosedAttempt, counting: Counting) -> bool {
    match counting {
        Counting::First => a.attempt_no < kept.attempt_no,
        Counting::Last => a.attempt_no > kept.attempt_no,
        Counting::Best => {
            let key =
                |x: &ClosedAttempt| (Reverse(x.score), x.duration_ms, x.finished_at, x.attempt_no);
            key(a) < key(kept)
        }
    }
}

/// The true figure the prediction question asks about, computed from the counting attempts.
pub fn true_figure(kind: PredictionKind, counting: &[ClosedAttempt]) -> Option<i64> {
    match kind {
        PredictionKind::None => None,
        PredictionKind::ParticipantCount => Some(counting.len() as i64),
        PredictionKind::FullScoreCount => Some(
            counting
                .iter()
                .filter(|a| a.max_score > 0 && a.score == a.max_score)
                .count() as i64,
        ),
    }
}

/// Score desc, then (prediction missing, distance) when the prediction applies, then duration, then submission.
type RoundKey = (Reverse<i32>, Option<(bool, i64)>, i64, Timestamp);

/// Orders the counting attempts. `figure` is the true figure when the prediction tie-break applies (the round
/// has a prediction question and has closed), `None` otherwise.
pub fn rank_round(counting: Vec<ClosedAttempt>, figure: Option<i64>) -> Vec<Placed> {
    let mut placed: Vec<(RoundKey, Placed)> = counting
        .into_iter()
        .map(|attempt| {
            let distance = figure.and_then(|f| attempt.prediction.map(|p| (p - f).abs()));
            // `false < true`: every given prediction comes before a missing one.
            let distance_key = figure.map(|_| (distance.is_none(), distance.unwrap_or(0)));
            let key = (
                Reverse(attempt.score),
                distance_key,
                attempt.duration_ms,
                attempt.finished_at,
            );
            let p = Placed {
                rank: 0,
                prediction_distance: distance,
                attempt,
            };
            (key, p)
        })
        .collect();
    // The user id only makes the listing of equal entries stable; it does not change their (shared) rank.
    placed.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb).then(a.attempt.user_id.cmp(&b.attempt.user_id))
    });
    let keys: Vec<&RoundKey> = placed.iter().map(|(k, _)| k).collect();
    let ranks = shared_ranks(&keys);
    placed
        .into_iter()
        .zip(ranks)
        .map(|((_, p), rank)| Placed { rank, ..p })
        .collect()
}

/// Competition ranks (1, 1, 3) for keys already sorted: equal keys share the rank of the first of them.
pub fn shared_ranks<K: PartialEq>(sorted_keys: &[&K]) -> Vec<u32> {
    let mut ranks: Vec<u32> = Vec::with_capacity(sorted_keys.len());
    for (i, key) in sorted_keys.iter().enumerate() {
        let rank = match ranks.last() {
            Some(&prev) if sorted_keys[i - 1] == *key => prev,
            _ => i as u32 + 1,
        };
        ranks.push(rank);
    }
    ranks
}

/// One person's totals across the ranked rounds of the contest.
#[derive(Clone, Debug, PartialEq)]
pub struct OverallPlaced {
    pub rank: u32,
    pub user_id: i64,
    pub total_score: i64,
    pub total_max_score: i64,
    pub total_duration_ms: i64,
    pub rounds: u32,
}

/// Overall order: sum of each person's counting scores desc, then total duration asc. `per_round` holds the
/// counting attempts of each ranked (non-practice) round.
pub fn rank_overall(per_round: &[Vec<ClosedAttempt>]) -> Vec<OverallPlaced> {
    let mut totals: HashMap<i64, OverallPlaced> = HashMap::new();
    for a in per_round.iter().flatten() {
        let t = totals.entry(a.user_id).or_insert(OverallPlaced {
            rank: 0,
            user_id: a.user_id,
            total_score: 0,
            total_max_score: 0,
            total_duration_ms: 0,
            rounds: 0,
        });
        t.total_score += i64::from(a.score);
        t.total_max_score += i64::from(a.max_score);
        t.total_duration_ms += a.duration_ms;
        t.rounds += 1;
    }
    let mut sorted: Vec<((Reverse<i64>, i64), OverallPlaced)> = totals
        .into_values()
        .map(|t| ((Reverse(t.total_score), t.total_duration_ms), t))
        .collect();
    sorted.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.user_id.cmp(&b.user_id)));
    let keys: Vec<&(Reverse<i64>, i64)> = sorted.iter().map(|(k, _)| k).collect();
    let ranks = shared_ranks(&keys);
    sorted
        .into_iter()
        .zip(ranks)
        .map(|((_, t), rank)| OverallPlaced { rank, ..t })
        .collect()
}

#[cfg(test)]
#[path = "ranking_tests.rs"]
mod tests;
