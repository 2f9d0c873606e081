//! Privacy and sessions (security review F10, F14): public results carry no person id that would join masked
//! names across rounds, and unlocking an account does not bring back the sessions it had before.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use crate::sec_fixture::*;
use cchc_quiz::domain::Role;
use serde_json::{Value, json};

fn every_key(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    all_keys(v, &mut out);
    out
}

async fn public_results_carry_no_person_id(app: TestApp) {
    let (organiser, masked) = open_round(&app, json!({})).await;
    let full = create_round(&app, &organiser, json!({"title": "Tuần hai"})).await;
    let p = app
        .create_named_user(
            "trang",
            "Phạm Thị Trang",
            Role::Participant,
            Some(app.create_unit("DV", "Đơn vị", 5).await),
        )
        .await;
    for round in [masked, full] {
        let a = start_ok(&app, &p, round).await;
        submit(&app, &p, a["id"].as_i64().unwrap()).await;
        close_round_ago(&app, round, 60).await;
    }
    for (round, names) in [(masked, "masked"), (full, "full")] {
        let res = app
            .post_json(
                &format!("/api/v1/rounds/{round}/publish"),
                Some(&organiser),
                &json!({"show_names": names}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    for path in [
        format!("/api/v1/rounds/{masked}/leaderboard"),
        format!("/api/v1/rounds/{full}/leaderboard"),
        "/api/v1/contest/leaderboard".to_owned(),
    ] {
        let public = json(app.get(&path, None).await).await;
        assert_eq!(
            public["entries"].as_array().map(Vec::len),
            Some(1),
            "{public}"
        );
        let keys = every_key(&public["entries"]);
        assert!(public["entries"][0]["login"].is_null(), "{public}");
        assert!(!keys.iter().any(|k| k == "user_id"), "{path}: {public}");
    }
    // Staff still see who is who.
    let staff = json(
        app.get(
            &format!("/api/v1/rounds/{full}/leaderboard"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert_eq!(staff["entries"][0]["user_id"], p.id);
}

async fn unlocking_an_account_does_not_revive_its_old_sessions(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let p = app.participant().await;
    assert_eq!(app.get("/api/v1/me", Some(&p)).await.status(), 200);
    for active in [false, true] {
        let res = app
            .send_json(
                reqwest::Method::PATCH,
                &format!("/api/v1/staff/{}", p.id),
                Some(&organiser),
                &json!({"active": active}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    assert_eq!(
        app.get("/api/v1/me", Some(&p)).await.status(),
        401,
        "the token issued before the lock works again"
    );
    let login = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"login": p.login, "password": p.password}),
        )
        .await;
    assert_eq!(login.status(), 200, "the person can log in again");
}

crate::db_tests!(
    public_results_carry_no_person_id,
    unlocking_an_account_does_not_revive_its_old_sessions,
);
