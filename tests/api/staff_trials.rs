//! Staff don't compete (security review F5): organisers and judges can read the keys, so their own attempts are
//! trials, never ranked, published or counted in the prediction's true figure, and say so.
use crate::helpers::{TestApp, TestUser};
use crate::quiz_fixture::*;
use crate::sec_fixture::*;
use cchc_quiz::domain::Role;
use serde_json::{Value, json};

/// Starts, answers every question with its key and submits.
async fn perfect_attempt(app: &TestApp, user: &TestUser, round: i64) -> Value {
    let a = start_ok(app, user, round).await;
    let id = a["id"].as_i64().unwrap();
    for q in question_ids(&a) {
        assert_eq!(
            save(app, user, id, q, &key_of(app, q).await).await.status(),
            200
        );
    }
    json(submit(app, user, id).await).await
}

fn names(board: &Value) -> Vec<String> {
    board["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["full_name"].as_str().unwrap().to_owned())
        .collect()
}

async fn staff_attempts_are_trials_never_ranked_published_or_counted(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({"prediction": "full_score_count"})).await;
    let judge = app
        .create_named_user("truong-bgk", "Trưởng Ban Giám khảo", Role::Judge, None)
        .await;
    let p = app.participant().await;
    let mine = perfect_attempt(&app, &judge, round).await;
    assert_eq!(mine["score"], 5);
    assert_eq!(
        mine["trial"],
        "Bài làm thử của Ban Tổ chức/Giám khảo, không xếp hạng."
    );
    perfect_attempt(&app, &organiser, round).await;
    let pa = start_ok(&app, &p, round).await;
    let theirs = json(submit(&app, &p, pa["id"].as_i64().unwrap()).await).await;
    assert!(theirs.get("trial").is_none(), "{theirs}");
    close_round_ago(&app, round, 60).await;
    let staff_board = json(
        app.get(&format!("/api/v1/rounds/{round}/leaderboard"), Some(&judge))
            .await,
    )
    .await;
    assert_eq!(staff_board["participants"], 1, "{staff_board}");
    assert_eq!(
        staff_board["true_figure"], 0,
        "staff's perfect scores counted: {staff_board}"
    );
    assert!(!names(&staff_board).contains(&"Trưởng Ban Giám khảo".to_owned()));
    let res = app
        .post_json(
            &format!("/api/v1/rounds/{round}/publish"),
            Some(&organiser),
            &json!({"show_names": "full"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    let public = json(
        app.get(&format!("/api/v1/rounds/{round}/leaderboard"), None)
            .await,
    )
    .await;
    assert_eq!(
        public["entries"].as_array().map(Vec::len),
        Some(1),
        "{public}"
    );
    let contest = json(app.get("/api/v1/contest/leaderboard", None).await).await;
    assert_eq!(
        contest["entries"].as_array().map(Vec::len),
        Some(1),
        "{contest}"
    );
}

crate::db_tests!(staff_attempts_are_trials_never_ranked_published_or_counted);
