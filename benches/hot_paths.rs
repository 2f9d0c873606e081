//! CPU benchmarks of the contest's hot paths (divan): `cargo bench --bench hot_paths`.
use cchc_quiz::domain::scoring::{self, KeyedQuestion};
use divan::Bencher;
use std::collections::{BTreeSet, HashMap};

fn main() {
    divan::main();
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
