//! Where a person lands after logging in: back on the page they opened (`/dang-nhap?next=...`, only a path on
//! this site, never another site), else a participant with exactly one open round they can take on that round.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use serde_json::json;

/// Logs `user` in with the form (and `next` when given); returns the response's status and `Location`.
async fn log_in(app: &TestApp, user: &TestUser, next: Option<&str>) -> (u16, String) {
    let mut fields = vec![
        ("login", user.login.as_str()),
        ("password", user.password.as_str()),
    ];
    if let Some(n) = next {
        fields.push(("next", n));
    }
    let res = app
        .browser()
        .post(app.url("/dang-nhap"))
        .form(&fields)
        .send()
        .await
        .expect("login");
    let to = res
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (res.status().as_u16(), to)
}

async fn login_form(app: &TestApp, query: &str) -> String {
    let res = app
        .api
        .get(app.url(&format!("/dang-nhap{query}")))
        .send()
        .await
        .expect("form");
    assert_eq!(res.status(), 200);
    res.text().await.expect("page")
}

async fn a_deep_link_survives_the_login_redirect(app: TestApp) {
    // Two open rounds: without `next` the person would land on the home page.
    open_round(&app, json!({})).await;
    let (_, other) = open_round(&app, json!({ "title": "Tuần thi thứ hai" })).await;
    let p = app.participant().await;
    let path = format!("/dot-thi/{other}");
    let res = app.api.get(app.url(&path)).send().await.expect("page");
    assert_eq!(res.status(), 303);
    let to_login = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(to_login, format!("/dang-nhap?next=%2Fdot-thi%2F{other}"));
    let form = login_form(&app, to_login.trim_start_matches("/dang-nhap")).await;
    assert!(
        form.contains(&format!("name=\"next\" value=\"{path}\"")),
        "{form}"
    );
    assert_eq!(log_in(&app, &p, Some(&path)).await, (303, path));
}

async fn a_next_that_leads_off_the_site_is_ignored(app: TestApp) {
    let p = app.participant().await;
    for bad in [
        "//evil.example/dang-nhap",
        "https://evil.example",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/đợt-thi",
    ] {
        let query = format!(
            "?next={}",
            form_urlencoded::byte_serialize(bad.as_bytes()).collect::<String>()
        );
        let form = login_form(&app, &query).await;
        assert!(
            !form.contains("name=\"next\""),
            "{bad:?} is not carried: {form}"
        );
        assert_eq!(
            log_in(&app, &p, Some(bad)).await,
            (303, "/".to_owned()),
            "{bad:?}"
        );
    }
}

async fn a_participant_with_one_open_round_lands_on_it_and_with_two_on_the_home_page(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({ "max_attempts": 1 })).await;
    let p = app.participant().await;
    let mine = format!("/dot-thi/{round}");
    assert_eq!(log_in(&app, &p, None).await, (303, mine.clone()));
    let a = start_ok(&app, &p, round).await;
    assert_eq!(
        log_in(&app, &p, None).await,
        (303, mine),
        "to continue the attempt"
    );
    submit(&app, &p, a["id"].as_i64().unwrap()).await;
    assert_eq!(
        log_in(&app, &p, None).await,
        (303, "/".to_owned()),
        "no attempt left in the only open round"
    );
    let q = app.participant().await;
    create_round(&app, &organiser, json!({ "title": "Tuần thi thứ hai" })).await;
    assert_eq!(
        log_in(&app, &q, None).await,
        (303, "/".to_owned()),
        "two rounds to choose from"
    );
    assert_eq!(
        log_in(&app, &organiser, None).await,
        (303, "/quan-tri".to_owned())
    );
}

crate::db_tests!(
    a_deep_link_survives_the_login_redirect,
    a_next_that_leads_off_the_site_is_ignored,
    a_participant_with_one_open_round_lands_on_it_and_with_two_on_the_home_page,
);
