//! Rounds through the API: who may create and see them, validation, settings locked once attempts exist, and
//! the organiser's controls (progress, extra time, extra attempts), each recorded in the audit log.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::audit_log;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

async fn patch(
    app: &TestApp,
    user: &crate::helpers::TestUser,
    id: i64,
    body: Value,
) -> reqwest::Response {
    app.send_json(
        reqwest::Method::PATCH,
        &format!("/api/v1/rounds/{id}"),
        Some(user),
        &body,
    )
    .await
}

async fn an_organiser_creates_a_round_that_participants_then_see(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "prediction": "full_score_count" })).await;
    let p = app.participant().await;
    let list: Value = app
        .get("/api/v1/rounds", Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list[0]["id"], round);
    assert_eq!(list[0]["state"], "open");
    assert_eq!(list[0]["prediction"], "full_score_count");
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("round.create"))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
}

async fn a_participant_cannot_create_a_round(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let p = app.participant().await;
    let res = app
        .post_json("/api/v1/rounds", Some(&p), &round_body(json!({})))
        .await;
    assert_eq!(res.status(), 403);
}

async fn draw_rules_must_add_up_and_fit_the_bank(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let org = app.create_user(Role::Organiser, None).await;
    let body =
        round_body(json!({ "draw_rules": [{"topic": "a", "count": 9}], "question_count": 5 }));
    let res = app.post_json("/api/v1/rounds", Some(&org), &body).await;
    assert_eq!(res.status(), 422);
    let err: Value = res.json().await.unwrap();
    let messages = err["error"]["fields"]["draw_rules"].to_string();
    assert!(messages.contains("phải bằng số câu hỏi"), "{messages}");
    assert!(messages.contains("chỉ có 8 câu hỏi"), "{messages}");
}

async fn settings_that_shape_attempts_are_locked_once_someone_started(app: TestApp) {
    let (org, round) = open_round(&app, json!({})).await;
    assert_eq!(
        patch(&app, &org, round, json!({ "time_limit_secs": 900 }))
            .await
            .status(),
        200
    );
    let p = app.participant().await;
    start_ok(&app, &p, round).await;
    let res = patch(&app, &org, round, json!({ "time_limit_secs": 600 })).await;
    assert_eq!(res.status(), 409);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "round_has_attempts");
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("đã có người làm bài")
    );
    let later = Utc::now() + Duration::days(14);
    let res = patch(
        &app,
        &org,
        round,
        json!({ "title": "Tuần thi thứ nhất (gia hạn)", "closes_at": later }),
    )
    .await;
    assert_eq!(res.status(), 200, "title and closing time stay editable");
}

async fn a_round_for_another_unit_is_neither_listed_nor_startable(app: TestApp) {
    seed_bank(&app, &[("a", 8), ("b", 6)]).await;
    let org = app.create_user(Role::Organiser, None).await;
    let other_unit = app.create_unit("KHAC", "Đơn vị khác", 5).await;
    let round = create_round(&app, &org, json!({ "unit_ids": [other_unit] })).await;
    let p = app.participant().await;
    let list: Value = app
        .get("/api/v1/rounds", Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(list, json!([]));
    assert_eq!(start(&app, &p, round).await.status(), 404);
}

async fn a_round_not_yet_open_refuses_to_start(app: TestApp) {
    let soon = Utc::now() + Duration::hours(1);
    let (_, round) = open_round(
        &app,
        json!({ "opens_at": soon, "closes_at": soon + Duration::days(1) }),
    )
    .await;
    let p = app.participant().await;
    let res = start(&app, &p, round).await;
    assert_eq!(res.status(), 409);
    assert_eq!(
        res.json::<Value>().await.unwrap()["error"]["code"],
        "round_not_open"
    );
}

async fn extra_time_moves_the_deadline_and_progress_shows_who_is_working(app: TestApp) {
    let (org, round) = open_round(&app, json!({ "max_attempts": 1 })).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let before: DateTime<Utc> = a["deadline"].as_str().unwrap().parse().unwrap();
    let path = format!("/api/v1/rounds/{round}/overrides");
    let res = app
        .post_json(
            &path,
            Some(&org),
            &json!({ "user_id": p.id, "extra_time_secs": 300, "extra_attempts": 1 }),
        )
        .await;
    assert_eq!(res.status(), 200);
    let id = a["id"].as_i64().unwrap();
    let now: Value = app
        .get(&format!("/api/v1/attempts/{id}"), Some(&p))
        .await
        .json()
        .await
        .unwrap();
    let after: DateTime<Utc> = now["deadline"].as_str().unwrap().parse().unwrap();
    assert_eq!((after - before).num_seconds(), 300);
    let progress: Value = app
        .get(&format!("/api/v1/rounds/{round}/progress"), Some(&org))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(progress["in_progress"], 1);
    assert_eq!(progress["attempts"][0]["user_id"], p.id);
    submit(&app, &p, id).await;
    assert_eq!(
        start(&app, &p, round).await.status(),
        200,
        "the extra attempt can be used"
    );
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{round}/progress"), Some(&p))
            .await
            .status(),
        403
    );
}

crate::db_tests!(
    an_organiser_creates_a_round_that_participants_then_see,
    a_participant_cannot_create_a_round,
    draw_rules_must_add_up_and_fit_the_bank,
    settings_that_shape_attempts_are_locked_once_someone_started,
    a_round_for_another_unit_is_neither_listed_nor_startable,
    a_round_not_yet_open_refuses_to_start,
    extra_time_moves_the_deadline_and_progress_shows_who_is_working,
);
