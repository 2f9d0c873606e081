use crate::helpers::{TestApp, TestUser, form_token};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::users;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

const ROSTER: &str = "\u{feff}Mã cán bộ,Họ và tên,Mã đơn vị,Chức vụ,Email,Số điện thoại,CCCD
TT001,Nguyễn Văn An,TTT,Chánh Thanh tra,an@ttt.gov.vn,0912345678,001089012345
TT002,Trần Thị Bình,TTT,Thanh tra viên,,0912345679,
TT003,Lê Văn Cường,KHONGCO,,,,
TT001,Nguyễn Văn An Bản Sao,TTT,,,,
TT004,Phạm Thị Dung,TTT,,dung@,,
TT005,Hoàng Văn Em,TTT,,,0912345679,
";

async fn import(app: &TestApp, organiser: &TestUser, csv: &str) -> Value {
    let part = reqwest::multipart::Part::text(csv.to_owned()).file_name("danh-sach.csv");
    let res = app
        .api
        .post(app.url("/api/v1/staff/import"))
        .bearer_auth(&organiser.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

async fn a_roster_with_good_and_bad_rows_creates_the_good_ones_and_explains_the_rest(app: TestApp) {
    app.create_unit("TTT", "Thanh tra tỉnh", 30).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let report = import(&app, &organiser, ROSTER).await;
    assert_eq!(report["created"], 2, "{report}");
    assert_eq!(report["updated"], 0);
    let rejected: Vec<(u64, String)> = report["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["row"].as_u64().unwrap(),
                r["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rejected.iter().map(|r| r.0).collect::<Vec<_>>(),
        vec![4, 5, 6, 7],
        "{report}"
    );
    assert!(rejected[0].1.contains("KHONGCO"));
    assert!(rejected[1].1.contains("trùng với dòng 2"));
    assert!(rejected[2].1.contains("Email"));
    assert!(rejected[3].1.contains("Số điện thoại trùng với dòng 3"));
    let slips = report["slips"].as_array().unwrap();
    assert_eq!(slips.len(), 2);
    assert_eq!(slips[0]["login"], "tt001");
    assert_eq!(slips[0]["unit"], "Thanh tra tỉnh");
    let password = slips[0]["password"].as_str().unwrap();
    let people = users::Entity::find()
        .order_by_asc(users::Column::Login)
        .all(&app.state.db)
        .await
        .unwrap();
    let an = people.iter().find(|u| u.login == "tt001").unwrap();
    assert_eq!(an.cccd.as_deref(), Some("001089012345"));
    assert!(
        an.password_hash
            .as_deref()
            .unwrap()
            .starts_with("$argon2id$")
    );
    assert!(!an.password_hash.as_deref().unwrap().contains(password));
    assert_eq!(people.len(), 3, "the organiser and two new staff");
    let res = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"login": "TT001", "password": password}),
        )
        .await;
    assert_eq!(res.status(), 200);
}

