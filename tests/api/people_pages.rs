//! An organiser changes one person from the staff list (`/quan-tri/can-bo/{id}`): the edit form, locking and
//! unlocking, and what the person notices at once.
use crate::helpers::{TestApp, TestUser, form_token};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::audit_log;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

fn person_path(user: &TestUser) -> String {
    format!("/quan-tri/can-bo/{}", user.id)
}

/// Posts `fields` with the CSRF token of the form of `form_page` that posts to `action`.
async fn post_form(
    browser: &reqwest::Client,
    app: &TestApp,
    form_page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let (_, shown) = app.page(browser, form_page).await;
    let token = form_token(&shown, action).expect("the form");
    let mut body: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
    body.extend_from_slice(fields);
    browser
        .post(app.url(action))
        .form(&body)
        .send()
        .await
        .unwrap()
}

async fn api_login(app: &TestApp, user: &TestUser) -> u16 {
    let body = json!({"login": user.login, "password": user.password});
    app.post_json("/api/v1/auth/login", None, &body)
        .await
        .status()
        .as_u16()
}

async fn the_edit_form_saves_and_the_list_shows_the_new_name_and_role(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let person = app.participant().await;
    let unit = app.create_unit("TTS", "Thanh tra Sở Xây dựng", 12).await;
    let (browser, _) = app.log_in(&organiser).await;
    let (_, list) = app.page(&browser, "/quan-tri/can-bo").await;
    assert!(
        list.contains(&format!("href=\"{}\"", person_path(&person))),
        "each row links to the person's page"
    );
    let unit = unit.to_string();
    let fields = [
        ("full_name", "Trần Thị Bích"),
        ("unit_id", unit.as_str()),
        ("position", "Phó Chánh Thanh tra"),
        ("email", "Bich.TT@example.gov.vn"),
        ("phone", "+84 912 345 678"),
        ("role", "judge"),
    ];
    let path = person_path(&person);
    let saved = post_form(&browser, &app, &path, &path, &fields).await;
    assert_eq!(saved.status(), 303);
    let back = saved.headers()["location"].to_str().unwrap().to_owned();
    assert!(back.starts_with(&path), "back to the person's page: {back}");
    let (_, shown) = app.page(&browser, &back).await;
    assert!(shown.contains("Đã lưu thay đổi."));
    assert!(shown.contains("value=\"Phó Chánh Thanh tra\""));
    assert!(shown.contains("value=\"bich.tt@example.gov.vn\""));
    assert!(
        shown.contains("value=\"0912345678\""),
        "the phone is normalised"
    );
    let (_, list) = app.page(&browser, "/quan-tri/can-bo").await;
    assert!(list.contains("Trần Thị Bích") && list.contains("Thanh tra Sở Xây dựng"));
    assert!(list.contains("Ban Giám khảo"));
    let entry = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(entry.action, "staff.update");
    let before: Value = serde_json::from_str(&entry.before_json.unwrap()).unwrap();
    let after: Value = serde_json::from_str(&entry.after_json.unwrap()).unwrap();
    assert_eq!(before["role"], "participant");
    assert_eq!(after["role"], "judge");
    assert_eq!(after["full_name"], "Trần Thị Bích");
    assert!(after.get("login").is_none(), "only what changed: {after}");
}

async fn a_refused_form_keeps_every_typed_value_and_says_why_next_to_the_field(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let person = app.participant().await;
    let (browser, _) = app.log_in(&organiser).await;
    let path = person_path(&person);
    let fields = [
        ("full_name", "   "),
        ("unit_id", "987654"),
        ("position", "Chuyên viên chính"),
        ("email", "khong-phai-email"),
        ("phone", "0912 345 678"),
        ("role", "judge"),
    ];
    let refused = post_form(&browser, &app, &path, &path, &fields).await;
    assert_eq!(refused.status(), 422);
    let shown = refused.text().await.unwrap();
    let at = |s: &str| {
        shown
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing: {shown}"))
    };
    assert!(
        at("id=\"full_name\"") < at("Vui lòng nhập họ và tên")
            && at("Vui lòng nhập họ và tên") < at("for=\"unit_id\"")
    );
    assert!(
        at("id=\"unit_id\"") < at("Đơn vị không tồn tại.")
            && at("Đơn vị không tồn tại.") < at("for=\"position\"")
    );
    let email_error = "Email &quot;khong-phai-email&quot; không hợp lệ.";
    assert!(at("id=\"email\"") < at(email_error) && at(email_error) < at("for=\"phone\""));
    for kept in [
        "value=\"Chuyên viên chính\"",
        "value=\"khong-phai-email\"",
        "value=\"0912 345 678\"",
    ] {
        assert!(shown.contains(kept), "{kept} kept");
    }
    assert!(
        shown.contains("value=\"judge\" selected"),
        "the chosen role is kept"
    );
    let (_, now) = app.page(&browser, &path).await;
    assert!(
        now.contains(&format!("Người Thử {}", person.login)),
        "nothing saved"
    );
    assert!(!now.contains("Chuyên viên chính"));
}

