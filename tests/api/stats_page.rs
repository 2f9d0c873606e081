//! The judges' statistics page: the questions to check first, units by name, and the item table sorted by
//! its figures through plain links.
use crate::helpers::TestApp;
use crate::results_seed::{self, Sitting, insert_sitting};
use cchc_quiz::domain::{PredictionKind, Role};
use chrono::{Duration, TimeZone, Utc};
use std::collections::BTreeSet;

/// Ten people, one attempt each, answering so that (facility, discrimination) is KQ-001 (40%, +1),
/// KQ-002 (30%, -1: only the weakest get it right) and KQ-003 (70%, +1).
async fn seeded(app: &TestApp) -> (i64, Vec<results_seed::Q>) {
    let qs = results_seed::bank_and_setting(app).await;
    let round_id = results_seed::round(app, false, PredictionKind::FullScoreCount).await;
    let units = results_seed::units(app).await;
    let base = Utc.with_ymd_and_hms(2026, 11, 20, 2, 0, 0).unwrap();
    for i in 0..10usize {
        // Which of KQ-001, KQ-002, KQ-003 person i gets right: scores 3 (four people), 2 (three), 1 (three).
        let right = match i {
            0..4 => [true, false, true],
            4..7 => [false, false, true],
            _ => [false, true, false],
        };
        let chosen = qs
            .iter()
            .zip(right)
            .map(|(q, ok)| {
                if ok {
                    q.correct.clone()
                } else {
                    BTreeSet::from([q.options[3]])
                }
            })
            .collect();
        let unit_id = results_seed::unit_of_person(&units, i);
        let user = app
            .create_named_user(
                &format!("tk{i:02}"),
                &format!("Trần Thị Thống Kê{i:02}"),
                Role::Participant,
                Some(unit_id),
            )
            .await;
        let sitting = Sitting {
            user_id: user.id,
            unit_id,
            attempt_no: 1,
            chosen,
            duration_ms: 60_000 + i as i64 * 1_000,
            finished_at: base + Duration::minutes(i as i64),
            prediction: None,
        };
        insert_sitting(app, round_id, &qs, &sitting).await;
    }
    (round_id, qs)
}

async fn stats_html(app: &TestApp, round_id: i64, query: &str) -> String {
    let judge = app.create_user(Role::Judge, None).await;
    let res = app
        .get(
            &format!("/giam-khao/dot-thi/{round_id}/thong-ke{query}"),
            Some(&judge),
        )
        .await;
    assert_eq!(res.status(), 200);
    res.text().await.unwrap()
}

