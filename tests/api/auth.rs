use crate::helpers::TestApp;
use cchc_quiz::auth::jwt::{Claims, Keys};
use cchc_quiz::domain::Role;
use serde_json::{Value, json};

async fn login(app: &TestApp, login: &str, password: &str) -> reqwest::Response {
    app.post_json(
        "/api/v1/auth/login",
        None,
        &json!({"login": login, "password": password}),
    )
    .await
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    let res = app
        .api
        .get(app.url("/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    res.status().as_u16()
}

/// The secret this app signs with (kept in the data folder, never in the database).
pub(crate) async fn signing_secret(app: &TestApp) -> Vec<u8> {
    std::fs::read_to_string(app.state.settings.data_dir.join("jwt-secret"))
        .unwrap()
        .trim()
        .as_bytes()
        .to_vec()
}

async fn a_person_logs_in_with_any_case_and_reads_their_own_account(app: TestApp) {
    let p = app.participant().await;
    let res = login(&app, &format!("  {} ", p.login.to_uppercase()), &p.password).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["login"], p.login.as_str());
    assert!(body["expires_at"].is_string());
    let me: Value = app
        .api
        .get(app.url("/api/v1/me"))
        .bearer_auth(body["token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["id"], p.id);
}

async fn a_wrong_password_and_an_unknown_login_get_the_same_answer(app: TestApp) {
    let p = app.participant().await;
    let wrong = login(&app, &p.login, "sai-mat-khau").await;
    assert_eq!(wrong.status(), 401);
    let wrong: Value = wrong.json().await.unwrap();
    let unknown: Value = login(&app, "khong-ai-co", "sai-mat-khau")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(wrong, unknown);
    assert_eq!(
        wrong["error"]["message"],
        "Tên đăng nhập hoặc mật khẩu không đúng."
    );
}

async fn tampered_expired_foreign_and_unsigned_tokens_are_refused(app: TestApp) {
    let p = app.participant().await;
    assert_eq!(me_status(&app, &p.token).await, 200);
    let mut tampered = p.token.clone();
    tampered.insert(p.token.find('.').unwrap() + 3, 'x');
    assert_eq!(me_status(&app, &tampered).await, 401);
    let foreign = Keys::from_secret(b"some-other-secret-key", 1)
        .issue(p.id, 0)
        .unwrap()
        .token;
    assert_eq!(me_status(&app, &foreign).await, 401);
    let now = chrono::Utc::now().timestamp();
    let expired = Claims {
        sub: p.id.to_string(),
        iat: now - 7200,
        exp: now - 60,
        ver: 0,
    };
    let key = jsonwebtoken::EncodingKey::from_secret(&signing_secret(&app).await);
    let expired = jsonwebtoken::encode(&jsonwebtoken::Header::default(), &expired, &key).unwrap();
    assert_eq!(me_status(&app, &expired).await, 401);
    use base64::Engine;
    let b64 = |s: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    let unsigned = format!(
        "{}.{}.",
        b64(r#"{"alg":"none","typ":"JWT"}"#.into()),
        b64(format!(
            r#"{{"sub":"{}","iat":{now},"exp":{},"ver":0}}"#,
            p.id,
            now + 3600
        ))
    );
    assert_eq!(me_status(&app, &unsigned).await, 401);
}

async fn a_token_stops_working_after_logout(app: TestApp) {
    let p = app.participant().await;
    let res = app
        .post_json("/api/v1/auth/logout", Some(&p), &json!({}))
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(me_status(&app, &p.token).await, 401);
}

async fn changing_the_password_ends_older_sessions_and_the_new_one_works(app: TestApp) {
    let p = app.participant().await;
    let body = json!({"current_password": "sai", "new_password": "mat-khau-moi-123"});
    assert_eq!(
        app.post_json("/api/v1/me/password", Some(&p), &body)
            .await
            .status(),
        422
    );
    let body = json!({"current_password": p.password, "new_password": "ngắn"});
    assert_eq!(
        app.post_json("/api/v1/me/password", Some(&p), &body)
            .await
            .status(),
        422
    );
    let body = json!({"current_password": p.password, "new_password": "mat-khau-moi-123"});
    let res = app.post_json("/api/v1/me/password", Some(&p), &body).await;
    assert_eq!(res.status(), 200);
    let fresh: Value = res.json().await.unwrap();
    assert_eq!(me_status(&app, &p.token).await, 401);
    assert_eq!(me_status(&app, fresh["token"].as_str().unwrap()).await, 200);
    assert_eq!(login(&app, &p.login, &p.password).await.status(), 401);
    assert_eq!(
        login(&app, &p.login, "mat-khau-moi-123").await.status(),
        200
    );
}

async fn the_eleventh_bad_login_in_a_minute_is_throttled_in_vietnamese(app: TestApp) {
    let p = app.participant().await;
    for _ in 0..10 {
        assert_eq!(login(&app, &p.login, "sai").await.status(), 401);
    }
    let res = login(&app, &p.login, &p.password).await;
    assert_eq!(res.status(), 429);
    let body: Value = res.json().await.unwrap();
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Vui lòng đợi")
    );
}

async fn a_cookie_session_needs_the_csrf_header_to_change_anything(app: TestApp) {
    let p = app.create_user(Role::Organiser, None).await;
    let cookie = format!("{}={}", cchc_quiz::auth::SESSION_COOKIE, p.token);
    let post = || {
        app.api
            .post(app.url("/api/v1/units"))
            .header("cookie", &cookie)
            .json(&json!({"code": "A1", "name": "Đơn vị A"}))
    };
    assert_eq!(post().send().await.unwrap().status(), 403);
    assert_eq!(
        post()
            .header("x-csrf-token", "sai")
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let csrf = cchc_quiz::auth::csrf::token_for(&app.state.keys.csrf_secret_bytes(), &p.token);
    assert_eq!(
        post()
            .header("x-csrf-token", csrf)
            .send()
            .await
            .unwrap()
            .status(),
        201
    );
}

async fn self_registration_is_closed_until_an_organiser_opens_it(app: TestApp) {
    let unit = app.create_unit("TTS", "Thanh tra Sở Y tế", 20).await;
    let form = json!({"full_name": "Lê Thị Hoa", "unit_id": unit, "phone": "0912 345 678", "cccd": "001089012345", "password": "mat-khau-123"});
    assert_eq!(
        app.post_json("/api/v1/auth/register", None, &form)
            .await
            .status(),
        409
    );
    let organiser = app.create_user(Role::Organiser, None).await;
    let open = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&organiser),
            &json!({"self_registration": true}),
        )
        .await;
    assert_eq!(open.status(), 200);
    let res = app.post_json("/api/v1/auth/register", None, &form).await;
    assert_eq!(res.status(), 200);
    // The login is generated (never the phone); the answer carries it.
    let body: Value = res.json().await.unwrap();
    let generated = body["user"]["login"].as_str().unwrap().to_owned();
    assert_eq!(login(&app, &generated, "mat-khau-123").await.status(), 200);
    assert_eq!(
        login(&app, "0912345678", "mat-khau-123").await.status(),
        401
    );
}

async fn the_setup_link_creates_the_first_organiser_once(app: TestApp) {
    let token = cchc_quiz::app::first_run::issue(&app.state.db, "setup", None)
        .await
        .unwrap();
    let browser = app.browser();
    let path = app.url(&format!("/khoi-tao/{token}"));
    assert_eq!(browser.get(&path).send().await.unwrap().status(), 200);
    let form = [
        ("login", "BanToChuc"),
        ("full_name", "Trần Văn Tổ Chức"),
        ("password", "mat-khau-dai-123"),
    ];
    let res = browser.post(&path).form(&form).send().await.unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/quan-tri");
    let dashboard = browser.get(app.url("/quan-tri")).send().await.unwrap();
    assert_eq!(dashboard.status(), 200);
    assert!(
        dashboard
            .text()
            .await
            .unwrap()
            .contains("Các bước chuẩn bị")
    );
    let used = app.api.get(&path).send().await.unwrap();
    assert_eq!(used.status(), 410);
    assert!(
        used.text()
            .await
            .unwrap()
            .contains("Liên kết đã được dùng hoặc đã hết hạn"),
        "a used link says so"
    );
    assert_eq!(
        login(&app, "bantochuc", "mat-khau-dai-123").await.status(),
        200
    );
}

async fn a_create_user_link_sets_the_password_once_and_a_setup_link_dies_once_an_organiser_exists(
    app: TestApp,
) {
    let setup = cchc_quiz::app::first_run::issue(&app.state.db, "setup", None)
        .await
        .unwrap();
    let link = cchc_quiz::app::first_run::create_user_with_link(
        &app.state.db,
        &app.address,
        "GK01",
        "Lê Giám Khảo",
        "organiser",
        None,
    )
    .await
    .unwrap();
    let browser = app.browser();
    let res = browser
        .post(&link)
        .form(&[("password", "ngan")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 422);
    let res = browser
        .post(&link)
        .form(&[("password", "mat-khau-dai-123")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(login(&app, "gk01", "mat-khau-dai-123").await.status(), 200);
    assert_eq!(
        browser
            .post(&link)
            .form(&[("password", "mat-khau-khac-123")])
            .send()
            .await
            .unwrap()
            .status(),
        410
    );
    let form = [
        ("login", "ke-gian"),
        ("full_name", "Kẻ Gian"),
        ("password", "mat-khau-dai-123"),
    ];
    let late = browser
        .post(app.url(&format!("/khoi-tao/{setup}")))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(
        late.status(),
        410,
        "a setup link dies once an organiser exists"
    );
    assert_eq!(
        login(&app, "ke-gian", "mat-khau-dai-123").await.status(),
        401
    );
}

async fn the_web_login_sets_a_strict_http_only_cookie_and_forms_need_the_csrf_field(app: TestApp) {
    let p = app.participant().await;
    let browser = app.browser();
    let bad = browser
        .post(app.url("/dang-nhap"))
        .form(&[("login", p.login.as_str()), ("password", "sai")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    assert!(bad.text().await.unwrap().contains("không đúng"));
    let res = browser
        .post(app.url("/dang-nhap"))
        .form(&[
            ("login", p.login.as_str()),
            ("password", p.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let no_csrf = browser
        .post(app.url("/dang-xuat"))
        .form(&[("csrf", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(no_csrf.status(), 403);
    assert_eq!(
        browser
            .get(app.url("/tai-khoan"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(
        browser
            .get(app.url("/quan-tri"))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
}

/// The login form says "mã cán bộ hoặc email": the address the roster gave a person logs them in, in any case;
/// an address two accounts share logs in neither, with the same answer as any wrong login.
async fn a_person_logs_in_with_the_email_the_roster_gave_them(app: TestApp) {
    use cchc_quiz::entities::users;
    use sea_orm::{ActiveModelTrait, Set};
    let set_email = |id: i64, email: &'static str| {
        let db = app.state.db.clone();
        async move {
            users::ActiveModel {
                id: Set(id),
                email: Set(Some(email.to_owned())),
                ..Default::default()
            }
            .update(&db)
            .await
            .unwrap();
        }
    };
    let p = app.participant().await;
    set_email(p.id, "nguyen.van.a@thanhtra.gov.vn").await;
    let res = login(&app, "Nguyen.Van.A@ThanhTra.gov.vn", &p.password).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["user"]["login"], p.login.as_str(), "{body}");
    let page = app
        .browser()
        .post(app.url("/dang-nhap"))
        .form(&[
            ("login", "nguyen.van.a@thanhtra.gov.vn"),
            ("password", p.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303, "the login form takes the email too");
    assert_eq!(
        login(&app, "nguyen.van.a@thanhtra.gov.vn", "sai-mat-khau")
            .await
            .status(),
        401
    );
    let other = app.participant().await;
    set_email(other.id, "chung@thanhtra.gov.vn").await;
    let third = app.participant().await;
    set_email(third.id, "CHUNG@thanhtra.gov.vn").await;
    assert_eq!(
        login(&app, "chung@thanhtra.gov.vn", &other.password)
            .await
            .status(),
        401,
        "a shared address is ambiguous"
    );
}

crate::db_tests!(
    a_person_logs_in_with_the_email_the_roster_gave_them,
    a_create_user_link_sets_the_password_once_and_a_setup_link_dies_once_an_organiser_exists,
    the_setup_link_creates_the_first_organiser_once,
    the_web_login_sets_a_strict_http_only_cookie_and_forms_need_the_csrf_field,
    a_person_logs_in_with_any_case_and_reads_their_own_account,
    a_wrong_password_and_an_unknown_login_get_the_same_answer,
    tampered_expired_foreign_and_unsigned_tokens_are_refused,
    a_token_stops_working_after_logout,
    changing_the_password_ends_older_sessions_and_the_new_one_works,
    the_eleventh_bad_login_in_a_minute_is_throttled_in_vietnamese,
    a_cookie_session_needs_the_csrf_header_to_change_anything,
    self_registration_is_closed_until_an_organiser_opens_it,
);
