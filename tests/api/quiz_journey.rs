//! The participant's journey through the quiz pages (issue #14 item 4): what the result says after time ran
//! out, option letters in the order the person sees them, the answered count, the start confirmation.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use crate::quiz_pages::{csrf_of, page, post_form};
use serde_json::{Value, json};

const AUTOMATIC: &str = "Hết giờ: bài thi đã được tự động nộp với các câu trả lời đã lưu.";

/// Starts an attempt through the API and opens its quiz page: (attempt as JSON, page HTML).
async fn quiz_page(app: &TestApp, p: &TestUser, round: i64) -> (Value, String) {
    let a = start_ok(app, p, round).await;
    let (status, html) = page(app, p, &format!("/bai-thi/{}", a["id"])).await;
    assert_eq!(status, 200, "{html}");
    (a, html)
}

async fn when_the_countdown_ends_the_result_says_the_attempt_was_submitted_automatically(
    app: TestApp,
) {
    let (_, round) = open_round(&app, json!({ "prediction": "participant_count" })).await;
    let p = app.participant().await;
    let (a, quiz) = quiz_page(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    let q = question_ids(&a)[0];
    let mut fields = vec![
        ("csrf".to_owned(), csrf_of(&quiz)),
        ("prediction".to_owned(), "7".to_owned()),
        ("het_gio".to_owned(), "1".to_owned()),
    ];
    for o in key_of(&app, q).await {
        fields.push((format!("q_{q}"), o.to_string()));
    }
    let done = post_form(&app, &p, &format!("/bai-thi/{id}/nop-bai"), &fields).await;
    assert_eq!(done.status(), 303);
    let (_, result) = page(&app, &p, &format!("/bai-thi/{id}")).await;
    assert!(result.contains(AUTOMATIC), "{result}");
    assert!(!result.contains("nộp thành công"), "{result}");
    assert!(result.contains("Số câu đúng: 1/5"), "the saved answer counts");
    assert!(result.contains("Số dự đoán của bạn: 7"), "the prediction is kept");
    let (_, detail) = page(&app, &p, &format!("/dot-thi/{round}")).await;
    assert!(detail.contains("Hết giờ (đã tự động nộp)"), "{detail}");
}

async fn an_attempt_the_server_closed_after_its_time_says_so_and_a_manual_one_does_not(
    app: TestApp,
) {
    let (_, round) = open_round(&app, json!({ "max_attempts": 2 })).await;
    let p = app.participant().await;
    let (a, _) = quiz_page(&app, &p, round).await;
    let late = a["id"].as_i64().unwrap();
    age_attempt(&app, late, 1300, 100).await;
    let (_, result) = page(&app, &p, &format!("/bai-thi/{late}")).await;
    assert!(result.contains(AUTOMATIC), "{result}");
    let (b, quiz) = quiz_page(&app, &p, round).await;
    let manual = b["id"].as_i64().unwrap();
    let fields = [("csrf".to_owned(), csrf_of(&quiz))];
    post_form(&app, &p, &format!("/bai-thi/{manual}/nop-bai"), &fields).await;
    let (_, result) = page(&app, &p, &format!("/bai-thi/{manual}")).await;
    assert!(result.contains("Bài thi đã được nộp thành công."), "{result}");
    assert!(!result.contains("Hết giờ"), "{result}");
}

crate::db_tests!(
    when_the_countdown_ends_the_result_says_the_attempt_was_submitted_automatically,
    an_attempt_the_server_closed_after_its_time_says_so_and_a_manual_one_does_not,
);
