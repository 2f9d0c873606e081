//! Self-registration (security review F7, F11, F13): the answer never tells whether a CCCD or phone already has
//! an account, the login is never the phone, judges never see a phone, and a self-registered person counts for
//! their unit only once an organiser approved them; a unit above its headcount is flagged.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use crate::sec_fixture::*;
use cchc_quiz::domain::Role;
use serde_json::{Value, json};

async fn open_registration(app: &TestApp) -> crate::helpers::TestUser {
    let organiser = app.create_user(Role::Organiser, None).await;
    let res = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&organiser),
            &json!({"self_registration": true}),
        )
        .await;
    assert_eq!(res.status(), 200);
    organiser
}

fn form(unit: i64, phone: &str, cccd: &str) -> Value {
    json!({"full_name": "Lê Thị Hoa", "unit_id": unit, "phone": phone, "cccd": cccd, "password": "mat-khau-123"})
}

/// The answer's status and its keys, without the values that differ anyway (token, ids, login, times).
async fn shape(res: reqwest::Response) -> (u16, Vec<String>, Value) {
    let status = res.status().as_u16();
    let body = json(res).await;
    let mut keys = Vec::new();
    all_keys(&body, &mut keys);
    keys.sort();
    (status, keys, body)
}

async fn registration_answers_the_same_whether_or_not_the_cccd_or_phone_has_an_account(
    app: TestApp,
) {
    open_registration(&app).await;
    let unit = app.create_unit("TTS", "Thanh tra Sở Y tế", 20).await;
    let (first, keys, body) = shape(
        app.post_json(
            "/api/v1/auth/register",
            None,
            &form(unit, "0912000111", "001089000111"),
        )
        .await,
    )
    .await;
    assert_eq!(first, 200, "{body}");
    let login = body["user"]["login"].as_str().unwrap().to_owned();
    assert_ne!(login, "0912000111", "the phone is the login");
    assert!(!login.chars().all(|c| c.is_ascii_digit()), "{login}");
    for again in [
        form(unit, "0987000222", "001089000111"),
        form(unit, "0912000111", "001089000333"),
    ] {
        let (status, same_keys, body) =
            shape(app.post_json("/api/v1/auth/register", None, &again).await).await;
        assert_eq!(
            (status, &same_keys),
            (first, &keys),
            "a taken CCCD or phone answers differently: {body}"
        );
    }
    let res = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"login": login, "password": "mat-khau-123"}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn judges_never_see_a_phone_through_a_login(app: TestApp) {
    let unit = app.create_unit("TTS", "Thanh tra Sở Y tế", 20).await;
    // An account of the earlier kind: its login is its phone.
    let old = app
        .create_named_user("0912000111", "Lê Thị Hoa", Role::Participant, Some(unit))
        .await;
    let judge = app.create_user(Role::Judge, None).await;
    let found = json(app.get("/api/v1/staff?q=lê thị hoa", Some(&judge)).await).await;
    assert!(!found.to_string().contains("0912000111"), "{found}");
    let one = json(
        app.get(&format!("/api/v1/staff/{}", old.id), Some(&judge))
            .await,
    )
    .await;
    assert!(!one.to_string().contains("0912000111"), "{one}");
}

async fn self_registered_people_count_for_their_unit_once_approved(app: TestApp) {
    let organiser = open_registration(&app).await;
    let unit = app.create_unit("TTH-LS", "Thanh tra huyện", 1).await;
    let round = create_round_with_bank(&app, &organiser).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        let res = app
            .post_json(
                "/api/v1/auth/register",
                None,
                &form(unit, &format!("091200011{n}"), &format!("00108900011{n}")),
            )
            .await;
        let body = json(res).await;
        let token = body["token"].as_str().unwrap().to_owned();
        let id = body["user"]["id"].as_i64().unwrap();
        ids.push(id);
        let p = crate::helpers::TestUser {
            id,
            login: String::new(),
            password: String::new(),
            token,
            unit_id: Some(unit),
        };
        let a = start_ok(&app, &p, round).await;
        submit(&app, &p, a["id"].as_i64().unwrap()).await;
    }
    let units = json(
        app.get(
            &format!("/api/v1/rounds/{round}/leaderboard/units"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    let row = |v: &Value| {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"]["code"] == "TTH-LS")
            .cloned()
            .unwrap()
    };
    assert_eq!(
        row(&units)["participants"],
        0,
        "unapproved registrations pad the unit: {units}"
    );
    for id in &ids[..2] {
        let res = app
            .post_json(
                &format!("/api/v1/staff/{id}/approve"),
                Some(&organiser),
                &json!({}),
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let units = json(
        app.get(
            &format!("/api/v1/rounds/{round}/leaderboard/units"),
            Some(&organiser),
        )
        .await,
    )
    .await;
    assert_eq!(row(&units)["participants"], 2, "{units}");
    assert_eq!(row(&units)["over_headcount"], true, "{units}");
}

async fn an_organiser_approves_a_registration_from_the_staff_page(app: TestApp) {
    let organiser = open_registration(&app).await;
    let unit = app.create_unit("TTS", "Thanh tra Sở Y tế", 20).await;
    let res = app
        .post_json(
            "/api/v1/auth/register",
            None,
            &form(unit, "0912000111", "001089000111"),
        )
        .await;
    let id = json(res).await["user"]["id"].as_i64().unwrap();
    let cookie = format!("cchc_session={}", organiser.token);
    let html = app
        .api
        .get(app.url("/quan-tri/can-bo"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Tự đăng ký, chờ duyệt") && html.contains("Duyệt đăng ký"),
        "{html}"
    );
    let at = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    let csrf = html[at..].split('"').next().unwrap().to_owned();
    let res = app
        .api
        .post(app.url(&format!("/quan-tri/can-bo/{id}/duyet")))
        .header("Cookie", &cookie)
        .form(&[("csrf", csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let one = json(
        app.get(&format!("/api/v1/staff/{id}"), Some(&organiser))
            .await,
    )
    .await;
    assert_eq!(one["registration"], "approved", "{one}");
}

async fn create_round_with_bank(app: &TestApp, organiser: &crate::helpers::TestUser) -> i64 {
    seed_bank(app, &[("a", 8), ("b", 6)]).await;
    create_round(app, organiser, json!({})).await
}

crate::db_tests!(
    registration_answers_the_same_whether_or_not_the_cccd_or_phone_has_an_account,
    judges_never_see_a_phone_through_a_login,
    self_registered_people_count_for_their_unit_once_approved,
    an_organiser_approves_a_registration_from_the_staff_page,
);
