//! What a monitor and a proxy see: `/healthz`, `/readyz` (503 until the server can run a contest) and the
//! Prometheus `/metrics`, parsed as the text format a Prometheus server reads, open to loopback or a token only.
use crate::helpers::{Backend, TestApp, run_with};
use crate::quiz_fixture::{open_round, option_ids, save, seed_bank, start_ok, submit};
use prometheus_parse::{Sample, Scrape, Value};
use serde_json::json;

async fn scrape(app: &TestApp) -> Vec<Sample> {
    let res = app.get("/metrics", None).await;
    assert_eq!(res.status(), 200);
    let text = res.text().await.expect("text");
    let lines = text.lines().map(|l| Ok(l.to_owned()));
    Scrape::parse(lines)
        .expect("Prometheus text format")
        .samples
}

/// The value of a counter or gauge with these labels (0 when absent).
fn value(samples: &[Sample], metric: &str, labels: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| s.metric == metric)
        .filter(|s| labels.iter().all(|(k, v)| s.labels.get(k) == Some(*v)))
        .map(|s| match s.value {
            Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

async fn health_and_readiness_answer_when_the_server_can_run_a_contest(app: TestApp) {
    seed_bank(&app, &[("a", 2)]).await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status(), 200);
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], "ready", "{body}");
    for check in ["database", "migrations", "banks"] {
        assert_eq!(body["checks"][check], "ok", "{body}");
    }
}

async fn readiness_is_503_while_no_bank_is_loaded(app: TestApp) {
    assert_eq!(app.get("/healthz", None).await.status(), 200);
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status(), 503);
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["checks"]["database"], "ok", "{body}");
    assert_ne!(body["checks"]["banks"], "ok", "{body}");
}

async fn metrics_count_starts_saves_and_submits_by_route_with_latency_buckets(app: TestApp) {
    let before = scrape(&app).await;
    let (_, round) = open_round(&app, json!({})).await;
    let user = app.participant().await;
    let attempt = start_ok(&app, &user, round).await;
    let id = attempt["id"].as_i64().expect("id");
    let question = &attempt["questions"][0];
    let q = question["id"].as_i64().expect("question id");
    let choice = option_ids(question)[..1].to_vec();
    assert_eq!(save(&app, &user, id, q, &choice).await.status(), 200);
    assert_eq!(submit(&app, &user, id).await.status(), 200);
    assert_eq!(save(&app, &user, id, q, &choice).await.status(), 409);

    let after = scrape(&app).await;
    // Other tests share this process's recorder, so compare with what was there before.
    let grew = |metric: &str, labels: &[(&str, &str)]| {
        value(&after, metric, labels) - value(&before, metric, labels)
    };
    assert!(grew("cchc_starts_total", &[("outcome", "ok")]) >= 1.0);
    assert!(grew("cchc_saves_total", &[("outcome", "ok")]) >= 1.0);
    assert!(grew("cchc_saves_total", &[("outcome", "refused")]) >= 1.0);
    assert!(grew("cchc_submits_total", &[("outcome", "ok")]) >= 1.0);
    let save_route = [
        ("route", "/api/v1/attempts/:id/answers/:question_id"),
        ("method", "PUT"),
    ];
    assert!(grew("cchc_http_requests_total", &save_route) >= 2.0);
    let latency = after
        .iter()
        .find(|s| {
            s.metric == "cchc_http_request_duration_seconds"
                && s.labels.get("route") == Some(save_route[0].1)
        })
        .expect("a latency histogram for the save route");
    let Value::Histogram(buckets) = &latency.value else {
        panic!("latency is not a histogram: {:?}", latency.value);
    };
    assert!(buckets.len() > 5, "{buckets:?}");
    assert!(
        buckets
            .iter()
            .any(|b| b.less_than.is_infinite() && b.count >= 2.0)
    );
    for gauge in [
        "cchc_save_queue_depth",
        "cchc_attempt_slots_in_use",
        "cchc_attempt_slot_waiting",
        "cchc_hashing_in_progress",
        "cchc_db_pool_in_use",
        "cchc_attempts_in_progress",
    ] {
        assert!(after.iter().any(|s| s.metric == gauge), "{gauge} missing");
    }
}

async fn metrics_are_hidden_from_callers_that_come_through_a_proxy(app: TestApp) {
    let res = app
        .api
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "203.0.113.9")
        .send()
        .await
        .expect("response");
    assert_eq!(res.status(), 404);
}

async fn with_a_token_metrics_need_it_even_from_loopback(app: TestApp) {
    let url = app.url("/metrics");
    let res = app.api.get(&url).send().await.expect("response");
    assert_eq!(res.status(), 404);
    let res = app
        .api
        .get(&url)
        .bearer_auth("sai-ma")
        .send()
        .await
        .expect("response");
    assert_eq!(res.status(), 404);
    let res = app
        .api
        .get(&url)
        .bearer_auth("ma-theo-doi-du-dai-123")
        .header("X-Forwarded-For", "203.0.113.9")
        .send()
        .await
        .expect("response");
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("text").contains("cchc_db_pool_max"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_metrics_token_is_required_when_configured() {
    run_with(
        Backend::Sqlite,
        &["--metrics-token", "ma-theo-doi-du-dai-123"],
        with_a_token_metrics_need_it_even_from_loopback,
    )
    .await;
}

crate::db_tests!(
    health_and_readiness_answer_when_the_server_can_run_a_contest,
    readiness_is_503_while_no_bank_is_loaded,
    metrics_count_starts_saves_and_submits_by_route_with_latency_buckets,
    metrics_are_hidden_from_callers_that_come_through_a_proxy,
);
