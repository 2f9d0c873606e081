//! The authorization matrix: every API route x {anonymous, participant, other participant, judge, organiser}.
//! The rows are in `authz_routes.rs`; add one for each new route (the OpenAPI document must list the same
//! routes). Each row runs against fresh people and fresh rounds (so logout, a submission or a publication in
//! one row does not disturb the next).
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::{create_round, seed_bank, start_ok};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{question_banks, rounds};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use serde_json::{Value, json};
use std::collections::BTreeSet;

pub use crate::authz_routes::ROUTES;

pub enum Body {
    None,
    Json(&'static str),
    /// A roster file sent as multipart `file`.
    Csv(&'static str),
    /// A file with this name and content sent as multipart `file`.
    Upload(&'static str, &'static str),
}

pub struct Route {
    pub method: &'static str,
    pub path: &'static str,
    pub body: Body,
    /// Anonymous, participant (the owner of `{own}`), another participant, judge, organiser.
    pub expect: [u16; 5],
}

pub const fn route(
    method: &'static str,
    path: &'static str,
    body: Body,
    expect: [u16; 5],
) -> Route {
    Route {
        method,
        path,
        body,
        expect,
    }
}

const WHO: [&str; 5] = [
    "anonymous",
    "participant",
    "other participant",
    "judge",
    "organiser",
];

/// The five callers of one row and the values of the placeholders.
struct Cast {
    callers: [Option<TestUser>; 5],
    values: Vec<(&'static str, String)>,
}

/// A round created through the API, then moved into the past (closed), published when asked.
async fn closed_round(app: &TestApp, organiser: &TestUser, publish: bool) -> i64 {
    let id = create_round(app, organiser, json!({})).await;
    let round = rounds::Entity::find_by_id(id)
        .one(&app.state.db)
        .await
        .expect("read round")
        .expect("round");
    let mut am = round.into_active_model();
    am.opens_at = Set(Utc::now() - Duration::days(8));
    am.closes_at = Set(Utc::now() - Duration::days(1));
    am.update(&app.state.db).await.expect("close round");
    if publish {
        let path = format!("/api/v1/rounds/{id}/publish");
        let res = app
            .post_json(&path, Some(organiser), &json!({"show_names": "full"}))
            .await;
        assert_eq!(res.status(), 200);
    }
    id
}

async fn cast(app: &TestApp) -> Cast {
    let own = app.participant().await;
    let unit = own.unit_id.unwrap_or_default();
    let other = app.participant().await;
    let judge = app.create_user(Role::Judge, None).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let round = create_round(app, &organiser, json!({})).await;
    let unit_round = create_round(app, &organiser, json!({ "unit_ids": [unit] })).await;
    let attempt = start_ok(app, &own, unit_round).await;
    let question = attempt["questions"][0]["id"].as_i64().unwrap_or_default();
    let bank = question_banks::Entity::find()
        .one(&app.state.db)
        .await
        .expect("read banks")
        .map(|b| b.slug)
        .unwrap_or_default();
    let values = vec![
        ("{own}", own.id.to_string()),
        ("{unit}", unit.to_string()),
        ("{round}", round.to_string()),
        ("{unit_round}", unit_round.to_string()),
        ("{attempt}", attempt["id"].to_string()),
        ("{question}", question.to_string()),
        (
            "{closed}",
            closed_round(app, &organiser, false).await.to_string(),
        ),
        (
            "{published}",
            closed_round(app, &organiser, true).await.to_string(),
        ),
        ("{bank}", bank),
    ];
    Cast {
        callers: [None, Some(own), Some(other), Some(judge), Some(organiser)],
        values,
    }
}

async fn call(app: &TestApp, r: &Route, cast: &Cast, caller: Option<&TestUser>) -> u16 {
    let fill = |s: &str| {
        let mut s = s.replace(
            "{password}",
            caller.map(|u| u.password.as_str()).unwrap_or(""),
        );
        for (k, v) in &cast.values {
            s = s.replace(k, v);
        }
        s
    };
    let method = reqwest::Method::from_bytes(r.method.as_bytes()).expect("method");
    let mut req = app.api.request(method, app.url(&fill(r.path)));
    if let Some(u) = caller {
        req = req.bearer_auth(&u.token);
    }
    let file = |name: &'static str, text: &'static str| {
        let part = reqwest::multipart::Part::text(text).file_name(name);
        reqwest::multipart::Form::new().part("file", part)
    };
    req = match &r.body {
        Body::None => req,
        Body::Json(json) => req
            .header("content-type", "application/json")
            .body(fill(json)),
        Body::Csv(csv) => req.multipart(file("ds.csv", csv)),
        Body::Upload(name, text) => req.multipart(file(name, text)),
    };
    req.send().await.expect("request").status().as_u16()
}

async fn every_route_answers_each_kind_of_caller_as_the_table_says(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let mut wrong = Vec::new();
    for r in ROUTES {
        let cast = cast(&app).await;
        for (i, caller) in cast.callers.iter().enumerate() {
            let got = call(&app, r, &cast, caller.as_ref()).await;
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

/// "GET /api/v1/rounds/{}" for both "/api/v1/rounds/{id}" and "/api/v1/rounds/987654?x=y".
fn shape(method: &str, path: &str) -> String {
    let path = path.split('?').next().unwrap_or_default();
    let segments: Vec<&str> = path
        .split('/')
        .map(|s| {
            let param =
                s.starts_with('{') || s.chars().all(|c| c.is_ascii_digit()) && !s.is_empty();
            if param { "{}" } else { s }
        })
        .collect();
    format!("{} {}", method.to_uppercase(), segments.join("/"))
}

async fn the_openapi_document_lists_every_route_of_the_matrix_and_no_other(app: TestApp) {
    let doc: Value = app
        .get("/api/v1/openapi.json", None)
        .await
        .json()
        .await
        .expect("json");
    let mut documented = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("path item").keys() {
            documented.insert(shape(method, path));
        }
    }
    let served: BTreeSet<String> = ROUTES.iter().map(|r| shape(r.method, r.path)).collect();
    let undocumented: Vec<_> = served.difference(&documented).collect();
    let untested: Vec<_> = documented.difference(&served).collect();
    assert!(
        undocumented.is_empty(),
        "not in the OpenAPI document: {undocumented:?}"
    );
    assert!(
        untested.is_empty(),
        "not in the authorization matrix: {untested:?}"
    );
}

crate::db_tests!(
    every_route_answers_each_kind_of_caller_as_the_table_says,
    the_openapi_document_lists_every_route_of_the_matrix_and_no_other,
);
