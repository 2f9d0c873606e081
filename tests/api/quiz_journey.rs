//! The participant's journey through the quiz pages (issue #14 item 4): what the result says after time ran
//! out, option letters in the order the person sees them, the answered count, the start confirmation.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use crate::quiz_pages::{csrf_of, page, post_form};
use serde_json::{Value, json};
use test_support::bank::QuestionSpec;

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
    assert!(
        result.contains("Số câu đúng: 1/5"),
        "the saved answer counts"
    );
    assert!(
        result.contains("Số dự đoán của bạn: 7"),
        "the prediction is kept"
    );
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
    assert!(
        result.contains("Bài thi đã được nộp thành công."),
        "{result}"
    );
    assert!(!result.contains("Hết giờ"), "{result}");
}

/// The HTML from the fieldset (or review card) of question `n` (1-based) to the next one.
fn nth_question(html: &str, marker: &str, n: usize) -> String {
    html.split(marker).nth(n).unwrap_or_default().to_owned()
}

/// "A. Phương án 2", "B. Phương án 0", ... in the order the attempt lists the options of question `i`.
fn lettered(a: &Value, i: usize) -> Vec<String> {
    let options = a["questions"][i]["options"].as_array().unwrap();
    options
        .iter()
        .enumerate()
        .map(|(j, o)| {
            let letter = char::from(b'A' + j as u8);
            format!("{letter}.</span><span>{}", o["text"].as_str().unwrap())
        })
        .collect()
}

async fn options_carry_letters_in_the_shuffled_order_on_the_quiz_and_in_the_review(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "reveal": "after_submit" })).await;
    let p = app.participant().await;
    let (a, quiz) = quiz_page(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    for i in 0..question_ids(&a).len() {
        let shown = nth_question(&quiz, "<fieldset class=\"question\"", i + 1);
        let mut at = 0;
        for want in lettered(&a, i) {
            let found = shown[at..].find(&want);
            assert!(found.is_some(), "question {i}: {want} in order\n{shown}");
            at += found.unwrap_or_default();
        }
    }
    let fields = [("csrf".to_owned(), csrf_of(&quiz))];
    post_form(&app, &p, &format!("/bai-thi/{id}/nop-bai"), &fields).await;
    let (_, review) = page(&app, &p, &format!("/bai-thi/{id}")).await;
    for i in 0..question_ids(&a).len() {
        let shown = nth_question(&review, "<section class=\"question card\"", i + 1);
        for want in lettered(&a, i) {
            assert!(shown.contains(&want), "review {i}: {want}\n{shown}");
        }
    }
}

async fn a_question_that_already_asks_for_several_answers_gets_no_second_hint(app: TestApp) {
    let hinted =
        QuestionSpec::new("m", "m-1", "Ai có thẩm quyền? (chọn nhiều đáp án)").correct(&[0, 1]);
    let plain =
        QuestionSpec::new("m", "m-2", "Biện pháp nào phòng ngừa tham nhũng?").correct(&[1, 2]);
    test_support::bank::insert(&app.state.db, "goi-y", &[hinted, plain]).await;
    let org = app
        .create_user(cchc_quiz::domain::Role::Organiser, None)
        .await;
    let round = create_round(
        &app,
        &org,
        json!({ "question_count": 2, "draw_rules": [{"topic": "m", "count": 2}] }),
    )
    .await;
    let p = app.participant().await;
    let (_, quiz) = quiz_page(&app, &p, round).await;
    assert!(quiz.contains("(chọn nhiều đáp án)"));
    assert_eq!(
        quiz.matches("(chọn tất cả phương án đúng)").count(),
        1,
        "only the question without a hint of its own gets one: {quiz}"
    );
}

async fn the_bar_counts_the_questions_answered_so_far(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let (a, quiz) = quiz_page(&app, &p, round).await;
    assert!(quiz.contains("Đã trả lời 0/5"), "{quiz}");
    let id = a["id"].as_i64().unwrap();
    for q in question_ids(&a).into_iter().take(2) {
        assert_eq!(
            save(&app, &p, id, q, &key_of(&app, q).await).await.status(),
            200
        );
    }
    let (_, quiz) = page(&app, &p, &format!("/bai-thi/{id}")).await;
    assert!(quiz.contains("Đã trả lời 2/5"), "{quiz}");
}

crate::db_tests!(
    when_the_countdown_ends_the_result_says_the_attempt_was_submitted_automatically,
    an_attempt_the_server_closed_after_its_time_says_so_and_a_manual_one_does_not,
    options_carry_letters_in_the_shuffled_order_on_the_quiz_and_in_the_review,
    a_question_that_already_asks_for_several_answers_gets_no_second_hint,
    the_bar_counts_the_questions_answered_so_far,
);
