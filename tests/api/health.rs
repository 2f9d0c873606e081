use crate::helpers::TestApp;

async fn the_landing_page_names_the_contest(app: TestApp) {
    let res = app.get("/", None).await;
    assert_eq!(res.status(), 200);
    let csp = res
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap_or("").to_owned());
    assert!(csp.unwrap_or_default().contains("frame-ancestors 'none'"));
    let body = res.text().await.unwrap();
    assert!(body.contains("Tìm hiểu về cải cách hành chính"), "{body}");
}

async fn an_unknown_api_path_answers_json_404(app: TestApp) {
    let res = app.get("/api/v1/khong-co", None).await;
    assert_eq!(res.status(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

crate::db_tests!(
    the_landing_page_names_the_contest,
    an_unknown_api_path_answers_json_404
);
