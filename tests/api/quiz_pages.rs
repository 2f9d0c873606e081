//! The quiz in a browser without JavaScript: Start is a form post, the quiz page is a plain form, and posting
//! it saves every answer and submits; the result page then shows the score.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use serde_json::json;

async fn page(app: &TestApp, user: &TestUser, path: &str) -> (u16, String) {
    let res = app
        .api
        .get(app.url(path))
        .header("Cookie", format!("cchc_session={}", user.token))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

async fn post_form(
    app: &TestApp,
    user: &TestUser,
    path: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    app.api
        .post(app.url(path))
        .header("Cookie", format!("cchc_session={}", user.token))
        .form(fields)
        .send()
        .await
        .unwrap()
}

fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

async fn a_participant_takes_a_round_with_plain_forms_and_sees_the_score(app: TestApp) {
    let (_, round) = open_round(
        &app,
        json!({ "reveal": "after_submit", "prediction": "participant_count" }),
    )
    .await;
    let p = app.participant().await;
    let (status, list) = page(&app, &p, "/dot-thi").await;
    assert_eq!(status, 200);
    assert!(list.contains("Tuần thi thứ nhất"), "{list}");
    let (_, detail) = page(&app, &p, &format!("/dot-thi/{round}")).await;
    assert!(detail.contains("Bắt đầu làm bài"));
    let csrf = csrf_of(&detail);
    let started = post_form(
        &app,
        &p,
        &format!("/dot-thi/{round}/bat-dau"),
        &[("csrf".into(), csrf.clone())],
    )
    .await;
    assert_eq!(started.status(), 303);
    let location = started.headers()["location"].to_str().unwrap().to_owned();
    let attempt: i64 = location.trim_start_matches("/bai-thi/").parse().unwrap();
    let (_, quiz) = page(&app, &p, &location).await;
    assert!(quiz.contains("id=\"countdown\""), "{quiz}");
    assert!(
        quiz.contains("bao nhiêu người tham gia"),
        "the prediction question is asked"
    );
    assert!(!quiz.contains("Đáp án đúng") && !quiz.contains("Giải thích"));
    let a: serde_json::Value = app
        .get(&format!("/api/v1/attempts/{attempt}"), Some(&p))
        .await
        .json()
        .await
        .unwrap();
    let mut fields = vec![
        ("csrf".to_owned(), csrf),
        ("prediction".to_owned(), "42".to_owned()),
    ];
    for q in question_ids(&a).into_iter().take(3) {
        for o in key_of(&app, q).await {
            fields.push((format!("q_{q}"), o.to_string()));
        }
    }
    let done = post_form(&app, &p, &format!("/bai-thi/{attempt}/nop-bai"), &fields).await;
    assert_eq!(done.status(), 303);
    let (_, result) = page(&app, &p, &location).await;
    assert!(result.contains("Kết quả bài thi"), "{result}");
    assert!(
        result.contains("3/5"),
        "three right answers out of five: {result}"
    );
    assert!(result.contains("Số dự đoán của bạn: 42"));
    assert!(
        result.contains("Đáp án đúng"),
        "this round reveals keys after submission"
    );
}

async fn a_form_post_without_the_csrf_field_is_refused(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let res = post_form(
        &app,
        &p,
        &format!("/dot-thi/{round}/bat-dau"),
        &[("csrf".into(), "sai".into())],
    )
    .await;
    assert_eq!(res.status(), 403);
}

crate::db_tests!(
    a_participant_takes_a_round_with_plain_forms_and_sees_the_score,
    a_form_post_without_the_csrf_field_is_refused,
);
