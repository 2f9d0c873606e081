//! Login slips: each carries the contest, the site address and its QR code; a unit's slips can be reissued, which
//! gives new passwords only to the people of that unit who never logged in, as a print page and a workbook that
//! hold the same passwords.
use crate::helpers::{TestApp, TestUser, form_token};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use cchc_quiz::domain::{CONTEST_TITLE, Role};
use cchc_quiz::entities::audit_log;
use cchc_quiz::store::people::accounts;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

async fn login_status(app: &TestApp, login: &str, password: &str) -> u16 {
    let body = json!({"login": login, "password": password});
    app.post_json("/api/v1/auth/login", None, &body)
        .await
        .status()
        .as_u16()
}

/// A unit with three participants named so that the given names sort Bình, Cường, An → An, Bình, Cường.
async fn unit_of_three(app: &TestApp) -> (i64, [TestUser; 3]) {
    let unit = app.create_unit("TTH", "Thanh tra huyện Đông Anh", 3).await;
    let people = [
        ("binh01", "Lê Văn Bình"),
        ("cuong01", "Phạm Quốc Cường"),
        ("an01", "Trần Thị An"),
    ];
    let mut made = Vec::new();
    for (login, name) in people {
        made.push(
            app.create_named_user(login, name, Role::Participant, Some(unit))
                .await,
        );
    }
    let made: [TestUser; 3] = made.try_into().unwrap_or_else(|_| unreachable!());
    (unit, made)
}

async fn reissuing_gives_new_passwords_only_to_those_who_never_logged_in(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (unit, [binh, cuong, an]) = unit_of_three(&app).await;
    let elsewhere = app.participant().await;
    assert_eq!(login_status(&app, &cuong.login, &cuong.password).await, 200);

    let path = format!("/api/v1/units/{unit}/reissue-slips");
    let res = app.post_json(&path, Some(&organiser), &json!({})).await;
    assert_eq!(res.status(), 200);
    let issued: Value = res.json().await.unwrap();
    assert_eq!(issued["unit"], "Thanh tra huyện Đông Anh");
    let slips = issued["slips"].as_array().unwrap();
    let logins: Vec<&str> = slips.iter().filter_map(|s| s["login"].as_str()).collect();
    assert_eq!(
        logins,
        ["an01", "binh01"],
        "only those who never logged in, by given name"
    );

    for (person, slip) in [(&an, &slips[0]), (&binh, &slips[1])] {
        let new = slip["password"].as_str().unwrap();
        assert_eq!(slip["unit"], "Thanh tra huyện Đông Anh");
        assert_eq!(
            login_status(&app, &person.login, &person.password).await,
            401,
            "the earlier slip of {} no longer works",
            person.login
        );
        assert_eq!(login_status(&app, &person.login, new).await, 200);
    }
    assert_eq!(
        login_status(&app, &cuong.login, &cuong.password).await,
        200,
        "someone who already logged in keeps their password"
    );
    assert_eq!(
        login_status(&app, &elsewhere.login, &elsewhere.password).await,
        200,
        "another unit is untouched"
    );

    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("staff.reissue_slips"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audit.len(), 1);
    let recorded = audit[0].after_json.clone().unwrap_or_default();
    assert!(recorded.contains("an01") && recorded.contains("binh01"));
    for slip in slips {
        let password = slip["password"].as_str().unwrap();
        assert!(!recorded.contains(password), "no password in the audit log");
    }

    let again: Value = app
        .post_json(&path, Some(&organiser), &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again["slips"].as_array().map(Vec::len),
        Some(0),
        "everyone has logged in by now"
    );
}

async fn only_organisers_reissue_slips_and_an_unknown_unit_is_not_found(app: TestApp) {
    let (unit, [binh, ..]) = unit_of_three(&app).await;
    let judge = app.create_user(Role::Judge, None).await;
    let path = format!("/api/v1/units/{unit}/reissue-slips");
    for user in [&binh, &judge] {
        let res = app.post_json(&path, Some(user), &json!({})).await;
        assert_eq!(res.status(), 403);
    }
    assert_eq!(
        login_status(&app, &binh.login, &binh.password).await,
        200,
        "a refused reissue changes nothing"
    );
    let organiser = app.create_user(Role::Organiser, None).await;
    let res = app
        .post_json(
            "/api/v1/units/999999/reissue-slips",
            Some(&organiser),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 404);
}

