//! The organiser's dashboard is a checklist of the set-up: each step with what it holds, and the next step to do.
use crate::db_tests;
use crate::helpers::TestApp;
use crate::quiz_fixture::{create_round, seed_bank};
use cchc_quiz::domain::Role;
use serde_json::json;

/// The checklist's items as text without tags, one string per step.
fn steps(page: &str) -> Vec<String> {
    let list = &page[page
        .find("<ol class=\"checklist\">")
        .expect("the checklist")..];
    let list = &list[..list.find("</ol>").expect("end of the checklist")];
    list.split("<li")
        .skip(1)
        .map(|item| {
            let mut text = String::new();
            // The item starts inside its own `<li ...>` tag; each tag counts as a space.
            let mut in_tag = true;
            for c in item.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => {
                        in_tag = false;
                        text.push(' ');
                    }
                    c if !in_tag => text.push(c),
                    _ => {}
                }
            }
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

async fn the_dashboard_ticks_each_step_done_and_points_at_the_next(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let dashboard = |browser: reqwest::Client| {
        let url = app.url("/quan-tri");
        async move {
            let res = browser.get(url).send().await.expect("dashboard");
            res.text().await.expect("body")
        }
    };
    let fresh = steps(&dashboard(browser.clone()).await);
    assert_eq!(fresh.len(), 5, "{fresh:?}");
    assert!(fresh[0].starts_with("1 Đơn vị (chưa có)"), "{fresh:?}");
    assert!(
        fresh[0].ends_with("→ Thêm đơn vị"),
        "the first step not done leads on"
    );
    assert!(!fresh[1].contains('→'), "only one next step");
    let unit = app.create_unit("TTT", "Thanh tra tỉnh", 10).await;
    app.create_user(Role::Participant, Some(unit)).await;
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let ready = steps(&dashboard(browser.clone()).await);
    assert!(ready[0].starts_with("✓ Đơn vị (1 đơn vị)"), "{ready:?}");
    assert!(
        ready[1].starts_with("✓ Cán bộ dự thi (1 người)"),
        "{ready:?}"
    );
    assert!(
        ready[2].starts_with("✓ Ngân hàng câu hỏi (14 câu đang dùng"),
        "{ready:?}"
    );
    assert!(ready[3].ends_with("→ Tạo đợt thi"), "{ready:?}");
    create_round(&app, &organiser, json!({})).await;
    let running = steps(&dashboard(browser).await);
    assert!(
        running[3].starts_with("✓ Đợt thi (1 đợt (đang mở: 1))"),
        "{running:?}"
    );
    assert!(
        running[4].ends_with("→ Xem kết quả và công bố"),
        "{running:?}"
    );
}

db_tests!(the_dashboard_ticks_each_step_done_and_points_at_the_next);
