use crate::helpers::TestApp;
use cchc_quiz::domain::Role;
use reqwest::Method;
use serde_json::{Value, json};

async fn organisers_build_a_unit_tree_and_every_change_is_in_the_audit_log(app: TestApp) {
    let org = app.create_user(Role::Organiser, None).await;
    let root: Value = app
        .post_json(
            "/api/v1/units",
            Some(&org),
            &json!({"code": "ttt", "name": "Thanh tra tỉnh", "headcount": 25}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(root["code"], "TTT");
    let child = app.post_json("/api/v1/units", Some(&org), &json!({"code": "TTT-P1", "name": "Phòng Nghiệp vụ 1", "parent_id": root["id"], "headcount": 6})).await;
    assert_eq!(child.status(), 201);
    let child: Value = child.json().await.unwrap();
    let dup = app
        .post_json(
            "/api/v1/units",
            Some(&org),
            &json!({"code": "TTT", "name": "Trùng"}),
        )
        .await;
    assert_eq!(dup.status(), 422);
    let cycle = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/units/{}", root["id"]),
            Some(&org),
            &json!({"parent_id": child["id"]}),
        )
        .await;
    assert_eq!(cycle.status(), 422);
    let body: Value = cycle.json().await.unwrap();
    assert!(
        body["error"]["fields"]["parent_id"][0]
            .as_str()
            .unwrap()
            .contains("cấp dưới")
    );
    let retired = app
        .send_json(
            Method::PATCH,
            &format!("/api/v1/units/{}", child["id"]),
            Some(&org),
            &json!({"name": "Phòng Nghiệp vụ I", "retired": true}),
        )
        .await;
    assert_eq!(retired.status(), 200);
    let log: Value = app
        .get("/api/v1/audit", Some(&org))
        .await
        .json()
        .await
        .unwrap();
    let newest = &log["items"][0];
    assert_eq!(newest["action"], "unit.update");
    assert_eq!(newest["actor_id"], org.id);
    assert_eq!(newest["before"]["name"], "Phòng Nghiệp vụ 1");
    assert_eq!(newest["after"]["retired"], true);
    assert_eq!(log["total"], 3);
}

crate::db_tests!(organisers_build_a_unit_tree_and_every_change_is_in_the_audit_log);