/// The password shown on the page's slip for `login`.
fn password_on_page(page: &str, login: &str) -> String {
    let from = page
        .find(&format!("<code>{login}</code>"))
        .unwrap_or_else(|| panic!("a slip for {login}"));
    let rest = &page[from..];
    let field = "Mật khẩu</dt><dd><code>";
    let start = rest.find(field).expect("the password") + field.len();
    rest[start..start + rest[start..].find('<').expect("end")].to_owned()
}

async fn a_units_print_page_and_its_workbook_carry_the_same_new_passwords(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (unit, [_, cuong, an]) = unit_of_three(&app).await;
    assert_eq!(login_status(&app, &cuong.login, &cuong.password).await, 200);
    let (browser, _) = app.log_in(&organiser).await;
    let an_hash_before = accounts::find(&app.state.db, an.id)
        .await
        .unwrap()
        .password_hash;

    let units = browser
        .get(app.url("/quan-tri/don-vi"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let path = format!("/quan-tri/don-vi/{unit}/phieu");
    assert!(
        units.contains(&format!("href=\"{path}\"")),
        "the unit list links to it"
    );
    let ask = browser
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ask.contains("2 người chưa đăng nhập lần nào"), "{ask}");
    assert!(ask.contains("Trần Thị An") && ask.contains("Lê Văn Bình"));
    assert!(
        !ask.contains("Phạm Quốc Cường"),
        "who logged in is not listed"
    );
    let hash = |id: i64| {
        let db = &app.state.db;
        async move { accounts::find(db, id).await.unwrap().password_hash }
    };
    assert_eq!(hash(an.id).await, an_hash_before, "asking changes nothing");

    let token = form_token(&ask, &path).expect("the confirm form");
    let done = browser
        .post(app.url(&path))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert_eq!(done.headers()["cache-control"], "no-store");
    let page = done.text().await.unwrap();
    let escaped_title = CONTEST_TITLE.replace('"', "&quot;");
    assert!(page.contains(&escaped_title), "the contest's name");
    assert!(
        page.contains(&format!("Địa chỉ: <strong>{}</strong>", app.address)),
        "the site's address"
    );
    assert!(page.contains("src=\"/ma-qr.svg\""), "its QR code");
    assert!(
        page.contains("class=\"print-slips\""),
        "prints the slips only"
    );
    assert_eq!(page.matches("<article class=\"slip\">").count(), 2);

    let an_password = password_on_page(&page, "an01");
    let binh_password = password_on_page(&page, "binh01");
    assert_eq!(login_status(&app, "an01", &an_password).await, 200);

    let link = format!("download=\"phieu-dang-nhap-don-vi-{unit}.xlsx\"");
    let at = page.find(&link).expect("the workbook link");
    let prefix = "base64,";
    let start = at + page[at..].find(prefix).expect("a data link") + prefix.len();
    let end = start + page[start..].find('"').expect("end of the link");
    let bytes = STANDARD.decode(&page[start..end]).expect("base64");
    let cells = cchc_quiz::spreadsheet::cells(&bytes, "phieu.xlsx").expect("a workbook");
    let row_of = |login: &str| {
        cells
            .iter()
            .find(|row| row.iter().any(|c| c == login))
            .unwrap_or_else(|| panic!("a row for {login}: {cells:?}"))
            .clone()
    };
    assert!(row_of("an01").contains(&an_password));
    assert!(row_of("binh01").contains(&binh_password));
    assert!(row_of("binh01").contains(&"Lê Văn Bình".to_owned()));
    assert!(
        cells
            .iter()
            .flatten()
            .any(|c| c.contains(&app.address.to_string())),
        "the workbook names the site"
    );
}

async fn the_qr_code_is_an_svg_anyone_can_load(app: TestApp) {
    let res = app.get("/ma-qr.svg", None).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "image/svg+xml");
    assert!(res.text().await.unwrap().contains("<svg"));
}

crate::db_tests!(
    reissuing_gives_new_passwords_only_to_those_who_never_logged_in,
    only_organisers_reissue_slips_and_an_unknown_unit_is_not_found,
    a_units_print_page_and_its_workbook_carry_the_same_new_passwords,
    the_qr_code_is_an_svg_anyone_can_load,
);
