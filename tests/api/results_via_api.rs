//! The end-to-end check of the results: a round run THROUGH THE API (rounds and attempts), then its
//! leaderboard, unit ranking and XLSX export compared with an independent computation (`results.rs` covers the
//! same checks with attempts written through the entities).
use crate::helpers::{TestApp, TestUser};
use crate::results::{expected_ranking, expected_units, got_ranking, json_of, sheet};
use crate::results_seed::{self, Seeded, Sitting, lcg, unit_of_person};
use calamine::DataType;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{attempts, rounds};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use std::collections::{BTreeSet, HashMap};

async fn create_round(app: &TestApp, organiser: &TestUser) -> i64 {
    let now = Utc::now();
    let body = json!({
        "title": "Tuần thi qua API", "opens_at": now - Duration::minutes(5), "closes_at": now + Duration::days(1),
        "time_limit_secs": 1200, "question_count": 3, "max_attempts": 2, "counting": "best",
        "prediction": "full_score_count", "draw_rules": [{"topic": "Kết quả", "count": 3}],
    });
    let res = app
        .post_json("/api/v1/rounds", Some(organiser), &body)
        .await;
    let status = res.status();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 201, "{body}");
    body["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("round created: {body}"))
}

/// Starts, answers and submits one attempt; returns what was chosen per question id.
async fn sit(
    app: &TestApp,
    user: &TestUser,
    round: i64,
    seed: &mut u64,
    keys: &HashMap<i64, BTreeSet<i64>>,
    prediction: Option<i64>,
) -> HashMap<i64, BTreeSet<i64>> {
    let res = app
        .post_json(
            &format!("/api/v1/rounds/{round}/attempts"),
            Some(user),
            &json!({}),
        )
        .await;
    let attempt = json_of(res).await;
    let id = attempt["id"].as_i64().unwrap();
    let mut chosen = HashMap::new();
    for q in attempt["questions"].as_array().unwrap() {
        let qid = q["id"].as_i64().unwrap();
        let options: Vec<i64> = q["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_i64().unwrap())
            .collect();
        let pick: BTreeSet<i64> = if lcg(seed) % 10 < 7 {
            keys[&qid].clone()
        } else {
            options
                .iter()
                .copied()
                .filter(|o| !keys[&qid].contains(o))
                .take(1)
                .collect()
        };
        let path = format!("/api/v1/attempts/{id}/answers/{qid}");
        let res = app
            .send_json(
                reqwest::Method::PUT,
                &path,
                Some(user),
                &json!({ "option_ids": pick }),
            )
            .await;
        assert_eq!(res.status(), 200);
        chosen.insert(qid, pick);
    }
    let res = app
        .post_json(
            &format!("/api/v1/attempts/{id}/submit"),
            Some(user),
            &json!({ "prediction": prediction }),
        )
        .await;
    assert_eq!(res.status(), 200);
    chosen
}

async fn a_round_run_through_the_api_ranks_like_an_independent_computation(app: TestApp) {
    let questions = results_seed::bank_and_setting(&app).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let round_id = create_round(&app, &organiser).await;
    let units = results_seed::units(&app).await;
    let keys: HashMap<i64, BTreeSet<i64>> = questions
        .iter()
        .map(|q| (q.question_id, q.correct.clone()))
        .collect();
    let (mut seed, mut people, mut chosen_by_attempt_no) = (7u64, Vec::new(), HashMap::new());
    for i in 0..24usize {
        let unit_id = unit_of_person(&units, i);
        let user = app
            .create_named_user(
                &format!("api{i:02}"),
                &format!("Trần Thị Dự Thi{i:02}"),
                Role::Participant,
                Some(unit_id),
            )
            .await;
        for no in 1..=(if i % 4 == 0 { 2 } else { 1 }) {
            let prediction = (i % 5 != 0).then_some(i as i64 % 3 + 2);
            let chosen = sit(&app, &user, round_id, &mut seed, &keys, prediction).await;
            chosen_by_attempt_no.insert((user.id, no), (unit_id, chosen));
        }
        people.push(user);
    }
    // Close the round so that the prediction tie-break applies.
    let round = rounds::Entity::find_by_id(round_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut closing: rounds::ActiveModel = round.into();
    closing.closes_at = Set(Utc::now() - Duration::seconds(1));
    closing.update(&app.state.db).await.unwrap();

    // Durations, submission times and predictions are the server's: read them back, then rank independently.
    let rows = attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round_id))
        .all(&app.state.db)
        .await
        .unwrap();
    let sittings: Vec<Sitting> = rows
        .iter()
        .map(|a| {
            let (unit_id, chosen) = &chosen_by_attempt_no[&(a.user_id, a.attempt_no)];
            Sitting {
                user_id: a.user_id,
                unit_id: *unit_id,
                attempt_no: a.attempt_no,
                chosen: questions
                    .iter()
                    .map(|q| chosen[&q.question_id].clone())
                    .collect(),
                duration_ms: a.duration_ms.unwrap(),
                finished_at: a.finished_at.unwrap(),
                prediction: a.prediction,
            }
        })
        .collect();
    let seeded = Seeded {
        round_id,
        questions,
        sittings,
        units,
        people,
    };
    let (expected, figure) = expected_ranking(&seeded);
    let board = json_of(
        app.get(
            &format!("/api/v1/rounds/{round_id}/leaderboard"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert_eq!(got_ranking(&board), expected);
    assert_eq!(board["true_figure"], figure);

    let body = json_of(
        app.get(
            &format!("/api/v1/rounds/{round_id}/leaderboard/units"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    let want = expected_units(&seeded, &expected);
    for u in body["units"].as_array().unwrap() {
        let (participants, rate, avg, ranked) = want[&u["unit"]["id"].as_i64().unwrap()];
        assert_eq!(u["participants"].as_u64().unwrap(), participants);
        assert!((u["participation_rate"].as_f64().unwrap() - rate).abs() < 1e-9);
        assert!((u["average_score"].as_f64().unwrap() - avg).abs() < 1e-9);
        assert_eq!(u["ranked"].as_bool().unwrap(), ranked);
    }

    let res = app
        .get(
            &format!("/api/v1/rounds/{round_id}/export?format=xlsx"),
            Some(&organiser),
        )
        .await;
    let bytes = res.bytes().await.unwrap();
    let logins: HashMap<i64, String> = seeded
        .people
        .iter()
        .map(|p| (p.id, p.login.clone()))
        .collect();
    let rows: Vec<(String, u64, i64)> = sheet(&bytes, "Xếp hạng cá nhân")
        .rows()
        .skip(1)
        .map(|r| {
            (
                r[2].to_string(),
                r[0].as_f64().unwrap() as u64,
                r[5].as_f64().unwrap() as i64,
            )
        })
        .collect();
    let want: Vec<(String, u64, i64)> = expected
        .iter()
        .map(|(u, rank, s)| (logins[u].clone(), *rank, *s))
        .collect();
    assert_eq!(rows, want);
}

crate::db_tests!(a_round_run_through_the_api_ranks_like_an_independent_computation);
