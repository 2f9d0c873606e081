//! Review (UX walk): logging out failed on most pages (the header's form carried no CSRF token there) and the
//! session stayed alive, so on a shared office PC the next colleague inherited it; error pages showed "Đăng nhập"
//! to a logged-in person. Here every page of every role, error pages included, shows the person's name and a
//! logout that ends the session on the server.
use crate::helpers::{TestApp, TestUser, form_token};
use crate::quiz_fixture::{open_round, start_ok};
use cchc_quiz::domain::Role;
use serde_json::json;

/// Opens `path` as `user`, logs out from it and checks that the old session cookie no longer opens a page.
async fn log_out_from(app: &TestApp, user: &TestUser, path: &str) {
    let (browser, cookie) = app.log_in(user).await;
    let res = browser.get(app.url(path)).send().await.expect("page");
    let status = res.status();
    let page = res.text().await.expect("page text");
    assert!(
        page.contains(&format!("Người Thử {}", user.login)),
        "{path} ({status}) shows who is logged in"
    );
    assert!(
        !page.contains("href=\"/dang-nhap\""),
        "{path} ({status}) does not offer to log in to a logged-in person"
    );
    let token = form_token(&page, "/dang-xuat")
        .unwrap_or_else(|| panic!("{path} ({status}) has no logout token"));
    let out = browser
        .post(app.url("/dang-xuat"))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .expect("logout");
    assert_eq!(out.status(), 303, "logout from {path}");
    // The session is over on the server, not only forgotten by this browser.
    let reused = app
        .browser()
        .get(app.url("/tai-khoan"))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("account page");
    assert_eq!(reused.status(), 303, "the old session of {path} is dead");
    assert_eq!(reused.headers()["location"], "/dang-nhap?next=%2Ftai-khoan");
}

async fn every_page_of_every_role_logs_out(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let judge = app.create_user(Role::Judge, None).await;
    let participant = app.participant().await;
    let attempt = start_ok(&app, &participant, round).await["id"]
        .as_i64()
        .expect("attempt id");
    let everyone = ["/", "/dot-thi", "/ket-qua", "/tai-khoan", "/trang-khong-co"];
    let round_pages = [format!("/dot-thi/{round}")];
    let participant_pages = [
        format!("/bai-thi/{attempt}"),
        "/quan-tri".to_owned(),
        "/giam-khao".to_owned(),
    ];
    let judge_pages = [
        "/giam-khao".to_owned(),
        format!("/giam-khao/dot-thi/{round}"),
        format!("/giam-khao/dot-thi/{round}/thong-ke"),
        "/quan-tri/dot-thi".to_owned(),
        "/quan-tri/ngan-hang".to_owned(),
    ];
    let organiser_pages = [
        "/quan-tri".to_owned(),
        "/quan-tri/can-bo".to_owned(),
        "/quan-tri/don-vi".to_owned(),
        "/quan-tri/dot-thi".to_owned(),
        "/quan-tri/dot-thi/moi".to_owned(),
        format!("/quan-tri/dot-thi/{round}"),
        format!("/quan-tri/dot-thi/{round}/tien-do"),
        "/quan-tri/nhap-danh-sach".to_owned(),
        "/quan-tri/ngan-hang".to_owned(),
        "/quan-tri/nhat-ky".to_owned(),
        "/quan-tri/don-vi/999999".to_owned(),
        format!("/bai-thi/{attempt}"),
    ];
    let common: Vec<String> = everyone
        .iter()
        .map(|p| p.to_string())
        .chain(round_pages)
        .collect();
    for (user, own) in [
        (&participant, &participant_pages[..]),
        (&judge, &judge_pages[..]),
        (&organiser, &organiser_pages[..]),
    ] {
        for path in common.iter().chain(own) {
            log_out_from(&app, user, path).await;
        }
    }
}

/// An error page names the next step that fits: back to the page the person came from, the rounds, home.
async fn an_error_page_offers_the_way_back(app: TestApp) {
    let participant = app.participant().await;
    let (browser, _) = app.log_in(&participant).await;
    let page = browser
        .get(app.url("/quan-tri"))
        .header("referer", app.url("/dot-thi"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 403);
    let page = page.text().await.expect("text");
    assert!(page.contains("Không có quyền truy cập"), "{page}");
    assert!(page.contains("href=\"/dot-thi\""), "way back: {page}");
    assert!(page.contains("Quay lại trang trước"), "{page}");
    // Another site is never offered as the way back.
    let foreign = browser
        .get(app.url("/quan-tri"))
        .header("referer", "https://evil.example/dot-thi")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(!foreign.contains("Quay lại trang trước"), "{foreign}");
    assert!(!foreign.contains("evil.example"), "{foreign}");
}

crate::db_tests!(
    every_page_of_every_role_logs_out,
    an_error_page_offers_the_way_back
);
