//! The public results as staff open them from a link on a 360 px phone: cards, no horizontal scroll, details on a
//! tap.
mod support;

use cchc_quiz::entities::rounds;
use chrono::{Duration, Utc};
use fantoccini::{Client, Locator};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;
use support::{spawn_app, wait_for, with_browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn published_results_fit_a_phone_and_open_on_a_tap() {
    with_browser(results_on_a_phone).await;
}

async fn results_on_a_phone(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (_, participant) = app.participant().await;
    let api = reqwest::Client::new();
    let url = |path: String| format!("{}{path}", app.address);
    let id = app.start_attempt(&participant, round).await["id"]
        .as_i64()
        .expect("attempt id");
    let submitted = api
        .post(url(format!("/api/v1/attempts/{id}/submit")))
        .bearer_auth(&participant)
        .json(&json!({}))
        .send()
        .await
        .expect("submit");
    assert!(submitted.status().is_success());
    // The round closed an hour ago.
    let mut m: rounds::ActiveModel = rounds::Entity::find_by_id(round)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("the round")
        .into();
    m.opens_at = Set(Utc::now() - Duration::hours(3));
    m.closes_at = Set(Utc::now() - Duration::hours(1));
    m.update(&app.state.db).await.expect("close");
    app.state.caches.rounds.forget(round);
    let organiser = app.organiser().await;
    let published = api
        .post(url(format!("/api/v1/rounds/{round}/publish")))
        .bearer_auth(&organiser)
        .json(&json!({"show_names": "full"}))
        .send()
        .await
        .expect("publish");
    assert!(published.status().is_success(), "{}", published.status());

    c.goto(&url(format!("/ket-qua/{round}")))
        .await
        .expect("results");
    let card = wait_for(c, "li.rank-card summary").await;
    let line = card.text().await.expect("text");
    assert!(
        line.contains("Nguyễn Văn A") && line.contains("Thanh tra tỉnh"),
        "{line}"
    );
    let overflow: bool = c
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .expect("width")
        .as_bool()
        .unwrap_or(true);
    assert!(!overflow, "no horizontal scroll at 360 px");
    let details = c
        .find(Locator::Css("li.rank-card dl"))
        .await
        .expect("details");
    assert!(
        !details.is_displayed().await.expect("shown?"),
        "details wait for a tap"
    );
    card.click().await.expect("tap");
    assert!(details.is_displayed().await.expect("shown?"));
    assert!(details.text().await.expect("text").contains("Số câu đúng"));
}
