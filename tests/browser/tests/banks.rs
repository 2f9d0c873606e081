//! An organiser on a phone (and on a desktop) imports a question bank from an Excel file through the bank page:
//! the report names the refused row by its number, the good question is imported, and the bank's page shows it
//! with its key.
mod support;

use cchc_quiz::banks::{ParsedBank, QuestionDraft, export};
use fantoccini::{Client, Locator};
use support::{spawn_app, use_session, wait_for, with_browser, with_desktop_browser};

fn question(id: &str, text: &str, correct: Vec<usize>) -> QuestionDraft {
    QuestionDraft {
        external_id: id.into(),
        topic: "Tiếp công dân".into(),
        text: text.into(),
        options: vec!["Có".into(), "Không".into(), "Chỉ khi có đơn".into()],
        correct,
        legal_basis: Some("Luật Tiếp công dân 2013, Điều 12".into()),
        ..Default::default()
    }
}

/// A workbook whose row 3 has no key.
fn workbook() -> Vec<u8> {
    let bank = ParsedBank {
        slug: "tiep-dan".into(),
        title: "Tiếp công dân".into(),
        valid_as_of: Some("2026-12-01".into()),
        amendments_checked: vec![],
        questions: vec![
            question(
                "TD-1",
                "Chủ tịch UBND tỉnh có phải tiếp công dân định kỳ không?",
                vec![0],
            ),
            question("TD-2", "Câu hỏi này chưa có đáp án?", vec![]),
        ],
    };
    export::to_xlsx(&bank).expect("xlsx")
}

async fn text_of(client: &Client, css: &str) -> String {
    wait_for(client, css).await.text().await.expect("text")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_imports_a_bank_from_excel_on_a_phone_and_sees_the_refused_row() {
    with_browser(import_on_a_phone).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_imports_a_bank_from_excel_on_a_desktop() {
    with_desktop_browser(import_on_a_phone).await;
}

async fn import_on_a_phone(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let token = app.organiser().await;
    use_session(c, &app, &token).await;
    c.goto(&format!("{}/quan-tri", app.address))
        .await
        .expect("dashboard");
    c.find(Locator::LinkText("Ngân hàng câu hỏi"))
        .await
        .expect("the dashboard's bank link")
        .click()
        .await
        .expect("click");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("tiep-dan.xlsx");
    std::fs::write(&path, workbook()).expect("write the workbook");
    wait_for(c, "#file")
        .await
        .send_keys(&path.display().to_string())
        .await
        .expect("choose the file");
    c.find(Locator::XPath("//button[contains(., 'Nhập ngân hàng')]"))
        .await
        .expect("import button")
        .click()
        .await
        .expect("import");
    wait_for(c, "table.lines").await;
    let notice = text_of(c, ".notice-ok").await;
    assert!(notice.contains("Đã nhập: 1 câu mới"), "{notice}");
    let row = text_of(c, "table.lines tbody tr").await;
    assert!(row.starts_with('3'), "the refused row is row 3: {row}");
    let overflow: bool = c
        .execute(
            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;",
            vec![],
        )
        .await
        .expect("width")
        .as_bool()
        .unwrap_or(true);
    assert!(!overflow, "the report fits the screen (360 px and 1280 px)");
    c.find(Locator::LinkText("Xem câu hỏi và đáp án"))
        .await
        .expect("the bank's link")
        .click()
        .await
        .expect("open the bank");
    let card = text_of(c, "article.question-card").await;
    assert!(card.contains("Chủ tịch UBND tỉnh"), "{card}");
    let key = text_of(c, "article.question-card li.correct").await;
    assert!(key.contains("Có") && key.contains("✓ Đáp án"), "{key}");
}
