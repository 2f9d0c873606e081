//! Review F2: password hashes are bounded. With one hashing slot and no queue, a login, a web login and a
//! password change that find the slot taken are told at once that the server is busy (503, `Retry-After`,
//! Vietnamese), and work again when it is free. Password changes are limited per person.
use crate::helpers::TestApp;
use serde_json::{Value, json};
use std::sync::mpsc;

const BUSY: &str = "Máy chủ đang bận, vui lòng thử lại sau ít giây.";

/// Takes the only hashing slot until the returned sender is used (or dropped).
async fn occupy_the_hashing_slot(app: &TestApp) -> (mpsc::Sender<()>, tokio::task::JoinHandle<()>) {
    let (release, hold) = mpsc::channel::<()>();
    let gate = app.state.hash_gate.clone();
    let holder = tokio::spawn(async move {
        let _ = gate.run(move || hold.recv()).await;
    });
    while app.state.hash_gate.in_use() == 0 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    (release, holder)
}

async fn api_login(app: &TestApp, login: &str, password: &str) -> reqwest::Response {
    let body = json!({"login": login, "password": password});
    app.post_json("/api/v1/auth/login", None, &body).await
}

async fn logins_beyond_the_hashing_queue_are_told_the_server_is_busy(app: TestApp) {
    let p = app.participant().await;
    let (release, holder) = occupy_the_hashing_slot(&app).await;

    let res = api_login(&app, &p.login, &p.password).await;
    assert_eq!(res.status(), 503);
    assert!(res.headers().contains_key("retry-after"));
    let body: Value = res.json().await.expect("json");
    assert_eq!(body["error"]["code"], "server_busy");
    assert_eq!(body["error"]["message"], BUSY);

    let page = app
        .browser()
        .post(app.url("/dang-nhap"))
        .form(&[
            ("login", p.login.as_str()),
            ("password", p.password.as_str()),
        ])
        .send()
        .await
        .expect("page login");
    assert_eq!(page.status(), 503);
    assert!(page.headers().contains_key("retry-after"));
    let html = page.text().await.expect("html");
    assert!(
        html.contains(BUSY) && html.contains("name=\"password\""),
        "the form again: {html}"
    );

    let change = json!({"current_password": p.password, "new_password": "Mật-khẩu-mới-123"});
    let res = app
        .post_json("/api/v1/me/password", Some(&p), &change)
        .await;
    assert_eq!(res.status(), 503);

    release.send(()).expect("release");
    holder.await.expect("holder");
    assert_eq!(api_login(&app, &p.login, &p.password).await.status(), 200);
}

async fn a_burst_of_password_changes_is_throttled_in_vietnamese(app: TestApp) {
    let p = app.participant().await;
    let mut statuses = Vec::new();
    for i in 0..8 {
        let body = json!({"current_password": format!("sai-{i}"), "new_password": "Whatever123"});
        let res = app.post_json("/api/v1/me/password", Some(&p), &body).await;
        statuses.push(res.status().as_u16());
        if res.status() == 429 {
            let body: Value = res.json().await.expect("json");
            assert!(
                body["error"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains("quá nhiều lần")
            );
        }
    }
    assert_eq!(&statuses[..5], &[422; 5], "{statuses:?}");
    assert_eq!(&statuses[5..], &[429; 3], "{statuses:?}");
}

crate::db_tests!(
    options = &["--hash-slots", "1", "--hash-queue", "0"];
    logins_beyond_the_hashing_queue_are_told_the_server_is_busy,
    a_burst_of_password_changes_is_throttled_in_vietnamese,
);
