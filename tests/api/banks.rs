//! Question banks: loading the shipped bank, versions and retirement, imports of every format, the read API.
use crate::helpers::{TestApp, TestUser};
use cchc_quiz::banks::{Format, ParsedBank, Source, export, native};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{question_versions, questions};
use cchc_quiz::store::banks::upsert_bank;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::Value;

fn shipped(file: &str) -> ParsedBank {
    let path = crate::helpers::questions_dir().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let parsed = native::parse(file, &text);
    assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
    parsed.bank
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

pub(crate) async fn import(
    app: &TestApp,
    user: Option<&TestUser>,
    name: &str,
    bytes: Vec<u8>,
) -> (u16, Value) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new()
        .part("file", part)
        .text("bank", format!("nhap-{name}"));
    let mut req = app
        .api
        .post(app.url("/api/v1/banks/import"))
        .multipart(form);
    if let Some(u) = user {
        req = req.bearer_auth(&u.token);
    }
    let res = req.send().await.unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn json(app: &TestApp, path: &str, user: &TestUser) -> Value {
    let res = app.get(path, Some(user)).await;
    assert_eq!(res.status(), 200, "{path}");
    res.json().await.unwrap()
}

async fn question_count(app: &TestApp) -> u64 {
    questions::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

async fn the_shipped_bank_loads_at_start_up(app: TestApp) {
    let judge = app.create_user(Role::Judge, None).await;
    let banks = json(&app, "/api/v1/banks", &judge).await;
    let banks = banks.as_array().unwrap();
    assert_eq!(banks.len(), 8);
    let total: i64 = banks
        .iter()
        .map(|b| b["active_questions"].as_i64().unwrap())
        .sum();
    assert!(total >= 150, "{total}");
    let home = app.get("/", None).await.text().await.unwrap();
    assert!(
        home.contains(&format!("<strong>{total}</strong>")),
        "landing page shows the count"
    );
}

async fn reloading_unchanged_files_changes_nothing(app: TestApp) {
    let before = question_count(&app).await;
    cchc_quiz::store::banks::load_folder_at_startup(
        &app.state.db,
        &crate::helpers::questions_dir(),
    )
    .await
    .unwrap();
    let report = upsert_bank(&app.state.db, &shipped("thanh-tra.toml"), "test")
        .await
        .unwrap();
    assert_eq!((report.imported, report.updated, report.retired), (0, 0, 0));
    assert_eq!(report.unchanged, 72);
    assert_eq!(question_count(&app).await, before);
    let versions = question_versions::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(versions, before, "no new version either");
}

async fn an_edited_question_gets_version_2_and_keeps_version_1(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let mut bank = shipped("thanh-tra.toml");
    bank.questions[0].text = "Luật Thanh tra hiện hành là luật số bao nhiêu? (đã sửa)".into();
    let report = upsert_bank(&app.state.db, &bank, "test").await.unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 71));
    let list = json(&app, "/api/v1/questions?bank=thanh-tra", &organiser).await;
    let edited = list
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["external_id"] == "TT-001")
        .unwrap();
    assert_eq!(edited["version"], 2);
    assert!(edited["text"].as_str().unwrap().ends_with("(đã sửa)"));
    let id = edited["id"].as_i64().unwrap();
    let kept = question_versions::Entity::find()
        .filter(question_versions::Column::QuestionId.eq(id))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    assert!(
        kept.iter()
            .any(|v| v.version == 1 && v.text.contains("đang có hiệu lực"))
    );
}

async fn a_removed_question_is_retired_and_comes_back_when_restored(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let full = shipped("thanh-tra.toml");
    let mut bank = full.clone();
    let removed = bank.questions.pop().unwrap();
    assert_eq!(
        upsert_bank(&app.state.db, &bank, "test")
            .await
            .unwrap()
            .retired,
        1
    );
    let list = json(&app, "/api/v1/questions?bank=thanh-tra", &organiser).await;
    assert_eq!(list.as_array().unwrap().len(), full.questions.len() - 1);
    let row = questions::Entity::find()
        .filter(questions::Column::ExternalId.eq(removed.external_id.clone()))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a retired question is never deleted");
    assert!(row.retired);
    let report = upsert_bank(&app.state.db, &full, "test").await.unwrap();
    assert_eq!((report.updated, report.retired), (1, 0));
    let list = json(&app, "/api/v1/questions?bank=thanh-tra", &organiser).await;
    assert_eq!(list.as_array().unwrap().len(), full.questions.len());
}

