//! Backups of the embedded database while people are saving answers, and their restore. SQLite only: on
//! PostgreSQL `cchc-quiz backup` prints the `pg_dump` command instead (checked at the end).
use crate::helpers::{Backend, TestApp, TestUser, run, spawn_app};
use crate::quiz_fixture::{open_round, option_ids, save, start_ok};
use cchc_quiz::cli::Cli;
use cchc_quiz::ops::{backup, restore};
use cchc_quiz::startup::Application;
use clap::Parser;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One answer slot's saves in the order they were made: the value and when it was acknowledged.
type History = Vec<(Vec<i64>, Instant)>;

/// Saves answers to every question of `attempt`, one after the other, until `until`.
async fn keep_saving(
    app: Arc<TestApp>,
    user: TestUser,
    attempt: Value,
    until: Instant,
) -> HashMap<(i64, i64), History> {
    let id = attempt["id"].as_i64().expect("attempt id");
    let questions = attempt["questions"].as_array().cloned().unwrap_or_default();
    let mut history: HashMap<(i64, i64), History> = HashMap::new();
    let mut i = 0usize;
    while Instant::now() < until {
        let question = &questions[i % questions.len()];
        let q = question["id"].as_i64().expect("question id");
        let options = option_ids(question);
        let choice = vec![options[(i / questions.len()) % options.len()]];
        i += 1;
        let res = save(&app, &user, id, q, &choice).await;
        assert_eq!(res.status(), 200, "a save during the backup failed");
        history
            .entry((id, q))
            .or_default()
            .push((choice, Instant::now()));
    }
    history
}