async fn locking_a_person_ends_their_session_at_once_and_unlocking_lets_them_back(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let person = app.participant().await;
    let (theirs, _) = app.log_in(&person).await;
    assert_eq!(app.page(&theirs, "/dot-thi").await.0, 200);
    let (browser, _) = app.log_in(&organiser).await;
    let lock = format!("{}/khoa", person_path(&person));
    let (status, ask) = app.page(&browser, &lock).await;
    assert_eq!(status, 200);
    assert!(ask.contains("sẽ bị đăng xuất ngay và không đăng nhập được nữa"));
    assert_eq!(
        app.page(&theirs, "/dot-thi").await.0,
        200,
        "asking changed nothing"
    );
    let done = post_form(&browser, &app, &lock, &lock, &[]).await;
    assert_eq!(done.status(), 303);
    let (_, shown) = app
        .page(&browser, done.headers()["location"].to_str().unwrap())
        .await;
    assert!(shown.contains("Đã khoá tài khoản."));
    let old = theirs.get(app.url("/dot-thi")).send().await.unwrap();
    assert_eq!(old.status(), 303, "the old session is over");
    assert_eq!(old.headers()["location"], "/dang-nhap?next=%2Fdot-thi");
    assert_eq!(app.get("/api/v1/me", Some(&person)).await.status(), 401);
    assert_eq!(api_login(&app, &person).await, 401, "cannot log in");
    let unlock = format!("{}/mo-khoa", person_path(&person));
    let done = post_form(&browser, &app, &unlock, &unlock, &[]).await;
    assert_eq!(done.status(), 303);
    assert_eq!(api_login(&app, &person).await, 200, "in again");
    let (again, _) = app.log_in(&person).await;
    assert_eq!(app.page(&again, "/dot-thi").await.0, 200);
}

async fn an_organiser_cannot_lock_or_demote_themselves(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let path = person_path(&organiser);
    let lock = format!("{path}/khoa");
    let refused = post_form(&browser, &app, &lock, &lock, &[]).await;
    assert_eq!(refused.status(), 409);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("không thể tự hạ quyền hoặc khóa tài khoản")
    );
    let fields = [
        ("full_name", "Tên Mới Gõ"),
        ("role", "participant"),
        ("unit_id", ""),
    ];
    let refused = post_form(&browser, &app, &path, &path, &fields).await;
    assert_eq!(refused.status(), 409);
    let shown = refused.text().await.unwrap();
    assert!(shown.contains("cần ít nhất một người của Ban Tổ chức"));
    assert!(shown.contains("value=\"Tên Mới Gõ\""), "typed values kept");
    assert_eq!(
        app.page(&browser, "/quan-tri/can-bo").await.0,
        200,
        "still an organiser"
    );
}

async fn a_role_change_ends_the_persons_sessions_and_the_new_role_counts_on_login(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let person = app.participant().await;
    let (theirs, _) = app.log_in(&person).await;
    assert_eq!(app.page(&theirs, "/giam-khao").await.0, 403);
    let path = format!("/api/v1/staff/{}", person.id);
    let made = app
        .send_json(
            reqwest::Method::PATCH,
            &path,
            Some(&organiser),
            &json!({"role": "judge"}),
        )
        .await;
    assert_eq!(made.status(), 200);
    assert_eq!(app.page(&theirs, "/giam-khao").await.0, 303, "logged out");
    let (again, _) = app.log_in(&person).await;
    assert_eq!(app.page(&again, "/giam-khao").await.0, 200);
}

async fn the_api_changes_position_and_contact_like_the_page(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let person = app.participant().await;
    let path = format!("/api/v1/staff/{}", person.id);
    let patch = |body: Value| {
        let (app, path, organiser) = (&app, path.clone(), organiser.clone());
        async move {
            app.send_json(reqwest::Method::PATCH, &path, Some(&organiser), &body)
                .await
        }
    };
    let saved: Value =
        patch(json!({"position": "Thanh tra viên", "email": "a@b.vn", "phone": "0912.000.111"}))
            .await
            .json()
            .await
            .unwrap();
    assert_eq!(saved["position"], "Thanh tra viên");
    assert_eq!(saved["email"], "a@b.vn");
    assert_eq!(saved["phone"], "0912000111");
    let refused = patch(json!({"phone": "12"})).await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.unwrap();
    assert!(
        body["error"]["fields"]["phone"][0]
            .as_str()
            .unwrap()
            .contains("không hợp lệ")
    );
    let cleared: Value = patch(json!({"email": ""})).await.json().await.unwrap();
    assert_eq!(cleared["email"], Value::Null);
}

async fn only_organisers_reach_a_persons_pages(app: TestApp) {
    let person = app.participant().await;
    let path = person_path(&person);
    for role in [Role::Participant, Role::Judge] {
        let other = app.create_user(role, person.unit_id).await;
        let (browser, _) = app.log_in(&other).await;
        for p in [
            path.clone(),
            format!("{path}/khoa"),
            format!("{path}/mo-khoa"),
        ] {
            assert_eq!(app.page(&browser, &p).await.0, 403, "{role:?} GET {p}");
            let posted = browser
                .post(app.url(&p))
                .form(&[
                    ("csrf", "x"),
                    ("full_name", "Bị đổi"),
                    ("role", "organiser"),
                ])
                .send()
                .await
                .unwrap();
            assert_eq!(posted.status(), 403, "{role:?} POST {p}");
        }
    }
    let anonymous = app.browser();
    assert_eq!(app.page(&anonymous, &path).await.0, 303);
}

crate::db_tests!(
    the_edit_form_saves_and_the_list_shows_the_new_name_and_role,
    a_refused_form_keeps_every_typed_value_and_says_why_next_to_the_field,
    locking_a_person_ends_their_session_at_once_and_unlocking_lets_them_back,
    an_organiser_cannot_lock_or_demote_themselves,
    a_role_change_ends_the_persons_sessions_and_the_new_role_counts_on_login,
    the_api_changes_position_and_contact_like_the_page,
    only_organisers_reach_a_persons_pages,
);
