//! The ceremony screen on a 1920×1080 projector: no site navigation, one slide at a time moved by the keyboard,
//! table text of at least 32 px; at 1280×720 the table still fits the screen.
mod support;

use fantoccini::key::Key;
use fantoccini::{Client, Locator};
use support::{spawn_app, use_session, wait_for, with_browser};

async fn number(c: &Client, script: &str) -> f64 {
    c.execute(script, vec![])
        .await
        .expect("script")
        .as_f64()
        .unwrap_or(0.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ceremony_fills_a_projector_and_moves_with_the_keyboard() {
    with_browser(ceremony_on_a_projector).await;
}

async fn ceremony_on_a_projector(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;
    c.set_window_size(1920, 1080).await.expect("a projector");
    c.goto(&format!("{}/ket-qua/{round}/le-trao-giai", app.address))
        .await
        .expect("the ceremony");
    let title = wait_for(c, "section.slide h1").await;
    assert!(title.is_displayed().await.unwrap(), "the title slide first");
    assert!(
        c.find(Locator::Css(".site-header")).await.is_err(),
        "no site navigation"
    );
    let table = c
        .find(Locator::Css("table.ceremony-table"))
        .await
        .expect("the ranking slide");
    assert!(!table.is_displayed().await.unwrap(), "one slide at a time");

    c.find(Locator::Css("body"))
        .await
        .expect("body")
        .send_keys(&Key::Right.to_string())
        .await
        .expect("→");
    assert!(
        table.is_displayed().await.unwrap(),
        "→ shows the next slide"
    );
    assert!(!title.is_displayed().await.unwrap());
    let size = number(
        c,
        "return parseFloat(getComputedStyle(document.querySelector('table.ceremony-table td, table.ceremony-table')).fontSize);",
    )
    .await;
    assert!(size >= 32.0, "table text of {size} px at 1920×1080");

    c.set_window_size(1280, 720)
        .await
        .expect("a small projector");
    let overflow = number(
        c,
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth;",
    )
    .await;
    assert!(overflow <= 0.0, "the slide fits 1280 px");
}
