//! The public results people open from a link on their phones: a round's ranking as cards with a search by name
//! or unit (without diacritics too), the viewer's own line marked, the unit ranking with its criteria; and the
//! overall contest ranking with its rule.
use crate::helpers::TestApp;
use crate::results_seed;
use cchc_quiz::domain::Role;
use cchc_quiz::results::export::{OVERALL_RULE, OVERALL_UNITS_RULE};
use serde_json::{Value, json};

fn cards(page: &str) -> usize {
    page.matches("<li class=\"rank-card").count()
}

async fn publish(app: &TestApp, round: i64, show_names: &str) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let res = app
        .post_json(
            &format!("/api/v1/rounds/{round}/publish"),
            Some(&organiser),
            &json!({ "show_names": show_names }),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn a_rounds_results_are_cards_searchable_without_diacritics(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    publish(&app, seeded.round_id, "full").await;
    let path = format!("/ket-qua/{}", seeded.round_id);

    let page = app.page_ok(&app.api, &path).await;
    assert_eq!(cards(&page), 30, "one card per person");
    assert!(!page.contains("<table"), "no wide table on a phone");
    assert!(
        !page.contains("hang-cua-ban"),
        "nobody's own line for a visitor"
    );

    let found = app.page_ok(&app.api, &format!("{path}?q=thi+sinh05")).await;
    assert_eq!(cards(&found), 1, "typed without diacritics");
    assert!(found.contains("Nguyễn Văn Thí Sinh05"));
    assert!(found.contains("Tìm thấy <strong>1</strong> trong 30 người."));

    // Unit 2 ("Phòng thử 2") holds person 5 of every 7: people 5, 12, 19 and 26.
    let by_unit = app
        .page_ok(&app.api, &format!("{path}?q=PHONG+THU+2"))
        .await;
    assert_eq!(cards(&by_unit), 4, "by unit, any case");

    let none = app
        .page_ok(&app.api, &format!("{path}?q=khong+co+ai"))
        .await;
    assert_eq!(cards(&none), 0);
    assert!(none.contains("Không có ai khớp với từ khoá này."));
}

async fn the_viewers_own_line_is_marked_with_their_rank(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    publish(&app, seeded.round_id, "masked").await;
    let judge = app.create_user(Role::Judge, None).await;
    let board: Value = app
        .get(
            &format!("/api/v1/rounds/{}/leaderboard", seeded.round_id),
            Some(&judge),
        )
        .await
        .json()
        .await
        .unwrap();
    let me = &seeded.people[12];
    let rank = board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["user_id"] == me.id)
        .and_then(|e| e["rank"].as_u64())
        .expect("my line in the staff view");

    let (browser, _) = app.log_in(me).await;
    let page = browser
        .get(app.url(&format!("/ket-qua/{}", seeded.round_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(&format!("Thứ hạng của bạn: <strong>{rank}</strong>")));
    assert_eq!(page.matches("id=\"hang-cua-ban\"").count(), 1);
    let line = &page[page.find("id=\"hang-cua-ban\"").expect("my line")..];
    let line = &line[..line.find("</li>").expect("end of my line")];
    assert!(
        line.contains("N. V. T. Sinh12"),
        "my line, masked as everyone's: {line}"
    );
    assert!(line.contains("Bạn"));
    let main = &page[page.find("<main").expect("main")..];
    assert!(
        !main.contains("Thí Sinh12"),
        "the ranking shows no unmasked name (the header names the viewer to themselves)"
    );
}

async fn the_unit_ranking_states_its_criteria_with_vietnamese_numbers(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    publish(&app, seeded.round_id, "full").await;
    let page = app
        .page_ok(&app.api, &format!("/ket-qua/{}", seeded.round_id))
        .await;
    assert!(page.contains("Xếp theo tỷ lệ tham gia"));
    let judge = app.create_user(Role::Judge, None).await;
    let units: Value = app
        .get(
            &format!("/api/v1/rounds/{}/leaderboard/units", seeded.round_id),
            Some(&judge),
        )
        .await
        .json()
        .await
        .unwrap();
    for unit in units["units"].as_array().unwrap() {
        let average = unit["average_score"].as_f64().unwrap();
        let rate = unit["participation_rate"].as_f64().unwrap() * 100.0;
        let line = format!(
            "Tham gia {}/{} người ({}%) · Điểm trung bình {}",
            unit["participants"],
            unit["headcount"],
            format!("{rate:.1}").replace('.', ","),
            format!("{average:.2}").replace('.', ",")
        );
        assert!(page.contains(&line), "{line}");
    }
}

async fn the_overall_ranking_page_counts_published_rounds_and_states_its_rule(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let path = "/ket-qua/toan-cuoc-thi";
    let before = app.page_ok(&app.api, path).await;
    assert!(before.contains("Chưa có đợt thi nào được công bố kết quả."));
    assert!(!before.contains("Thí Sinh"), "nothing before publication");

    publish(&app, seeded.round_id, "masked").await;
    let page = app.page_ok(&app.api, path).await;
    assert!(page.contains(&format!("href=\"/ket-qua/{}\"", seeded.round_id)));
    assert!(page.contains(OVERALL_RULE) && page.contains(OVERALL_UNITS_RULE));
    assert_eq!(cards(&page), 30);
    assert!(page.contains("N. V. T. Sinh00") && !page.contains("Thí Sinh00"));
    let found = app.page_ok(&app.api, &format!("{path}?q=sinh07")).await;
    assert_eq!(cards(&found), 1);

    let list = app.page_ok(&app.api, "/ket-qua").await;
    assert!(list.contains("href=\"/ket-qua/toan-cuoc-thi\""));
}

crate::db_tests!(
    a_rounds_results_are_cards_searchable_without_diacritics,
    the_viewers_own_line_is_marked_with_their_rank,
    the_unit_ranking_states_its_criteria_with_vietnamese_numbers,
    the_overall_ranking_page_counts_published_rounds_and_states_its_rule,
);
