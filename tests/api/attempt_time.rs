//! Time is the server's: saves after the deadline (plus grace) are refused, and attempts whose time ran out are
//! closed with exactly the answers saved in time, on next access and by the sweep.
use crate::helpers::{Backend, TestApp, spawn_app_with};
use crate::quiz_fixture::*;
use cchc_quiz::store::attempts::close;
use serde_json::{Value, json};

async fn a_save_within_the_grace_period_is_kept_but_one_after_it_is_refused(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    let qs = question_ids(&a);
    age_attempt(&app, id, 600, 1).await;
    assert_eq!(
        save(&app, &p, id, qs[0], &key_of(&app, qs[0]).await)
            .await
            .status(),
        200,
        "in grace"
    );
    age_attempt(&app, id, 600, 60).await;
    let late = save(&app, &p, id, qs[1], &key_of(&app, qs[1]).await).await;
    assert_eq!(late.status(), 409);
    let body: Value = late.json().await.unwrap();
    assert_eq!(body["error"]["code"], "time_up");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("hết giờ")
    );
}

async fn saves_after_the_deadline_are_refused_when_there_is_no_grace(backend: Backend) {
    let Some(app) = spawn_app_with(backend, &["--save-grace-secs", "0"]).await else {
        return;
    };
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    age_attempt(&app, id, 600, 1).await;
    let q = question_ids(&a)[0];
    assert_eq!(
        save(&app, &p, id, q, &key_of(&app, q).await).await.status(),
        409
    );
    let after: Value = app
        .get(&format!("/api/v1/attempts/{id}"), Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(after["status"], "expired");
    assert_eq!(after["answers"], json!({}));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_saves_after_the_deadline_are_refused_when_there_is_no_grace() {
    saves_after_the_deadline_are_refused_when_there_is_no_grace(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_saves_after_the_deadline_are_refused_when_there_is_no_grace() {
    saves_after_the_deadline_are_refused_when_there_is_no_grace(Backend::Postgres).await;
}

async fn an_expired_attempt_is_closed_on_next_access_with_exactly_the_answers_saved_in_time(
    app: TestApp,
) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let a = start_ok(&app, &p, round).await;
    let id = a["id"].as_i64().unwrap();
    let qs = question_ids(&a);
    let right = key_of(&app, qs[0]).await;
    let key1 = key_of(&app, qs[1]).await;
    let wrong: Vec<i64> = option_ids(&a["questions"][1])
        .into_iter()
        .filter(|o| !key1.contains(o))
        .take(1)
        .collect();
    save(&app, &p, id, qs[0], &right).await;
    save(&app, &p, id, qs[1], &wrong).await;
    age_attempt(&app, id, 1200, 60).await;
    assert_eq!(
        save(&app, &p, id, qs[2], &key_of(&app, qs[2]).await)
            .await
            .status(),
        409
    );
    let closed: Value = app
        .get(&format!("/api/v1/attempts/{id}"), Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(closed["status"], "expired");
    let answered: Vec<&String> = closed["answers"].as_object().unwrap().keys().collect();
    assert_eq!(answered.len(), 2, "{closed}");
    assert!(
        closed["answers"].get(qs[2].to_string()).is_none(),
        "the late answer was not kept"
    );
    assert_eq!(closed["score"], 1);
    assert_eq!(
        closed["duration_ms"], 1_140_000,
        "duration ends at the deadline"
    );
}

async fn the_sweep_closes_attempts_whose_time_ran_out(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let late = start_ok(&app, &p, round).await["id"].as_i64().unwrap();
    let q = app.participant().await;
    let on_time = start_ok(&app, &q, round).await["id"].as_i64().unwrap();
    age_attempt(&app, late, 1200, 60).await;
    let closed = close::expire_overdue(&app.state.db, &app.state.caches, &app.state.writes, 5)
        .await
        .unwrap();
    assert_eq!(closed, 1);
    let get = |user, id| {
        let path = format!("/api/v1/attempts/{id}");
        let app = &app;
        async move {
            app.get(&path, Some(user))
                .await
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(get(&p, late).await["status"], "expired");
    assert_eq!(get(&q, on_time).await["status"], "in_progress");
}

crate::db_tests!(
    a_save_within_the_grace_period_is_kept_but_one_after_it_is_refused,
    an_expired_attempt_is_closed_on_next_access_with_exactly_the_answers_saved_in_time,
    the_sweep_closes_attempts_whose_time_ran_out,
);
