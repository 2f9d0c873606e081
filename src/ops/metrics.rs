//! Prometheus metrics (the `metrics` facade, rendered by `metrics-exporter-prometheus`): requests and their
//! latency by route template, the contest's own events (saves, starts, submits, logins), and gauges read when
//! `/metrics` is scraped (queues, database pool, attempts in progress). The names are listed in the README.
use crate::app::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use metrics::{counter, gauge, histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::sync::OnceLock;
use std::time::Instant;

pub const REQUESTS: &str = "cchc_http_requests_total";
pub const REQUEST_SECONDS: &str = "cchc_http_request_duration_seconds";

/// Latency buckets in seconds: fine below 100 ms where a save lives, coarse up to the 10 s a spike can reach.
const BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed on first use (one per process: every app a test starts shares it).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let builder = PrometheusBuilder::new()
                .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), BUCKETS)
                .ok()?;
            match builder.install_recorder() {
                Ok(handle) => Some(handle),
                Err(e) => {
                    tracing::warn!(error = %e, "metrics recorder not installed");
                    None
                }
            }
        })
        .as_ref()
}

/// Counts every request and times it, labelled by route template (`/api/v1/attempts/:id/answers/:question_id`), never by
/// the raw path, so the number of series stays small whatever ids are asked for.
pub async fn track_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().as_str().to_owned();
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    let status = res.status().as_u16();
    if let Some(event) = event_of(&method, &route) {
        counter!(event, "outcome" => outcome(status)).increment(1);
    }
    // `{id}` becomes `:id` in the label: common Prometheus text parsers stop a label set at the first `}`.
    let route = route.replace('{', ":").replace('}', "");
    counter!(REQUESTS, "method" => method.clone(), "route" => route.clone(), "status" => status.to_string())
        .increment(1);
    histogram!(REQUEST_SECONDS, "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    Ok(res)
}

/// The contest's own events, counted by the routes that carry them (the JSON API and the pages alike).
fn event_of(method: &str, route: &str) -> Option<&'static str> {
    match (method, route) {
        ("PUT", "/api/v1/attempts/{id}/answers/{question_id}") => Some("cchc_saves_total"),
        ("POST", "/api/v1/rounds/{id}/attempts" | "/dot-thi/{id}/bat-dau") => {
            Some("cchc_starts_total")
        }
        ("POST", "/api/v1/attempts/{id}/submit" | "/bai-thi/{id}/nop-bai") => {
            Some("cchc_submits_total")
        }
        ("POST", "/api/v1/auth/login" | "/dang-nhap") => Some("cchc_logins_total"),
        _ => None,
    }
}

/// `ok` (done, or a redirect after a form), `refused` (the person's request was wrong or too late: a closed
/// attempt, a wrong password, throttled) or `error` (the server failed: alert on these).
fn outcome(status: u16) -> &'static str {
    match status {
        0..400 => "ok",
        400..500 => "refused",
        _ => "error",
    }
}

/// Reads the gauges that are a state rather than an event, just before rendering.
pub async fn sample(state: &AppState) {
    let settings = &state.settings;
    gauge!("cchc_save_queue_depth").set(state.answers.queued() as f64);
    let slots_free = state.attempt_slots.available_permits();
    gauge!("cchc_attempt_slots_in_use").set((crate::app::state::ATTEMPT_SLOTS - slots_free) as f64);
    gauge!("cchc_attempt_slot_waiting").set(super::queues::attempt_waiting() as f64);
    gauge!("cchc_hashing_in_progress").set(super::queues::hashing() as f64);
    let (size, idle) = pool_use(state);
    gauge!("cchc_db_pool_connections").set(f64::from(size));
    gauge!("cchc_db_pool_in_use").set(f64::from(size) - idle as f64);
    gauge!("cchc_db_pool_max").set(f64::from(settings.db_max_connections()));
    if let Some(n) = attempts_in_progress(state).await {
        gauge!("cchc_attempts_in_progress").set(n as f64);
    }
}

fn pool_use(state: &AppState) -> (u32, usize) {
    match state.db.get_database_backend() {
        DbBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (pool.size(), pool.num_idle())
        }
        DbBackend::Sqlite => {
            let pool = state.db.get_sqlite_connection_pool();
            (pool.size(), pool.num_idle())
        }
        _ => (0, 0),
    }
}

async fn attempts_in_progress(state: &AppState) -> Option<i64> {
    let backend = state.db.get_database_backend();
    let row = state
        .db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM attempts WHERE status = 'in_progress'",
        ))
        .await
        .ok()??;
    row.try_get::<i64>("", "n").ok()
}

/// The text exposition of every metric of this process.
pub async fn render(state: &AppState) -> Option<String> {
    let handle = handle()?;
    sample(state).await;
    handle.run_upkeep();
    Some(handle.render())
}
