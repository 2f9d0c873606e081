//! The in-memory shortcuts of the attempt hot paths stay truthful: a bank change counts for the very next draw,
//! a round change for the very next start, saves that share one commit keep their order and fail alone, and a
//! submit counts from when it reached the server; small answers are not worth compressing; a start writes the
//! same two rows whatever its question count.
use crate::banks::import;
use crate::helpers::TestApp;
use crate::quiz_fixture::*;
use cchc_quiz::domain::Role;
use cchc_quiz::store::attempts::answers::Save;
use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::time::Duration as StdDuration;

const TOPIC: &str = "Chủ đề thử nghiệm";

fn one_question_bank(text: &str) -> Vec<u8> {
    format!(
        "[bank]\nid = \"thu-nghiem\"\ntitle = \"Ngân hàng thử nghiệm\"\ntopic = \"{TOPIC}\"\n\n\
         [[question]]\nid = \"TN-1\"\ntext = \"{text}\"\noptions = [\"Một\", \"Hai\"]\ncorrect = [\"A\"]\n"
    )
    .into_bytes()
}

async fn an_imported_edit_counts_for_the_very_next_start(app: TestApp) {
    let organiser = app.create_user(Role::Organiser, None).await;
    let first_text = "Câu hỏi, bản thứ nhất?";
    let (status, report) = import(
        &app,
        Some(&organiser),
        "thu-nghiem.toml",
        one_question_bank(first_text),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let rules = json!({ "question_count": 1, "draw_rules": [{ "topic": TOPIC, "count": 1 }] });
    let round = create_round(&app, &organiser, rules).await;
    let first = start_ok(&app, &app.participant().await, round).await;
    assert_eq!(first["questions"][0]["text"], first_text);

    let edited = "Câu hỏi, bản đã sửa?";
    let (status, report) = import(
        &app,
        Some(&organiser),
        "thu-nghiem.toml",
        one_question_bank(edited),
    )
    .await;
    assert_eq!(status, 200, "{report}");
    let second = start_ok(&app, &app.participant().await, round).await;
    assert_eq!(
        second["questions"][0]["text"], edited,
        "the draw used the bank as it was"
    );
    // The first attempt keeps the version it drew.
    let again: Value = app
        .get(
            &format!("/api/v1/attempts/{}", first["id"]),
            Some(&organiser),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(again["questions"][0]["text"], first_text);
}

async fn closing_a_round_early_stops_the_very_next_start(app: TestApp) {
    let (organiser, round) = open_round(&app, json!({})).await;
    start_ok(&app, &app.participant().await, round).await;
    let closes_at = Utc::now() - Duration::seconds(1);
    let res = app
        .send_json(
            reqwest::Method::PATCH,
            &format!("/api/v1/rounds/{round}"),
            Some(&organiser),
            &json!({ "closes_at": closes_at }),
        )
        .await;
    assert_eq!(res.status(), 200);
    let res = start(&app, &app.participant().await, round).await;
    assert_eq!(res.status(), 409);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "round_not_open");
}

async fn saves_sharing_a_commit_keep_their_order_and_a_bad_one_fails_alone(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let attempt_id = attempt["id"].as_i64().unwrap();
    let (q0, q1) = (&attempt["questions"][0], &attempt["questions"][1]);
    let (o0, o1) = (option_ids(q0), option_ids(q1));
    let now = Utc::now();
    let save = |question: i64, ids: &[i64]| Save {
        attempt_id,
        question_id: question,
        option_ids: json!(ids).to_string(),
        saved_at: now,
        not_before: now - Duration::seconds(60),
    };
    let q0_id = q0["id"].as_i64().unwrap();
    let q1_id = q1["id"].as_i64().unwrap();
    let saves = [
        save(q0_id, &o0[..1]),
        save(q0_id, &o0[1..2]),
        // Not a question of this attempt: the database refuses it (foreign key).
        save(-1, &o1[..1]),
        save(q1_id, &o1[..1]),
    ];
    // The writers take nothing more from the queue while the intake is held: the saves queue up in this order,
    // and on release the writer that holds the first takes all four into one commit.
    let hold = app.state.answers.hold_intake().await;
    let mut queued = Vec::new();
    for s in saves {
        queued.push(app.state.answers.enqueue(s).await.unwrap());
    }
    drop(hold);
    let mut results = Vec::new();
    for q in queued {
        results.push(q.outcome().await);
    }
    assert!(matches!(results[0], Ok(true)), "{:?}", results[0]);
    assert!(matches!(results[1], Ok(true)), "{:?}", results[1]);
    assert!(results[2].is_err(), "{:?}", results[2]);
    assert!(matches!(results[3], Ok(true)), "{:?}", results[3]);
    let view: Value = app
        .get(&format!("/api/v1/attempts/{attempt_id}"), Some(&p))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        view["answers"][q0_id.to_string()],
        json!(&o0[1..2]),
        "the later save wins"
    );
    assert_eq!(view["answers"][q1_id.to_string()], json!(&o1[..1]));
}

