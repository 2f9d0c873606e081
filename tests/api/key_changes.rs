//! Each instance keeps answer keys in memory (`store::cache::keys`) and checks them against the database's key
//! revision at every submit: a key changed anywhere (an organiser's correction on another instance, or SQL run by
//! hand) scores the next submit everywhere.
use crate::db_tests;
use crate::helpers::{Backend, TestApp, TestUser, run_with};
use crate::quiz_fixture::{create_round, key_of, question_ids, save, seed_bank, start_ok, submit};
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{options, question_versions, questions};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

/// A round whose every attempt draws all five questions of its bank, and the first of them.
async fn round_drawing_everything(app: &TestApp) -> (TestUser, i64, i64) {
    seed_bank(app, &[("a", 3), ("b", 2)]).await;
    let organiser = app.create_user(Role::Organiser, None).await;
    let round = create_round(app, &organiser, json!({})).await;
    let question = questions::Entity::find()
        .order_by_asc(questions::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a question")
        .id;
    (organiser, round, question)
}

/// The options of `question`'s first version, in the bank's order (A, B, C...).
async fn options_of(app: &TestApp, question: i64) -> Vec<options::Model> {
    let version = question_versions::Entity::find()
        .filter(question_versions::Column::QuestionId.eq(question))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a version");
    options::Entity::find()
        .filter(options::Column::QuestionVersionId.eq(version.id))
        .order_by_asc(options::Column::Position)
        .all(&app.state.db)
        .await
        .unwrap()
}

/// A new participant starts on `app`, answers only `question` with `chosen` and submits: what they are shown.
async fn sit(app: &TestApp, round: i64, question: i64, chosen: &[i64]) -> Value {
    sit_as(app, &app.participant().await, round, question, chosen).await
}

async fn sit_as(
    app: &TestApp,
    person: &TestUser,
    round: i64,
    question: i64,
    chosen: &[i64],
) -> Value {
    let attempt = start_ok(app, person, round).await;
    let id = attempt["id"].as_i64().unwrap();
    assert!(question_ids(&attempt).contains(&question));
    assert_eq!(save(app, person, id, question, chosen).await.status(), 200);
    let res = submit(app, person, id).await;
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

/// An option of `question` that is not its key now.
async fn a_wrong_option(app: &TestApp, question: i64) -> options::Model {
    let key = key_of(app, question).await;
    (options_of(app, question).await.into_iter())
        .find(|o| !key.contains(&o.id))
        .expect("a wrong option")
}

async fn a_key_changed_in_the_database_scores_the_next_submit_with_the_new_key(app: TestApp) {
    let (_, round, q) = round_drawing_everything(&app).await;
    let old = key_of(&app, q).await;
    assert_eq!(
        sit(&app, round, q, &old).await["score"],
        1,
        "the key as imported"
    );

    // What another instance's correction, or the IT office's SQL, writes: this instance is not told.
    let new = a_wrong_option(&app, q).await;
    options::Entity::update_many()
        .col_expr(
            options::Column::IsCorrect,
            Expr::col(options::Column::Id).eq(new.id),
        )
        .filter(options::Column::QuestionVersionId.eq(new.question_version_id))
        .exec(&app.state.db)
        .await
        .unwrap();

    let right = sit(&app, round, q, &[new.id]).await;
    assert_eq!(right["score"], 1, "the changed key scores: {right}");
    let stale = sit(&app, round, q, &old).await;
    assert_eq!(stale["score"], 0, "the old key no longer scores: {stale}");
    assert_eq!(stale["correct_count"], 0);
}

db_tests!(a_key_changed_in_the_database_scores_the_next_submit_with_the_new_key);

const SECRET: &str = "one-secret-for-both-instances-of-this-test";

/// Two instances on one PostgreSQL database: participants submit on the first, which keeps the keys; the organiser
/// corrects one on the second. The next submit on the first uses the new key, and the correction rescored the
/// attempt closed before it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_corrected_on_another_instance_scores_the_next_submit_on_this_one() {
    run_with(
        Backend::Postgres,
        &["--jwt-secret", SECRET],
        |app| async move {
            let url = app.database_url().expect("a PostgreSQL test").to_owned();
            let other = test_support::spawn::start(&[
                "--database-url".into(),
                url,
                "--jwt-secret".into(),
                SECRET.into(),
            ])
            .await;
            let (organiser, round, q) = round_drawing_everything(&app).await;
            let old = key_of(&app, q).await;
            let first = app.participant().await;
            let before = sit_as(&app, &first, round, q, &old).await;
            assert_eq!(before["score"], 1);

            let new = a_wrong_option(&app, q).await;
            let letter = char::from(b'A' + u8::try_from(new.position).unwrap()).to_string();
            let corrected = app
                .api
                .put(format!("{}/api/v1/questions/{q}/key", other.address))
                .bearer_auth(&organiser.token)
                .json(&json!({"version": 1, "correct": [letter]}))
                .send()
                .await
                .unwrap();
            assert_eq!(corrected.status(), 200, "{:?}", corrected.text().await);

            assert_eq!(
                sit(&app, round, q, &[new.id]).await["score"],
                1,
                "the corrected key"
            );
            assert_eq!(
                sit(&app, round, q, &old).await["score"],
                0,
                "the key it replaced"
            );
            let rescored = app
                .get(&format!("/api/v1/attempts/{}", before["id"]), Some(&first))
                .await
                .json::<Value>()
                .await
                .unwrap();
            assert_eq!(
                rescored["score"], 0,
                "the correction rescored the attempt before it"
            );
        },
    )
    .await
}
