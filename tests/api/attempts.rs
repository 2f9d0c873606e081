//! Attempts through the API: starting under concurrency, no key leaks, saving, submitting, and ownership.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use cchc_quiz::entities::{attempts, questions};
use futures_util::future::join_all;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::HashSet;

async fn attempts_of(app: &TestApp, round: i64, user: i64) -> u64 {
    attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round))
        .filter(attempts::Column::UserId.eq(user))
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn twenty_concurrent_starts_make_one_attempt(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let results = join_all((0..20).map(|_| start(&app, &p, round))).await;
    let mut ids = HashSet::new();
    for res in results {
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        ids.insert(body["id"].as_i64().unwrap());
    }
    assert_eq!(ids.len(), 1, "every request got the same attempt");
    assert_eq!(attempts_of(&app, round, p.id).await, 1);
}

/// Starts are committed together (`store::attempts::starts`): a crowd pressing Start at once, one of them twice,
/// gets one attempt each, and the double tap only makes that person's two answers name the same attempt.
async fn a_crowd_starting_together_with_a_double_tap_gets_one_attempt_each(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let mut crowd = Vec::new();
    for _ in 0..30 {
        crowd.push(app.participant().await);
    }
    let taps: Vec<_> = crowd.iter().chain([&crowd[7]]).collect();
    let results = join_all(taps.iter().map(|p| start(&app, p, round))).await;
    let mut attempt_of = Vec::new();
    for (p, res) in taps.iter().zip(results) {
        assert_eq!(res.status(), 200);
        let body: Value = res.json().await.unwrap();
        assert_eq!(question_ids(&body).len(), 5, "{body}");
        attempt_of.push((p.id, body["id"].as_i64().unwrap()));
    }
    assert_eq!(
        attempt_of[7], attempt_of[30],
        "both taps name the same attempt"
    );
    let distinct: HashSet<i64> = attempt_of.iter().map(|(_, a)| *a).collect();
    assert_eq!(distinct.len(), 30, "one attempt per person");
    for p in &crowd {
        assert_eq!(attempts_of(&app, round, p.id).await, 1);
    }
}

async fn max_attempts_hold_under_concurrent_starts(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "max_attempts": 2 })).await;
    let p = app.participant().await;
    for _ in 0..2 {
        let results = join_all((0..10).map(|_| start(&app, &p, round))).await;
        let bodies: Vec<Value> = join_all(results.into_iter().map(|r| r.json::<Value>()))
            .await
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let ids: HashSet<i64> = bodies
            .iter()
            .map(|b| b["id"].as_i64().unwrap_or_else(|| panic!("{b}")))
            .collect();
        assert_eq!(ids.len(), 1);
        assert_eq!(
            submit(&app, &p, *ids.iter().next().unwrap()).await.status(),
            200
        );
    }
    let results = join_all((0..10).map(|_| start(&app, &p, round))).await;
    for res in results {
        assert_eq!(res.status(), 409);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "max_attempts");
        assert!(
            body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("hết 2 lượt thi")
        );
    }
    assert_eq!(attempts_of(&app, round, p.id).await, 2);
}

async fn no_correct_key_reaches_a_participant_while_in_progress(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "reveal": "after_submit" })).await;
    let p = app.participant().await;
    let started = start_ok(&app, &p, round).await;
    let id = started["id"].as_i64().unwrap();
    let q = question_ids(&started)[0];
    let first = option_ids(&started["questions"][0])[0];
    save(&app, &p, id, q, &[first]).await;
    let mut bodies = vec![started];
    for path in [
        format!("/api/v1/attempts/{id}"),
        "/api/v1/me/attempts".into(),
        "/api/v1/rounds".into(),
    ] {
        bodies.push(app.get(&path, Some(&p)).await.json().await.unwrap());
    }
    for body in &bodies {
        let mut keys = Vec::new();
        all_keys(body, &mut keys);
        for forbidden in ["correct", "is_correct", "explanation", "legal_basis"] {
            assert!(
                !keys.iter().any(|k| k == forbidden),
                "{forbidden} leaked in {body}"
            );
        }
    }
    for q in bodies[1]["questions"].as_array().unwrap() {
        for o in q["options"].as_array().unwrap() {
            assert_eq!(
                o.as_object().unwrap().len(),
                2,
                "an option shows only id and text: {o}"
            );
        }
    }
    let done: Value = submit(&app, &p, id).await.json().await.unwrap();
    assert_eq!(
        done["keys_shown"], true,
        "after submission this round reveals the keys"
    );
    assert!(done["questions"][0]["options"][0]["correct"].is_boolean());
}

