//! The judges' export files read back as a judge sees them: ISO 8601 dates in Vietnam time and rounded rates
//! and averages in the CSV; real durations, two-decimal averages, a filterable header row frozen under a title
//! block in the workbook; and each answer's first and last save times, untouched by the final form post.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{key_of, open_round, option_ids, question_ids, save, start_ok, submit};
use crate::quiz_pages::{csrf_of, page, post_form};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use cchc_quiz::domain::{CONTEST_TITLE, Role};
use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use std::io::Read;

/// A unit of seven where three people sat the round: two answered one question right, one answered nothing,
/// so the unit's participation is 3/7 and its average score 2/3.
struct Sat {
    round: i64,
    judge: TestUser,
}

async fn three_of_seven_sat(app: &TestApp) -> Sat {
    let (_, round) = open_round(app, serde_json::json!({})).await;
    let unit = app.create_unit("DV7", "Phòng Bảy", 7).await;
    for right in [true, true, false] {
        let p = app.create_user(Role::Participant, Some(unit)).await;
        let attempt = start_ok(app, &p, round).await;
        let id = attempt["id"].as_i64().expect("attempt id");
        if right {
            let q = question_ids(&attempt)[0];
            let key = key_of(app, q).await;
            assert_eq!(save(app, &p, id, q, &key).await.status(), 200);
        }
        assert_eq!(submit(app, &p, id).await.status(), 200);
    }
    let judge = app.create_user(Role::Judge, None).await;
    Sat { round, judge }
}

async fn download(app: &TestApp, judge: &TestUser, path: &str) -> Vec<u8> {
    let res = app.get(path, Some(judge)).await;
    assert_eq!(res.status(), 200, "{path}");
    res.bytes().await.expect("body").to_vec()
}

/// The records of a CSV export (its byte-order mark removed), the header row first.
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// The cell under `header` in each data row.
fn column(records: &[Vec<String>], header: &str) -> Vec<String> {
    let at = records[0]
        .iter()
        .position(|h| h == header)
        .unwrap_or_else(|| panic!("no column {header}: {:?}", records[0]));
    records[1..].iter().map(|r| r[at].clone()).collect()
}

fn vn_now() -> NaiveDateTime {
    Utc::now().with_timezone(&Ho_Chi_Minh).naive_local()
}

fn iso_vn(t: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Ho_Chi_Minh);
    local.format("%Y-%m-%d %H:%M:%S").to_string()
}

async fn the_csv_shows_iso_vietnam_times_and_rounded_rates_and_averages(app: TestApp) {
    let sat = three_of_seven_sat(&app).await;
    let base = format!("/api/v1/rounds/{}/export?format=csv", sat.round);
    let individual =
        records(&download(&app, &sat.judge, &format!("{base}&table=individual")).await);
    let submitted = column(&individual, "Thời điểm nộp bài");
    assert_eq!(submitted.len(), 3);
    for cell in &submitted {
        let at = NaiveDateTime::parse_from_str(cell, "%Y-%m-%d %H:%M:%S")
            .unwrap_or_else(|e| panic!("{cell:?} is no ISO date: {e}"));
        let off = (vn_now() - at).num_seconds();
        assert!((0..120).contains(&off), "{cell} is Vietnam wall-clock time");
    }
    for cell in column(&individual, "Thời gian làm bài") {
        let shape: String = cell
            .chars()
            .map(|c| if c.is_ascii_digit() { '9' } else { c })
            .collect();
        assert_eq!(shape, "9:99:99.999", "{cell} is hours:minutes:seconds");
    }
    let units = records(&download(&app, &sat.judge, &format!("{base}&table=units")).await);
    let row = units
        .iter()
        .position(|r| r[1] == "DV7")
        .expect("the unit DV7");
    assert_eq!(column(&units, "Tỷ lệ tham gia")[row - 1], "42.9%");
    assert_eq!(column(&units, "Điểm trung bình")[row - 1], "0.67");
}

