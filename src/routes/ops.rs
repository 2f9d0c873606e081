//! Endpoints for monitors and proxies: `/healthz` (the process answers), `/readyz` (it can serve a contest),
//! `/metrics` (Prometheus text format, for loopback callers or the configured token only).
use crate::app::AppState;
use crate::ops::{health, metrics};
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::json;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(healthz))
        .route("/readyz", web::get().to(readyz))
        .route("/metrics", web::get().to(metrics_text));
}

async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let checks = health::readiness(&state.db).await;
    let ready = checks.iter().all(|(_, problem)| problem.is_none());
    let detail: serde_json::Map<String, serde_json::Value> = checks
        .into_iter()
        .map(|(name, problem)| {
            (
                name.to_owned(),
                json!(problem.unwrap_or_else(|| "ok".into())),
            )
        })
        .collect();
    let body = json!({ "status": if ready { "ready" } else { "not_ready" }, "checks": detail });
    if ready {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

async fn metrics_text(state: web::Data<AppState>, req: HttpRequest) -> HttpResponse {
    if !may_scrape(&req, state.settings.metrics_token.as_deref()) {
        // As if there were nothing here: the metrics are for the monitoring server, not for the public.
        return HttpResponse::NotFound()
            .content_type("text/plain; charset=utf-8")
            .body("Không tìm thấy.");
    }
    match metrics::render(&state).await {
        Some(text) => HttpResponse::Ok()
            .content_type("text/plain; version=0.0.4; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(text),
        None => HttpResponse::ServiceUnavailable().body("metrics recorder unavailable"),
    }
}

/// The bearer token when one is configured; otherwise a caller on this machine that did not come through a
/// proxy (a proxy on the same machine connects from loopback too, and adds `X-Forwarded-For`).
fn may_scrape(req: &HttpRequest, token: Option<&str>) -> bool {
    if let Some(expected) = token.filter(|t| !t.is_empty()) {
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        return given.is_some_and(|g| same_secret(g, expected));
    }
    let proxied = req.headers().contains_key("x-forwarded-for")
        || req.headers().contains_key(header::FORWARDED);
    let local = req.peer_addr().is_some_and(|a| a.ip().is_loopback());
    local && !proxied
}

/// Compares digests, so the time taken says nothing about how much of the token was right.
fn same_secret(given: &str, expected: &str) -> bool {
    use sha2::{Digest, Sha256};
    Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes())
}
