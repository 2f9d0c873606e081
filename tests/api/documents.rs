//! Reference documents and the visitor's home page: organisers add a link or a PDF (and only a PDF), everyone reads
//! them from the home page; the home page shows the open round with its dates, time limit and rules, the latest
//! results and the organisers' contact, and no internal bank table.
use crate::helpers::{TestApp, TestUser, form_token};
use crate::quiz_fixture::open_round;
use cchc_quiz::domain::Role;
use serde_json::{Value, json};

async fn upload(
    app: &TestApp,
    user: &TestUser,
    title: &str,
    name: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new()
        .text("title", title.to_owned())
        .part("file", part);
    reqwest::Client::new()
        .post(app.url("/api/v1/documents/upload"))
        .bearer_auth(&user.token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn a_pdf() -> Vec<u8> {
    let mut pdf = b"%PDF-1.4\n% Luat Tiep cong dan\n".to_vec();
    pdf.extend(std::iter::repeat_n(b'x', 2000));
    pdf
}

async fn links_and_pdfs_added_by_an_organiser_are_read_by_everyone(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let link = json!({"title": "Luật Tiếp công dân năm 2013", "url": "https://vanban.chinhphu.vn/luat-tiep-cong-dan"});
    let res = app
        .post_json("/api/v1/documents", Some(&organiser), &link)
        .await;
    assert_eq!(res.status(), 201);
    let res = upload(
        &app,
        &organiser,
        "Đề cương ôn tập",
        "De cuong on tap.pdf",
        a_pdf(),
    )
    .await;
    assert_eq!(res.status(), 201);
    let added: Value = res.json().await.unwrap();
    let id = added["id"].as_i64().unwrap();
    assert_eq!(added["size_bytes"], a_pdf().len());

    let listed: Value = app
        .get("/api/v1/documents", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().map(Vec::len), Some(2));
    let page = app.page_ok(&app.api, "/tai-lieu").await;
    assert!(page.contains("href=\"https://vanban.chinhphu.vn/luat-tiep-cong-dan\""));
    assert!(page.contains(&format!("href=\"/tai-lieu/{id}\"")) && page.contains("(PDF, 3 kB)"));
    let file = app.get(&format!("/tai-lieu/{id}"), None).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.headers()["content-type"], "application/pdf");
    assert!(
        file.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("filename*=UTF-8''De%20cuong%20on%20tap.pdf"),
        "the file keeps its name"
    );
    assert_eq!(file.bytes().await.unwrap().to_vec(), a_pdf());
    assert!(
        app.page_ok(&app.api, "/")
            .await
            .contains("href=\"/tai-lieu\""),
        "the home page links them"
    );

    let res = app
        .send_json(
            reqwest::Method::DELETE,
            &format!("/api/v1/documents/{id}"),
            Some(&organiser),
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 204);
    assert_eq!(
        app.get(&format!("/tai-lieu/{id}"), None).await.status(),
        404
    );
}

async fn anything_but_a_pdf_or_a_web_link_is_refused(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let res = upload(
        &app,
        &organiser,
        "Ảnh",
        "anh.pdf",
        b"\x89PNG\r\n\x1a\nnot a pdf".to_vec(),
    )
    .await;
    assert_eq!(res.status(), 422);
    let body: Value = res.json().await.unwrap();
    assert!(body.to_string().contains("Chỉ nhận tệp PDF"), "{body}");
    for url in [
        "javascript:alert(1)",
        "ftp://may-chu/tai-lieu",
        "https://có dấu cách",
    ] {
        let res = app
            .post_json(
                "/api/v1/documents",
                Some(&organiser),
                &json!({"title": "Thử", "url": url}),
            )
            .await;
        assert_eq!(res.status(), 422, "{url}");
    }
    let mut big = a_pdf();
    big.resize(10 * 1024 * 1024 + 1, b'x');
    let res = upload(&app, &organiser, "Quá lớn", "lon.pdf", big).await;
    assert_eq!(res.status(), 413);
    let listed: Value = app
        .get("/api/v1/documents", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        listed.as_array().map(Vec::len),
        Some(0),
        "nothing was added"
    );
}

async fn the_organisers_page_adds_and_removes_and_keeps_others_out(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let (browser, _) = app.log_in(&organiser).await;
    let page = |path: &'static str| {
        let browser = browser.clone();
        let url = app.url(path);
        async move { browser.get(url).send().await.unwrap().text().await.unwrap() }
    };
    let shown = page("/quan-tri/tai-lieu").await;
    let token = form_token(&shown, "/quan-tri/tai-lieu/lien-ket").expect("the link form");
    let refused = browser
        .post(app.url("/quan-tri/tai-lieu/lien-ket"))
        .form(&[
            ("csrf", token.as_str()),
            ("title", "Thử"),
            ("url", "javascript:alert(1)"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert!(
        refused.text().await.unwrap().contains("https://"),
        "says what is wanted"
    );
    let added = browser
        .post(app.url("/quan-tri/tai-lieu/lien-ket"))
        .form(&[
            ("csrf", token.as_str()),
            ("title", "Nghị định 118/2025/NĐ-CP"),
            ("url", "https://vanban.chinhphu.vn/nd-118"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), 303);
    let shown = page("/quan-tri/tai-lieu?da-them=1").await;
    assert!(shown.contains("Đã thêm tài liệu.") && shown.contains("Nghị định 118/2025/NĐ-CP"));
    let listed: Value = app
        .get("/api/v1/documents", None)
        .await
        .json()
        .await
        .unwrap();
    let id = listed[0]["id"].as_i64().unwrap();
    let action = format!("/quan-tri/tai-lieu/{id}/xoa");
    let token = form_token(&shown, &action).expect("the remove button");
    let removed = browser
        .post(app.url(&action))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), 303);
    assert!(!page("/tai-lieu").await.contains("Nghị định 118/2025/NĐ-CP"));

    let participant = app.participant().await;
    let (outsider, _) = app.log_in(&participant).await;
    let denied = outsider
        .get(app.url("/quan-tri/tai-lieu"))
        .send()
        .await
        .unwrap();
    assert_eq!(denied.status(), 403);
}

async fn the_home_page_shows_the_open_round_its_rules_and_the_contact(app: TestApp) {
    let (organiser, round) = open_round(
        &app,
        json!({"rules": "Mỗi người thi một lần.\nKhông dùng tài liệu."}),
    )
    .await;
    let res = app
        .send_json(
            reqwest::Method::PUT,
            "/api/v1/settings",
            Some(&organiser),
            &json!({"contact": "Văn phòng Công đoàn: 0203 3835 123\ncongdoan@thanhtra.example.gov.vn"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let home = app.page_ok(&app.api, "/").await;
    let open = &home[home.find("id=\"dang-mo\"").expect("the open rounds")..];
    assert!(
        open.contains("Đăng nhập để dự thi") && open.contains(&format!("next=/dot-thi/{round}"))
    );
    assert!(open.contains("phút làm bài") && open.contains("Không dùng tài liệu."));
    assert!(home.contains("congdoan@thanhtra.example.gov.vn"));
    let main = &home[home.find("<main").expect("main")..];
    assert!(!main.contains("<table"), "no internal bank table");
}

crate::db_tests!(
    links_and_pdfs_added_by_an_organiser_are_read_by_everyone,
    anything_but_a_pdf_or_a_web_link_is_refused,
    the_organisers_page_adds_and_removes_and_keeps_others_out,
    the_home_page_shows_the_open_round_its_rules_and_the_contact,
);