async fn importing_the_same_roster_twice_changes_nothing_the_second_time(app: TestApp) {
    app.create_unit("TTT", "Thanh tra tỉnh", 30).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    import(&app, &organiser, ROSTER).await;
    let before = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    let again = import(&app, &organiser, ROSTER).await;
    assert_eq!(
        (
            again["created"].as_u64(),
            again["updated"].as_u64(),
            again["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(2)),
        "{again}"
    );
    assert!(again["slips"].as_array().unwrap().is_empty());
    let after = users::Entity::find()
        .order_by_asc(users::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(before, after);
    let renamed = ROSTER.replace(
        "Trần Thị Bình,TTT,Thanh tra viên",
        "Trần Thị Bình An,TTT,Phó Chánh Thanh tra",
    );
    let third = import(&app, &organiser, &renamed).await;
    assert_eq!(
        (third["created"].as_u64(), third["updated"].as_u64()),
        (Some(0), Some(1)),
        "{third}"
    );
}

/// A real roster workbook whose sheet XML is padded with blanks: about 60 KB uploaded, over 50 MB unzipped.
fn roster_zip_bomb() -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, cell) in ["Mã cán bộ", "Họ và tên", "Mã đơn vị"].iter().enumerate() {
        sheet.write_string(0, col as u16, *cell).unwrap();
    }
    for (col, cell) in ["TT009", "Võ Thị Hạnh", "TTT"].iter().enumerate() {
        sheet.write_string(1, col as u16, *cell).unwrap();
    }
    let real = book.save_to_buffer().unwrap();
    let mut from = zip::ZipArchive::new(Cursor::new(real)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut entry = from.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        let end = data.windows(12).position(|w| w == b"</worksheet>");
        match end.filter(|_| name.ends_with("sheet1.xml")) {
            Some(end) => {
                out.write_all(&data[..end]).unwrap();
                let blanks = vec![b' '; 1024 * 1024];
                for _ in 0..60 {
                    out.write_all(&blanks).unwrap();
                }
                out.write_all(&data[end..]).unwrap();
            }
            None => out.write_all(&data).unwrap(),
        }
    }
    out.finish().unwrap().into_inner()
}

async fn a_roster_workbook_that_unzips_past_50_mb_is_refused_unread(app: TestApp) {
    app.create_unit("TTT", "Thanh tra tỉnh", 30).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let bomb = roster_zip_bomb();
    assert!(bomb.len() < 1024 * 1024, "{} bytes", bomb.len());
    let part = reqwest::multipart::Part::bytes(bomb).file_name("danh-sach.xlsx");
    let res = app
        .api
        .post(app.url("/api/v1/staff/import"))
        .bearer_auth(&organiser.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    let body: Value = res.json().await.unwrap();
    assert_eq!(status, 400, "{body}");
    let message = body["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("giải nén quá lớn"), "{body}");
    let people = users::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(people.len(), 1, "only the organiser: nobody was imported");
}

async fn staff_search_ignores_diacritics_and_sorts_by_given_name(app: TestApp) {
    let unit = app.create_unit("TTT", "Thanh tra tỉnh", 30).await;
    for (login, name) in [
        ("a", "Nguyễn Văn Bình"),
        ("b", "Nguyễn Văn An"),
        ("c", "Trần Thị Ánh"),
        ("d", "Lê Hoà"),
    ] {
        app.create_named_user(login, name, Role::Participant, Some(unit))
            .await;
    }
    let organiser = app.create_user(Role::Organiser, None).await;
    let found: Vec<Value> = app
        .get("/api/v1/staff?q=nguyen%20van", Some(&organiser))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = found
        .iter()
        .map(|s| s["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Nguyễn Văn An", "Nguyễn Văn Bình"]);
    let all: Vec<Value> = app
        .get(&format!("/api/v1/staff?unit={unit}"), Some(&organiser))
        .await
        .json()
        .await
        .unwrap();
    let names: Vec<&str> = all
        .iter()
        .map(|s| s["full_name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        vec!["Nguyễn Văn An", "Trần Thị Ánh", "Nguyễn Văn Bình", "Lê Hoà"]
    );
}

async fn only_organisers_see_cccd_and_phone(app: TestApp) {
    app.create_unit("TTT", "Thanh tra tỉnh", 30).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    import(&app, &organiser, ROSTER).await;
    let judge = app.create_user(Role::Judge, None).await;
    let by_judge: Vec<Value> = app
        .get("/api/v1/staff?q=an", Some(&judge))
        .await
        .json()
        .await
        .unwrap();
    let by_organiser: Vec<Value> = app
        .get("/api/v1/staff?q=an", Some(&organiser))
        .await
        .json()
        .await
        .unwrap();
    let an = |list: &[Value]| {
        list.iter()
            .find(|s| s["login"] == "tt001")
            .cloned()
            .unwrap()
    };
    assert_eq!(an(&by_organiser)["cccd"], "001089012345");
    assert!(an(&by_judge).get("cccd").is_none() && an(&by_judge).get("phone").is_none());
}

/// "Cấp lại mật khẩu" asks first: the list links to a page that names the person and says what happens; only its
/// button replaces the password (review: it acted on one tap).
async fn resetting_a_password_in_the_browser_asks_first(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let p = app.participant().await;
    let (browser, _) = app.log_in(&organiser).await;
    let path = format!("/quan-tri/can-bo/{}/cap-lai-mat-khau", p.id);
    let list = browser
        .get(app.url("/quan-tri/can-bo"))
        .send()
        .await
        .unwrap();
    let list = list.text().await.unwrap();
    assert!(
        list.contains(&format!("href=\"{path}\"")),
        "a link, not a post"
    );
    let ask = browser.get(app.url(&path)).send().await.unwrap();
    assert_eq!(ask.status(), 200);
    let ask = ask.text().await.unwrap();
    assert!(
        ask.contains(&format!("Người Thử {}", p.login)),
        "names the person"
    );
    assert!(ask.contains("sẽ không dùng được nữa"), "says what happens");
    let status = |password: String| {
        let app = &app;
        let login = p.login.clone();
        async move {
            app.post_json(
                "/api/v1/auth/login",
                None,
                &serde_json::json!({"login": login, "password": password}),
            )
            .await
            .status()
        }
    };
    assert_eq!(
        status(p.password.clone()).await,
        200,
        "asking changed nothing"
    );
    let token = form_token(&ask, &path).expect("the confirm form");
    let done = browser
        .post(app.url(&path))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), 200);
    assert!(done.text().await.unwrap().contains("Mật khẩu mới"));
    assert_eq!(
        status(p.password.clone()).await,
        401,
        "the old password is gone"
    );
}

crate::db_tests!(
    resetting_a_password_in_the_browser_asks_first,
    a_roster_with_good_and_bad_rows_creates_the_good_ones_and_explains_the_rest,
    importing_the_same_roster_twice_changes_nothing_the_second_time,
    a_roster_workbook_that_unzips_past_50_mb_is_refused_unread,
    staff_search_ignores_diacritics_and_sorts_by_given_name,
    only_organisers_see_cccd_and_phone,
);