async fn every_format_imports_through_the_api_with_a_report(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let pctn = shipped("phong-chong-tham-nhung.toml");
    let pctn_count = u64::try_from(pctn.questions.len()).unwrap_or(u64::MAX);
    let xlsx = export::to_xlsx(&pctn).unwrap();
    let csv = "\u{feff}Chủ đề,Câu hỏi,A,B,Đáp án\r\nThử,Câu hỏi CSV có dấu?,Có,Không,A\r\n"
        .as_bytes()
        .to_vec();
    let cases = [
        ("pctn.xlsx", xlsx, pctn_count, 0),
        ("mau.csv", csv, 1, 0),
        ("moodle.gift", fixture("moodle.gift"), 3, 4),
        ("aiken.txt", fixture("aiken.txt"), 3, 0),
        ("moodle.xml", fixture("moodle.xml"), 2, 1),
    ];
    for (name, bytes, imported, skipped) in cases {
        let (status, report) = import(&app, Some(&organiser), name, bytes.clone()).await;
        assert_eq!(status, 200, "{name}: {report}");
        assert_eq!(report["imported"], imported, "{name}: {report}");
        assert_eq!(
            report["skipped"].as_array().unwrap().len(),
            skipped,
            "{name}: {report}"
        );
        let (_, again) = import(&app, Some(&organiser), name, bytes).await;
        assert_eq!(
            (again["imported"].as_u64(), again["unchanged"].as_u64()),
            (Some(0), Some(imported)),
            "{name}"
        );
    }
    let csv_question = json(&app, "/api/v1/questions?bank=nhap-mau-csv", &organiser).await;
    assert_eq!(csv_question[0]["text"], "Câu hỏi CSV có dấu?");
    assert_eq!(csv_question[0]["options"][0]["correct"], true);
}

async fn a_file_with_only_rejected_questions_imports_nothing(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let before = question_count(&app).await;
    let (status, body) = import(
        &app,
        Some(&organiser),
        "hong.csv",
        b"Chu de,Cau hoi,A,B,Dap an\nT,,x,y,Z\n".to_vec(),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "import_rejected");
    assert_eq!(body["report"]["rejected"][0]["line"], 2);
    assert_eq!(question_count(&app).await, before);
}

async fn broken_files_are_a_clear_4xx_and_change_nothing(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let before = question_count(&app).await;
    let bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
        for _ in 0..64 {
            zip.write_all(&vec![b' '; 1024 * 1024]).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    let cases = [
        ("bang-tinh.xlsx", bomb),
        ("nhi-phan.csv", vec![0u8, 159, 146, 150, 0, 1, 2, 3]),
        ("latin1.gift", b"C\xe2u h\xf4i? {=A ~B}".to_vec()),
        ("khong-ro.pdf", b"%PDF-1.4".to_vec()),
    ];
    for (name, bytes) in cases {
        let (status, body) = import(&app, Some(&organiser), name, bytes).await;
        assert!((400..500).contains(&status), "{name}: {status}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{name}: {body}"
        );
    }
    assert_eq!(question_count(&app).await, before);
}

async fn only_contest_staff_may_use_the_bank_routes(app: TestApp) {
    let participant = app.participant().await;
    for path in [
        "/api/v1/banks",
        "/api/v1/questions",
        "/api/v1/banks/template.xlsx",
        "/api/v1/banks/thanh-tra/export",
    ] {
        assert_eq!(app.get(path, None).await.status(), 401, "{path}");
        assert_eq!(
            app.get(path, Some(&participant)).await.status(),
            403,
            "{path}"
        );
    }
    let judge = app.create_user(Role::Judge, None).await;
    let (status, body) = import(&app, Some(&judge), "aiken.txt", fixture("aiken.txt")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("forbidden"))
    );
    assert_eq!(
        import(&app, None, "aiken.txt", fixture("aiken.txt"))
            .await
            .0,
        401
    );
}

