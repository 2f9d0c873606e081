//! Review F6: names a participant or a roster chose (`=HYPERLINK(...)`, `+cmd|...`) reach the judges' CSV
//! exports; a spreadsheet must read every such cell as text. The files are read back the way a spreadsheet
//! reads them: parsed as CSV, and any cell starting with a formula character must be a plain number.
use crate::helpers::TestApp;
use crate::quiz_fixture::{open_round, start_ok, submit};
use cchc_quiz::domain::Role;

const NAME: &str = r#"=HYPERLINK("http://evil.example/","Nhấn vào đây")"#;
const UNIT: &str = r#"-2+3+cmd|"/C calc"!A0"#;
const LOGIN_LIKE: &str = "@SUM(1+9)*cmd";

/// The cells of a CSV file as a spreadsheet sees them (the byte-order mark removed).
fn cells(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.expect("a CSV record"))
        .flat_map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r']) && cell.parse::<f64>().is_err()
}

async fn no_cell_of_any_csv_export_is_a_formula(app: TestApp) {
    let (_organiser, round) = open_round(&app, serde_json::json!({})).await;
    let unit = app.create_unit("TTS-TC", UNIT, 5).await;
    let person = app
        .create_named_user("nguoi-thi", NAME, Role::Participant, Some(unit))
        .await;
    let other = app
        .create_named_user(
            "nguoi-khac",
            "+cmd|' /C calc'!A0",
            Role::Participant,
            Some(unit),
        )
        .await;
    for p in [&person, &other] {
        let attempt = start_ok(&app, p, round).await;
        let id = attempt["id"].as_i64().expect("attempt id");
        assert_eq!(submit(&app, p, id).await.status(), 200);
    }
    let judge = app
        .create_named_user(LOGIN_LIKE, "Giám khảo", Role::Judge, None)
        .await;
    let mut seen = Vec::new();
    for table in ["individual", "units", "answers", "questions"] {
        for path in [
            format!("/api/v1/rounds/{round}/export?format=csv&table={table}"),
            format!("/api/v1/contest/export?format=csv&table={table}"),
        ] {
            let res = app.get(&path, Some(&judge)).await;
            if res.status() == 400 {
                continue; // a table the contest export does not have
            }
            assert_eq!(res.status(), 200, "{path}");
            let cells = cells(&res.bytes().await.expect("body"));
            for cell in &cells {
                assert!(!is_formula(cell), "{path}: a formula cell {cell:?}");
            }
            seen.extend(cells);
        }
    }
    assert!(
        seen.iter().any(|c| c == &format!("'{NAME}")),
        "the name is kept, as text"
    );
    assert!(
        seen.iter().any(|c| c == &format!("'{UNIT}")),
        "the unit is kept, as text"
    );
    assert!(
        seen.iter().any(|c| c.parse::<i64>().is_ok()),
        "numbers stay numbers"
    );
}

crate::db_tests!(no_cell_of_any_csv_export_is_a_formula);
