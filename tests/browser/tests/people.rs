//! An organiser, on a phone-sized screen, opens a participant from the staff list and makes them a judge; the
//! person's old session ends, and once logged in again they open the judges' page.
mod support;

use cchc_quiz::domain::Role;
use cchc_quiz::entities::users;
use chrono::Utc;
use fantoccini::{Client, Locator};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use support::{App, spawn_app, with_browser};

/// Replaces the browser's session cookie (WebDriver's cookie command refuses bare IP hosts).
async fn use_session(client: &Client, app: &App, token: &str) {
    client
        .goto(&format!("{}/", app.address))
        .await
        .expect("home");
    let cookie = serde_json::json!(format!("cchc_session={token}; path=/; SameSite=Lax"));
    client
        .execute("document.cookie = arguments[0];", vec![cookie])
        .await
        .expect("cookie");
}

async fn organiser_token(app: &App) -> String {
    let now = Utc::now();
    let user = users::ActiveModel {
        login: Set("bantochuc".into()),
        full_name: Set("Lê Thị Tổ Chức".into()),
        search_name: Set("le thi to chuc".into()),
        role: Set(Role::Organiser),
        token_version: Set(0),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .expect("organiser");
    app.state.keys.issue(user.id, 0).expect("token").token
}

async fn h1(client: &Client) -> String {
    let heading = client.find(Locator::Css("h1")).await.expect("a heading");
    heading.text().await.unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_makes_a_participant_a_judge_on_a_phone() {
    with_browser(make_a_judge).await;
}

async fn make_a_judge(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (person, old_token) = app.participant().await;
    let organiser = organiser_token(&app).await;
    use_session(c, &app, &organiser).await;
    c.goto(&format!("{}/quan-tri/can-bo", app.address))
        .await
        .unwrap();
    let edit = c
        .find(Locator::Css(&format!(
            "a[href='/quan-tri/can-bo/{person}']"
        )))
        .await
        .expect("a link to the person");
    assert!(edit.is_displayed().await.unwrap(), "visible at 360 px");
    let sua = c
        .find(Locator::XPath(&format!(
            "//a[@href='/quan-tri/can-bo/{person}' and normalize-space(.)='Sửa']"
        )))
        .await
        .expect("Sửa");
    assert!(
        sua.is_displayed().await.unwrap(),
        "Sửa is visible at 360 px"
    );
    sua.click().await.unwrap();
    assert_eq!(h1(c).await, "Nguyễn Văn A");
    let role = c.find(Locator::Css("#role")).await.expect("role select");
    role.select_by_value("judge").await.expect("judge");
    c.find(Locator::XPath("//button[contains(., 'Lưu thay đổi')]"))
        .await
        .expect("save button")
        .click()
        .await
        .unwrap();
    let saved = c.find(Locator::Css(".notice-ok")).await.expect("a notice");
    assert_eq!(saved.text().await.unwrap(), "Đã lưu thay đổi.");
    let now = users::Entity::find_by_id(person)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the person");
    assert_eq!(now.role, Role::Judge);

    use_session(c, &app, &old_token).await;
    c.goto(&format!("{}/giam-khao", app.address)).await.unwrap();
    assert!(
        c.current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/dang-nhap"),
        "the session from before the change has ended"
    );
    // Logging in again: a session of the current token version.
    let token = app
        .state
        .keys
        .issue(person, now.token_version)
        .expect("token")
        .token;
    use_session(c, &app, &token).await;
    c.goto(&format!("{}/giam-khao", app.address)).await.unwrap();
    assert_eq!(c.current_url().await.unwrap().path(), "/giam-khao");
    assert_eq!(h1(c).await, "Kết quả và thống kê");
}