/// A part of the workbook's zip archive as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

fn sheet(xlsx: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("workbook");
    book.worksheet_range(name).expect(name)
}

fn text(range: &calamine::Range<Data>, row: u32) -> String {
    range
        .get_value((row, 0))
        .map(|c| c.to_string())
        .unwrap_or_default()
}

async fn the_workbook_has_a_title_block_filters_and_real_durations(app: TestApp) {
    let sat = three_of_seven_sat(&app).await;
    let path = format!("/api/v1/rounds/{}/export?format=xlsx", sat.round);
    let xlsx = download(&app, &sat.judge, &path).await;
    let individual = sheet(&xlsx, "Xếp hạng cá nhân");
    assert_eq!(text(&individual, 0), CONTEST_TITLE);
    assert_eq!(text(&individual, 1), "Đợt thi: Tuần thi thứ nhất");
    let exported = text(&individual, 2);
    let at = exported
        .strip_prefix("Thời điểm xuất: ")
        .and_then(|t| t.strip_suffix(" (giờ Việt Nam)"))
        .unwrap_or_else(|| panic!("{exported}"));
    let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M:%S").expect("an ISO time");
    assert!(
        (0..120).contains(&(vn_now() - at).num_seconds()),
        "{exported}"
    );
    assert_eq!(
        text(&individual, 4),
        "Hạng",
        "the header row under the block"
    );
    let duration = individual.get_value((5, 8)).expect("a duration cell");
    assert!(
        matches!(duration, Data::DateTime(d) if d.is_duration()),
        "{duration:?} is a spreadsheet duration"
    );
    let units = sheet(&xlsx, "Xếp hạng đơn vị");
    let average = (5..20)
        .find(|r| {
            units
                .get_value((*r, 1))
                .is_some_and(|c| *c == Data::String("DV7".to_owned()))
        })
        .and_then(|r| units.get_value((r, 6)))
        .expect("the unit's average");
    assert!(matches!(average, Data::Float(x) if (x - 2.0 / 3.0).abs() < 1e-9));

    let styles = part(&xlsx, "xl/styles.xml");
    for format in ["[m]:ss", "0.00", "0.0%", "yyyy-mm-dd hh:mm:ss"] {
        assert!(
            styles.contains(&format!("formatCode=\"{format}\"")),
            "{format}"
        );
    }
    assert!(styles.contains("wrapText=\"1\""), "long text wraps");
    let first = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(first.contains("<autoFilter ref=\"A5:L8\""), "{first}");
    assert!(first.contains("ySplit=\"5\"") && first.contains("state=\"frozen\""));
}

async fn the_contest_workbook_states_its_rule_and_its_csv_stays_a_table(app: TestApp) {
    let sat = three_of_seven_sat(&app).await;
    let xlsx = download(&app, &sat.judge, "/api/v1/contest/export?format=xlsx").await;
    let individual = sheet(&xlsx, "Xếp hạng cá nhân");
    assert_eq!(text(&individual, 0), CONTEST_TITLE);
    assert!(text(&individual, 1).contains("Tuần thi thứ nhất"));
    let rule = text(&individual, 3);
    assert!(rule.contains("tổng thời gian"), "{rule}");
    assert!(rule.contains("Câu hỏi dự đoán không được dùng"), "{rule}");
    let header_row = (0..10).find(|r| text(&individual, *r) == "Hạng");
    let total = individual
        .get_value((header_row.expect("header") + 1, 7))
        .expect("a total");
    assert!(matches!(total, Data::DateTime(d) if d.is_duration()));
    let csv = "/api/v1/contest/export?format=csv&table=individual";
    let records = records(&download(&app, &sat.judge, csv).await);
    assert_eq!(records[0][0], "Hạng", "the header is the first line");
}

