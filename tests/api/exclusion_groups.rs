//! Exclusion groups and the bank checker through the API: an attempt never holds two questions of one group, a
//! round the groups cannot fill is refused, and an import answers the checker's findings.
use crate::banks::import;
use crate::helpers::TestApp;
use crate::quiz_fixture::{create_round, question_ids, round_body, start_ok, submit};
use cchc_quiz::domain::Role;
use serde_json::{Value, json};
use std::collections::HashSet;

/// Topic "Nhóm thử": N-1..N-4 reveal one another (group "so-hieu"), N-5 and N-6 stand alone.
fn grouped_bank() -> String {
    let mut out =
        "[bank]\nid = \"nhom-thu\"\ntitle = \"Nhóm thử\"\ntopic = \"Nhóm thử\"\n".to_owned();
    for n in 1..=6 {
        let group = if n <= 4 {
            "exclusion_groups = [\"so-hieu\"]\n"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n[[question]]\nid = \"N-{n}\"\ntext = \"Câu hỏi thử thứ {n} về một nội dung riêng?\"\n\
             options = [\"Phương án đúng {n}\", \"Phương án sai {n}\"]\ncorrect = [\"A\"]\n\
             legal_basis = \"khoản {n} Điều 1 Luật mẫu\"\n{group}"
        ));
    }
    out
}

async fn imported_questions(app: &TestApp, organiser: &crate::helpers::TestUser) -> Vec<Value> {
    let res = app
        .get("/api/v1/questions?bank=nhap-nhom-thu-toml", Some(organiser))
        .await;
    res.json::<Value>()
        .await
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

async fn an_attempt_never_holds_two_questions_of_one_exclusion_group(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (status, report) = import(
        &app,
        Some(&organiser),
        "nhom-thu.toml",
        grouped_bank().into_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let questions = imported_questions(&app, &organiser).await;
    let grouped: HashSet<i64> = questions
        .iter()
        .filter(|q| q["exclusion_groups"] == json!(["so-hieu"]))
        .map(|q| q["id"].as_i64().unwrap())
        .collect();
    assert_eq!(grouped.len(), 4, "the groups are stored with the version");
    let rules = json!({"practice": true, "question_count": 3, "draw_rules": [{"topic": "Nhóm thử", "count": 3}]});
    let round = create_round(&app, &organiser, rules).await;
    let p = app.participant().await;
    for _ in 0..15 {
        let attempt = start_ok(&app, &p, round).await;
        let ids = question_ids(&attempt);
        assert_eq!(ids.len(), 3);
        let together = ids.iter().filter(|id| grouped.contains(id)).count();
        assert_eq!(
            together, 1,
            "one question of the group per attempt, drew {ids:?}"
        );
        submit(&app, &p, attempt["id"].as_i64().unwrap()).await;
    }
}

async fn a_round_the_groups_cannot_fill_is_refused(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    import(
        &app,
        Some(&organiser),
        "nhom-thu.toml",
        grouped_bank().into_bytes(),
    )
    .await;
    let body =
        round_body(json!({"question_count": 4, "draw_rules": [{"topic": "Nhóm thử", "count": 4}]}));
    let res = app
        .post_json("/api/v1/rounds", Some(&organiser), &body)
        .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    let message = body["error"]["fields"]["draw_rules"][0]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        message.contains("nhóm loại trừ") && message.contains("tối đa 3"),
        "{body}"
    );
}

const CHECKED_BANK: &str = r#"
[bank]
id = "kiem-tra"
title = "Ngân hàng kiểm tra"
valid_as_of = "2026-11-27"
topic = "Kiểm tra"

[[question]]
id = "K-1"
text = "Theo Luật Thanh tra số 11/2022/QH15, Thanh tra huyện do cơ quan nào thành lập?"
options = ["Ủy ban nhân dân cấp huyện", "Thanh tra tỉnh"]
correct = ["A"]
legal_basis = "Điều 9 Luật Thanh tra số 11/2022/QH15"

[[question]]
id = "K-2"
text = "Luật Tiếp công dân có số hiệu là gì?"
options = ["42/2013/QH13", "02/2011/QH13"]
correct = ["A"]
legal_basis = "Điều 1 Luật Tiếp công dân số 42/2013/QH13"

[[question]]
id = "K-3"
text = "Luật Tiếp công dân số 42/2013/QH13 quy định mấy hình thức tiếp công dân từ ngày 01/7/2026?"
options = ["Hai hình thức", "Một hình thức"]
correct = ["A"]
legal_basis = "Luật số 136/2025/QH15"
"#;

async fn an_import_answers_the_findings_and_refuses_a_replaced_document(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (status, report) = import(
        &app,
        Some(&organiser),
        "kiem-tra.toml",
        CHECKED_BANK.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let findings = report["findings"].as_array().unwrap();
    let has = |code: &str, line: i64| {
        findings
            .iter()
            .any(|f| f["code"] == code && f["line"] == line)
    };
    assert!(has("replaced-document", 8), "{report}");
    assert!(has("revealing-pair", 15), "{report}");
    assert!(has("no-article", 22), "{report}");
    for f in findings {
        assert!(
            f["severity"] == "error" || f["severity"] == "warning",
            "{f}"
        );
        assert!(f["message"].as_str().is_some_and(|m| !m.is_empty()), "{f}");
    }
    assert_eq!(
        report["imported"], 2,
        "the replaced-document question is not imported: {report}"
    );
    assert_eq!(report["rejected"][0]["line"], 8, "{report}");
}

crate::db_tests!(
    an_attempt_never_holds_two_questions_of_one_exclusion_group,
    a_round_the_groups_cannot_fill_is_refused,
    an_import_answers_the_findings_and_refuses_a_replaced_document,
);
