//! What an attempt drew is one row (`attempt_draws`), read back as drawn; the database itself refuses an answer
//! to a question the attempt did not draw; the migration that made it converts every stored draw both ways.
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use cchc_quiz::entities::{answers, questions};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, Statement};
use serde_json::{Value, json};

fn answer(attempt: i64, question: i64) -> answers::ActiveModel {
    let now = Utc::now();
    answers::ActiveModel {
        attempt_id: Set(attempt),
        question_id: Set(question),
        option_ids: Set("[]".to_owned()),
        saved_at: Set(now),
        first_saved_at: Set(now),
    }
}

async fn the_database_refuses_an_answer_to_a_question_the_attempt_did_not_draw(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let id = attempt["id"].as_i64().unwrap();
    let drawn = question_ids(&attempt);
    let db = &app.state.db;
    let not_drawn = questions::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.id)
        .find(|q| !drawn.contains(q))
        .expect("the bank holds more questions than the draw");
    assert!(
        answer(id, not_drawn).insert(db).await.is_err(),
        "an answer to question {not_drawn}, which attempt {id} did not draw ({drawn:?}), was stored"
    );
    // A batch (how saves are written) with one undrawn question among drawn ones is refused whole.
    assert!(
        answers::Entity::insert_many([answer(id, drawn[0]), answer(id, not_drawn)])
            .exec(db)
            .await
            .is_err(),
        "a batch holding an answer to undrawn question {not_drawn} was stored"
    );
    assert_eq!(
        answers::Entity::find().all(db).await.unwrap().len(),
        0,
        "part of a refused batch was stored"
    );
    answer(id, drawn[4])
        .insert(db)
        .await
        .expect("an answer to a drawn question is stored");
}

/// The attempt's questions as its owner sees them.
async fn shown(app: &TestApp, p: &crate::helpers::TestUser, id: i64) -> Value {
    let res = app.get(&format!("/api/v1/attempts/{id}"), Some(p)).await;
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    body["questions"].clone()
}

async fn the_draw_migration_keeps_every_attempt_as_drawn_both_ways(app: TestApp) {
    let (_, round) = open_round(&app, json!({ "max_attempts": 2 })).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let id = attempt["id"].as_i64().unwrap();
    let q = question_ids(&attempt)[2];
    let chosen = option_ids(&attempt["questions"][2]);
    assert_eq!(save(&app, &p, id, q, &chosen[..1]).await.status(), 200);
    let as_drawn = shown(&app, &p, id).await;
    assert_eq!(as_drawn, attempt["questions"]);
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let count = |sql: &str| {
        let stmt = Statement::from_string(backend, sql.to_owned());
        async move {
            let row = db.query_one_raw(stmt).await.unwrap().unwrap();
            row.try_get::<i64>("", "n").unwrap()
        }
    };

    // Down through the key revision (m20261203_000002) and the draw in one row.
    cchc_quiz::db::migrate_down(db, 2).await.expect("down");
    // One row per question again: the third shown, with its options in the order shown.
    let order = serde_json::to_string(&chosen).unwrap();
    let rows = count(&format!(
        "SELECT COUNT(*) AS n FROM attempt_questions \
         WHERE attempt_id = {id} AND question_id = {q} AND position = 2 AND option_order = '{order}'"
    ))
    .await;
    assert_eq!(rows, 1, "question {q} third, options {order}");
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) AS n FROM attempt_questions WHERE attempt_id = {id}"
        ))
        .await,
        5
    );

    cchc_quiz::db::migrate(db).await.expect("up again");
    assert_eq!(
        shown(&app, &p, id).await,
        as_drawn,
        "after the migration up again"
    );
    let kept = answers::Entity::find_by_id((id, q)).one(db).await.unwrap();
    assert_eq!(
        kept.map(|a| a.option_ids),
        Some(format!("[{}]", chosen[0])),
        "the answer survived both ways"
    );
    // The next start draws into the new table again.
    assert_eq!(submit(&app, &p, id).await.status(), 200);
    let second = start_ok(&app, &p, round).await;
    assert_eq!(question_ids(&second).len(), 5);
}

crate::db_tests!(
    the_database_refuses_an_answer_to_a_question_the_attempt_did_not_draw,
    the_draw_migration_keeps_every_attempt_as_drawn_both_ways,
);
