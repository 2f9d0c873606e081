//! Review F15: public leaderboards (API and `/ket-qua` pages) are computed once and served from memory until
//! something that changes them happens. A change made behind the application's back (a direct database write)
//! therefore does not show, until a publish, unpublish, regrade or round edit refreshes them.
use crate::helpers::TestApp;
use crate::results_seed::closed_round;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::users;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

const RENAMED: &str = "Tên Đổi Thẳng Trong Cơ Sở Dữ Liệu";

async fn public_texts(app: &TestApp, round: i64) -> Vec<String> {
    let mut texts = Vec::new();
    for path in [
        format!("/api/v1/rounds/{round}/leaderboard"),
        "/api/v1/contest/leaderboard".to_owned(),
        format!("/ket-qua/{round}"),
    ] {
        let res = app.get(&path, None).await;
        assert_eq!(res.status(), 200, "{path}");
        texts.push(res.text().await.expect("body"));
    }
    texts
}

async fn rename_behind_the_apps_back(app: &TestApp, user_id: i64) {
    let user = users::Entity::find_by_id(user_id)
        .one(&app.state.db)
        .await
        .expect("read")
        .expect("user");
    let mut user: users::ActiveModel = user.into();
    user.full_name = Set(RENAMED.to_owned());
    user.update(&app.state.db).await.expect("rename");
}

async fn public_leaderboards_are_served_from_a_cache_refreshed_on_change(app: TestApp) {
    let seeded = closed_round(&app).await;
    let round = seeded.round_id;
    let organiser = app.create_user(Role::Organiser, None).await;
    let publish = |show: &str| {
        let body = json!({ "show_names": show });
        let path = format!("/api/v1/rounds/{round}/publish");
        let app = &app;
        let organiser = &organiser;
        async move { app.post_json(&path, Some(organiser), &body).await.status() }
    };
    assert_eq!(publish("full").await, 200);
    let before = public_texts(&app, round).await;
    assert!(before.iter().all(|t| t.contains("Thí Sinh00")));

    rename_behind_the_apps_back(&app, seeded.people[0].id).await;
    for text in public_texts(&app, round).await {
        assert!(!text.contains(RENAMED), "recomputed on a request");
    }

    let unpublish = format!("/api/v1/rounds/{round}/unpublish");
    let res = app
        .post_json(&unpublish, Some(&organiser), &json!({}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        app.get(&format!("/api/v1/rounds/{round}/leaderboard"), None)
            .await
            .status(),
        401
    );
    assert_eq!(publish("full").await, 200);
    for text in public_texts(&app, round).await {
        assert!(text.contains(RENAMED), "refreshed after publishing");
    }
}

crate::db_tests!(public_leaderboards_are_served_from_a_cache_refreshed_on_change);
