//! The organiser's round form: a number per topic labelled with how many questions it holds, the units admitted,
//! the rules text participants read before starting; a refused form comes back with every value; a round with
//! attempts warns before an edit; "Kết thúc sớm" asks first; "Công bố" says why it cannot work yet.
use crate::db_tests;
use crate::helpers::{TestApp, TestUser, form_token};
use crate::quiz_fixture::{open_round, seed_bank, start_ok};
use cchc_quiz::domain::Role;
use chrono::{Duration, Utc};
use serde_json::{Value, json};

/// A Vietnam wall-clock time `minutes` from now, as the form's datetime-local field holds it.
fn local(minutes: i64) -> String {
    (Utc::now() + Duration::hours(7) + Duration::minutes(minutes))
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Posts the new-round form with `fields` added to a valid set of the other fields.
async fn post_new_round(
    app: &TestApp,
    browser: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, form) = app.page(browser, "/quan-tri/dot-thi/moi").await;
    let csrf = form_token(&form, "/quan-tri/dot-thi/moi").expect("the round form");
    let (opens, closes) = (local(-5), local(60 * 24));
    let mut all: Vec<(&str, &str)> = vec![
        ("csrf", &csrf),
        ("title", "Tuần thi thứ hai"),
        ("opens_at", &opens),
        ("closes_at", &closes),
        ("time_limit_minutes", "20"),
        ("question_count", "5"),
        ("max_attempts", "1"),
        ("counting", "best"),
        ("prediction", "none"),
        ("reveal", "after_close"),
    ];
    all.extend_from_slice(fields);
    browser
        .post(app.url("/quan-tri/dot-thi/moi"))
        .form(&all)
        .send()
        .await
        .expect("post the form")
}

async fn rounds(app: &TestApp, organiser: &TestUser) -> Vec<Value> {
    let list: Value = app
        .get("/api/v1/rounds", Some(organiser))
        .await
        .json()
        .await
        .expect("json");
    list.as_array().cloned().unwrap_or_default()
}

async fn a_round_is_made_from_topic_counts_for_two_units_and_shows_its_rules(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, form) = app.page(&browser, "/quan-tri/dot-thi/moi").await;
    assert!(
        form.contains("(8 câu)") && form.contains("(6 câu)"),
        "{form}"
    );
    assert!(
        form.contains(
            "Cán bộ sẽ được hỏi: «Theo bạn, đợt thi này sẽ có bao nhiêu người trả lời đúng tất cả"
        ),
        "the prediction question's wording is shown"
    );
    let first = app.create_unit("PCT", "Phòng Thanh tra 1", 10).await;
    let second = app.create_unit("PCT2", "Phòng Thanh tra 2", 10).await;
    let outsider = app.participant().await;
    let (first_s, second_s) = (first.to_string(), second.to_string());
    let rules = "Mỗi người thi một lượt.\n\nKhông sử dụng tài liệu.";
    let res = post_new_round(
        &app,
        &browser,
        &[
            ("so_cau:a", "3"),
            ("so_cau:b", "2"),
            ("units_scope", "some"),
            ("unit", &first_s),
            ("unit", &second_s),
            ("rules", rules),
        ],
    )
    .await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let made = rounds(&app, &organiser).await;
    let round = made.last().expect("the new round");
    assert_eq!(round["unit_ids"], json!([first, second]), "{round}");
    assert_eq!(round["rules"], rules);
    let rules_of: Vec<(String, i64)> = round["draw_rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| {
            (
                r["topic"].as_str().unwrap_or("").into(),
                r["count"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(rules_of, [("a".to_owned(), 3), ("b".to_owned(), 2)]);
    let id = round["id"].as_i64().expect("id");
    let member = app.create_user(Role::Participant, Some(first)).await;
    let (browser, _) = app.log_in(&member).await;
    let (status, detail) = app.page(&browser, &format!("/dot-thi/{id}")).await;
    assert_eq!(status, 200);
    assert!(detail.contains("Thể lệ") && detail.contains("Không sử dụng tài liệu."));
    let (browser, _) = app.log_in(&outsider).await;
    let (status, _) = app.page(&browser, &format!("/dot-thi/{id}")).await;
    assert_ne!(status, 200, "a unit not admitted does not take the round");
}

async fn a_refused_round_form_keeps_every_value_and_says_what_is_wrong(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let unit = app.create_unit("PCT", "Phòng Thanh tra 1", 10).await;
    let (browser, _) = app.log_in(&organiser).await;
    let unit_s = unit.to_string();
    let res = post_new_round(
        &app,
        &browser,
        &[
            ("so_cau:a", "9"),
            ("units_scope", "some"),
            ("unit", &unit_s),
            ("rules", "Thể lệ gõ dở"),
        ],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert!(page.contains("chỉ có 8 câu hỏi đang dùng"), "{page}");
    assert!(page.contains("name=\"so_cau:a\" value=\"9\""), "{page}");
    assert!(page.contains("Thể lệ gõ dở") && page.contains("Tuần thi thứ hai"));
    assert!(
        page.contains(&format!("value=\"{unit}\" checked")),
        "the unit stays ticked"
    );
    let res = post_new_round(
        &app,
        &browser,
        &[("so_cau:a", "5"), ("units_scope", "some")],
    )
    .await;
    assert_eq!(res.status(), 422);
    let page = res.text().await.expect("body");
    assert!(page.contains("Hãy chọn ít nhất một đơn vị"), "{page}");
    assert!(
        rounds(&app, &organiser).await.is_empty(),
        "nothing was created"
    );
}

async fn a_round_with_attempts_warns_and_ends_early_after_a_confirmation(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let participant = app.participant().await;
    start_ok(&app, &participant, round).await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, edit) = app
        .page(&browser, &format!("/quan-tri/dot-thi/{round}"))
        .await;
    assert!(edit.contains("đã có 1 lượt thi"), "{edit}");
    let confirm_path = format!("/quan-tri/dot-thi/{round}/ket-thuc-som");
    assert!(edit.contains(&confirm_path));
    let (status, confirm) = app.page(&browser, &confirm_path).await;
    assert_eq!(status, 200);
    assert!(confirm.contains("1 người đang làm bài"), "{confirm}");
    let open: Value = app
        .get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        open["state"], "open",
        "nothing happens before the confirmation"
    );
    let csrf = form_token(&confirm, &confirm_path).expect("the confirmation form");
    let res = browser
        .post(app.url(&confirm_path))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("end");
    assert_eq!(res.status(), 303);
    let closed: Value = app
        .get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(closed["state"], "closed", "{closed}");
    let (_, progress) = app
        .page(
            &browser,
            &format!("/quan-tri/dot-thi/{round}/tien-do?da-ket-thuc=1"),
        )
        .await;
    assert!(progress.contains("Đã kết thúc đợt thi"));
}

async fn publishing_is_offered_only_when_it_can_work(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, judge_page) = app
        .page(&browser, &format!("/giam-khao/dot-thi/{round}"))
        .await;
    assert!(
        judge_page.contains("Chỉ công bố kết quả sau khi đợt thi đã kết thúc"),
        "{judge_page}"
    );
    assert!(
        judge_page.contains("type=\"submit\" disabled"),
        "the button is disabled"
    );
}

db_tests!(
    a_round_is_made_from_topic_counts_for_two_units_and_shows_its_rules,
    a_refused_round_form_keeps_every_value_and_says_what_is_wrong,
    a_round_with_attempts_warns_and_ends_early_after_a_confirmation,
    publishing_is_offered_only_when_it_can_work,
);