async fn time_spent_waiting_for_the_database_does_not_count_against_a_submit(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    let attempt = start_ok(&app, &p, round).await;
    let attempt_id = attempt["id"].as_i64().unwrap();
    // Every database connection busy: the submit arrives, takes its slot, then waits for a connection.
    let mut busy = Vec::new();
    for _ in 0..app.state.settings.db_max_connections() {
        busy.push(app.state.db.begin().await.unwrap());
    }
    let sent_at = Utc::now();
    let slots = app.state.attempt_slots.clone();
    let free = slots.available_permits();
    let release = async {
        let arrived = until(|| slots.available_permits() < free).await;
        let released_at = Utc::now();
        drop(busy);
        assert!(
            arrived,
            "the submit never reached the server's attempt slots"
        );
        released_at
    };
    let (res, released_at) = tokio::join!(submit(&app, &p, attempt_id), release);
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    let finished: chrono::DateTime<Utc> = body["finished_at"].as_str().unwrap().parse().unwrap();
    assert!(
        sent_at <= finished && finished <= released_at,
        "submitted at {finished}: not between sending ({sent_at}) and the database being free ({released_at})"
    );
}

/// Polls `condition` until it holds (true) or 30 s have passed (false).
async fn until(condition: impl Fn() -> bool) -> bool {
    for _ in 0..6000 {
        if condition() {
            return true;
        }
        tokio::time::sleep(StdDuration::from_millis(5)).await;
    }
    false
}

async fn an_attempt_is_sent_compressed_but_a_save_acknowledgement_is_not(app: TestApp) {
    let (_, round) = open_round(&app, json!({})).await;
    let p = app.participant().await;
    // A browser: asks for gzip on every request (this client does not decode, so the bytes are as sent).
    let browser = reqwest::Client::builder().gzip(false).build().unwrap();
    let send = |req: reqwest::RequestBuilder| {
        req.bearer_auth(&p.token)
            .header("Accept-Encoding", "gzip, deflate, br")
            .send()
    };
    let started = send(
        browser
            .post(app.url(&format!("/api/v1/rounds/{round}/attempts")))
            .json(&json!({})),
    )
    .await
    .unwrap();
    assert_eq!(started.status(), 200);
    assert_eq!(started.headers()["content-encoding"], "gzip");
    let attempt: Value = start_ok(&app, &p, round).await;
    let q = &attempt["questions"][0];
    let path = format!("/api/v1/attempts/{}/answers/{}", attempt["id"], q["id"]);
    let saved = send(
        browser
            .put(app.url(&path))
            .json(&json!({ "option_ids": &option_ids(q)[..1] })),
    )
    .await
    .unwrap();
    assert_eq!(saved.status(), 200);
    assert_ne!(
        saved
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    let body: Value = saved.json().await.expect("a plain JSON body");
    assert!(body["saved_at"].is_string(), "{body}");
}

/// Rows in every table of the database, by table.
async fn rows_by_table(app: &TestApp) -> BTreeMap<String, i64> {
    let db = &app.state.db;
    let backend = db.get_database_backend();
    let list = match backend {
        DbBackend::Postgres => {
            "SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let mut counts = BTreeMap::new();
    for row in db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .unwrap()
    {
        let table: String = row.try_get("", "name").unwrap();
        let count = db
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM \"{table}\""),
            ))
            .await
            .unwrap()
            .unwrap();
        counts.insert(table, count.try_get::<i64>("", "n").unwrap());
    }
    counts
}

/// What changed between two counts: table -> rows added (tables that did not change are left out).
fn added(before: &BTreeMap<String, i64>, after: &BTreeMap<String, i64>) -> BTreeMap<String, i64> {
    after
        .iter()
        .map(|(t, n)| (t.clone(), n - before.get(t).copied().unwrap_or(0)))
        .filter(|(_, d)| *d != 0)
        .collect()
}

async fn a_start_writes_the_same_two_rows_whatever_its_question_count(app: TestApp) {
    // Rounds of 2 and of 14 questions on the same bank (topics "a" of 8 and "b" of 6).
    let (organiser, small) = open_round(
        &app,
        json!({"question_count": 2, "draw_rules": [{"topic": "a", "count": 1}, {"topic": "b", "count": 1}]}),
    )
    .await;
    let large = create_round(
        &app,
        &organiser,
        json!({"question_count": 14, "draw_rules": [{"topic": "a", "count": 8}, {"topic": "b", "count": 6}]}),
    )
    .await;
    let p = app.participant().await;
    let mut writes = Vec::new();
    for (round, count) in [(small, 2), (large, 14)] {
        let before = rows_by_table(&app).await;
        let attempt = start_ok(&app, &p, round).await;
        assert_eq!(question_ids(&attempt).len(), count);
        writes.push(added(&before, &rows_by_table(&app).await));
    }
    let two_rows = BTreeMap::from([("attempt_draws".to_owned(), 1), ("attempts".to_owned(), 1)]);
    assert_eq!(writes[0], two_rows, "a start of 2 questions");
    assert_eq!(writes[1], two_rows, "a start of 14 questions");
}

crate::db_tests!(
    a_start_writes_the_same_two_rows_whatever_its_question_count,
    an_attempt_is_sent_compressed_but_a_save_acknowledgement_is_not,
    time_spent_waiting_for_the_database_does_not_count_against_a_submit,
    an_imported_edit_counts_for_the_very_next_start,
    closing_a_round_early_stops_the_very_next_start,
    saves_sharing_a_commit_keep_their_order_and_a_bad_one_fails_alone,
);
