//! Defects of the time when the API and the pages each carried their own copy of a use case: the quiz pages
//! skipped the attempt slots, and a roster import left people's old unit in the cache.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use cchc_quiz::app::state::ATTEMPT_SLOTS;
use cchc_quiz::domain::Role;
use serde_json::json;
use std::future::Future;
use std::time::Duration;

fn with_cookie(req: reqwest::RequestBuilder, user: &TestUser) -> reqwest::RequestBuilder {
    req.header("Cookie", format!("cchc_session={}", user.token))
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    html[at..].split('"').next().unwrap_or_default().to_owned()
}

/// Runs `request` while every attempt slot is taken: it must still be waiting a second later, and answer once
/// the slots are free again.
async fn waits_for_a_slot<F>(app: &TestApp, what: &str, request: F) -> reqwest::Response
where
    F: Future<Output = reqwest::Response> + Send + 'static,
{
    let held = app
        .state
        .attempt_slots
        .acquire_many(ATTEMPT_SLOTS as u32)
        .await
        .expect("slots");
    let mut pending = tokio::spawn(request);
    tokio::select! {
        done = &mut pending => panic!("{what} was answered ({:?}) while every attempt slot was taken", done.map(|r| r.status())),
        _ = tokio::time::sleep(Duration::from_secs(1)) => {}
    }
    drop(held);
    pending.await.expect("request task")
}

async fn the_quiz_pages_take_an_attempt_slot_like_the_api(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "max_attempts": 2 })).await;
    let p = app.participant().await;
    let detail = with_cookie(app.api.get(app.url(&format!("/dot-thi/{round}"))), &p)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = csrf_of(&detail);

    let start = with_cookie(
        app.api
            .post(app.url(&format!("/dot-thi/{round}/bat-dau")))
            .form(&[("csrf", csrf.clone())]),
        &p,
    )
    .send();
    let started =
        waits_for_a_slot(&app, "the Start form", async move { start.await.unwrap() }).await;
    assert_eq!(started.status(), 303);
    let quiz_path = started.headers()["location"].to_str().unwrap().to_owned();

    let show = with_cookie(app.api.get(app.url(&quiz_path)), &p).send();
    let shown = waits_for_a_slot(&app, "the quiz page", async move { show.await.unwrap() }).await;
    assert_eq!(shown.status(), 200);
    let quiz = shown.text().await.unwrap();
    assert!(quiz.contains("id=\"countdown\""), "{quiz}");

    let submit = with_cookie(
        app.api
            .post(app.url(&format!("{quiz_path}/nop-bai")))
            .form(&[("csrf", csrf_of(&quiz))]),
        &p,
    )
    .send();
    let submitted = waits_for_a_slot(&app, "the quiz form's submit", async move {
        submit.await.unwrap()
    })
    .await;
    assert_eq!(submitted.status(), 303);
}

async fn a_roster_import_counts_at_once_for_the_people_it_moves(app: TestApp) {
    let old_unit = app.create_unit("CU", "Đơn vị cũ", 10).await;
    let new_unit = app.create_unit("MOI", "Đơn vị mới", 10).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let p = app.create_user(Role::Participant, Some(old_unit)).await;
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let round = create_round(&app, &organiser, json!({ "unit_ids": [new_unit] })).await;
    let before = app.get(&format!("/api/v1/rounds/{round}"), Some(&p)).await;
    assert_eq!(before.status(), 404, "not admitted from the old unit");

    let csv = format!(
        "Mã cán bộ,Họ và tên,Mã đơn vị,Chức vụ,Email,Số điện thoại,CCCD\n{},Nguyễn Văn Chuyển,MOI,,,,\n",
        p.login
    );
    let part = reqwest::multipart::Part::text(csv).file_name("danh-sach.csv");
    let res = app
        .api
        .post(app.url("/api/v1/staff/import"))
        .bearer_auth(&organiser.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let report: serde_json::Value = res.json().await.unwrap();
    assert_eq!(report["updated"], 1, "{report}");

    let after = app.get(&format!("/api/v1/rounds/{round}"), Some(&p)).await;
    assert_eq!(
        after.status(),
        200,
        "the new unit counts on the very next request"
    );
}

crate::db_tests!(
    the_quiz_pages_take_an_attempt_slot_like_the_api,
    a_roster_import_counts_at_once_for_the_people_it_moves,
);
