//! Attacks and bad input against the API: every answer is a clear 4xx `{"error": ...}` that changes nothing,
//! security headers are on every kind of response, and no field or forged token grants a role. More of the
//! same live elsewhere: hostile uploads in `banks.rs` (`broken_files_are_a_clear_4xx_and_change_nothing`,
//! `an_upload_over_10_mb_is_a_json_413`), other people's objects in `attempts.rs` and `authz.rs`.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{open_round, round_body};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{rounds, units, users};
use chrono::{Duration, Utc};
use jsonwebtoken::{EncodingKey, Header};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

async fn headers_of(app: &TestApp, path: &str) -> reqwest::header::HeaderMap {
    app.get(path, None).await.headers().clone()
}

async fn security_headers_are_on_pages_api_static_files_and_errors(app: TestApp) {
    for path in [
        "/",
        "/dang-nhap",
        "/api/v1/me",
        "/api/v1/openapi.json",
        "/static/app.css",
        "/khong-co-trang-nay",
        "/api/v1/khong-co",
    ] {
        let h = headers_of(&app, path).await;
        let csp = h["content-security-policy"].to_str().unwrap_or_default();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
}

/// Sends a raw body and asserts a 4xx with a Vietnamese `{"error": {"code", "message"}}`.
async fn refused(app: &TestApp, method: &str, path: &str, user: &TestUser, body: String) -> Value {
    let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
    let res = app
        .api
        .request(method, app.url(path))
        .bearer_auth(&user.token)
        .header("content-type", "application/json")
        .body(body.clone())
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let json: Value = res.json().await.unwrap_or(Value::Null);
    let short: String = body.chars().take(80).collect();
    assert!((400..500).contains(&status), "{path} {short}: {status}");
    let message = json["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.is_empty(), "{path} {short}: {json}");
    json
}

async fn counts(app: &TestApp) -> (u64, u64, u64) {
    let db = &app.state.db;
    (
        units::Entity::find().count(db).await.expect("units"),
        rounds::Entity::find().count(db).await.expect("rounds"),
        users::Entity::find().count(db).await.expect("users"),
    )
}

/// The contest settings as the API shows them to an organiser.
async fn settings(app: &TestApp, organiser: &TestUser) -> Value {
    let res = app.get("/api/v1/settings", Some(organiser)).await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("settings json")
}

async fn malformed_wrong_unknown_huge_and_absurd_input_is_a_4xx_that_changes_nothing(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    let before = counts(&app).await;
    let settings_before = settings(&app, &organiser).await;
    let huge = format!(
        r#"{{"code":"X","name":"{}","headcount":1}}"#,
        "a".repeat(300 * 1024)
    );
    let unit_bodies = [
        r#"{"code":"#.to_owned(),
        r#"{"code":1,"name":["x"],"headcount":"nhiều"}"#.to_owned(),
        r#"{"code":"X","name":"Y","headcount":1,"is_admin":true}"#.to_owned(),
        r#"{"code":"AM","name":"Âm","headcount":-5}"#.to_owned(),
        r#"{"code":"LON","name":"Lớn","headcount":2000000000}"#.to_owned(),
        huge,
    ];
    for body in unit_bodies {
        refused(&app, "POST", "/api/v1/units", &organiser, body).await;
    }
    for body in [
        r#"{"min_participation_rate":-5}"#,
        r#"{"min_participation_rate":1000}"#,
    ] {
        refused(&app, "PUT", "/api/v1/settings", &organiser, body.to_owned()).await;
    }
    let now = Utc::now();
    let bad_rounds = [
        json!({"opens_at": now + Duration::days(2), "closes_at": now + Duration::days(1)}),
        json!({"time_limit_secs": -60}),
        json!({"question_count": 0}),
        json!({"max_attempts": -1}),
        json!({"draw_rules": [{"topic": "a", "count": 1000000}]}),
    ];
    for extra in bad_rounds {
        let body = round_body(extra).to_string();
        refused(&app, "POST", "/api/v1/rounds", &organiser, body).await;
    }
    let time_travel = json!({"closes_at": now - Duration::days(30)}).to_string();
    refused(
        &app,
        "PATCH",
        &format!("/api/v1/rounds/{round}"),
        &organiser,
        time_travel,
    )
    .await;
    assert_eq!(counts(&app).await, before);
    assert_eq!(settings(&app, &organiser).await, settings_before);
    let round_now: Value = app
        .get(&format!("/api/v1/rounds/{round}"), Some(&organiser))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(round_now["state"], "open");
}

async fn a_nul_byte_in_text_is_refused_or_dropped_and_the_server_keeps_serving(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let res = app
        .post_json(
            "/api/v1/units",
            Some(&organiser),
            &json!({"code": "NUL", "name": "Phòng\u{0}Một", "headcount": 3}),
        )
        .await;
    let status = res.status().as_u16();
    let body: Value = res.json().await.expect("json");
    // Stored text drops control characters, on both databases.
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["name"], "Phòng Một");
    let login = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"login": "ai\u{0}do", "password": "x\u{0}y"}),
        )
        .await;
    let status = login.status().as_u16();
    let body: Value = login.json().await.expect("json");
    assert!(matches!(status, 400 | 401), "{status}: {body}");
    assert!(body["error"]["message"].is_string(), "{body}");
    let search = app.get("/api/v1/staff?q=a%00b", Some(&organiser)).await;
    let status = search.status().as_u16();
    let body: Value = search.json().await.expect("json");
    match status {
        200 => assert!(body.is_array() || body.is_object(), "{body}"),
        400 => assert!(body["error"]["message"].is_string(), "{body}"),
        _ => panic!("a NUL in a search: {status} {body}"),
    }
    assert_eq!(app.get("/api/v1/me", Some(&organiser)).await.status(), 200);
}

