//! The question bank pages: organisers and judges read every question with its key and basis, organisers import
//! a file through the page (its report names the refused lines) and withdraw or restore a question.
use crate::db_tests;
use crate::helpers::{TestApp, TestUser, form_token};
use crate::quiz_fixture::{create_round, key_of, open_round, question_ids, save, start_ok, submit};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::questions;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

const BANK_TOML: &str = r#"
[bank]
id = "thu-nghiem"
title = "Ngân hàng thử nghiệm"
valid_as_of = "2026-12-01"
topic = "Tiếp công dân"

[[question]]
id = "TN-1"
text = "Người đứng đầu cơ quan hành chính nhà nước có trách nhiệm tiếp công dân định kỳ không?"
options = ["Có", "Không", "Chỉ khi được giao", "Chỉ khi có đơn"]
correct = ["A"]
legal_basis = "Luật Tiếp công dân 2013, Điều 12"

[[question]]
id = "TN-2"
text = "Trụ sở tiếp công dân cấp tỉnh do cơ quan nào quản lý?"
options = ["Văn phòng UBND tỉnh", "Sở Tư pháp", "Thanh tra tỉnh", "Sở Nội vụ"]
correct = ["A"]
legal_basis = "Luật Tiếp công dân 2013, Điều 10"
"#;

/// Posts a file to the bank import form of the page, as the browser would.
async fn import_through_page(
    app: &TestApp,
    browser: &reqwest::Client,
    file_name: &str,
    bytes: Vec<u8>,
) -> (u16, String) {
    let (_, list) = app.page(browser, "/quan-tri/ngan-hang").await;
    let csrf = form_token(&list, "/quan-tri/ngan-hang/nhap").expect("the import form");
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_owned()),
    );
    let res = browser
        .post(app.url("/quan-tri/ngan-hang/nhap"))
        .multipart(form)
        .send()
        .await
        .expect("import");
    (res.status().as_u16(), res.text().await.expect("body"))
}

