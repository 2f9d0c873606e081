//! Helpers shared by the security tests: moving a round's clock and reading JSON answers.
use crate::helpers::TestApp;
use cchc_quiz::entities::rounds;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::Value;

/// Moves a round's close into the past directly in the database, as if the clock had run on.
pub async fn close_round_ago(app: &TestApp, round: i64, secs_ago: i64) -> DateTime<Utc> {
    let r = rounds::Entity::find_by_id(round)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let closes_at = Utc::now() - Duration::seconds(secs_ago);
    let mut m: rounds::ActiveModel = r.into();
    m.opens_at = Set(closes_at - Duration::hours(1));
    m.closes_at = Set(closes_at);
    m.update(&app.state.db).await.unwrap();
    app.state.caches.rounds.forget(round);
    closes_at
}

pub async fn json(res: reqwest::Response) -> Value {
    res.json().await.expect("json")
}

pub fn time(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| panic!("a time: {v}"))
}

/// Whether any option of any question in an attempt view carries its key.
pub fn shows_any_key(attempt: &Value) -> bool {
    let mut keys = Vec::new();
    crate::quiz_fixture::all_keys(attempt, &mut keys);
    keys.iter().any(|k| k == "correct" || k == "explanation")
}
