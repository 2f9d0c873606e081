//! The awards ceremony: prize tiers set per round, the projector slides revealing them from Khuyến khích up to
//! Nhất, and the winners' certificates with the organising body and the signer from the settings.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::open_round;
use crate::results_seed;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::rounds;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};

async fn json_of(res: reqwest::Response) -> Value {
    res.json().await.unwrap()
}

async fn set_prizes(
    app: &TestApp,
    organiser: &TestUser,
    round: i64,
    prizes: Value,
) -> reqwest::Response {
    app.send_json(
        reqwest::Method::PATCH,
        &format!("/api/v1/rounds/{round}"),
        Some(organiser),
        &json!({ "prizes": prizes }),
    )
    .await
}

async fn prizes_are_kept_with_the_round_and_bounded(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let prizes = json!({"first": 1, "second": 2, "third": 3, "consolation": 10, "units": 3});
    let res = set_prizes(&app, &organiser, round, prizes.clone()).await;
    assert_eq!(res.status(), 200);
    let view = json_of(
        app.get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
            .await,
    )
    .await;
    assert_eq!(view["prizes"], prizes);

    let refused = set_prizes(&app, &organiser, round, json!({"first": 1001})).await;
    assert_eq!(refused.status(), 422);
    let body = json_of(refused).await;
    assert!(body.to_string().contains("prizes"), "{body}");
    let view = json_of(
        app.get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
            .await,
    )
    .await;
    assert_eq!(
        view["prizes"]["first"], 1,
        "a refused change changes nothing"
    );

    let (browser, _) = app.log_in(&organiser).await;
    let form = browser
        .get(app.url(&format!("/quan-tri/dot-thi/{round}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("name=\"prize_consolation\"") && form.contains("value=\"10\""));
}

/// The seeded round with 1 Nhất, 2 Nhì, 3 Ba and 2 unit prizes, published; the staff view of its rankings.
async fn published_with_prizes(app: &TestApp) -> (i64, Value, Value) {
    let seeded = results_seed::closed_round(app).await;
    let round = seeded.round_id;
    let organiser = app.create_user(Role::Organiser, None).await;
    // The seeded round is written straight to the database (no draw rules an API change would check).
    let mut m: rounds::ActiveModel = rounds::Entity::find_by_id(round)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the round")
        .into();
    m.prize_first = Set(1);
    m.prize_second = Set(2);
    m.prize_third = Set(3);
    m.prize_units = Set(2);
    m.update(&app.state.db).await.unwrap();
    let res = app
        .post_json(
            &format!("/api/v1/rounds/{round}/publish"),
            Some(&organiser),
            &json!({"show_names": "full"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let board = json_of(
        app.get(
            &format!("/api/v1/rounds/{round}/leaderboard"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    let units = json_of(
        app.get(
            &format!("/api/v1/rounds/{round}/leaderboard/units"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    (round, board, units)
}

fn names_with_rank(board: &Value, ranks: std::ops::RangeInclusive<u64>) -> Vec<String> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["rank"].as_u64().is_some_and(|r| ranks.contains(&r)))
        .map(|e| e["full_name"].as_str().unwrap().to_owned())
        .collect()
}

/// The slide of `tier` (from its opening tag to the next slide).
fn slide<'a>(page: &'a str, tier: &str) -> &'a str {
    let from = page
        .find(&format!("data-tier=\"{tier}\""))
        .unwrap_or_else(|| panic!("a slide for {tier}"));
    let rest = &page[from..];
    &rest[..rest.find("</section>").expect("end of the slide")]
}

async fn the_ceremony_reveals_the_tiers_from_the_lowest_with_their_winners(app: TestApp) {
    let (round, board, units) = published_with_prizes(&app).await;
    let page = app
        .get(&format!("/ket-qua/{round}/le-trao-giai"), None)
        .await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(
        !page.contains("site-header"),
        "no site navigation on the projector"
    );
    assert!(
        page.contains("/static/ceremony."),
        "slides move with the keyboard"
    );
    let order: Vec<usize> = ["Giải Ba", "Giải Nhì", "Giải Nhất"]
        .iter()
        .map(|t| {
            page.find(&format!("data-tier=\"{t}\""))
                .expect("every tier")
        })
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "Ba, then Nhì, then Nhất last"
    );
    assert!(
        !page.contains("data-tier=\"Giải Khuyến khích\""),
        "no tier without prizes"
    );
    for name in names_with_rank(&board, 1..=1) {
        assert!(
            slide(&page, "Giải Nhất").contains(&name),
            "{name} wins Nhất"
        );
    }
    for name in names_with_rank(&board, 2..=3) {
        assert!(slide(&page, "Giải Nhì").contains(&name), "{name} wins Nhì");
    }
    let first_unit = units["units"][0]["unit"]["name"].as_str().unwrap();
    let collective = &page[page.find("Giải tập thể").expect("the unit prizes")..];
    assert!(collective.contains(first_unit));
}

async fn the_ceremony_waits_for_publication_except_for_the_staff(app: TestApp) {
    let seeded = results_seed::closed_round(&app).await;
    let path = format!("/ket-qua/{}/le-trao-giai", seeded.round_id);
    assert_eq!(app.get(&path, None).await.status(), 404);
    let participant = &seeded.people[0];
    assert_eq!(app.get(&path, Some(participant)).await.status(), 404);
    let judge = app.create_user(Role::Judge, None).await;
    let (browser, _) = app.log_in(&judge).await;
    let rehearsal = browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(
        rehearsal.status(),
        200,
        "the judges rehearse before publication"
    );
    assert!(
        rehearsal.text().await.unwrap().contains("chưa đặt số giải"),
        "and are told no prize is set"
    );
}

async fn certificates_name_each_winner_with_the_organiser_and_the_signer(app: TestApp) {
    let (round, board, _) = published_with_prizes(&app).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let settings = json!({
        "organiser": "Công đoàn cơ sở Thanh tra tỉnh",
        "signer_title": "TM. Ban Chấp hành – Chủ tịch",
        "signer_name": "Nguyễn Văn Bình",
    });
    let res = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&organiser),
            &settings,
        )
        .await;
    assert_eq!(res.status(), 200);

    let path = format!("/giam-khao/dot-thi/{round}/giay-chung-nhan");
    let judge = app.create_user(Role::Judge, None).await;
    let (browser, _) = app.log_in(&judge).await;
    let page = browser
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let winners = names_with_rank(&board, 1..=6);
    assert_eq!(
        page.matches("<article class=\"certificate\">").count(),
        winners.len() + 2,
        "one per individual winner and one per unit prize"
    );
    for name in &winners {
        assert!(
            page.contains(&format!("<p class=\"cert-name\">{name}</p>")),
            "{name}"
        );
    }
    assert!(page.contains("Công đoàn cơ sở Thanh tra tỉnh") && page.contains("Nguyễn Văn Bình"));
    assert!(page.contains("GIẤY CHỨNG NHẬN") && page.contains("Giải tập thể"));

    let participant = app.participant().await;
    let (outsider, _) = app.log_in(&participant).await;
    let refused = outsider.get(app.url(&path)).send().await.unwrap();
    assert_eq!(refused.status(), 403);
}

crate::db_tests!(
    prizes_are_kept_with_the_round_and_bounded,
    the_ceremony_reveals_the_tiers_from_the_lowest_with_their_winners,
    the_ceremony_waits_for_publication_except_for_the_staff,
    certificates_name_each_winner_with_the_organiser_and_the_signer,
);