/// The external ids in the order the item table lists them.
fn table_order(html: &str) -> Vec<&str> {
    let table = &html[html.find("id=\"cau-hoi\"").expect("the item table")..];
    let mut found: Vec<(usize, &str)> = ["KQ-001", "KQ-002", "KQ-003"]
        .into_iter()
        .map(|id| {
            (
                table
                    .find(&format!("<td>{id}</td>"))
                    .expect("a row per question"),
                id,
            )
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

async fn the_item_table_sorts_by_each_figure_through_header_links(app: TestApp) {
    let (round_id, _) = seeded(&app).await;
    let html = stats_html(&app, round_id, "").await;
    assert_eq!(
        table_order(&html),
        ["KQ-001", "KQ-002", "KQ-003"],
        "bank order by default"
    );
    for key in ["so-luot", "ty-le-dung", "do-phan-biet"] {
        let link = format!(
            "href=\"/giam-khao/dot-thi/{round_id}/thong-ke?sap-xep={key}&amp;chieu=tang#cau-hoi\""
        );
        assert!(html.contains(&link), "a header link sorts by {key}");
    }
    assert!(
        html.contains("<td class=\"num\" data-label=\"Tỷ lệ đúng\">40,0%</td>"),
        "facility with a decimal comma"
    );
    assert!(
        html.contains("<td class=\"num\" data-label=\"Độ phân biệt\">-1,00</td>"),
        "discrimination with a decimal comma"
    );

    let up = stats_html(&app, round_id, "?sap-xep=ty-le-dung&chieu=tang").await;
    assert_eq!(table_order(&up), ["KQ-002", "KQ-001", "KQ-003"]);
    assert!(
        up.contains("thong-ke?sap-xep=ty-le-dung&amp;chieu=giam#cau-hoi"),
        "clicking the sorted column again reverses it"
    );
    assert!(up.contains("aria-sort=\"ascending\""));
    let down = stats_html(&app, round_id, "?sap-xep=ty-le-dung&chieu=giam").await;
    assert_eq!(table_order(&down), ["KQ-003", "KQ-001", "KQ-002"]);
    let worst_first = stats_html(&app, round_id, "?sap-xep=do-phan-biet&chieu=tang").await;
    assert_eq!(table_order(&worst_first), ["KQ-002", "KQ-001", "KQ-003"]);
    let nonsense = stats_html(&app, round_id, "?sap-xep=khong-co&chieu=ngang").await;
    assert_eq!(
        table_order(&nonsense),
        ["KQ-001", "KQ-002", "KQ-003"],
        "an unknown column keeps the default"
    );
}

async fn questions_to_check_are_the_hardest_and_the_negatively_discriminating(app: TestApp) {
    let (round_id, qs) = seeded(&app).await;
    let html = stats_html(&app, round_id, "").await;
    let start = html
        .find("id=\"cau-can-xem-lai\"")
        .expect("the review section");
    let section = &html[start..start + html[start..].find("</section>").unwrap()];
    assert!(
        start < html.find("class=\"chart-figure\"").unwrap(),
        "the review comes before the charts"
    );
    assert!(section.contains("Câu cần xem lại"));
    let (second, first) = (
        section.find("KQ-001").unwrap(),
        section.find("KQ-002").unwrap(),
    );
    assert!(first < second, "lowest facility first");
    assert!(
        !section.contains("KQ-003"),
        "70% right and positive discrimination is fine"
    );
    assert!(section.contains("Tỷ lệ trả lời đúng thấp: <strong>30,0%</strong> (3/10 lượt)."));
    assert!(section.contains("Tỷ lệ trả lời đúng thấp: <strong>40,0%</strong> (4/10 lượt)."));
    assert_eq!(
        section
            .matches("Độ phân biệt âm: <strong>-1,00</strong>")
            .count(),
        1,
        "only KQ-002"
    );
    let link = format!("/quan-tri/ngan-hang/ket-qua#q-{}", qs[1].question_id);
    assert!(
        section.contains(&format!("href=\"{link}\"")),
        "linked to the question in its bank"
    );

    let judge = app.create_user(Role::Judge, None).await;
    let bank = app.get("/quan-tri/ngan-hang/ket-qua", Some(&judge)).await;
    assert_eq!(bank.status(), 200);
    let bank = bank.text().await.unwrap();
    assert!(
        bank.contains(&format!("id=\"q-{}\"", qs[1].question_id)),
        "the link's target exists"
    );
}

async fn the_charts_name_units_and_label_every_bar_in_text(app: TestApp) {
    let (round_id, _) = seeded(&app).await;
    let html = stats_html(&app, round_id, "").await;
    assert!(
        html.contains("<span class=\"hbar-label\">Phòng thử 0</span>"),
        "units by name"
    );
    assert!(
        !html.contains("<span class=\"hbar-label\">DV0</span>"),
        "not by code"
    );
    // Unit 0 gets people 0, 1, 2, 7, 8 and 9 of the ten (headcount 10).
    assert!(html.contains("<span class=\"hbar-value\">60,0% (6/10)</span>"));
    assert!(html.contains("<span class=\"hbar-label\">3 điểm</span><span class=\"hbar-track\">"));
    assert!(
        html.contains("<span class=\"hbar-value\">4 người</span>"),
        "four people scored 3"
    );
    assert!(html.contains("<span class=\"hbar-label\">20/11/2026</span>"));
    assert!(
        !html.contains("<script>") && !html.contains(" style=\""),
        "nothing the CSP would block"
    );
}

crate::db_tests!(
    the_item_table_sorts_by_each_figure_through_header_links,
    questions_to_check_are_the_hardest_and_the_negatively_discriminating,
    the_charts_name_units_and_label_every_bar_in_text,
);
