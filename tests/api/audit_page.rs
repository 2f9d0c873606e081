//! The audit log page speaks in words and filters by person, kind and date.
use crate::db_tests;
use crate::helpers::TestApp;
use cchc_quiz::domain::Role;

const ROSTER: &str = "Mã cán bộ,Họ và tên,Mã đơn vị\nTT001,Nguyễn Văn An,TTT\nTT002,Trần Thị Bình,TTT\nTT003,Lê Văn Cường,KHONGCO\n";

async fn the_log_reads_in_words_and_filters_by_kind_person_and_date(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let other = app.create_user(Role::Organiser, None).await;
    let unit = serde_json::json!({"code": "TTT", "name": "Thanh tra tỉnh", "headcount": 10});
    let res = app.post_json("/api/v1/units", Some(&other), &unit).await;
    assert_eq!(res.status(), 201);
    let part = reqwest::multipart::Part::text(ROSTER).file_name("danh-sach.csv");
    let res = app
        .api
        .post(app.url("/api/v1/staff/import"))
        .bearer_auth(&organiser.token)
        .multipart(reqwest::multipart::Form::new().part("file", part))
        .send()
        .await
        .expect("import");
    assert_eq!(res.status(), 200);
    let (browser, _) = app.log_in(&organiser).await;
    let read = |query: &str| {
        let url = app.url(&format!("/quan-tri/nhat-ky{query}"));
        let browser = browser.clone();
        async move {
            browser
                .get(url)
                .send()
                .await
                .expect("log")
                .text()
                .await
                .expect("body")
        }
    };
    let all = read("").await;
    assert!(
        all.contains("Nhập danh sách cán bộ từ tệp danh-sach.csv: 2 người mới, 0 người cập nhật, 1 dòng bị từ chối"),
        "{all}"
    );
    assert!(all.contains("Thêm đơn vị Thanh tra tỉnh (TTT)"));
    let units = read("?loai=unit").await;
    assert!(units.contains("Thêm đơn vị") && !units.contains("Nhập danh sách cán bộ từ tệp"));
    let by_other = read(&format!("?nguoi={}", other.login)).await;
    assert!(by_other.contains("Thêm đơn vị") && !by_other.contains("Nhập danh sách cán bộ từ tệp"));
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2)).format("%Y-%m-%d");
    let later = read(&format!("?tu={tomorrow}")).await;
    assert!(later.contains("Không có thao tác nào."), "{later}");
}

db_tests!(the_log_reads_in_words_and_filters_by_kind_person_and_date);
