//! Rounds and attempts through the API for the tests: a test bank (`test_support::bank`), an open round,
//! and short helpers to start, answer and submit attempts and to read their keys from the database.
use crate::helpers::{TestApp, TestUser};
use cchc_quiz::entities::{attempts, options, question_versions, questions};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};

/// Writes `count` questions per topic (see `test_support::bank::topics`) in a bank of its own.
pub async fn seed_bank(app: &TestApp, topics: &[(&str, usize)]) {
    let slug = test_support::unique_name().replace('_', "-");
    test_support::bank::insert(&app.state.db, &slug, &test_support::bank::topics(topics)).await;
}

/// An organiser, a bank of topics "a" (8) and "b" (6), and an open round drawing 3 + 2 questions; `extra`
/// fields replace the defaults. Returns (organiser, round id).
pub async fn open_round(app: &TestApp, extra: Value) -> (TestUser, i64) {
    seed_bank(app, &[("a", 8), ("b", 6)]).await;
    let organiser = app
        .create_user(cchc_quiz::domain::Role::Organiser, None)
        .await;
    let id = create_round(app, &organiser, extra).await;
    (organiser, id)
}

pub async fn create_round(app: &TestApp, organiser: &TestUser, extra: Value) -> i64 {
    let res = app
        .post_json("/api/v1/rounds", Some(organiser), &round_body(extra))
        .await;
    let status = res.status();
    let body: Value = res.json().await.expect("json");
    assert_eq!(status, 201, "{body}");
    body["id"].as_i64().expect("round id")
}

pub fn round_body(extra: Value) -> Value {
    let now = Utc::now();
    let mut body = json!({
        "title": "Tuần thi thứ nhất",
        "opens_at": now - Duration::minutes(5),
        "closes_at": now + Duration::days(7),
        "time_limit_secs": 1200,
        "question_count": 5,
        "draw_rules": [{"topic": "a", "count": 3}, {"topic": "b", "count": 2}],
    });
    if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
        for (k, v) in e {
            b.insert(k.clone(), v.clone());
        }
    }
    body
}

/// An organiser grants extra time or attempts (`grant` is the override body); it must be accepted.
pub async fn grant_ok(app: &TestApp, organiser: &TestUser, round: i64, grant: Value) {
    let res = app
        .post_json(
            &format!("/api/v1/rounds/{round}/overrides"),
            Some(organiser),
            &grant,
        )
        .await;
    assert_eq!(res.status(), 200);
}

pub async fn start(app: &TestApp, user: &TestUser, round: i64) -> reqwest::Response {
    app.post_json(
        &format!("/api/v1/rounds/{round}/attempts"),
        Some(user),
        &json!({}),
    )
    .await
}

pub async fn start_ok(app: &TestApp, user: &TestUser, round: i64) -> Value {
    let res = start(app, user, round).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("json")
}

pub async fn save(
    app: &TestApp,
    user: &TestUser,
    attempt: i64,
    q: i64,
    ids: &[i64],
) -> reqwest::Response {
    let path = format!("/api/v1/attempts/{attempt}/answers/{q}");
    app.send_json(
        reqwest::Method::PUT,
        &path,
        Some(user),
        &json!({ "option_ids": ids }),
    )
    .await
}

pub async fn submit(app: &TestApp, user: &TestUser, attempt: i64) -> reqwest::Response {
    app.post_json(
        &format!("/api/v1/attempts/{attempt}/submit"),
        Some(user),
        &json!({}),
    )
    .await
}

/// The correct option ids of a question, read from the database (never from the API).
pub async fn key_of(app: &TestApp, question_id: i64) -> Vec<i64> {
    let q = questions::Entity::find_by_id(question_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let versions = question_versions::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    let v = versions.iter().find(|v| v.question_id == q.id).unwrap();
    let mut ids: Vec<i64> = options::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|o| o.question_version_id == v.id && o.is_correct)
        .map(|o| o.id)
        .collect();
    ids.sort();
    ids
}

/// Moves an attempt's clock into the past, as if it started `ago_secs` ago with `deadline_ago_secs` left over.
pub async fn age_attempt(app: &TestApp, attempt: i64, started_ago: i64, deadline_ago: i64) {
    let a = attempts::Entity::find_by_id(attempt)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut m: attempts::ActiveModel = a.into();
    let now = Utc::now();
    m.started_at = Set(now - Duration::seconds(started_ago));
    m.deadline = Set(now - Duration::seconds(deadline_ago));
    m.update(&app.state.db).await.expect("age attempt");
}

pub fn question_ids(attempt: &Value) -> Vec<i64> {
    attempt["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_i64().unwrap())
        .collect()
}

pub fn option_ids(question: &Value) -> Vec<i64> {
    question["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_i64().unwrap())
        .collect()
}

/// Every object key anywhere in `v`.
pub fn all_keys(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                out.push(k.clone());
                all_keys(v, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|v| all_keys(v, out)),
        _ => {}
    }
}
