//! The organiser's round journeys, each on a 360 px phone and on a 1280 px desktop: a round created with a number
//! per topic and two admitted units; extra time granted from the progress page, then an early close, after which the
//! progress page names the attempt that runs past the close and the judges' page keeps "Công bố" disabled with its
//! reason.
mod support;

use cchc_quiz::store::rounds;
use fantoccini::{Client, Locator};
use support::{spawn_app, use_session, wait_for, with_browser, with_desktop_browser};

async fn text(c: &Client, css: &str) -> String {
    wait_for(c, css).await.text().await.expect("text")
}

async fn click(c: &Client, xpath: &str) {
    c.find(Locator::XPath(xpath))
        .await
        .unwrap_or_else(|e| panic!("{xpath}: {e}"))
        .click()
        .await
        .expect("click");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_creates_a_round_with_topic_counts_and_two_units_on_a_phone() {
    with_browser(create_a_round).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_creates_a_round_with_topic_counts_and_two_units_on_a_desktop() {
    with_desktop_browser(create_a_round).await;
}

async fn create_a_round(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    app.seed_questions(6).await;
    let (_, _) = app.participant().await;
    let second = app.second_unit().await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;
    c.goto(&format!("{}/quan-tri/dot-thi/moi", app.address))
        .await
        .expect("the form");
    let topic = wait_for(c, "input[data-topic-count]").await;
    let label = text(c, "fieldset.topics label").await;
    assert!(
        label.contains("(6 câu)"),
        "the topic says what it holds: {label}"
    );
    wait_for(c, "#title")
        .await
        .send_keys("Tuần 1: Cải cách thủ tục hành chính")
        .await
        .expect("title");
    // The date pickers, as a person would set them.
    c.execute(
        "document.getElementById('opens_at').value = '2026-12-07T08:00';\
         document.getElementById('closes_at').value = '2026-12-13T17:00';",
        vec![],
    )
    .await
    .expect("dates");
    let count = wait_for(c, "#question_count").await;
    count.clear().await.expect("clear");
    count.send_keys("5").await.expect("5 questions");
    topic.send_keys("5").await.expect("5 from the topic");
    assert_eq!(
        text(c, "#topic-sum").await,
        "5",
        "the running total follows"
    );
    click(c, "//input[@name='units_scope' and @value='some']").await;
    for unit in c
        .find_all(Locator::Css("input[name='unit']"))
        .await
        .expect("units")
    {
        unit.click().await.expect("admit the unit");
    }
    click(c, "//button[normalize-space(.)='Lưu']").await;
    wait_for(c, "table.data").await;
    let all = rounds::list(&app.state.db).await.expect("rounds");
    let made = all
        .iter()
        .find(|r| r.title == "Tuần 1: Cải cách thủ tục hành chính")
        .expect("the round is saved");
    assert_eq!(made.question_count, 5);
    assert_eq!(made.draw_rules.len(), 1);
    assert_eq!(made.draw_rules[0].count, 5);
    let mut admitted = made.unit_ids.clone();
    admitted.sort();
    assert_eq!(admitted.len(), 2, "two units admitted");
    assert!(admitted.contains(&second));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_time_past_an_early_close_holds_back_the_results_and_says_so() {
    with_browser(extra_time_then_close).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extra_time_past_an_early_close_holds_back_the_results_on_a_desktop() {
    with_desktop_browser(extra_time_then_close).await;
}

async fn extra_time_then_close(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (_, participant) = app.participant().await;
    app.start_attempt(&participant, round).await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;

    c.goto(&format!("{}/quan-tri/dot-thi/{round}/tien-do", app.address))
        .await
        .expect("progress");
    wait_for(c, "#grant-minutes")
        .await
        .send_keys("30")
        .await
        .expect("30 minutes");
    click(c, "//button[normalize-space(.)='Cho phép']").await;
    let saved = text(c, ".notice-ok").await;
    assert!(saved.contains("Đã ghi nhận"), "{saved}");

    c.goto(&format!(
        "{}/quan-tri/dot-thi/{round}/ket-thuc-som",
        app.address
    ))
    .await
    .expect("early end");
    click(c, "//form//button[contains(., 'Kết thúc')]").await;
    let section = text(c, "#cong-bo-tu").await;
    assert!(
        section.contains("Bài thi làm quá giờ kết thúc (1)"),
        "{section}"
    );
    assert!(section.contains("Nguyễn Văn A"), "{section}");
    assert!(section.contains("Muộn hơn giờ kết thúc"), "{section}");

    c.goto(&format!("{}/giam-khao/dot-thi/{round}", app.address))
        .await
        .expect("the judges' page");
    let publish = wait_for(c, "form[action$='/cong-bo'] button[type=submit]").await;
    assert!(
        !publish.is_enabled().await.expect("state"),
        "Công bố is disabled"
    );
    let why = text(c, "#publish-blocked").await;
    assert!(why.contains("Chỉ công bố kết quả sau khi"), "{why}");
    assert!(text(c, "#cong-bo-tu").await.contains("Nguyễn Văn A"));
}
