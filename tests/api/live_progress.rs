//! The organiser's live progress: per unit who has started, the list of who has not (filterable), one grant form,
//! an empty grant refused with a message, and the page refreshing itself.
use crate::db_tests;
use crate::helpers::{TestApp, form_token};
use crate::quiz_fixture::{open_round, start_ok};
use cchc_quiz::domain::Role;
use serde_json::json;

/// The list of people who have not started, as the page shows it.
fn not_started(page: &str) -> &str {
    let list = &page[page
        .find("id=\"chua-bat-dau\"")
        .expect("the not-started list")..];
    &list[..list.find("</section>").unwrap_or(list.len())]
}

/// The table row of `unit` in the per-unit summary, as its cells' text.
fn unit_row(page: &str, unit: &str) -> Vec<String> {
    let row = page
        .split("<tr>")
        .find(|r| r.contains(&format!("<td>{unit}</td>")))
        .unwrap_or_default();
    row.split("<td")
        .skip(1)
        .map(|c| {
            let text = c.split_once('>').map(|(_, t)| t).unwrap_or_default();
            let text = text.split("</td>").next().unwrap_or_default();
            text.replace("<strong>", "").replace("</strong>", "")
        })
        .collect()
}

async fn progress_counts_each_unit_and_lists_who_has_not_started(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let north = app.create_unit("BAC", "Thanh tra khu vực Bắc", 10).await;
    let south = app.create_unit("NAM", "Thanh tra khu vực Nam", 10).await;
    let started = app
        .create_named_user("an", "Nguyễn Văn An", Role::Participant, Some(north))
        .await;
    app.create_named_user("binh", "Trần Thị Bình", Role::Participant, Some(north))
        .await;
    app.create_named_user("cuong", "Lê Văn Cường", Role::Participant, Some(south))
        .await;
    start_ok(&app, &started, round).await;
    let (browser, _) = app.log_in(&organiser).await;
    let path = format!("/quan-tri/dot-thi/{round}/tien-do");
    let (status, all) = app.page(&browser, &path).await;
    assert_eq!(status, 200);
    assert_eq!(
        unit_row(&all, "Thanh tra khu vực Bắc"),
        ["Thanh tra khu vực Bắc", "2", "1", "0", "1"],
        "people, in progress, submitted, not started"
    );
    assert_eq!(
        unit_row(&all, "Thanh tra khu vực Nam"),
        ["Thanh tra khu vực Nam", "1", "0", "0", "1"]
    );
    let waiting = not_started(&all);
    assert!(waiting.contains("Trần Thị Bình") && waiting.contains("Lê Văn Cường"));
    assert!(
        !waiting.contains("Nguyễn Văn An"),
        "who has started is not listed"
    );
    assert!(
        all.contains("data-seconds=\"20\""),
        "the page refreshes itself"
    );
    let (_, south_only) = app.page(&browser, &format!("{path}?don_vi={south}")).await;
    let waiting = not_started(&south_only);
    assert!(waiting.contains("Lê Văn Cường") && !waiting.contains("Trần Thị Bình"));
    let (_, by_name) = app.page(&browser, &format!("{path}?q=binh")).await;
    let waiting = not_started(&by_name);
    assert!(waiting.contains("Trần Thị Bình") && !waiting.contains("Lê Văn Cường"));
}

async fn an_empty_grant_is_refused_with_a_message(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let participant = app.participant().await;
    start_ok(&app, &participant, round).await;
    let (browser, _) = app.log_in(&organiser).await;
    let path = format!("/quan-tri/dot-thi/{round}/tien-do");
    let (_, progress) = app.page(&browser, &path).await;
    let action = format!("/quan-tri/dot-thi/{round}/cong-them");
    let csrf = form_token(&progress, &action).expect("the grant form");
    let user_id = participant.id.to_string();
    let res = browser
        .post(app.url(&action))
        .form(&[("csrf", csrf.as_str()), ("user_id", user_id.as_str())])
        .send()
        .await
        .expect("grant");
    assert_eq!(res.status(), 422);
    let body = res.text().await.expect("body");
    assert!(
        body.contains("Hãy nhập số phút hoặc số lượt thi cộng thêm."),
        "{body}"
    );
    let api = app
        .post_json(
            &format!("/api/v1/rounds/{round}/overrides"),
            Some(&organiser),
            &json!({"user_id": participant.id}),
        )
        .await;
    assert_eq!(api.status(), 422, "the API refuses it too");
}

db_tests!(
    progress_counts_each_unit_and_lists_who_has_not_started,
    an_empty_grant_is_refused_with_a_message,
);
