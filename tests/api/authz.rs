//! The authorization matrix: every API route x {anonymous, participant, other participant, judge, organiser}.
//! Add a row to `ROUTES` for each new route. Each row runs against fresh people (so logout and password changes
//! in one row do not disturb the next). In paths and bodies, `{own}` is the participant's id, `{unit}` their unit
//! and `{password}` the caller's own password.
use crate::helpers::{TestApp, TestUser};
use cchc_quiz::domain::Role;

pub enum Body {
    None,
    Json(&'static str),
    /// A roster file sent as multipart `file`.
    Csv(&'static str),
}

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub body: Body,
    /// Anonymous, participant (the owner of `{own}`), another participant, judge, organiser.
    pub expect: [u16; 5],
}

const fn route(method: &'static str, path: &'static str, body: Body, expect: [u16; 5]) -> Route {
    Route {
        method,
        path,
        body,
        expect,
    }
}

use Body::{Csv, Json, None as NoBody};

pub const ROUTES: &[Route] = &[
    route("GET", "/api/v1/me", NoBody, [401, 200, 200, 200, 200]),
    route(
        "POST",
        "/api/v1/me/password",
        Json(r#"{"current_password":"{password}","new_password":"mat-khau-moi-123"}"#),
        [401, 200, 200, 200, 200],
    ),
    route(
        "POST",
        "/api/v1/auth/logout",
        NoBody,
        [401, 204, 204, 204, 204],
    ),
    route(
        "POST",
        "/api/v1/auth/login",
        Json(r#"{"login":"khong-co","password":"sai-mat-khau"}"#),
        [401, 401, 401, 401, 401],
    ),
    route(
        "POST",
        "/api/v1/auth/register",
        Json(
            r#"{"full_name":"A","unit_id":{unit},"phone":"0912345678","cccd":"001089012345","password":"12345678"}"#,
        ),
        [409, 409, 409, 409, 409],
    ),
    route("GET", "/api/v1/units", NoBody, [401, 200, 200, 200, 200]),
    route(
        "POST",
        "/api/v1/units",
        Json(r#"{"code":"MOI","name":"Đơn vị mới","headcount":5}"#),
        [401, 403, 403, 403, 201],
    ),
    route(
        "PATCH",
        "/api/v1/units/{unit}",
        Json(r#"{"name":"Tên mới"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "PATCH",
        "/api/v1/units/987654",
        Json(r#"{"name":"Tên mới"}"#),
        [401, 403, 403, 403, 404],
    ),
    route("GET", "/api/v1/staff", NoBody, [401, 403, 403, 200, 200]),
    route(
        "GET",
        "/api/v1/staff/{own}",
        NoBody,
        [401, 200, 403, 200, 200],
    ),
    route(
        "GET",
        "/api/v1/staff/987654",
        NoBody,
        [401, 403, 403, 404, 404],
    ),
    route(
        "PATCH",
        "/api/v1/staff/{own}",
        Json(r#"{"full_name":"Tên Đã Sửa"}"#),
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/staff/{own}/reset-password",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "GET",
        "/api/v1/staff/template",
        NoBody,
        [401, 403, 403, 403, 200],
    ),
    route(
        "POST",
        "/api/v1/staff/import",
        Csv("Mã cán bộ,Họ và tên,Mã đơn vị\nnv1,Nguyễn Văn Một,KHONGCO\n"),
        [401, 403, 403, 403, 200],
    ),
    route("GET", "/api/v1/audit", NoBody, [401, 403, 403, 403, 200]),
    route("GET", "/api/v1/settings", NoBody, [401, 403, 403, 403, 200]),
    route(
        "PUT",
        "/api/v1/settings",
        Json(r#"{"min_participation_rate":50}"#),
        [401, 403, 403, 403, 200],
    ),
];

const WHO: [&str; 5] = [
    "anonymous",
    "participant",
    "other participant",
    "judge",
    "organiser",
];

/// The five callers of one row.
async fn cast(app: &TestApp) -> (i64, [Option<TestUser>; 5]) {
    let own = app.participant().await;
    let unit = own.unit_id.unwrap_or_default();
    let other = app.participant().await;
    let judge = app.create_user(Role::Judge, None).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    (
        unit,
        [None, Some(own), Some(other), Some(judge), Some(organiser)],
    )
}

async fn call(app: &TestApp, r: &Route, caller: Option<&TestUser>, own: i64, unit: i64) -> u16 {
    let fill = |s: &str| {
        s.replace("{own}", &own.to_string())
            .replace("{unit}", &unit.to_string())
            .replace(
                "{password}",
                caller.map(|u| u.password.as_str()).unwrap_or(""),
            )
    };
    let method = reqwest::Method::from_bytes(r.method.as_bytes()).expect("method");
    let mut req = app.api.request(method, app.url(&fill(r.path)));
    if let Some(u) = caller {
        req = req.bearer_auth(&u.token);
    }
    req = match &r.body {
        Body::None => req,
        Body::Json(json) => req
            .header("content-type", "application/json")
            .body(fill(json)),
        Body::Csv(csv) => {
            let part = reqwest::multipart::Part::text(*csv).file_name("ds.csv");
            req.multipart(reqwest::multipart::Form::new().part("file", part))
        }
    };
    req.send().await.expect("request").status().as_u16()
}

async fn every_route_answers_each_kind_of_caller_as_the_table_says(app: TestApp) {
    let mut wrong = Vec::new();
    for r in ROUTES {
        let (unit, callers) = cast(&app).await;
        let own = callers[1].as_ref().map(|u| u.id).unwrap_or_default();
        for (i, caller) in callers.iter().enumerate() {
            let got = call(&app, r, caller.as_ref(), own, unit).await;
            if got != r.expect[i] {
                wrong.push(format!(
                    "{} {} as {}: {got}, expected {}",
                    r.method, r.path, WHO[i], r.expect[i]
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

crate::db_tests!(every_route_answers_each_kind_of_caller_as_the_table_says);
