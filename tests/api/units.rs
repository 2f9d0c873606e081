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

async fn the_organiser_pages_list_units_as_a_tree_and_find_staff_without_diacritics(app: TestApp) {
    let org = app.create_user(Role::Organiser, None).await;
    let unit = app.create_unit("TTT", "Thanh tra tỉnh", 25).await;
    app.create_named_user("an01", "Nguyễn Văn Ấn", Role::Participant, Some(unit))
        .await;
    let cookie = format!("{}={}", cchc_quiz::auth::SESSION_COOKIE, org.token);
    let page = |path: &str| app.api.get(app.url(path)).header("cookie", &cookie).send();
    let units = page("/quan-tri/don-vi").await.unwrap();
    assert_eq!(units.status(), 200);
    assert!(units.text().await.unwrap().contains("Thanh tra tỉnh"));
    let found = page("/quan-tri/can-bo?q=nguyen+van+an")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(found.contains("Nguyễn Văn Ấn"), "{found}");
    let none = page("/quan-tri/can-bo?q=tran")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!none.contains("Nguyễn Văn Ấn"));
    assert_eq!(page("/quan-tri/nhat-ky").await.unwrap().status(), 200);
    let form = [("csrf", "sai"), ("code", "X"), ("name", "Y")];
    let forged = app
        .api
        .post(app.url("/quan-tri/don-vi"))
        .header("cookie", &cookie)
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let p = app.participant().await;
    let as_participant = app
        .api
        .get(app.url("/quan-tri/don-vi"))
        .header(
            "cookie",
            format!("{}={}", cchc_quiz::auth::SESSION_COOKIE, p.token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(as_participant.status(), 403);
}

async fn a_judge_cannot_become_a_participant_without_a_unit(app: TestApp) {
    let org = app.create_user(Role::Organiser, None).await;
    let judge = app.create_user(Role::Judge, None).await;
    let path = format!("/api/v1/staff/{}", judge.id);
    let res = app
        .send_json(
            Method::PATCH,
            &path,
            Some(&org),
            &json!({"role": "participant"}),
        )
        .await;
    assert_eq!(res.status(), 422);
    let unit = app.create_unit("TTS-YT", "Thanh tra Sở Y tế", 8).await;
    let res = app
        .send_json(
            Method::PATCH,
            &path,
            Some(&org),
            &json!({"role": "participant", "unit_id": unit}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let old = app.get("/api/v1/me", Some(&judge)).await;
    assert_eq!(
        old.status(),
        401,
        "a new role ends the sessions begun under the old one"
    );
    let login: Value = app
        .post_json(
            "/api/v1/auth/login",
            None,
            &json!({"login": judge.login, "password": judge.password}),
        )
        .await
        .json()
        .await
        .unwrap();
    let me: Value = app
        .api
        .get(app.url("/api/v1/me"))
        .bearer_auth(login["token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["role"], "participant");
}

crate::db_tests!(
    a_judge_cannot_become_a_participant_without_a_unit,
    organisers_build_a_unit_tree_and_every_change_is_in_the_audit_log,
    the_organiser_pages_list_units_as_a_tree_and_find_staff_without_diacritics,
);
