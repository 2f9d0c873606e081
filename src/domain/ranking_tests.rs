use super::*;
use chrono::{TimeZone, Utc};

fn at(minute: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2026, 11, 27, 1, minute, 0).unwrap()
}

/// Person `user`, attempt `no`: score out of 10, duration in seconds, finished at minute `minute`.
fn a(
    user: i64,
    no: i32,
    score: i32,
    secs: i64,
    minute: u32,
    prediction: Option<i64>,
) -> ClosedAttempt {
    ClosedAttempt {
        attempt_id: user * 100 + i64::from(no),
        user_id: user,
        attempt_no: no,
        score,
        max_score: 10,
        correct_count: score,
        duration_ms: secs * 1000,
        finished_at: at(minute),
        prediction,
    }
}

fn ranks(placed: &[Placed]) -> Vec<(i64, u32)> {
    placed.iter().map(|p| (p.attempt.user_id, p.rank)).collect()
}

#[test]
fn best_counting_takes_the_highest_score_then_shortest_then_earliest() {
    let closed = [
        a(1, 1, 7, 100, 1, None),
        a(1, 2, 9, 300, 2, None),
        a(1, 3, 9, 200, 3, None),
        a(2, 1, 5, 100, 4, None),
        a(2, 2, 5, 100, 3, None),
    ];
    let mut chosen = counting_attempts(&closed, Counting::Best);
    chosen.sort_by_key(|c| c.user_id);
    assert_eq!((chosen[0].attempt_no, chosen[1].attempt_no), (3, 2));
}

#[test]
fn first_and_last_counting_follow_the_attempt_number_whatever_the_score() {
    let closed = [
        a(1, 2, 10, 100, 2, None),
        a(1, 1, 3, 100, 1, None),
        a(1, 3, 1, 100, 3, None),
    ];
    assert_eq!(counting_attempts(&closed, Counting::First)[0].attempt_no, 1);
    assert_eq!(counting_attempts(&closed, Counting::Last)[0].attempt_no, 3);
    assert_eq!(counting_attempts(&closed, Counting::Best)[0].attempt_no, 2);
}

#[test]
fn a_higher_score_always_ranks_first() {
    let out = rank_round(
        vec![a(1, 1, 6, 10, 1, Some(3)), a(2, 1, 8, 900, 9, None)],
        Some(3),
    );
    assert_eq!(ranks(&out), vec![(2, 1), (1, 2)]);
}

#[test]
fn equal_scores_are_split_by_the_distance_of_the_prediction() {
    let out = rank_round(
        vec![
            a(1, 1, 8, 10, 1, Some(50)),
            a(2, 1, 8, 99, 9, Some(38)),
            a(3, 1, 8, 5, 0, Some(42)),
        ],
        Some(40),
    );
    // distance 2 for both 2 and 3: shared level, then duration decides (3 took 5 s, 2 took 99 s).
    assert_eq!(ranks(&out), vec![(3, 1), (2, 2), (1, 3)]);
    assert_eq!(out[0].prediction_distance, Some(2));
    assert_eq!(out[2].prediction_distance, Some(10));
}

#[test]
fn a_missing_prediction_comes_after_every_given_one() {
    let out = rank_round(
        vec![a(1, 1, 8, 1, 0, None), a(2, 1, 8, 500, 9, Some(1_000_000))],
        Some(0),
    );
    assert_eq!(ranks(&out), vec![(2, 1), (1, 2)]);
    assert_eq!(out[1].prediction_distance, None);
}

#[test]
fn without_a_prediction_tie_break_the_duration_decides() {
    let out = rank_round(
        vec![a(1, 1, 8, 50, 0, Some(1)), a(2, 1, 8, 40, 9, None)],
        None,
    );
    assert_eq!(ranks(&out), vec![(2, 1), (1, 2)]);
    assert_eq!(
        out[0].prediction_distance, None,
        "no distance when the prediction does not apply"
    );
}

#[test]
fn equal_durations_are_split_by_the_earlier_submission() {
    let out = rank_round(vec![a(1, 1, 8, 50, 7, None), a(2, 1, 8, 50, 6, None)], None);
    assert_eq!(ranks(&out), vec![(2, 1), (1, 2)]);
}

#[test]
fn entries_equal_in_every_key_share_a_rank_and_the_next_rank_is_skipped() {
    let out = rank_round(
        vec![
            a(3, 1, 9, 60, 5, Some(7)),
            a(1, 1, 9, 60, 5, Some(13)),
            a(2, 1, 9, 60, 5, Some(10)),
            a(4, 1, 4, 60, 5, Some(10)),
        ],
        Some(10),
    );
    assert_eq!(ranks(&out), vec![(2, 1), (1, 2), (3, 2), (4, 4)]);
}

#[test]
fn the_true_figure_counts_full_scores_or_participants() {
    let counting = [
        a(1, 1, 10, 1, 1, None),
        a(2, 1, 9, 1, 1, None),
        a(3, 1, 10, 1, 1, None),
    ];
    assert_eq!(
        true_figure(PredictionKind::FullScoreCount, &counting),
        Some(2)
    );
    assert_eq!(
        true_figure(PredictionKind::ParticipantCount, &counting),
        Some(3)
    );
    assert_eq!(true_figure(PredictionKind::None, &counting), None);
}

#[test]
fn the_overall_ranking_sums_scores_then_total_duration() {
    let round1 = vec![
        a(1, 1, 8, 100, 1, None),
        a(2, 1, 10, 300, 1, None),
        a(3, 1, 9, 100, 1, None),
    ];
    let round2 = vec![
        a(1, 1, 10, 100, 1, None),
        a(2, 1, 8, 100, 1, None),
        a(3, 1, 9, 200, 1, None),
    ];
    let out = rank_overall(&[round1, round2]);
    let got: Vec<(i64, u32, i64, i64)> = out
        .iter()
        .map(|t| (t.user_id, t.rank, t.total_score, t.total_duration_ms))
        .collect();
    // All three have 18 points: 1 took 200 s, 3 took 300 s, 2 took 400 s.
    assert_eq!(
        got,
        vec![
            (1, 1, 18, 200_000),
            (3, 2, 18, 300_000),
            (2, 3, 18, 400_000)
        ]
    );
    assert_eq!(out[0].rounds, 2);
}

/// A round of 100,000 attempts by 60,000 people ranks each person once, best score first. How fast it does
/// is measured by the `rank_a_round_of_100k_attempts` bench, not here.
#[test]
fn a_hundred_thousand_attempts_rank_each_person_once_best_first() {
    let closed: Vec<ClosedAttempt> = (0..100_000)
        .map(|i| {
            a(
                i % 60_000,
                (i / 60_000) as i32 + 1,
                (i % 11) as i32,
                i % 997,
                (i % 60) as u32,
                Some(i % 500),
            )
        })
        .collect();
    let counting = counting_attempts(&closed, Counting::Best);
    let figure = true_figure(PredictionKind::FullScoreCount, &counting);
    let out = rank_round(counting, figure);
    assert_eq!(out.len(), 60_000);
    let people: std::collections::HashSet<i64> = out.iter().map(|p| p.attempt.user_id).collect();
    assert_eq!(people.len(), 60_000);
    assert_eq!(out[0].rank, 1);
    assert!(
        out.windows(2)
            .all(|w| w[0].rank <= w[1].rank && w[0].attempt.score >= w[1].attempt.score)
    );
}
