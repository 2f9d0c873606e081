//! Several server instances on one PostgreSQL database, sharing nothing but the database and the signing secret:
//! two real `cchc-quiz serve` processes. An attempt started on one is answered and submitted on the other, and
//! both show the same leaderboard; an attempt is shown identically by the instance that drew it, by another, and
//! after a restart (on SQLite too). Skipped without PostgreSQL, except under `CI=true`, where it fails.
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use test_support::postgres::fresh_database;

const BIN: &str = env!("CARGO_BIN_EXE_cchc-quiz");
const SECRET: &str = "a-secret-shared-by-every-instance-of-this-contest";

/// A server process, killed when the test ends.
struct Instance {
    child: Child,
    base: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server with `db` (a PostgreSQL URL; "" for the SQLite database in `data_dir`).
fn command(db: &str, data_dir: &Path) -> Command {
    let questions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut cmd = Command::new(BIN);
    if db.is_empty() {
        cmd.env_remove("DATABASE_URL");
    } else {
        cmd.env("DATABASE_URL", db);
    }
    cmd.env("CCHC_JWT_SECRET", SECRET)
        .env("CCHC_DATA_DIR", data_dir)
        .env("CCHC_QUESTIONS_DIR", questions)
        .env("RUST_LOG", "warn");
    cmd
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn start_instance(db: &str, data_dir: &Path, client: &reqwest::Client) -> Instance {
    let port = free_port();
    let child = command(db, data_dir)
        .args(["serve", "--port", &port.to_string()])
        .stdout(Stdio::null())
        .spawn()
        .expect("server starts");
    let instance = Instance {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..200 {
        if client.get(&instance.base).send().await.is_ok() {
            return instance;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("instance on port {port} did not answer");
}

async fn call(client: &reqwest::Client, req: reqwest::RequestBuilder) -> Value {
    let res = client
        .execute(req.build().expect("request"))
        .await
        .expect("response");
    let status = res.status();
    let body: Value = res.json().await.expect("json body");
    assert!(status.is_success(), "HTTP {status}: {body}");
    body
}

/// `seed-load` of a round and two participants into `db` (with its data in `data_dir`): the fixture it writes.
fn seed(db: &str, data_dir: &Path, fixture_path: &Path) -> Value {
    let seeded = command(db, data_dir)
        .args(["seed-load", "--participants", "2", "--out"])
        .arg(fixture_path)
        .status()
        .expect("seed-load runs");
    assert!(seeded.success(), "seed-load failed");
    serde_json::from_slice(&std::fs::read(fixture_path).expect("fixture")).expect("json")
}

/// The attempt as `instance` shows it to its owner: its questions, options in the attempt's order.
async fn shown(client: &reqwest::Client, instance: &Instance, attempt: i64, token: &str) -> Value {
    let seen = call(
        client,
        client
            .get(format!("{}/api/v1/attempts/{attempt}", instance.base))
            .bearer_auth(token),
    )
    .await;
    seen["questions"].clone()
}

/// Starts an attempt of the fixture's round on `drew`, which then shows it as drawn: (attempt id, its questions).
async fn draw_on(client: &reqwest::Client, fixture: &Value, drew: &Instance) -> (i64, Value) {
    let token = fixture["tokens"][1].as_str().unwrap_or("");
    let started = call(
        client,
        client
            .post(format!(
                "{}/api/v1/rounds/{}/attempts",
                drew.base, fixture["round_id"]
            ))
            .bearer_auth(token)
            .json(&json!({})),
    )
    .await;
    let attempt = started["id"].as_i64().expect("attempt id");
    let questions = started["questions"].clone();
    assert_eq!(questions.as_array().map(Vec::len), Some(20));
    assert_eq!(shown(client, drew, attempt, token).await, questions);
    (attempt, questions)
}

#[tokio::test]
async fn an_attempt_is_shown_as_drawn_by_another_instance_and_after_a_restart() {
    let Some(database) = fresh_database().await else {
        return;
    };
    let db = database.url.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let fixture = seed(&db, &dir.join("seed"), &dir.join("fixture.json"));
    let token = fixture["tokens"][1].as_str().unwrap_or("");
    let client = reqwest::Client::new();
    let a = start_instance(&db, &dir.join("a"), &client).await;
    let b = start_instance(&db, &dir.join("b"), &client).await;
    let (attempt, questions) = draw_on(&client, &fixture, &a).await;
    assert_eq!(
        shown(&client, &b, attempt, token).await,
        questions,
        "on the second instance"
    );
    drop(a);
    let restarted = start_instance(&db, &dir.join("a"), &client).await;
    assert_eq!(
        shown(&client, &restarted, attempt, token).await,
        questions,
        "after a restart"
    );
    drop((b, restarted));
    database.drop_now().await;
}

#[tokio::test]
async fn an_attempt_is_shown_as_drawn_after_a_restart_on_sqlite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let fixture = seed("", &data, &dir.path().join("fixture.json"));
    let token = fixture["tokens"][1].as_str().unwrap_or("");
    let client = reqwest::Client::new();
    let first = start_instance("", &data, &client).await;
    let (attempt, questions) = draw_on(&client, &fixture, &first).await;
    drop(first);
    let restarted = start_instance("", &data, &client).await;
    assert_eq!(
        shown(&client, &restarted, attempt, token).await,
        questions,
        "after a restart"
    );
}

#[tokio::test]
async fn an_attempt_started_on_one_instance_is_finished_on_another_and_both_rank_it_alike() {
    let Some(database) = fresh_database().await else {
        return;
    };
    let db = database.url.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let fixture = seed(&db, &dir.join("seed"), &dir.join("fixture.json"));
    let (round, token) = (
        &fixture["round_id"],
        fixture["tokens"][0].as_str().unwrap_or(""),
    );
    let organiser = fixture["organiser_token"].as_str().unwrap_or("");

    let client = reqwest::Client::new();
    let a = start_instance(&db, &dir.join("a"), &client).await;
    let b = start_instance(&db, &dir.join("b"), &client).await;

    let started = call(
        &client,
        client
            .post(format!("{}/api/v1/rounds/{round}/attempts", a.base))
            .bearer_auth(token)
            .json(&json!({})),
    )
    .await;
    let attempt = started["id"].as_i64().expect("attempt id");
    let questions = started["questions"].as_array().expect("questions").clone();
    assert_eq!(questions.len(), 20);
    for q in &questions {
        let option = &q["options"][0]["id"];
        call(
            &client,
            client
                .put(format!(
                    "{}/api/v1/attempts/{attempt}/answers/{}",
                    b.base, q["id"]
                ))
                .bearer_auth(token)
                .json(&json!({ "option_ids": [option] })),
        )
        .await;
    }
    let submitted = call(
        &client,
        client
            .post(format!("{}/api/v1/attempts/{attempt}/submit", b.base))
            .bearer_auth(token)
            .json(&json!({ "prediction": 1 })),
    )
    .await;
    assert_eq!(submitted["status"], "submitted");

    let seen_on_a = call(
        &client,
        client
            .get(format!("{}/api/v1/attempts/{attempt}", a.base))
            .bearer_auth(token),
    )
    .await;
    assert_eq!(seen_on_a["status"], "submitted");
    assert_eq!(seen_on_a["answers"].as_object().map(|m| m.len()), Some(20));

    let board = |base: &str| {
        client
            .get(format!("{base}/api/v1/rounds/{round}/leaderboard"))
            .bearer_auth(organiser)
    };
    let on_a = call(&client, board(&a.base)).await;
    let on_b = call(&client, board(&b.base)).await;
    assert_eq!(on_a["entries"].as_array().map(Vec::len), Some(1));
    assert_eq!(on_a["entries"][0]["score"], submitted["score"]);
    assert_eq!(on_a, on_b);
    drop((a, b));
    database.drop_now().await;
}
