//! Several server instances on one PostgreSQL database, sharing nothing but the database and the signing secret:
//! two real `cchc-quiz serve` processes. An attempt started on one is answered and submitted on the other, and
//! both show the same leaderboard. Skipped without PostgreSQL, except under `CI=true`, where it fails.
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

fn command(db: &str, data_dir: &Path) -> Command {
    let questions = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut cmd = Command::new(BIN);
    cmd.env("DATABASE_URL", db)
        .env("CCHC_JWT_SECRET", SECRET)
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

#[tokio::test]
async fn an_attempt_started_on_one_instance_is_finished_on_another_and_both_rank_it_alike() {
    let Some(database) = fresh_database().await else {
        return;
    };
    let db = database.url.clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let dir = dir.path();
    let fixture_path = dir.join("fixture.json");
    let seeded = command(&db, &dir.join("seed"))
        .args(["seed-load", "--participants", "2", "--out"])
        .arg(&fixture_path)
        .status()
        .expect("seed-load runs");
    assert!(seeded.success(), "seed-load failed");
    let fixture: Value =
        serde_json::from_slice(&std::fs::read(&fixture_path).expect("fixture")).expect("json");
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
