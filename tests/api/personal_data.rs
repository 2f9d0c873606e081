//! CCCD and phone are for organisers only: never in public rankings, never in what participants or judges
//! receive, never in the server log (not even when an organiser searches the roster by CCCD).
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{create_round, seed_bank, start_ok, submit};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{rounds, users};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::json;
use std::sync::{Mutex, OnceLock};

const CCCD: &str = "079123456789";
const PHONE: &str = "0987654321";

/// Everything the app logs in this test binary, as the production log would print it (spans included).
static LOG: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static CAPTURING: OnceLock<bool> = OnceLock::new();

struct Capture;

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut log) = LOG.lock() {
            log.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn capture_log() -> bool {
    *CAPTURING.get_or_init(|| {
        tracing_subscriber::fmt()
            .with_writer(|| Capture)
            .with_ansi(false)
            .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
            .try_init()
            .is_ok()
    })
}

async fn text(app: &TestApp, path: &str, user: Option<&TestUser>, cookie: bool) -> String {
    let mut req = app.api.get(app.url(path));
    match user {
        Some(u) if cookie => req = req.header("Cookie", format!("cchc_session={}", u.token)),
        Some(u) => req = req.bearer_auth(&u.token),
        None => {}
    }
    let res = req.send().await.expect("request");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.text().await.expect("text")
}

async fn cccd_and_phone_reach_organisers_only_and_never_the_log(app: TestApp) {
    let capturing = capture_log();
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let p = app.participant().await;
    let mut am = users::Entity::find_by_id(p.id)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("user")
        .into_active_model();
    am.cccd = Set(Some(CCCD.into()));
    am.phone = Set(Some(PHONE.into()));
    am.update(&app.state.db).await.expect("update");
    let organiser = app.create_user(Role::Organiser, None).await;
    let judge = app.create_user(Role::Judge, None).await;
    let round = create_round(&app, &organiser, json!({})).await;
    let attempt = start_ok(&app, &p, round).await["id"].as_i64().expect("id");
    assert_eq!(submit(&app, &p, attempt).await.status(), 200);
    let mut am = rounds::Entity::find_by_id(round)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("round")
        .into_active_model();
    am.opens_at = Set(Utc::now() - Duration::days(8));
    am.closes_at = Set(Utc::now() - Duration::days(1));
    am.update(&app.state.db).await.expect("close");
    let publish = format!("/api/v1/rounds/{round}/publish");
    app.post_json(&publish, Some(&organiser), &json!({"show_names": "full"}))
        .await;

    let own = format!("/api/v1/staff/{}", p.id);
    let organiser_view = text(&app, &own, Some(&organiser), false).await;
    assert!(
        organiser_view.contains(CCCD) && organiser_view.contains(PHONE),
        "organisers see it"
    );
    let mut seen = Vec::new();
    for path in [
        format!("/api/v1/rounds/{round}/leaderboard"),
        "/api/v1/contest/leaderboard".into(),
        format!("/ket-qua/{round}"),
    ] {
        seen.push((
            format!("public {path}"),
            text(&app, &path, None, false).await,
        ));
    }
    for path in [
        "/api/v1/me".to_owned(),
        own.clone(),
        "/api/v1/me/attempts".into(),
        format!("/api/v1/attempts/{attempt}"),
    ] {
        seen.push((
            format!("participant {path}"),
            text(&app, &path, Some(&p), false).await,
        ));
    }
    let judge_api = [
        "/api/v1/staff".to_owned(),
        own.clone(),
        format!("/api/v1/rounds/{round}/progress"),
        format!("/api/v1/rounds/{round}/export?format=csv"),
        format!("/api/v1/rounds/{round}/export?format=csv&table=answers"),
    ];
    for path in judge_api {
        seen.push((
            format!("judge {path}"),
            text(&app, &path, Some(&judge), false).await,
        ));
    }
    let judge_page = format!("/giam-khao/dot-thi/{round}");
    seen.push((
        format!("judge {judge_page}"),
        text(&app, &judge_page, Some(&judge), true).await,
    ));
    for (what, body) in &seen {
        assert!(
            !body.contains(CCCD) && !body.contains(PHONE),
            "{what} shows personal data"
        );
    }

    text(
        &app,
        &format!("/api/v1/staff?q={CCCD}"),
        Some(&organiser),
        false,
    )
    .await;
    text(
        &app,
        &format!("/quan-tri/can-bo?q={PHONE}"),
        Some(&organiser),
        true,
    )
    .await;
    let log = String::from_utf8_lossy(&LOG.lock().expect("log")).into_owned();
    assert!(capturing, "the test could not install its log capture");
    assert!(
        log.contains("route=/api/v1/staff"),
        "the request log is captured"
    );
    assert!(
        !log.contains(CCCD) && !log.contains(PHONE),
        "the log holds personal data"
    );
}

// With `--log-requests`, the most the server ever logs: a span for every request.
mod sqlite {
    use crate::helpers::{Backend, run_with};
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn cccd_and_phone_reach_organisers_only_and_never_the_log() {
        run_with(
            Backend::Sqlite,
            &["--log-requests"],
            super::cccd_and_phone_reach_organisers_only_and_never_the_log,
        )
        .await
    }
}

mod postgres {
    use crate::helpers::{Backend, run_with};
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn cccd_and_phone_reach_organisers_only_and_never_the_log() {
        run_with(
            Backend::Postgres,
            &["--log-requests"],
            super::cccd_and_phone_reach_organisers_only_and_never_the_log,
        )
        .await
    }
}
