//! What people can see: XSS payloads in names, unit names and question text render inert on every page that
//! shows them; answer keys never reach a participant while the round forbids it; CCCD and phone never reach
//! public rankings, participants, judges or the server log.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{all_keys, create_round, seed_bank, start_ok, submit};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::rounds;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, IntoActiveModel, Set, Statement};
use serde_json::{Value, json};

const SCRIPT: &str = "<script>document.title='xss'</script>";
const IMG: &str = "<img src=x onerror=alert(1)>";
const SVG: &str = "\"><svg onload=alert(1)>";

async fn page(app: &TestApp, user: Option<&TestUser>, path: &str) -> String {
    let mut req = app.api.get(app.url(path));
    if let Some(u) = user {
        req = req.header("Cookie", format!("cchc_session={}", u.token));
    }
    let res = req.send().await.expect("page");
    assert_eq!(res.status(), 200, "{path}");
    res.text().await.expect("html")
}

async fn set_all(app: &TestApp, sql: &str, value: &str) {
    let db = &app.state.db;
    db.execute_raw(Statement::from_sql_and_values(
        db.get_database_backend(),
        sql,
        [value.into()],
    ))
    .await
    .expect("update");
}

/// Moves a round into the past and publishes its results with full names.
async fn close_and_publish(app: &TestApp, organiser: &TestUser, id: i64) {
    let round = rounds::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("round");
    let mut am = round.into_active_model();
    am.opens_at = Set(Utc::now() - Duration::days(8));
    am.closes_at = Set(Utc::now() - Duration::days(1));
    am.update(&app.state.db).await.expect("close");
    let path = format!("/api/v1/rounds/{id}/publish");
    let res = app
        .post_json(&path, Some(organiser), &json!({"show_names": "full"}))
        .await;
    assert_eq!(res.status(), 200);
}

/// A participant named `IMG` in a unit named `SVG`, with a submitted attempt at a round whose questions say
/// `SCRIPT`. Returns (participant, organiser, judge, round, attempt).
async fn hostile_round(app: &TestApp) -> (TestUser, TestUser, TestUser, i64, i64) {
    seed_bank(app, &[("a", 8), ("b", 6)]).await;
    set_all(app, "UPDATE question_versions SET text = $1", SCRIPT).await;
    let unit = app.create_unit("XSS", SVG, 10).await;
    let participant = app
        .create_named_user("xss", IMG, Role::Participant, Some(unit))
        .await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let judge = app.create_user(Role::Judge, None).await;
    let round = create_round(app, &organiser, json!({})).await;
    let attempt = start_ok(app, &participant, round).await["id"]
        .as_i64()
        .expect("id");
    (participant, organiser, judge, round, attempt)
}

fn assert_inert(path: &str, html: &str, shown: &[&str]) {
    for raw in ["<script>document.title", "<img src=x", "<svg onload"] {
        assert!(!html.contains(raw), "{path} shows {raw} unescaped");
    }
    for escaped in shown {
        assert!(html.contains(escaped), "{path} should show {escaped}");
    }
}

async fn xss_payloads_in_names_units_and_questions_render_inert_on_every_page(app: TestApp) {
    let (participant, organiser, judge, round, attempt) = hostile_round(&app).await;
    let (q, name, unit) = (
        "&lt;script&gt;document.title",
        "&lt;img src=x",
        "&lt;svg onload",
    );
    let quiz = format!("/bai-thi/{attempt}");
    assert_inert(&quiz, &page(&app, Some(&participant), &quiz).await, &[q]);
    let progress = format!("/quan-tri/dot-thi/{round}/tien-do");
    assert_inert(
        &progress,
        &page(&app, Some(&organiser), &progress).await,
        &[name],
    );
    assert_inert(
        "can-bo",
        &page(&app, Some(&organiser), "/quan-tri/can-bo?q=xss").await,
        &[name],
    );
    assert_inert(
        "don-vi",
        &page(&app, Some(&organiser), "/quan-tri/don-vi").await,
        &[unit],
    );
    assert_eq!(submit(&app, &participant, attempt).await.status(), 200);
    close_and_publish(&app, &organiser, round).await;
    for path in [
        format!("/ket-qua/{round}"),
        format!("/ket-qua/{round}/trinh-chieu"),
    ] {
        assert_inert(&path, &page(&app, None, &path).await, &[name, unit]);
    }
    let judges = format!("/giam-khao/dot-thi/{round}");
    assert_inert(&judges, &page(&app, Some(&judge), &judges).await, &[name]);
}

/// Fails when a JSON body has a key field or a page marks an option correct, or either shows the secrets.
fn assert_no_key(what: &str, body: &str) {
    for secret in [
        "Lời giải bí mật 7319",
        "Căn cứ bí mật 7319",
        "Đáp án đúng",
        "option correct",
    ] {
        assert!(!body.contains(secret), "{what} shows {secret}");
    }
    if let Ok(json) = serde_json::from_str::<Value>(body) {
        let mut keys = Vec::new();
        all_keys(&json, &mut keys);
        assert!(
            !keys.iter().any(|k| k == "correct" || k == "is_correct"),
            "{what}: {keys:?}"
        );
    }
}

async fn every_response_a_participant_reaches_keeps_the_keys_while_the_round_forbids(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    set_all(
        &app,
        "UPDATE question_versions SET explanation = $1",
        "Lời giải bí mật 7319",
    )
    .await;
    set_all(
        &app,
        "UPDATE question_versions SET legal_basis = $1",
        "Căn cứ bí mật 7319",
    )
    .await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let round = create_round(&app, &organiser, json!({"reveal": "after_close"})).await;
    let p = app.participant().await;
    let started = start_ok(&app, &p, round).await;
    assert_no_key("start", &started.to_string());
    let attempt = started["id"].as_i64().expect("id");
    let q = &started["questions"][0];
    let save = format!("/api/v1/attempts/{attempt}/answers/{}", q["id"]);
    let body = json!({"option_ids": [q["options"][0]["id"]]});
    let saved = app
        .send_json(reqwest::Method::PUT, &save, Some(&p), &body)
        .await;
    assert_no_key("save", &saved.text().await.expect("text"));
    let reachable = |attempt: i64| {
        let json = ["/api/v1/me", "/api/v1/rounds", "/api/v1/me/attempts"]
            .map(String::from)
            .into_iter();
        let more = [
            format!("/api/v1/rounds/{round}"),
            format!("/api/v1/attempts/{attempt}"),
        ];
        let pages = ["/", "/dot-thi", "/ket-qua", "/tai-khoan"]
            .map(String::from)
            .into_iter();
        let more_pages = [format!("/dot-thi/{round}"), format!("/bai-thi/{attempt}")];
        json.chain(more)
            .chain(pages)
            .chain(more_pages)
            .collect::<Vec<_>>()
    };
    for stage in ["in progress", "submitted, round still open"] {
        for path in reachable(attempt) {
            let body = if path.starts_with("/api/") {
                app.get(&path, Some(&p)).await.text().await.expect("text")
            } else {
                page(&app, Some(&p), &path).await
            };
            assert_no_key(&format!("{stage}: {path}"), &body);
        }
        if stage == "in progress" {
            let res = submit(&app, &p, attempt).await;
            assert_eq!(res.status(), 200);
            assert_no_key("submit", &res.text().await.expect("text"));
        }
    }
}

crate::db_tests!(
    xss_payloads_in_names_units_and_questions_render_inert_on_every_page,
    every_response_a_participant_reaches_keeps_the_keys_while_the_round_forbids,
);
