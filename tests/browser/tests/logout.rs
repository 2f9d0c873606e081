//! On a shared office PC the next colleague must not inherit a session: from every page of every role, the
//! header's "Đăng xuất" ends the session, in a real browser at 360 px.
mod support;

use cchc_quiz::domain::Role;
use cchc_quiz::entities::users;
use fantoccini::{Client, Locator};
use sea_orm::EntityTrait;
use support::{App, spawn_app, use_session, wait_for, with_browser};

/// A session of `user` as a login would open it now (a logout makes every earlier one useless).
async fn fresh_session(app: &App, user: i64) -> String {
    let person = users::Entity::find_by_id(user)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("the person");
    app.state
        .keys
        .issue(user, person.token_version)
        .expect("token")
        .token
}

async fn log_out_from(c: &Client, app: &App, user: i64, path: &str) {
    let token = fresh_session(app, user).await;
    use_session(c, app, &token).await;
    c.goto(&format!("{}{path}", app.address))
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let button = wait_for(c, ".site-header form[action='/dang-xuat'] button").await;
    button
        .click()
        .await
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    wait_for(c, ".site-header a[href='/dang-nhap']").await;
    c.goto(&format!("{}/tai-khoan", app.address))
        .await
        .expect("the account page");
    let landed = c.current_url().await.expect("url");
    assert!(
        landed.path().starts_with("/dang-nhap"),
        "after logging out from {path} the session is over, not only forgotten: {landed}"
    );
    assert!(
        c.find(Locator::Css("#password")).await.is_ok(),
        "{path}: the login form"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_of_every_role_logs_out_in_the_browser() {
    with_browser(log_out_everywhere).await;
}

async fn log_out_everywhere(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (participant, token) = app.participant().await;
    let attempt = app.start_attempt(&token, round).await["id"]
        .as_i64()
        .expect("attempt id");
    let judge = app
        .user("giamkhao", "Phạm Văn Giám Khảo", Role::Judge, None)
        .await;
    let organiser_token = app.organiser().await;
    let organiser = app
        .state
        .keys
        .verify(&organiser_token)
        .map(|(id, _)| id)
        .expect("the organiser");

    let everyone = [
        "/".to_owned(),
        "/dot-thi".to_owned(),
        format!("/dot-thi/{round}"),
        "/ket-qua".to_owned(),
        "/ket-qua/toan-cuoc-thi".to_owned(),
        "/tai-lieu".to_owned(),
        "/tai-khoan".to_owned(),
        "/trang-khong-co".to_owned(),
    ];
    let participant_pages = vec![format!("/bai-thi/{attempt}"), "/quan-tri".to_owned()];
    let judge_pages = vec![
        "/giam-khao".to_owned(),
        format!("/giam-khao/dot-thi/{round}"),
        format!("/giam-khao/dot-thi/{round}/thong-ke"),
        "/quan-tri/ngan-hang".to_owned(),
    ];
    let organiser_pages = vec![
        "/quan-tri".to_owned(),
        "/quan-tri/can-bo".to_owned(),
        format!("/quan-tri/can-bo/{participant}"),
        "/quan-tri/don-vi".to_owned(),
        "/quan-tri/dot-thi".to_owned(),
        "/quan-tri/dot-thi/moi".to_owned(),
        format!("/quan-tri/dot-thi/{round}"),
        format!("/quan-tri/dot-thi/{round}/tien-do"),
        "/quan-tri/nhap-danh-sach".to_owned(),
        "/quan-tri/ngan-hang".to_owned(),
        "/quan-tri/tai-lieu".to_owned(),
        "/quan-tri/nhat-ky".to_owned(),
    ];
    for (user, own) in [
        (participant, participant_pages),
        (judge, judge_pages),
        (organiser, organiser_pages),
    ] {
        for path in everyone.iter().chain(&own) {
            log_out_from(c, &app, user, path).await;
        }
    }
}