async fn saved_at(res: reqwest::Response) -> DateTime<Utc> {
    assert_eq!(res.status(), 200);
    let body: serde_json::Value = res.json().await.expect("json");
    serde_json::from_value(body["saved_at"].clone()).expect("saved_at")
}

async fn an_answer_keeps_its_first_and_last_save_times_through_the_final_form_post(app: TestApp) {
    let (_, round) = open_round(&app, serde_json::json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let id = attempt["id"].as_i64().expect("attempt id");
    let q = question_ids(&attempt)[0];
    let options = option_ids(&attempt["questions"][0]);
    let pause = std::time::Duration::from_millis(1100);
    let t1 = saved_at(save(&app, &p, id, q, &options[..1]).await).await;
    tokio::time::sleep(pause).await;
    let t2 = saved_at(save(&app, &p, id, q, &options[1..2]).await).await;
    tokio::time::sleep(pause).await;
    let path = format!("/bai-thi/{id}");
    let (_, quiz) = page(&app, &p, &path).await;
    let fields = vec![
        ("csrf".to_owned(), csrf_of(&quiz)),
        (format!("q_{q}"), options[1].to_string()),
    ];
    let done = post_form(&app, &p, &format!("{path}/nop-bai"), &fields).await;
    assert_eq!(done.status(), 303);

    let judge = app.create_user(Role::Judge, None).await;
    let csv = format!("/api/v1/rounds/{round}/export?format=csv&table=answers");
    let rows = records(&download(&app, &judge, &csv).await);
    let first_question = column(&rows, "Câu số").iter().position(|n| n == "1");
    let at = first_question.expect("the first question's row");
    assert_eq!(column(&rows, "Lưu lần đầu")[at], iso_vn(t1));
    assert_eq!(column(&rows, "Lưu lần cuối")[at], iso_vn(t2));
    assert_ne!(iso_vn(t1), iso_vn(t2), "the pauses put them seconds apart");
}

async fn the_answer_times_migration_backfills_both_times_and_rolls_back(app: TestApp) {
    use cchc_quiz::entities::answers;
    use sea_orm::{ConnectionTrait, EntityTrait};
    let (_, round) = open_round(&app, serde_json::json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let id = attempt["id"].as_i64().expect("attempt id");
    let q = question_ids(&attempt)[0];
    let options = option_ids(&attempt["questions"][0]);
    assert_eq!(save(&app, &p, id, q, &options[..1]).await.status(), 200);
    let db = &app.state.db;
    // Down through the later migrations (withdrawn questions, round rules, first login, prizes, documents, the
    // draw in one row, the key revision) to before this one.
    cchc_quiz::db::migrate_down(db, 8).await.expect("down");
    let gone = db
        .execute_unprepared("SELECT first_saved_at FROM answers")
        .await;
    assert!(gone.is_err(), "the column is dropped");
    cchc_quiz::db::migrate(db).await.expect("up again");
    let rows = answers::Entity::find().all(db).await.expect("answers");
    assert_eq!(rows.len(), 1, "the answer survived both ways");
    assert_eq!(rows[0].first_saved_at, rows[0].saved_at);
    let missing = format!(
        "INSERT INTO answers (attempt_id, question_id, option_ids, saved_at) \
         SELECT attempt_id, {}, '[]', saved_at FROM answers WHERE attempt_id = {id}",
        question_ids(&attempt)[1]
    );
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        assert!(
            db.execute_unprepared(&missing).await.is_err(),
            "the database refuses an answer without its first save time"
        );
    }
}

crate::db_tests!(
    the_csv_shows_iso_vietnam_times_and_rounded_rates_and_averages,
    the_workbook_has_a_title_block_filters_and_real_durations,
    the_contest_workbook_states_its_rule_and_its_csv_stays_a_table,
    an_answer_keeps_its_first_and_last_save_times_through_the_final_form_post,
    the_answer_times_migration_backfills_both_times_and_rolls_back,
);
