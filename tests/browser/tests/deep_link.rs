//! A link to a round shared in a chat group, opened on a phone without a session: the login page comes first and
//! then the round itself, not the home page.
mod support;

use cchc_quiz::entities::users;
use fantoccini::{Client, Locator};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use support::{spawn_app, wait_for, with_browser};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_shared_link_survives_the_login() {
    with_browser(deep_link).await;
}

async fn deep_link(c: Client) {
    let c = &c;
    let app = spawn_app().await;
    let round = app.open_round().await;
    let (person, _) = app.participant().await;
    let mut user: users::ActiveModel = users::Entity::find_by_id(person)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("the person")
        .into();
    user.password_hash = Set(Some(
        app.state.hasher.hash("mat-khau-thu-123").expect("hash"),
    ));
    user.update(&app.state.db).await.expect("a password");

    c.goto(&format!("{}/dot-thi/{round}", app.address))
        .await
        .expect("the shared link");
    wait_for(c, "#login")
        .await
        .send_keys("nguyenvana")
        .await
        .expect("login");
    c.find(Locator::Css("#password"))
        .await
        .expect("password field")
        .send_keys("mat-khau-thu-123")
        .await
        .expect("password");
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .expect("the login button")
        .click()
        .await
        .expect("log in");
    let heading = wait_for(c, "main h1").await.text().await.expect("heading");
    assert_eq!(
        c.current_url().await.expect("url").path(),
        format!("/dot-thi/{round}"),
        "back on the shared round, not the home page"
    );
    assert_eq!(heading, "Tuần thi thử nghiệm");
}