async fn the_draw_respects_topic_counts_and_never_repeats_a_question(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let ids = question_ids(&attempt);
    assert_eq!(ids.len(), 5);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        5,
        "no question twice"
    );
    let drawn = questions::Entity::find()
        .filter(questions::Column::Id.is_in(ids))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(drawn.iter().filter(|q| q.topic == "a").count(), 3);
    assert_eq!(drawn.iter().filter(|q| q.topic == "b").count(), 2);
}

async fn shuffles_differ_between_attempts(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "practice": true })).await;
    let p = app.participant().await;
    let (mut orders, mut option_orders) = (HashSet::new(), HashSet::new());
    for _ in 0..6 {
        let a = start_ok(&app, &p, round).await;
        orders.insert(question_ids(&a));
        for q in a["questions"].as_array().unwrap() {
            let mut sorted = option_ids(q);
            sorted.sort();
            if sorted != option_ids(q) {
                option_orders.insert(q["id"].as_i64().unwrap());
            }
        }
        submit(&app, &p, a["id"].as_i64().unwrap()).await;
    }
    assert!(
        orders.len() > 1,
        "six attempts drew the same questions in the same order"
    );
    assert!(!option_orders.is_empty(), "options were never shuffled");
}

async fn submitting_scores_and_is_idempotent(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    let qs = question_ids(&a);
    for q in &qs[..2] {
        let res = save(&app, &p, id, *q, &key_of(&app, *q).await).await;
        assert_eq!(res.status(), 200);
        assert!(res.json::<Value>().await.unwrap()["saved_at"].is_string());
    }
    let first: Value = submit(&app, &p, id).await.json().await.unwrap();
    assert_eq!(first["status"], "submitted");
    assert_eq!(first["score"], 2);
    assert_eq!(first["max_score"], 5);
    let again: Value = submit(&app, &p, id).await.json().await.unwrap();
    for field in [
        "status",
        "score",
        "finished_at",
        "duration_ms",
        "correct_count",
    ] {
        assert_eq!(
            first[field], again[field],
            "{field} changed on the second submit"
        );
    }
    let late = save(&app, &p, id, qs[3], &key_of(&app, qs[3]).await).await;
    assert_eq!(late.status(), 409);
    assert_eq!(
        late.json::<Value>().await.unwrap()["error"]["code"],
        "attempt_submitted"
    );
}

async fn a_choice_outside_the_question_or_two_choices_on_a_single_question_are_refused(
    app: TestApp,
) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    let single = a["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["multiple"] == false)
        .unwrap();
    let opts = option_ids(single);
    let q = single["id"].as_i64().unwrap();
    assert_eq!(save(&app, &p, id, q, &opts[..2]).await.status(), 422);
    assert_eq!(
        save(&app, &p, id, q, &[opts[0] + 100_000]).await.status(),
        422
    );
    assert_eq!(save(&app, &p, id, 9_999_999, &[]).await.status(), 404);
}

async fn another_participant_cannot_read_answer_or_submit_an_attempt(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let owner = app.participant().await;
    let other = app.participant().await;
    let a = start_ok(&app, &owner, round).await;
    let id = a["id"].as_i64().unwrap();
    let q = question_ids(&a)[0];
    assert_eq!(
        app.get(&format!("/api/v1/attempts/{id}"), Some(&other))
            .await
            .status(),
        404
    );
    assert_eq!(save(&app, &other, id, q, &[]).await.status(), 404);
    assert_eq!(submit(&app, &other, id).await.status(), 404);
    let still: Value = app
        .get(&format!("/api/v1/attempts/{id}"), Some(&owner))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(still["status"], "in_progress");
}

crate::db_tests!(
    twenty_concurrent_starts_make_one_attempt,
    a_crowd_starting_together_with_a_double_tap_gets_one_attempt_each,
    max_attempts_hold_under_concurrent_starts,
    no_correct_key_reaches_a_participant_while_in_progress,
    the_draw_respects_topic_counts_and_never_repeats_a_question,
    shuffles_differ_between_attempts,
    submitting_scores_and_is_idempotent,
    a_choice_outside_the_question_or_two_choices_on_a_single_question_are_refused,
    another_participant_cannot_read_answer_or_submit_an_attempt,
);
