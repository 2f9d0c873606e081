//! The quiz in a browser without JavaScript: Start is a form post, the quiz page is a plain form, and posting
//! it saves every answer and submits; the result page then shows the score.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use serde_json::json;

pub(crate) async fn page(app: &TestApp, user: &TestUser, path: &str) -> (u16, String) {
    let res = app
        .api
        .get(app.url(path))
        .header("Cookie", format!("cchc_session={}", user.token))
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.text().await.unwrap())
}

pub(crate) async fn post_form(
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

pub(crate) fn csrf_of(html: &str) -> String {
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    html[at..].split('"').next().unwrap().to_owned()
}

async fn a_participant_takes_a_round_with_plain_forms_and_sees_the_score(app: TestApp) {
    let (_, round) = open_round(
        &app,
        json!({ "reveal": "after_submit", "prediction": "participant_count",
            "rules": "Không sử dụng tài liệu khi làm bài." }),
    )
    .await;
    let p = app.participant().await;
    let (status, list) = page(&app, &p, "/dot-thi").await;
    assert_eq!(status, 200);
    assert!(list.contains("Tuần thi thứ nhất"), "{list}");
    let (_, detail) = page(&app, &p, &format!("/dot-thi/{round}")).await;
    assert!(detail.contains("Bắt đầu làm bài"));
    let confirm_path = format!("/dot-thi/{round}/bat-dau");
    assert!(
        detail.contains(&format!("href=\"{confirm_path}\"")),
        "{detail}"
    );
    let (status, confirm) = page(&app, &p, &confirm_path).await;
    assert_eq!(status, 200);
    assert!(
        confirm.contains("20 phút"),
        "the time limit is stated: {confirm}"
    );
    assert!(
        confirm.contains("Không sử dụng tài liệu khi làm bài."),
        "the rules"
    );
    assert!(confirm.contains("Bắt đầu tính giờ"));
    let csrf = csrf_of(&confirm);
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
    assert_eq!(result.matches("✓ Đúng").count(), 3, "each question marked");
    assert_eq!(result.matches("✗ Chưa trả lời").count(), 2);
}

async fn the_start_confirmation_starts_no_clock_and_leads_to_an_attempt_in_progress(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let confirm_path = format!("/dot-thi/{round}/bat-dau");
    assert_eq!(page(&app, &p, &confirm_path).await.0, 200);
    let mine: serde_json::Value = app
        .get("/api/v1/me/attempts", Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(mine, json!([]), "reading the confirmation starts nothing");
    let a = start_ok(&app, &p, round).await;
    let res = app
        .api
        .get(app.url(&confirm_path))
        .header("Cookie", format!("cchc_session={}", p.token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(
        res.headers()["location"],
        format!("/bai-thi/{}", a["id"]).as_str()
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

async fn an_organiser_creates_a_round_with_the_form_and_watches_progress(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let org = app
        .create_user(cchc_quiz::domain::Role::Organiser, None)
        .await;
    let (_, blank) = page(&app, &org, "/quan-tri/dot-thi/moi").await;
    let csrf = csrf_of(&blank);
    let mut fields: Vec<(String, String)> = [
        ("csrf", csrf.as_str()),
        ("title", "Tuần 2"),
        ("opens_at", "2020-01-01T08:00"),
        ("closes_at", "2099-01-01T08:00"),
        ("time_limit_minutes", "15"),
        ("question_count", "5"),
        ("max_attempts", "1"),
        ("counting", "best"),
        ("prediction", "none"),
        ("reveal", "after_close"),
        ("so_cau:a", "3"),
        ("so_cau:b", "3"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let refused = post_form(&app, &org, "/quan-tri/dot-thi/moi", &fields).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("phải bằng số câu hỏi")
    );
    fields[11].1 = "2".into();
    assert_eq!(
        post_form(&app, &org, "/quan-tri/dot-thi/moi", &fields)
            .await
            .status(),
        303
    );
    let list: serde_json::Value = app
        .get("/api/v1/rounds", Some(&org))
        .await
        .json()
        .await
        .unwrap();
    let round = list[0]["id"].as_i64().unwrap();
    assert_eq!(list[0]["time_limit_secs"], 900);
    let p = app.participant().await;
    start_ok(&app, &p, round).await;
    let (_, progress) = page(&app, &org, &format!("/quan-tri/dot-thi/{round}/tien-do")).await;
    assert!(progress.contains(&p.login), "{progress}");
    assert!(progress.contains("Đang làm bài"));
    let grant = vec![
        ("csrf".to_owned(), csrf),
        ("user_id".to_owned(), p.id.to_string()),
        ("extra_minutes".to_owned(), "10".to_owned()),
    ];
    let res = post_form(
        &app,
        &org,
        &format!("/quan-tri/dot-thi/{round}/cong-them"),
        &grant,
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        page(&app, &p, "/quan-tri/dot-thi").await.0,
        403,
        "participants cannot open organiser pages"
    );
}

crate::db_tests!(
    a_participant_takes_a_round_with_plain_forms_and_sees_the_score,
    a_form_post_without_the_csrf_field_is_refused,
    the_start_confirmation_starts_no_clock_and_leads_to_an_attempt_in_progress,
    an_organiser_creates_a_round_with_the_form_and_watches_progress,
);