async fn import_api(app: &TestApp, organiser: &TestUser) -> Value {
    let part = reqwest::multipart::Part::text(BANK_TOML).file_name("thu-nghiem.toml");
    let res = app
        .api
        .post(app.url("/api/v1/banks/import"))
        .bearer_auth(&organiser.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("import");
    assert_eq!(res.status(), 200);
    res.json().await.expect("report")
}

async fn question_id(app: &TestApp, external_id: &str) -> i64 {
    questions::Entity::find()
        .filter(questions::Column::ExternalId.eq(external_id))
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("question")
        .id
}

async fn in_use(app: &TestApp, user: &TestUser, bank: &str) -> Vec<String> {
    let list: Value = app
        .get(&format!("/api/v1/questions?bank={bank}"), Some(user))
        .await
        .json()
        .await
        .expect("json");
    let list = list.as_array().expect("list").iter();
    list.map(|q| q["external_id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn every_dashboard_link_opens_and_the_banks_read_with_keys_and_bases(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, dashboard) = app.page(&browser, "/quan-tri").await;
    let links: Vec<&str> = dashboard
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|href| href.starts_with("/quan-tri/"))
        .collect();
    assert!(links.contains(&"/quan-tri/ngan-hang"), "{links:?}");
    for link in links {
        assert_eq!(app.page(&browser, link).await.0, 200, "{link}");
    }
    let (_, list) = app.page(&browser, "/quan-tri/ngan-hang").await;
    assert!(list.contains("Thanh tra"), "the shipped banks are listed");
    assert!(
        list.contains("Nhập ngân hàng"),
        "organisers get the import form"
    );
    let (status, bank) = app.page(&browser, "/quan-tri/ngan-hang/thanh-tra").await;
    assert_eq!(status, 200);
    assert!(bank.contains("✓ Đáp án") && bank.contains("Căn cứ:"));
    assert!(bank.contains("Chưa xuất hiện trong bài thi nào đã nộp."));
    // "thanh tra" without diacritics finds the questions that speak of "thanh tra", and nothing else is shown.
    let (_, found) = app
        .page(
            &browser,
            "/quan-tri/ngan-hang/thanh-tra?q=doan%20thanh%20tra",
        )
        .await;
    let cards = |page: &str| page.matches("class=\"card question-card\"").count();
    let shown = cards(&found);
    assert!(
        shown > 0 && shown < cards(&bank),
        "{shown} of {}",
        cards(&bank)
    );
    assert!(found.to_lowercase().contains("đoàn thanh tra"));
    let (_, none) = app
        .page(&browser, "/quan-tri/ngan-hang/thanh-tra?q=xyzzy")
        .await;
    assert_eq!(cards(&none), 0);
    assert_eq!(
        app.page(&browser, "/quan-tri/ngan-hang/khong-co").await.0,
        404
    );
}

async fn a_judge_reads_the_banks_but_changes_nothing(app: TestApp) {
    let judge = app.create_user(Role::Judge, None).await;
    let (browser, _) = app.log_in(&judge).await;
    let (status, list) = app.page(&browser, "/quan-tri/ngan-hang").await;
    assert_eq!(status, 200);
    assert!(
        !list.contains("Nhập ngân hàng"),
        "no import form for judges"
    );
    let (_, bank) = app.page(&browser, "/quan-tri/ngan-hang/thanh-tra").await;
    assert!(bank.contains("✓ Đáp án") && !bank.contains("Ngừng dùng câu này"));
    let id = questions::Entity::find()
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("a question")
        .id;
    let res = app
        .post_json(
            &format!("/api/v1/questions/{id}/withdraw"),
            Some(&judge),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 403);
    let participant = app.participant().await;
    let (browser, _) = app.log_in(&participant).await;
    assert_eq!(app.page(&browser, "/quan-tri/ngan-hang").await.0, 403);
}

async fn a_file_imported_through_the_page_names_its_refused_lines(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let csv = "Chủ đề,Câu hỏi,A,B,C,Đáp án,Giải thích,Căn cứ\n\
        Tiếp công dân,Ai tiếp công dân định kỳ tại trụ sở tiếp công dân?,Chủ tịch UBND,Thư ký,Văn thư,A,,\"Luật Tiếp công dân 2013, Điều 12\"\n\
        Tiếp công dân,Câu hỏi không có đáp án hợp lệ?,Một,Hai,Ba,G,,\n";
    let (status, report) =
        import_through_page(&app, &browser, "tiep-dan.csv", csv.as_bytes().to_vec()).await;
    assert_eq!(status, 200, "{report}");
    assert!(report.contains("Đã nhập: 1 câu mới"), "{report}");
    assert!(
        report.contains("<td class=\"num\">3</td>"),
        "the refused line is named by its number: {report}"
    );
    assert!(report.contains("href=\"/quan-tri/ngan-hang/tiep-dan\""));
    let only_bad = "Chủ đề,Câu hỏi,A,B,Đáp án\nTiếp công dân,Câu hỏi?,Một,Hai,Z\n";
    let (status, report) =
        import_through_page(&app, &browser, "hong.csv", only_bad.as_bytes().to_vec()).await;
    assert_eq!(status, 422);
    assert!(report.contains("chưa nhập gì"), "{report}");
    assert!(!report.contains("href=\"/quan-tri/ngan-hang/hong\""));
    let (status, report) =
        import_through_page(&app, &browser, "anh.png", b"\x89PNG".to_vec()).await;
    assert_eq!(status, 422);
    assert!(report.contains("Không nhận ra định dạng tệp"), "{report}");
}

async fn a_withdrawn_question_leaves_the_draw_until_restored_even_through_a_reimport(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    import_api(&app, &organiser).await;
    let id = question_id(&app, "TN-1").await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, bank) = app.page(&browser, "/quan-tri/ngan-hang/thu-nghiem").await;
    let action = format!("/quan-tri/ngan-hang/cau-hoi/{id}/ngung-dung");
    let csrf = form_token(&bank, &action).expect("the withdraw button");
    let res = browser
        .post(app.url(&action))
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("withdraw");
    assert_eq!(res.status(), 303);
    let back = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let (_, bank) = app.page(&browser, &back).await;
    assert!(bank.contains("Đã ngừng dùng câu TN-1"), "{bank}");
    assert_eq!(in_use(&app, &organiser, "thu-nghiem").await, ["TN-2"]);
    let report = import_api(&app, &organiser).await;
    assert_eq!(report["unchanged"], 2, "{report}");
    assert_eq!(
        in_use(&app, &organiser, "thu-nghiem").await,
        ["TN-2"],
        "the same file imported again does not bring a withdrawn question back"
    );
    let all: Value = app
        .get(
            "/api/v1/questions?bank=thu-nghiem&include_retired=true",
            Some(&organiser),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(all[0]["withdrawn"], true, "{all}");
    let res = app
        .post_json(
            &format!("/api/v1/questions/{id}/restore"),
            Some(&organiser),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        in_use(&app, &organiser, "thu-nghiem").await,
        ["TN-1", "TN-2"]
    );
    let log: Value = app
        .get("/api/v1/audit", Some(&organiser))
        .await
        .json()
        .await
        .expect("json");
    let actions = log.to_string();
    assert!(actions.contains("question.withdraw") && actions.contains("question.restore"));
}

async fn withdrawing_is_refused_when_a_round_could_no_longer_draw(app: TestApp) {
    let (organiser, _) = open_round(&app, json!({})).await;
    let rules = json!({"question_count": 8, "draw_rules": [{"topic": "a", "count": 8}]});
    create_round(&app, &organiser, rules).await;
    let id = question_id(&app, "a-0").await;
    let res = app
        .post_json(
            &format!("/api/v1/questions/{id}/withdraw"),
            Some(&organiser),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 409);
    let body: Value = res.json().await.expect("json");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("Tuần thi thứ nhất"), "{message}");
    let q = questions::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("question");
    assert!(!q.retired && !q.withdrawn, "nothing was changed");
}

async fn the_bank_page_shows_how_often_a_question_was_answered_right(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let participant = app.participant().await;
    let attempt = start_ok(&app, &participant, round).await;
    let id = attempt["id"].as_i64().expect("attempt id");
    let qid = question_ids(&attempt)[0];
    let key = key_of(&app, qid).await;
    assert_eq!(save(&app, &participant, id, qid, &key).await.status(), 200);
    assert_eq!(submit(&app, &participant, id).await.status(), 200);
    let bank = questions::Entity::find_by_id(qid)
        .one(&app.state.db)
        .await
        .expect("query")
        .expect("question")
        .bank_id;
    let slug = cchc_quiz::store::banks::summaries(&app.state.db)
        .await
        .expect("banks")
        .into_iter()
        .find(|b| b.id == bank)
        .expect("bank")
        .slug;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, page) = app
        .page(&browser, &format!("/quan-tri/ngan-hang/{slug}"))
        .await;
    let card = &page[page.find(&format!("id=\"q-{qid}\"")).expect("the card")..];
    let card = &card[..card.find("</article>").expect("card end")];
    assert!(
        card.contains("Đã xuất hiện trong 1 bài thi đã nộp · 100,0% trả lời đúng"),
        "{card}"
    );
}

db_tests!(shipped_banks:
    every_dashboard_link_opens_and_the_banks_read_with_keys_and_bases,
    a_judge_reads_the_banks_but_changes_nothing,
);

mod fresh {
    use super::*;
    db_tests!(
        a_file_imported_through_the_page_names_its_refused_lines,
        a_withdrawn_question_leaves_the_draw_until_restored_even_through_a_reimport,
        withdrawing_is_refused_when_a_round_could_no_longer_draw,
        the_bank_page_shows_how_often_a_question_was_answered_right,
    );
}