/// A token with a `role` claim, signed with `secret`.
fn forged(user: &TestUser, secret: &[u8]) -> String {
    let now = Utc::now().timestamp();
    let claims = json!({"sub": user.id.to_string(), "iat": now, "exp": now + 3600, "ver": 0, "role": "organiser"});
    jsonwebtoken::encode(
        &Header::default(),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode")
}

async fn a_role_claim_or_a_role_field_never_grants_a_role(app: TestApp) {
    let participant = app.participant().await;
    let create_unit = |token: String| {
        let app = &app;
        async move {
            app.api
                .post(app.url("/api/v1/units"))
                .bearer_auth(token)
                .json(&json!({"code": "LEO", "name": "Leo quyền", "headcount": 1}))
                .send()
                .await
                .expect("request")
                .status()
        }
    };
    assert_eq!(
        create_unit(forged(&participant, b"khoa-gia-mao")).await,
        401
    );
    let secret = crate::auth::signing_secret(&app).await;
    let signed = forged(&participant, &secret);
    assert_eq!(app.get("/api/v1/me", None).await.status(), 401);
    let me: Value = app
        .api
        .get(app.url("/api/v1/me"))
        .bearer_auth(&signed)
        .send()
        .await
        .expect("me")
        .json()
        .await
        .expect("json");
    assert_eq!(
        me["role"], "participant",
        "the role comes from the database"
    );
    assert_eq!(create_unit(signed).await, 403);

    let patch = app
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/staff/{}", participant.id),
            Some(&participant),
            &json!({"role": "organiser"}),
        )
        .await;
    assert_eq!(patch.status(), 403);
    let organiser = app.create_user(Role::Organiser, None).await;
    app.send_json(
        reqwest::Method::PUT,
        "/api/v1/settings",
        Some(&organiser),
        &json!({"self_registration": true}),
    )
    .await;
    let users_before = counts(&app).await.2;
    let register = app
        .post_json(
            "/api/v1/auth/register",
            None,
            &json!({"full_name": "Kẻ Leo Quyền", "unit_id": participant.unit_id, "phone": "0912345678",
                "cccd": "001089012399", "password": "12345678", "role": "organiser"}),
        )
        .await;
    assert!((400..500).contains(&register.status().as_u16()));
    assert_eq!(counts(&app).await.2, users_before);
    let role = users::Entity::find_by_id(participant.id)
        .one(&app.state.db)
        .await
        .expect("read")
        .map(|u| u.role);
    assert_eq!(role, Some(Role::Participant));
}

crate::db_tests!(
    security_headers_are_on_pages_api_static_files_and_errors,
    malformed_wrong_unknown_huge_and_absurd_input_is_a_4xx_that_changes_nothing,
    a_nul_byte_in_text_is_refused_or_dropped_and_the_server_keeps_serving,
    a_role_claim_or_a_role_field_never_grants_a_role,
);
