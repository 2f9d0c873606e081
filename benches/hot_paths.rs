//! CPU benchmarks of the contest's hot paths (divan): `cargo bench --bench hot_paths`.
use cchc_quiz::domain::ranking::{self, ClosedAttempt};
use cchc_quiz::domain::scoring::{self, KeyedQuestion};
use cchc_quiz::domain::{Counting, PredictionKind, draw};
use cchc_quiz::results::{Entry, UnitRef, export, workbook};
use chrono::{Duration, TimeZone, Utc};
use divan::Bencher;
use std::collections::{BTreeSet, HashMap};

fn main() {
    divan::main();
}

/// A round's size in the targets: 100,000 closed attempts.
const ATTEMPTS: i64 = 100_000;

/// Drawing one 20-question attempt from six topics of 50 questions each, with the options of each shuffled
/// (a start does this once; the pool and option lists come from the database).
#[divan::bench]
fn draw_a_20_question_attempt(bencher: Bencher) {
    let pool: HashMap<String, Vec<i64>> = (0..6)
        .map(|t| (format!("topic {t}"), (t * 100..t * 100 + 50).collect()))
        .collect();
    let rules: Vec<(String, usize)> = (0..6)
        .map(|t| (format!("topic {t}"), if t < 2 { 4 } else { 3 }))
        .collect();
    let options: Vec<i64> = (1..=4).collect();
    bencher.bench(|| {
        let mut rng = rand::rng();
        let drawn = draw::draw(divan::black_box(&rules), divan::black_box(&pool), &mut rng);
        drawn.map(|ids| {
            ids.iter()
                .map(|_| draw::shuffled(&options, &mut rng))
                .collect::<Vec<_>>()
        })
    });
}

/// Scoring one 20-question attempt (a submit does this once).
#[divan::bench]
fn score_a_20_question_attempt(bencher: Bencher) {
    let questions: Vec<KeyedQuestion> = (0..20)
        .map(|i| KeyedQuestion {
            question_id: i,
            points: 1,
            correct: BTreeSet::from([i * 10 + (i % 4)]),
        })
        .collect();
    let answers: HashMap<i64, BTreeSet<i64>> = (0..20)
        .map(|i| (i, BTreeSet::from([i * 10 + (i % 3)])))
        .collect();
    bencher.bench(|| scoring::score(divan::black_box(&questions), divan::black_box(&answers)));
}

/// 100,000 closed attempts of 20 questions with many ties on score, as a busy round ends.
fn closed_attempts() -> Vec<ClosedAttempt> {
    let start = Utc
        .with_ymd_and_hms(2026, 11, 2, 1, 0, 0)
        .single()
        .unwrap_or_default();
    (0..ATTEMPTS)
        .map(|i| ClosedAttempt {
            attempt_id: i + 1,
            user_id: i + 1,
            attempt_no: 1,
            score: ((i * 7919) % 21) as i32,
            max_score: 20,
            correct_count: ((i * 7919) % 21) as i32,
            duration_ms: 60_000 + (i * 104_729) % 1_800_000,
            finished_at: start + Duration::milliseconds((i * 15_485_863) % 86_400_000),
            prediction: (i % 10 != 0).then_some((i * 31) % 5000),
        })
        .collect()
}

/// Ranking a round of 100,000 attempts: the counting attempt per person, the prediction's true figure, the order.
#[divan::bench(sample_count = 20)]
fn rank_a_round_of_100k_attempts(bencher: Bencher) {
    let closed = closed_attempts();
    bencher.bench(|| {
        let counting = ranking::counting_attempts(divan::black_box(&closed), Counting::Best);
        let figure = ranking::true_figure(PredictionKind::FullScoreCount, &counting);
        ranking::rank_round(counting, figure)
    });
}

/// Writing the XLSX of a round's individual ranking with 100,000 lines (what judges download after a round).
#[divan::bench(sample_count = 3)]
fn xlsx_of_a_100k_attempt_ranking(bencher: Bencher) {
    let unit = UnitRef {
        id: 1,
        code: "TTT".into(),
        name: "Thanh tra tỉnh".into(),
    };
    let entries: Vec<Entry> = ranking::rank_round(closed_attempts(), None)
        .into_iter()
        .map(|p| Entry {
            rank: p.rank,
            user_id: Some(p.attempt.user_id),
            login: Some(format!("canbo-{:06}", p.attempt.user_id)),
            full_name: format!("Nguyễn Văn Thí Sinh {:06}", p.attempt.user_id),
            unit: Some(unit.clone()),
            score: p.attempt.score,
            max_score: p.attempt.max_score,
            correct_count: p.attempt.correct_count,
            duration_ms: p.attempt.duration_ms,
            prediction: p.attempt.prediction,
            prediction_distance: p.prediction_distance,
            submitted_at: p.attempt.finished_at,
            attempt_id: p.attempt.attempt_id,
            person: p.attempt.user_id,
        })
        .collect();
    let heading = workbook::Heading {
        contest: "Cuộc thi".to_owned(),
        subject: "Đợt thi: Tuần 1".to_owned(),
        exported_at: Utc::now(),
        notes: Vec::new(),
    };
    bencher
        .bench(|| workbook::to_xlsx(&heading, &[export::individual(divan::black_box(&entries))]));
}
