//! A staff member takes a round in a real browser: answers are saved as they are chosen, survive a reload,
//! and the score appears after submitting; when time runs out in the browser the attempt is closed with what
//! was saved.
mod support;

use cchc_quiz::domain::AttemptStatus;
use cchc_quiz::entities::{answers, attempts, options};
use chrono::Utc;
use fantoccini::{Client, Locator};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use std::time::Duration;
use support::{App, spawn_app, use_session, with_browser};

/// Clicks option `index` of the question in fieldset `n` (1-based) and waits until it shows "Đã lưu".
async fn answer(client: &Client, n: usize, index: usize) -> (i64, i64) {
    let fieldset = client
        .find(Locator::Css(&format!("#q-{n}")))
        .await
        .expect("question");
    let qid: i64 = fieldset
        .attr("data-question")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    let inputs = fieldset.find_all(Locator::Css("input")).await.unwrap();
    inputs[index].click().await.expect("choose");
    let option: i64 = inputs[index]
        .attr("value")
        .await
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    let status = format!("#status-{qid}");
    wait_for_text(client, &status, "Đã lưu").await;
    (qid, option)
}

async fn wait_for_text(client: &Client, css: &str, text: &str) {
    for _ in 0..150 {
        if let Ok(el) = client.find(Locator::Css(css)).await
            && el.text().await.unwrap_or_default().contains(text)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "{css} never showed {text:?}: {}",
        client.source().await.unwrap_or_default()
    );
}

async fn start_round(client: &Client, app: &App, round: i64) -> i64 {
    client
        .goto(&format!("{}/dot-thi/{round}", app.address))
        .await
        .unwrap();
    client
        .find(Locator::XPath("//a[contains(., 'Bắt đầu làm bài')]"))
        .await
        .expect("start link")
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::XPath("//button[contains(., 'Bắt đầu tính giờ')]"))
        .await
        .expect("the confirmation before the clock starts")
        .click()
        .await
        .unwrap();
    client
        .wait()
        .for_element(Locator::Css("#quiz-form"))
        .await
        .expect("quiz page");
    let url = client.current_url().await.unwrap();
    url.path()
        .trim_start_matches("/bai-thi/")
        .parse()
        .expect("attempt id in the url")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_staff_member_answers_reloads_finds_the_answers_kept_and_submits() {
    with_browser(answer_reload_submit).await;
}