async fn a_bank_exports_to_toml_and_xlsx_that_read_back_the_same(app: TestApp) {
    let judge = app.create_user(Role::Judge, None).await;
    let res = app
        .get("/api/v1/banks/thanh-tra/export?format=toml", Some(&judge))
        .await;
    assert_eq!(res.status(), 200);
    let toml = native::parse("thanh-tra.toml", &res.text().await.unwrap());
    assert!(toml.rejected.is_empty(), "{:?}", toml.rejected);
    let res = app
        .get("/api/v1/banks/thanh-tra/export?format=xlsx", Some(&judge))
        .await;
    let bytes = res.bytes().await.unwrap();
    let xlsx = cchc_quiz::banks::parse(
        Format::Xlsx,
        &Source {
            file: "x.xlsx",
            bank: None,
        },
        &bytes,
    )
    .unwrap();
    let without_lines = |mut b: ParsedBank| {
        b.questions.iter_mut().for_each(|q| q.line = 0);
        b
    };
    assert_eq!(without_lines(xlsx.bank), without_lines(toml.bank.clone()));
    let shipped = shipped("thanh-tra.toml");
    assert_eq!(toml.bank.questions.len(), shipped.questions.len());
    assert_eq!(toml.bank.questions[3].text, shipped.questions[3].text);
    let template = app.get("/api/v1/banks/template.csv", Some(&judge)).await;
    assert!(
        template
            .text()
            .await
            .unwrap()
            .contains("Chủ đề,Câu hỏi,A,B,C,D,E,F,Đáp án")
    );
    assert_eq!(
        app.get("/api/v1/banks/khong-co/export", Some(&judge))
            .await
            .status(),
        404
    );
}

async fn a_broken_file_in_the_folder_is_skipped_and_the_others_load(app: TestApp) {
    let dir = std::env::temp_dir().join(format!("cchc-banks-{}", app.state.port));
    std::fs::create_dir_all(&dir).unwrap();
    let good = "[bank]\nid = \"tot\"\ntitle = \"Tốt\"\ntopic = \"Chung\"\n\n[[question]]\nid = \"T1\"\ntext = \"Câu?\"\noptions = [\"Có\", \"Không\"]\ncorrect = [\"A\"]\n";
    std::fs::write(dir.join("a-tot.toml"), good).unwrap();
    std::fs::write(
        dir.join("b-hong.toml"),
        good.replace("id = \"tot\"", "id = \"hong\"")
            .replace("[\"A\"]", "[\"C\"]"),
    )
    .unwrap();
    let result = cchc_quiz::store::banks::load_folder_at_startup(&app.state.db, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    assert!(result.is_ok());
    let slugs: Vec<String> = cchc_quiz::store::banks::summaries(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.slug)
        .collect();
    assert!(slugs.contains(&"tot".to_owned()));
    assert!(!slugs.contains(&"hong".to_owned()));
}

async fn an_upload_over_10_mb_is_a_json_413(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (status, body) = import(
        &app,
        Some(&organiser),
        "lon.csv",
        vec![b'a'; 11 * 1024 * 1024],
    )
    .await;
    assert_eq!(status, 413);
    assert_eq!(body["error"]["code"], "payload_too_large");
}

async fn the_openapi_document_lists_the_bank_routes(app: TestApp) {
    let doc: Value = app
        .get("/api/v1/openapi.json", None)
        .await
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/banks",
        "/api/v1/banks/import",
        "/api/v1/questions",
        "/api/v1/banks/{slug}/export",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
}

crate::db_tests!(shipped_banks:
    the_shipped_bank_loads_at_start_up,
    reloading_unchanged_files_changes_nothing,
    an_edited_question_gets_version_2_and_keeps_version_1,
    a_removed_question_is_retired_and_comes_back_when_restored,
    every_format_imports_through_the_api_with_a_report,
    a_file_with_only_rejected_questions_imports_nothing,
    broken_files_are_a_clear_4xx_and_change_nothing,
    only_contest_staff_may_use_the_bank_routes,
    a_bank_exports_to_toml_and_xlsx_that_read_back_the_same,
    a_broken_file_in_the_folder_is_skipped_and_the_others_load,
    an_upload_over_10_mb_is_a_json_413,
    the_openapi_document_lists_the_bank_routes,
);