async fn stored_answers(file: &Path) -> HashMap<(i64, i64), Vec<i64>> {
    let mut conn = backup::open_copy(file).await.expect("open copy");
    let rows: Vec<(i64, i64, String)> =
        sea_orm::sqlx::query_as("SELECT attempt_id, question_id, option_ids FROM answers")
            .fetch_all(&mut conn)
            .await
            .expect("answers");
    rows.into_iter()
        .map(|(a, q, ids)| {
            let mut ids: Vec<i64> = serde_json::from_str(&ids).expect("option ids");
            ids.sort_unstable();
            ((a, q), ids)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_load_holds_every_save_acknowledged_before_it_began_and_restores() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let app = Arc::new(app);
    let (_, round) = open_round(&app, json!({})).await;
    let mut people = Vec::new();
    for _ in 0..8 {
        let user = app.participant().await;
        let attempt = start_ok(&app, &user, round).await;
        people.push((user, attempt));
    }
    let until = Instant::now() + Duration::from_millis(2500);
    let savers: Vec<_> = people
        .iter()
        .map(|(user, attempt)| {
            tokio::spawn(keep_saving(
                app.clone(),
                user.clone(),
                attempt.clone(),
                until,
            ))
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let dir = tempdir("backup");
    let out = dir.join("sao-luu.sqlite");
    let began = Instant::now();
    let verified = backup::of_settings(&app.state.settings, &out)
        .await
        .expect("backup while saving");
    let mut history = HashMap::new();
    for saver in savers {
        history.extend(saver.await.expect("saver"));
    }
    assert!(
        verified
            .counts
            .iter()
            .any(|(t, n)| t == "answers" && *n > 0)
    );
    assert!(!verified.migration.is_empty());
    assert_owner_only(&out);

    let copy = stored_answers(&out).await;
    let mut checked = 0;
    for (key, saves) in &history {
        // The last save acknowledged before the backup began, or any later one, must be in the copy.
        let Some(last) = saves.iter().rposition(|(_, acked)| *acked < began) else {
            continue;
        };
        let allowed: Vec<&Vec<i64>> = saves[last..].iter().map(|(v, _)| v).collect();
        let stored = copy.get(key);
        assert!(
            stored.is_some_and(|s| allowed.contains(&s)),
            "{key:?}: acknowledged {:?} before the backup, the copy has {stored:?}",
            saves[last].0
        );
        checked += 1;
    }
    assert!(
        checked >= 8,
        "only {checked} answers were acknowledged before the backup"
    );

    let restored_dir = dir.join("du-lieu-moi");
    restored_server_serves_the_copy(&out, &restored_dir, &people, &copy).await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Restores into an empty folder, starts a server there, and reads an attempt back with the same login token
/// (the generated signing key travelled with the backup).
async fn restored_server_serves_the_copy(
    file: &Path,
    data_dir: &Path,
    people: &[(TestUser, Value)],
    copy: &HashMap<(i64, i64), Vec<i64>>,
) {
    let settings = settings_for(data_dir);
    restore::of_settings(&settings, file)
        .await
        .expect("restore");
    assert_owner_only(&data_dir.join("cchc-quiz.sqlite"));
    let again = restore::of_settings(&settings, file).await;
    let refused = format!(
        "{:#}",
        again.expect_err("a second restore over the data is refused")
    );
    assert!(refused.contains("thư mục dữ liệu trống"), "{refused}");

    let app = Application::build(settings)
        .await
        .expect("restored app builds");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    let ready = client
        .get(format!("{base}/readyz"))
        .send()
        .await
        .expect("readyz");
    assert_eq!(ready.status(), 200);
    let (user, attempt) = &people[0];
    let id = attempt["id"].as_i64().expect("attempt id");
    let res = client
        .get(format!("{base}/api/v1/attempts/{id}"))
        .bearer_auth(&user.token)
        .send()
        .await
        .expect("attempt");
    assert_eq!(
        res.status(),
        200,
        "the login token still works after the restore"
    );
    let body: Value = res.json().await.expect("json");
    let answered = copy.keys().filter(|(a, _)| *a == id).count();
    assert_eq!(
        body["answers"].as_object().map_or(0, |m| m.len()),
        answered,
        "{body}"
    );
}

#[tokio::test]
async fn restore_refuses_a_corrupt_file_and_a_file_from_a_newer_version() {
    let Some(app) = spawn_app(Backend::Sqlite).await else {
        return;
    };
    let dir = tempdir("refuse");
    let good = dir.join("tot.sqlite");
    backup::of_settings(&app.state.settings, &good)
        .await
        .expect("backup");

    let corrupt = dir.join("hong.sqlite");
    let mut bytes = std::fs::read(&good).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle..middle + 4096].fill(0xA5);
    std::fs::write(&corrupt, &bytes).expect("write");
    let truncated = dir.join("cut.sqlite");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).expect("write");
    let newer = dir.join("moi.sqlite");
    std::fs::copy(&good, &newer).expect("copy");
    let mut conn = backup::open_copy(&newer).await.expect("open");
    sea_orm::sqlx::query(
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_future', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("future migration");
    drop(conn);

    for (file, expected) in [
        (&corrupt, "hỏng"),
        (&truncated, "hỏng"),
        (&newer, "phiên bản cchc-quiz mới hơn"),
    ] {
        let target = dir.join(format!("dich-{}", expected.len()));
        let err = restore::of_settings(&settings_for(&target), file)
            .await
            .expect_err("refused");
        let message = format!("{err:#}");
        assert!(message.contains(expected), "{}: {message}", file.display());
        assert!(!target.join("cchc-quiz.sqlite").exists(), "nothing written");
    }
    restore::of_settings(&settings_for(&dir.join("dich-tot")), &good)
        .await
        .expect("the good file restores");
    let _ = std::fs::remove_dir_all(&dir);
}

async fn postgres_backup_says_what_to_run_with_pg_dump(app: TestApp) {
    let advice = backup::postgres_advice(&app.state.db, Path::new("/tmp/x.dump"))
        .await
        .expect("advice");
    assert!(
        advice.contains("pg_dump --format=custom --file=/tmp/x.dump"),
        "{advice}"
    );
    assert!(
        advice.contains("PostgreSQL 1"),
        "the server's version: {advice}"
    );
}

#[tokio::test]
async fn on_postgres_backup_prints_the_pg_dump_command_with_the_server_version() {
    run(
        Backend::Postgres,
        postgres_backup_says_what_to_run_with_pg_dump,
    )
    .await;
}

fn settings_for(data_dir: &Path) -> cchc_quiz::config::Settings {
    let dir = data_dir.display().to_string();
    let args = [
        "cchc-quiz",
        "--port",
        "0",
        "--data-dir",
        &dir,
        "--no-load-questions",
    ];
    Cli::try_parse_from(args).expect("arguments").settings
}

fn tempdir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "cchc-{what}-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn assert_owner_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o600, "{} is {mode:o}", path.display());
}