async fn answer_reload_submit(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (_, token) = app.participant().await;
    let round = app.open_round().await;
    use_session(c, &app, &token).await;
    start_round(c, &app, round).await;
    let (first, _) = answer(c, 1, 0).await;
    answer(c, 2, 1).await;
    c.refresh().await.unwrap();
    c.wait()
        .for_element(Locator::Css("#quiz-form"))
        .await
        .unwrap();
    let kept = c
        .find(Locator::Css(&format!("#q-1 input[name='q_{first}']")))
        .await
        .unwrap();
    assert!(
        kept.is_selected().await.unwrap(),
        "the first answer survived the reload"
    );
    assert!(
        c.find(Locator::Css("#q-2 input:checked")).await.is_ok(),
        "the second too"
    );
    assert!(c.find(Locator::Css("#palette a.answered")).await.is_ok());
    c.find(Locator::Css("#submit-button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(c, "#confirm-text", "chưa trả lời 3 câu: 3, 4, 5").await;
    c.find(Locator::Css("#confirm-yes"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for_text(c, "#score", "Điểm:").await;
    let score = c
        .find(Locator::Css("#score"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(score.contains("/5"), "{score}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn when_time_runs_out_in_the_browser_the_attempt_closes_with_what_was_saved() {
    with_browser(time_runs_out).await;
}

async fn time_runs_out(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (_, token) = app.participant().await;
    let round = app.open_round().await;
    use_session(c, &app, &token).await;
    let attempt = start_round(c, &app, round).await;
    let (saved, option) = answer(c, 1, 0).await;
    // Leave four seconds on the clock, then reload so the page counts down from the new deadline.
    let a = attempts::Entity::find_by_id(attempt)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: attempts::ActiveModel = a.into();
    a.deadline = Set(Utc::now() + chrono::Duration::seconds(4));
    a.update(&app.state.db).await.unwrap();
    c.refresh().await.unwrap();
    wait_for_text(c, "#score", "Điểm:").await;
    wait_for_text(
        c,
        "#result",
        "Hết giờ: bài thi đã được tự động nộp với các câu trả lời đã lưu.",
    )
    .await;
    let closed = attempts::Entity::find_by_id(attempt)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(closed.status, AttemptStatus::InProgress);
    let right = options::Entity::find_by_id(option)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .is_correct;
    assert_eq!(
        closed.score,
        Some(i32::from(right)),
        "the one saved answer is scored"
    );
    let kept: Vec<i64> = answers::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|a| a.question_id)
        .collect();
    assert_eq!(kept, vec![saved]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_phone_the_bar_counts_answers_and_never_hides_a_question_reached_from_the_palette() {
    with_browser(count_and_palette).await;
}

/// How far (px) the top of question `n` lies below the bottom of the sticky bar; negative when hidden under it.
async fn gap_below_bar(c: &Client, n: usize) -> f64 {
    let script = "var q = document.getElementById(arguments[0]).getBoundingClientRect();
        var bar = document.getElementById('quiz-bar').getBoundingClientRect();
        return q.top - bar.bottom;";
    c.execute(script, vec![serde_json::json!(format!("q-{n}"))])
        .await
        .unwrap()
        .as_f64()
        .expect("a number")
}

async fn count_and_palette(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (_, token) = app.participant().await;
    let round = app.open_round().await;
    use_session(c, &app, &token).await;
    start_round(c, &app, round).await;
    wait_for_text(c, "#answered-count", "Đã trả lời 0/5").await;
    answer(c, 1, 0).await;
    wait_for_text(c, "#answered-count", "Đã trả lời 1/5").await;
    answer(c, 2, 1).await;
    wait_for_text(c, "#answered-count", "Đã trả lời 2/5").await;
    for n in [3, 4] {
        c.execute("window.scrollTo(0, 0);", vec![]).await.unwrap();
        c.find(Locator::Css(&format!("#palette a[href='#q-{n}']")))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let gap = gap_below_bar(c, n).await;
        assert!(
            (0.0..400.0).contains(&gap),
            "question {n} starts {gap}px below the bar, in view and not under it"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bar_warns_politely_at_five_minutes_and_at_one_minute_left() {
    with_browser(time_warnings).await;
}

async fn set_deadline(app: &App, attempt: i64, secs_left: i64) {
    let a = attempts::Entity::find_by_id(attempt)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut a: attempts::ActiveModel = a.into();
    a.deadline = Set(Utc::now() + chrono::Duration::seconds(secs_left));
    a.update(&app.state.db).await.unwrap();
}

async fn time_warnings(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (_, token) = app.participant().await;
    let round = app.open_round().await;
    use_session(c, &app, &token).await;
    let attempt = start_round(c, &app, round).await;
    let warning = c.find(Locator::Css("#time-warning")).await.unwrap();
    assert_eq!(
        warning.attr("role").await.unwrap().as_deref(),
        Some("status")
    );
    assert_eq!(
        warning.text().await.unwrap(),
        "",
        "no warning with 10 minutes left"
    );
    set_deadline(&app, attempt, 302).await;
    c.refresh().await.unwrap();
    wait_for_text(c, "#time-warning", "Còn 5 phút làm bài.").await;
    set_deadline(&app, attempt, 65).await;
    c.refresh().await.unwrap();
    wait_for_text(c, "#time-warning", "Còn 2 phút làm bài.").await;
    wait_for_text(c, "#time-warning", "Còn 1 phút làm bài.").await;
    assert!(
        c.get_alert_text().await.is_err(),
        "the warnings are no dialog"
    );
}
