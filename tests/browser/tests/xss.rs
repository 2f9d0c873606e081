//! XSS payloads in a person's name, their unit's name and the question text stay text in real Chromium: none of
//! them runs (each would set `window.pwned`), and each is shown as typed.
mod support;

use cchc_quiz::entities::{question_versions, units, users};
use fantoccini::{Client, Locator};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use support::{spawn_app, with_browser};

const NAME: &str = "<img src=x onerror=\"window.pwned='name'\">";
const UNIT: &str = "\"><svg onload=\"window.pwned='unit'\">";
const QUESTION: &str =
    "<script>window.pwned='question'</script><img src=x onerror=\"window.pwned='q'\">";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn payloads_in_names_units_and_questions_do_not_run_in_the_browser() {
    with_browser(payloads_stay_text).await;
}

/// Waits until the page has fired its `load` event (after every image has loaded or failed, so any `onerror`
/// has run), then for the tasks queued by then.
async fn loaded(c: &Client) {
    let script = "const done = arguments[arguments.length - 1];
        const settle = () => setTimeout(done, 0);
        if (document.readyState === 'complete') settle(); else window.addEventListener('load', settle);";
    c.execute_async(script, vec![]).await.expect("page loaded");
}

async fn payloads_stay_text(c: Client) {
    let app = spawn_app().await;
    let (user_id, token) = app.participant().await;
    let round = app.open_round().await;
    let db = &app.state.db;
    users::Entity::update_many()
        .col_expr(users::Column::FullName, Expr::value(NAME))
        .filter(users::Column::Id.eq(user_id))
        .exec(db)
        .await
        .expect("name");
    units::Entity::update_many()
        .col_expr(units::Column::Name, Expr::value(UNIT))
        .exec(db)
        .await
        .expect("unit");
    question_versions::Entity::update_many()
        .col_expr(question_versions::Column::Text, Expr::value(QUESTION))
        .exec(db)
        .await
        .expect("question");
    c.goto(&format!("{}/", app.address)).await.expect("home");
    let cookie = serde_json::json!(format!("cchc_session={token}; path=/; SameSite=Lax"));
    c.execute("document.cookie = arguments[0];", vec![cookie])
        .await
        .expect("cookie");
    c.goto(&format!("{}/dot-thi/{round}", app.address))
        .await
        .expect("round page");
    c.find(Locator::XPath("//a[contains(., 'Bắt đầu làm bài')]"))
        .await
        .expect("start link")
        .click()
        .await
        .expect("start");
    c.wait()
        .for_element(Locator::XPath("//button[contains(., 'Bắt đầu tính giờ')]"))
        .await
        .expect("confirm button")
        .click()
        .await
        .expect("confirm");
    c.wait()
        .for_element(Locator::Css("#quiz-form"))
        .await
        .expect("quiz page");
    let mut shown = String::new();
    for path in [
        c.current_url().await.expect("url").path().to_owned(),
        "/tai-khoan".into(),
    ] {
        c.goto(&format!("{}{path}", app.address))
            .await
            .expect("page");
        loaded(&c).await;
        let pwned = c
            .execute(
                "return typeof window.pwned === 'undefined' ? null : String(window.pwned);",
                vec![],
            )
            .await
            .expect("script");
        assert_eq!(pwned, serde_json::Value::Null, "a payload ran on {path}");
        let text = c
            .execute("return document.body.innerText;", vec![])
            .await
            .expect("text");
        shown.push_str(text.as_str().unwrap_or_default());
    }
    assert!(
        shown.contains("<script>window.pwned='question'</script>"),
        "the question shows as typed"
    );
    assert!(shown.contains(NAME), "the name shows as typed");
}
