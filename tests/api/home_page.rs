//! Issue 15: the home page of a visitor without a session is kept in memory, and every change it shows (a round
//! created or renamed, results published, the organisers' contact) shows on the very next visit. A logged-in
//! visitor still gets a page of their own.
use crate::helpers::TestApp;
use crate::quiz_fixture::{create_round, seed_bank};
use crate::results_seed::closed_round;
use cchc_quiz::domain::Role;
use reqwest::Method;
use serde_json::json;

/// The home page as a browser that asks for gzip sees it, checked against one that does not.
async fn visit(app: &TestApp) -> String {
    let packed = app.get("/", None).await;
    assert_eq!(packed.status(), 200);
    let packed = packed.text().await.expect("home page");
    let plain = reqwest::Client::builder()
        .no_gzip()
        .build()
        .expect("client")
        .get(app.url("/"))
        .send()
        .await
        .expect("home page");
    assert_eq!(plain.text().await.expect("home page"), packed);
    packed
}

async fn the_anonymous_home_page_shows_a_round_as_soon_as_it_is_created_or_renamed(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let before = visit(&app).await;
    assert!(before.contains("Hiện không có đợt thi nào đang mở."));

    let round = create_round(&app, &organiser, json!({"title": "Tuần thi Mùa Xuân"})).await;
    let created = visit(&app).await;
    assert!(
        created.contains("Tuần thi Mùa Xuân"),
        "the new round is listed"
    );
    assert!(created.contains(&format!("next=/dot-thi/{round}")));

    let path = format!("/api/v1/rounds/{round}");
    let renamed = json!({"title": "Tuần thi Mùa Hạ"});
    let res = app
        .send_json(Method::PATCH, &path, Some(&organiser), &renamed)
        .await;
    assert_eq!(res.status(), 200);
    let contact = json!({"contact": "Văn phòng: 0203 3835 999"});
    let res = app
        .send_json(Method::PUT, "/api/v1/settings", Some(&organiser), &contact)
        .await;
    assert_eq!(res.status(), 200);
    let changed = visit(&app).await;
    assert!(changed.contains("Tuần thi Mùa Hạ") && !changed.contains("Tuần thi Mùa Xuân"));
    assert!(
        changed.contains("0203 3835 999"),
        "the new contact is shown"
    );

    let participant = app.participant().await;
    let (browser, _) = app.log_in(&participant).await;
    let own = browser.get(app.url("/")).send().await.expect("home page");
    let own = own.text().await.expect("home page");
    assert!(
        own.contains("Các đợt thi của tôi"),
        "a logged-in visitor's own page"
    );
    assert!(!visit(&app).await.contains("Các đợt thi của tôi"));
}

async fn the_anonymous_home_page_lists_results_as_soon_as_they_are_published(app: TestApp) {
    let seeded = closed_round(&app).await;
    let link = format!("href=\"/ket-qua/{}\"", seeded.round_id);
    let before = visit(&app).await;
    assert!(
        before.contains("Chưa có đợt thi nào được công bố kết quả.") && !before.contains(&link)
    );

    let organiser = app.create_user(Role::Organiser, None).await;
    let publish = format!("/api/v1/rounds/{}/publish", seeded.round_id);
    let res = app
        .post_json(&publish, Some(&organiser), &json!({"show_names": "full"}))
        .await;
    assert_eq!(res.status(), 200);
    assert!(
        visit(&app).await.contains(&link),
        "the published round is listed"
    );
}

crate::db_tests!(
    the_anonymous_home_page_shows_a_round_as_soon_as_it_is_created_or_renamed,
    the_anonymous_home_page_lists_results_as_soon_as_they_are_published
);
