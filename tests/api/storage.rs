//! Review N1: what is stored is for the service's own user only. The data folder is 0700; the SQLite database,
//! its WAL and shared-memory files and the signing secret are 0600; the signing secret is never in the
//! database (on PostgreSQL it used to be a row of `settings`, readable by anyone who can read the database),
//! and an install that still has it there moves it out without ending its sessions.
use crate::helpers::TestApp;
use cchc_quiz::auth::jwt::Keys;
use cchc_quiz::startup::Application;
use sea_orm::{ConnectionTrait, Statement};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

async fn settings_rows(app: &TestApp) -> Vec<(String, String)> {
    let db = &app.state.db;
    let sql = "SELECT key, value FROM settings";
    let rows = db
        .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("settings");
    rows.iter()
        .map(|r| {
            (
                r.try_get("", "key").expect("key"),
                r.try_get("", "value").expect("value"),
            )
        })
        .collect()
}

async fn me_status(base: &str, token: &str) -> u16 {
    let res = reqwest::Client::new()
        .get(format!("{base}/api/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .expect("request");
    res.status().as_u16()
}

async fn the_data_folder_the_database_and_the_secret_are_owner_only(app: TestApp) {
    app.participant().await; // a write, so that SQLite has its WAL file
    let dir = &app.state.settings.data_dir;
    assert_eq!(mode(dir), 0o700, "the data folder");
    assert_eq!(mode(&dir.join("jwt-secret")), 0o600, "the signing secret");
    if app.state.settings.is_postgres() {
        return;
    }
    let db = dir.join("cchc-quiz.sqlite");
    for file in [
        "cchc-quiz.sqlite",
        "cchc-quiz.sqlite-wal",
        "cchc-quiz.sqlite-shm",
    ] {
        assert_eq!(mode(&dir.join(file)), 0o600, "{file}");
    }
    assert!(db.exists());
}

async fn the_signing_secret_cannot_be_read_from_the_database(app: TestApp) {
    let p = app.participant().await;
    assert_eq!(me_status(&app.address, &p.token).await, 200);
    let secret = std::fs::read_to_string(app.state.settings.data_dir.join("jwt-secret"))
        .expect("secret file");
    let secret = secret.trim();
    for (key, value) in settings_rows(&app).await {
        assert!(
            !value.contains(secret),
            "settings.{key} holds the signing secret"
        );
        let forged = Keys::from_secret(value.as_bytes(), 1)
            .issue(p.id, 0)
            .expect("token");
        assert_eq!(
            me_status(&app.address, &forged.token).await,
            401,
            "signed with settings.{key}"
        );
    }
}

async fn a_secret_an_older_version_kept_in_the_database_is_moved_out_and_sessions_survive(
    app: TestApp,
) {
    let legacy = "an-older-install-kept-this-secret-in-settings";
    let db = &app.state.db;
    let backend = db.get_database_backend();
    db.execute_raw(Statement::from_string(
        backend,
        "DELETE FROM settings WHERE key LIKE 'jwt_secret%'",
    ))
    .await
    .expect("clear");
    db.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO settings (key, value, updated_at) VALUES ('jwt_secret', $1, $2)",
        [legacy.into(), chrono::Utc::now().into()],
    ))
    .await
    .expect("legacy row");
    let file = app.state.settings.data_dir.join("jwt-secret");
    std::fs::remove_file(&file).expect("remove the file");
    let p = app.participant().await;
    let old_session = Keys::from_secret(legacy.as_bytes(), 1)
        .issue(p.id, 0)
        .expect("token");

    let mut settings = (*app.state.settings).clone();
    settings.port = 0;
    let upgraded = Application::build(settings)
        .await
        .expect("the upgraded app starts");
    let base = format!("http://127.0.0.1:{}", upgraded.port());
    tokio::spawn(upgraded.run_until_stopped());

    assert_eq!(
        me_status(&base, &old_session.token).await,
        200,
        "sessions survive"
    );
    assert!(
        settings_rows(&app)
            .await
            .iter()
            .all(|(_, v)| !v.contains(legacy))
    );
    assert_eq!(std::fs::read_to_string(&file).expect("file").trim(), legacy);
    assert_eq!(mode(&file), 0o600);
}

crate::db_tests!(
    the_data_folder_the_database_and_the_secret_are_owner_only,
    the_signing_secret_cannot_be_read_from_the_database,
    a_secret_an_older_version_kept_in_the_database_is_moved_out_and_sessions_survive,
);
