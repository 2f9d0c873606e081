//! A closed round with many participants written straight through the entities, so that the results tests
//! control every score, duration and finishing time, plus an independent computation of what its rankings
//! must be (`results_via_api.rs` runs a round through the API instead).
use crate::helpers::{TestApp, TestUser};
use cchc_quiz::domain::{AttemptStatus, Counting, PredictionKind, Reveal, Role, ShowNames};
use cchc_quiz::entities::{answers, attempt_draws, attempts, rounds, settings};
use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{ActiveModelTrait, Set};
use std::collections::BTreeSet;

/// One question: its points and the option ids (A, B, C, D) with the correct ones.
pub use test_support::bank::Question as Q;
use test_support::bank::QuestionSpec;

#[derive(Clone, Debug)]
pub struct Sitting {
    pub user_id: i64,
    pub unit_id: i64,
    pub attempt_no: i32,
    pub chosen: Vec<BTreeSet<i64>>,
    pub duration_ms: i64,
    pub finished_at: DateTime<Utc>,
    pub prediction: Option<i64>,
}

pub struct Seeded {
    pub round_id: i64,
    pub questions: Vec<Q>,
    pub sittings: Vec<Sitting>,
    pub units: Vec<(i64, i32)>,
    pub people: Vec<TestUser>,
}

pub fn lcg(state: &mut u64) -> u64 {
    *state = state
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *state >> 33
}

pub async fn round(app: &TestApp, practice: bool, prediction: PredictionKind) -> i64 {
    let now = Utc::now();
    rounds::ActiveModel {
        title: Set(if practice {
            "Thi thử".into()
        } else {
            "Tuần 1".into()
        }),
        opens_at: Set(now - Duration::days(3)),
        closes_at: Set(now - Duration::hours(1)),
        time_limit_secs: Set(1200),
        question_count: Set(3),
        max_attempts: Set(2),
        counting: Set(Counting::Best),
        prediction: Set(prediction),
        practice: Set(practice),
        reveal: Set(Reveal::AfterClose),
        show_names: Set(ShowNames::Full),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// 30 people in 4 units (headcounts 10, 8, 6 and 40), one or two attempts each, answers from a fixed seed.
/// Three questions of topic "Kết quả" (1, 1 and 2 points; the third has two correct options) and the
/// 0.2 minimum participation rate.
pub async fn bank_and_setting(app: &TestApp) -> Vec<Q> {
    let now = Utc::now();
    settings::ActiveModel {
        key: Set("min_participation_rate".into()),
        value: Set("20".into()),
        updated_at: Set(now),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    let question = |n: usize, points: i32, correct: &[usize]| {
        let text = format!("Câu hỏi số {n} về cải cách hành chính?");
        QuestionSpec::new("Kết quả", &format!("KQ-{n:03}"), &text)
            .points(points)
            .correct(correct)
    };
    let specs = [
        question(1, 1, &[0]),
        question(2, 1, &[1]),
        question(3, 2, &[0, 2]),
    ];
    test_support::bank::insert(&app.state.db, "ket-qua", &specs).await
}

/// Units of headcount 10, 8, 6 and 40: (id, headcount).
pub async fn units(app: &TestApp) -> Vec<(i64, i32)> {
    let mut units = Vec::new();
    for (i, headcount) in [10, 8, 6, 40].into_iter().enumerate() {
        let id = app
            .create_unit(&format!("DV{i}"), &format!("Phòng thử {i}"), headcount)
            .await;
        units.push((id, headcount));
    }
    units
}

/// Person `i` of a seed: the unit they belong to (units 0..3 get 3, 2, 1, 1 of every 7 people).
pub fn unit_of_person(units: &[(i64, i32)], i: usize) -> i64 {
    units[[0, 0, 0, 1, 1, 2, 3][i % 7]].0
}

pub async fn closed_round(app: &TestApp) -> Seeded {
    let qs = bank_and_setting(app).await;
    let round_id = round(app, false, PredictionKind::FullScoreCount).await;
    let units = units(app).await;
    let base = Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap();
    let (mut people, mut sittings) = (Vec::new(), Vec::new());
    let mut seed = 20261127u64;
    for i in 0..30usize {
        let unit_id = unit_of_person(&units, i);
        let name = format!("Nguyễn Văn Thí Sinh{i:02}");
        let user = app
            .create_named_user(
                &format!("ts{i:02}"),
                &name,
                Role::Participant,
                Some(unit_id),
            )
            .await;
        for attempt_no in 1..=(if i % 3 == 0 { 2 } else { 1 }) {
            let chosen: Vec<BTreeSet<i64>> = qs
                .iter()
                .map(|q| {
                    if lcg(&mut seed) % 10 < 7 {
                        q.correct.clone()
                    } else {
                        BTreeSet::from([q.options[3]])
                    }
                })
                .collect();
            let s = Sitting {
                user_id: user.id,
                unit_id,
                attempt_no,
                chosen,
                // Few distinct values, so that some people are equal in every key and share a rank.
                duration_ms: 60_000 + (i as i64 % 2) * 1_000,
                finished_at: base + Duration::minutes((i % 2) as i64 + i64::from(attempt_no) * 10),
                prediction: if i % 5 == 0 {
                    None
                } else {
                    Some(i as i64 % 3 + 4)
                },
            };
            insert_sitting(app, round_id, &qs, &s).await;
            sittings.push(s);
        }
        people.push(user);
    }
    Seeded {
        round_id,
        questions: qs,
        sittings,
        units,
        people,
    }
}

pub fn score(qs: &[Q], chosen: &[BTreeSet<i64>]) -> (i32, i32) {
    qs.iter().zip(chosen).fold((0, 0), |(s, c), (q, ch)| {
        if *ch == q.correct {
            (s + q.points, c + 1)
        } else {
            (s, c)
        }
    })
}

pub async fn insert_sitting(app: &TestApp, round_id: i64, qs: &[Q], s: &Sitting) {
    let (points, correct) = score(qs, &s.chosen);
    let a = attempts::ActiveModel {
        round_id: Set(round_id),
        user_id: Set(s.user_id),
        attempt_no: Set(s.attempt_no),
        status: Set(AttemptStatus::Submitted),
        started_at: Set(s.finished_at - Duration::milliseconds(s.duration_ms)),
        deadline: Set(s.finished_at + Duration::minutes(20)),
        finished_at: Set(Some(s.finished_at)),
        score: Set(Some(points)),
        max_score: Set(qs.iter().map(|q| q.points).sum()),
        correct_count: Set(Some(correct)),
        duration_ms: Set(Some(s.duration_ms)),
        prediction: Set(s.prediction),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    // The draw as the server stores it (format 1): one row, the questions in the order shown.
    let draw: Vec<String> = qs
        .iter()
        .map(|q| {
            let options = serde_json::to_string(&q.options).unwrap();
            format!(
                r#"{{"q":{},"v":{},"o":{options}}}"#,
                q.question_id, q.version_id
            )
        })
        .collect();
    attempt_draws::ActiveModel {
        attempt_id: Set(a.id),
        format: Set(1),
        questions: Set(format!("[{}]", draw.join(","))),
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    for (q, chosen) in qs.iter().zip(&s.chosen) {
        answers::ActiveModel {
            attempt_id: Set(a.id),
            question_id: Set(q.question_id),
            option_ids: Set(serde_json::to_string(chosen).unwrap()),
            first_saved_at: Set(s.finished_at - Duration::seconds(30)),
            saved_at: Set(s.finished_at - Duration::seconds(5)),
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
}
