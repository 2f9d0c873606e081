//! Review F12: a page on another site cannot log a visitor's browser into someone else's account. The login
//! form refuses a post whose `Origin` (or `Referer`) is another site, and still works without JavaScript.
use crate::helpers::TestApp;

async fn post_login(
    app: &TestApp,
    origin: Option<&str>,
    referer: Option<&str>,
) -> reqwest::Response {
    let p = app.participant().await;
    let mut req = app.browser().post(app.url("/dang-nhap")).form(&[
        ("login", p.login.as_str()),
        ("password", p.password.as_str()),
    ]);
    if let Some(o) = origin {
        req = req.header("origin", o);
    }
    if let Some(r) = referer {
        req = req.header("referer", r);
    }
    req.send().await.expect("login post")
}

async fn a_login_form_posted_from_another_site_sets_no_session(app: TestApp) {
    for (origin, referer) in [
        (Some("https://evil.example"), None),
        (Some("null"), None),
        (None, Some("https://evil.example/trang-loi-dung")),
    ] {
        let res = post_login(&app, origin, referer).await;
        assert_eq!(res.status(), 403, "{origin:?} {referer:?}");
        assert!(
            !res.headers().contains_key("set-cookie"),
            "{origin:?} {referer:?}"
        );
        let page = res.text().await.expect("page");
        assert!(
            page.contains("tải lại trang"),
            "a Vietnamese explanation: {page}"
        );
    }
}

async fn the_login_form_of_this_site_still_works_with_and_without_an_origin(app: TestApp) {
    let own = app.address.clone();
    let own_page = format!("{own}/dang-nhap");
    for (origin, referer) in [
        (Some(own.as_str()), None),
        (None, Some(own_page.as_str())),
        (None, None),
    ] {
        let res = post_login(&app, origin, referer).await;
        assert_eq!(res.status(), 303, "{origin:?} {referer:?}");
        assert!(res.headers().contains_key("set-cookie"));
    }
}

crate::db_tests!(
    a_login_form_posted_from_another_site_sets_no_session,
    the_login_form_of_this_site_still_works_with_and_without_an_origin,
);
