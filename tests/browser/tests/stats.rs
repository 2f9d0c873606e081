//! The judges' statistics page on a 360 px phone and a 1280 px desktop: every chart label, value and caption
//! at least 12 px as rendered, and no sideways scrolling of the page.
mod support;

use cchc_quiz::entities::options;
use fantoccini::Client;
use sea_orm::EntityTrait;
use serde_json::json;
use support::{App, spawn_app, use_session, wait_for, with_browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_statistics_are_readable_on_a_phone_and_a_desktop() {
    with_browser(statistics_on_a_phone_and_a_desktop).await;
}

/// The participant takes the round through the JSON API: the first question wrong, the others right.
async fn one_submitted_attempt(app: &App, round: i64, token: &str) {
    let http = reqwest::Client::new();
    let attempt = app.start_attempt(token, round).await;
    let id = &attempt["id"];
    for (n, q) in attempt["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .enumerate()
    {
        let mut chosen = None;
        for o in q["options"].as_array().expect("options") {
            let option_id = o["id"].as_i64().expect("option id");
            let row = options::Entity::find_by_id(option_id)
                .one(&app.state.db)
                .await
                .expect("option")
                .expect("option row");
            if row.is_correct == (n > 0) {
                chosen = Some(option_id);
                break;
            }
        }
        let res = http
            .put(format!(
                "{}/api/v1/attempts/{id}/answers/{}",
                app.address, q["id"]
            ))
            .bearer_auth(token)
            .json(&json!({ "option_ids": [chosen.expect("an option to choose")] }))
            .send()
            .await
            .expect("save");
        assert_eq!(res.status(), 200);
    }
    let res = http
        .post(format!("{}/api/v1/attempts/{id}/submit", app.address))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .expect("submit");
    assert_eq!(res.status(), 200);
}

/// The smallest computed font size among `css`, and how many elements matched.
async fn smallest_font(c: &Client, css: &str) -> (f64, u64) {
    let script = "const els = [...document.querySelectorAll(arguments[0])];
        return [Math.min(...els.map(e => parseFloat(getComputedStyle(e).fontSize))), els.length];";
    let got = c.execute(script, vec![json!(css)]).await.expect("script");
    (got[0].as_f64().unwrap_or(0.0), got[1].as_u64().unwrap_or(0))
}

async fn overflow(c: &Client) -> f64 {
    c.execute(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
        vec![],
    )
    .await
    .expect("script")
    .as_f64()
    .unwrap_or(f64::MAX)
}

async fn statistics_on_a_phone_and_a_desktop(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (_, participant) = app.participant().await;
    one_submitted_attempt(&app, round, &participant).await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;
    for (width, height) in [(360, 800), (1280, 800)] {
        c.set_window_size(width, height).await.expect("window size");
        c.goto(&format!(
            "{}/giam-khao/dot-thi/{round}/thong-ke",
            app.address
        ))
        .await
        .expect("the statistics");
        wait_for(c, "ol.hbars").await;
        for css in [
            ".hbar-label",
            ".hbar-value",
            ".chart-figure figcaption",
            "#cau-can-xem-lai li",
        ] {
            let (size, count) = smallest_font(c, css).await;
            assert!(count > 0, "{css} on the page at {width} px");
            assert!(size >= 12.0, "{css} is {size} px at {width} px wide");
        }
        assert!(
            overflow(c).await <= 0.0,
            "no sideways scrolling at {width} px"
        );
    }
}
