//! The close is airtight (security review F1): keys and results wait until no attempt of the round can be saved
//! any more, an early close cuts the attempts in progress, and only an organiser's extra time runs past it.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use crate::sec_fixture::*;
use chrono::{Duration, Utc};
use serde_json::json;

async fn a_late_starter_cannot_copy_keys_revealed_while_saves_are_still_accepted(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({"reveal": "after_close"})).await;
    let (x, y) = (app.participant().await, app.participant().await);
    let xa = start_ok(&app, &x, round).await;
    let xid = xa["id"].as_i64().unwrap();
    assert_eq!(submit(&app, &x, xid).await.status(), 200);
    let ya = start_ok(&app, &y, round).await;
    let yid = ya["id"].as_i64().unwrap();
    // The round has just closed; Y's deadline was capped at the close, so Y is in the save grace.
    let closes_at = close_round_ago(&app, round, 1).await;
    age_attempt(&app, yid, 600, 1).await;
    let xv = json(app.get(&format!("/api/v1/attempts/{xid}"), Some(&x)).await).await;
    assert_eq!(
        xv["keys_shown"], false,
        "keys shown while Y can still save: {xv}"
    );
    assert!(!shows_any_key(&xv), "{xv}");
    let q = question_ids(&ya)[0];
    assert_eq!(
        save(&app, &y, yid, q, &key_of(&app, q).await)
            .await
            .status(),
        200
    );
    let early = app
        .post_json(
            &format!("/api/v1/rounds/{round}/publish"),
            Some(&organiser),
            &json!({"show_names": "full"}),
        )
        .await;
    assert_eq!(early.status(), 409);
    let body = json(early).await;
    assert!(
        body["error"]["message"].as_str().unwrap().contains("từ "),
        "{body}"
    );
    let r = json(
        app.get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
            .await,
    )
    .await;
    assert!(
        time(&r["results_available_at"]) >= closes_at + Duration::seconds(5),
        "{r}"
    );
    // Once the grace is over too, the keys are shown and the results may be published.
    close_round_ago(&app, round, 60).await;
    age_attempt(&app, yid, 600, 60).await;
    let xv = json(app.get(&format!("/api/v1/attempts/{xid}"), Some(&x)).await).await;
    assert_eq!(xv["keys_shown"], true, "{xv}");
    let publish = app
        .post_json(
            &format!("/api/v1/rounds/{round}/publish"),
            Some(&organiser),
            &json!({"show_names": "full"}),
        )
        .await;
    assert_eq!(publish.status(), 200);
}

async fn an_early_close_cuts_the_deadlines_of_attempts_in_progress(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let (y, z) = (app.participant().await, app.participant().await);
    grant_ok(
        &app,
        &organiser,
        round,
        json!({"user_id": z.id, "extra_time_secs": 120}),
    )
    .await;
    let yid = start_ok(&app, &y, round).await["id"].as_i64().unwrap();
    let zid = start_ok(&app, &z, round).await["id"].as_i64().unwrap();
    let close = Utc::now() + Duration::seconds(3);
    let res = app
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/rounds/{round}"),
            Some(&organiser),
            &json!({"closes_at": close}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let yv = json(app.get(&format!("/api/v1/attempts/{yid}"), Some(&y)).await).await;
    assert!(
        time(&yv["deadline"]) <= close,
        "Y keeps a deadline after the close: {yv}"
    );
    let zv = json(app.get(&format!("/api/v1/attempts/{zid}"), Some(&z)).await).await;
    assert!(
        time(&zv["deadline"]) <= close + Duration::seconds(120),
        "{zv}"
    );
    assert!(
        time(&zv["deadline"]) > close,
        "Z's extra time is kept: {zv}"
    );
}

async fn only_extra_time_granted_by_an_organiser_runs_past_the_close(app: TestApp) {
    let close = Utc::now() + Duration::seconds(60);
    let (organiser, round) = open_round(&app, json!({"closes_at": close})).await;
    let (y, z) = (app.participant().await, app.participant().await);
    grant_ok(
        &app,
        &organiser,
        round,
        json!({"user_id": z.id, "extra_time_secs": 600}),
    )
    .await;
    let ya = start_ok(&app, &y, round).await;
    assert!(time(&ya["deadline"]) <= close, "{ya}");
    let za = start_ok(&app, &z, round).await;
    let zd = time(&za["deadline"]);
    assert!(
        zd > close + Duration::seconds(590) && zd <= close + Duration::seconds(600),
        "{za}"
    );
    // The results wait for Z's extended deadline plus the grace.
    let r = json(app.get(&format!("/api/v1/rounds/{round}"), Some(&y)).await).await;
    assert!(
        time(&r["results_available_at"]) >= zd + Duration::seconds(5),
        "{r}"
    );
}

/// The section "Khi nào hiện đáp án và kết quả" of a page.
fn close_section(page: &str) -> &str {
    let from = page.find("id=\"cong-bo-tu\"").expect("the close section");
    let rest = &page[from..];
    &rest[..rest.find("</section>").expect("its end")]
}

async fn the_progress_and_judges_pages_say_when_results_show_and_who_runs_past_the_close(
    app: TestApp,
) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let (y, z) = (app.participant().await, app.participant().await);
    grant_ok(
        &app,
        &organiser,
        round,
        json!({"user_id": z.id, "extra_time_secs": 600}),
    )
    .await;
    start_ok(&app, &y, round).await;
    start_ok(&app, &z, round).await;
    let res = app
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/rounds/{round}"),
            Some(&organiser),
            &json!({"closes_at": Utc::now() + Duration::seconds(2)}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let r = json(
        app.get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
            .await,
    )
    .await;
    let shown_from = cchc_quiz::time::vn_datetime_secs(time(&r["results_available_at"]));

    let (browser, _) = app.log_in(&organiser).await;
    let progress = app
        .page_ok(&browser, &format!("/quan-tri/dot-thi/{round}/tien-do"))
        .await;
    let section = close_section(&progress);
    assert!(section.contains(&shown_from), "{section}");
    assert!(section.contains("Muộn hơn giờ kết thúc vì có người được cộng thêm thời gian"));
    assert!(
        section.contains("Bài thi làm quá giờ kết thúc (1)"),
        "{section}"
    );
    assert!(section.contains(&z.login), "Z runs past the close");
    assert!(!section.contains(&y.login), "Y's attempt ends at the close");
    assert!(
        progress.contains("kéo dài bài thi quá giờ kết thúc"),
        "the grant form warns"
    );

    let judge = app.create_user(cchc_quiz::domain::Role::Judge, None).await;
    let (browser, _) = app.log_in(&judge).await;
    let judges = app
        .page_ok(&browser, &format!("/giam-khao/dot-thi/{round}"))
        .await;
    let section = close_section(&judges);
    assert!(section.contains(&shown_from) && section.contains(&z.login));
}

crate::db_tests!(
    the_progress_and_judges_pages_say_when_results_show_and_who_runs_past_the_close,
    a_late_starter_cannot_copy_keys_revealed_while_saves_are_still_accepted,
    an_early_close_cuts_the_deadlines_of_attempts_in_progress,
    only_extra_time_granted_by_an_organiser_runs_past_the_close,
);
