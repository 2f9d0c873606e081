//! An organiser, on a phone-sized screen and on a desktop, opens a participant from the staff list and makes them a judge; the
//! person's old session ends, and once logged in again they open the judges' page.
mod support;

use cchc_quiz::domain::Role;
use cchc_quiz::entities::users;
use fantoccini::{Client, Locator};
use sea_orm::EntityTrait;
use support::{spawn_app, use_session, wait_for, with_browser, with_desktop_browser};

async fn h1(client: &Client) -> String {
    wait_for(client, "h1")
        .await
        .text()
        .await
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_makes_a_participant_a_judge_on_a_phone() {
    with_browser(make_a_judge).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organiser_makes_a_participant_a_judge_on_a_desktop() {
    with_desktop_browser(make_a_judge).await;
}

async fn make_a_judge(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let (person, old_token) = app.participant().await;
    let organiser = app.organiser().await;
    use_session(c, &app, &organiser).await;
    c.goto(&format!("{}/quan-tri/can-bo", app.address))
        .await
        .unwrap();
    let edit = wait_for(c, &format!("a[href='/quan-tri/can-bo/{person}']")).await;
    assert!(edit.is_displayed().await.unwrap(), "visible on the screen");
    let sua = c
        .find(Locator::XPath(&format!(
            "//a[@href='/quan-tri/can-bo/{person}' and normalize-space(.)='Sửa']"
        )))
        .await
        .expect("Sửa");
    assert!(
        sua.is_displayed().await.unwrap(),
        "Sửa is visible on the screen"
    );
    sua.click().await.unwrap();
    let role = wait_for(c, "#role").await;
    assert_eq!(h1(c).await, "Nguyễn Văn A");
    role.select_by_value("judge").await.expect("judge");
    c.find(Locator::XPath("//button[contains(., 'Lưu thay đổi')]"))
        .await
        .expect("save button")
        .click()
        .await
        .unwrap();
    let saved = wait_for(c, ".notice-ok").await;
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
