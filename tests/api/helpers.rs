//! `spawn_app` starts the real application on a free port with its own database, and `TestApp` wraps the calls
//! tests make. Each test runs twice through `db_tests!`: on a fresh SQLite file and on a fresh PostgreSQL
//! database (`CCHC_TEST_POSTGRES`, default postgres://postgres@127.0.0.1:5432/postgres). PostgreSQL tests skip
//! with a printed reason when the server cannot be reached, except under `CI=true`, where they fail.
#![allow(dead_code)]

use cchc_quiz::cli::Cli;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{units, users};
use cchc_quiz::startup::{AppState, Application};
use chrono::Utc;
use clap::Parser;
use sea_orm::{ActiveModelTrait, ConnectionTrait, Database, Set};
use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    /// A client without cookies, for API calls with bearer tokens.
    pub api: reqwest::Client,
    /// The PostgreSQL database made for this test (admin URL, name), dropped when the test passes.
    pg_database: Option<(String, String)>,
    _dir: tempdir::Dir,
}

/// A person made for a test, with a valid bearer token.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: i64,
    pub login: String,
    pub password: String,
    pub token: String,
    pub unit_id: Option<i64>,
}

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

mod tempdir {
    use std::path::PathBuf;
    /// A folder removed when the test ends.
    pub struct Dir(pub PathBuf);
    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!(
        "cchc_test_{}_{}_{}",
        std::process::id(),
        n,
        Utc::now().timestamp_micros() % 1_000_000
    )
}

/// A fresh PostgreSQL database: (its URL, the admin URL, its name).
pub async fn postgres_database() -> Option<(String, String, String)> {
    let admin = std::env::var("CCHC_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true" || v == "1");
    let conn = match Database::connect(admin.as_str()).await {
        Ok(conn) => conn,
        Err(e) if in_ci => {
            panic!("PostgreSQL is required in CI but {admin} cannot be reached: {e}")
        }
        Err(e) => {
            eprintln!(
                "skipping PostgreSQL test: cannot reach {admin} ({e}); set CCHC_TEST_POSTGRES"
            );
            return None;
        }
    };
    let name = unique_name();
    conn.execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create test database");
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(admin.clone());
    Some((format!("{base}/{name}"), admin, name))
}

/// Drops a test's database; `WITH (FORCE)` ends the connections the test's app still holds.
pub async fn drop_database(admin: &str, name: &str) {
    if let Ok(conn) = Database::connect(admin).await {
        let _ = conn
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}

/// Starts the app with extra command-line style options, e.g. `["--save-grace-secs", "0"]`.
pub async fn spawn_app_with(backend: Backend, extra: &[&str]) -> Option<TestApp> {
    let dir = std::env::temp_dir().join(unique_name());
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut args: Vec<String> = vec!["cchc-quiz".into(), "--port".into(), "0".into()];
    args.extend(["--data-dir".into(), dir.display().to_string()]);
    args.extend(["--argon2-memory-kib".into(), "1024".into()]);
    args.extend([
        "--questions-dir".into(),
        questions_dir().display().to_string(),
    ]);
    let mut pg_database = None;
    if let Backend::Postgres = backend {
        let (url, admin, name) = postgres_database().await?;
        args.extend(["--database-url".into(), url]);
        pg_database = Some((admin, name));
    }
    args.extend(extra.iter().map(|s| s.to_string()));
    let cli = Cli::try_parse_from(args).expect("test arguments");
    let app = Application::build(cli.settings).await.expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    let api = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    Some(TestApp {
        address,
        state,
        api,
        pg_database,
        _dir: tempdir::Dir(dir),
    })
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

pub fn questions_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questions")
}

/// Runs a test body on a fresh app of the given backend (or skips, see the module doc).
pub async fn run<F, Fut>(backend: Backend, test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    run_with(backend, &[], test).await
}

/// [`run`] with extra command-line style options for the app, e.g. `["--log-requests"]`.
pub async fn run_with<F, Fut>(backend: Backend, extra: &[&str], test: F)
where
    F: FnOnce(TestApp) -> Fut,
    Fut: Future<Output = ()>,
{
    if let Some(app) = spawn_app_with(backend, extra).await {
        let pg_database = app.pg_database.clone();
        test(app).await;
        // Reached only when the test passed: a failed test keeps its database for a look.
        if let Some((admin, name)) = pg_database {
            drop_database(&admin, &name).await;
        }
    }
}

/// Declares each listed `async fn name(app: TestApp)` as two tests, `sqlite::name` and `postgres::name`.
/// `db_tests!(options = &["--flag", "value"]; name, ...)` starts those apps with extra options.
#[macro_export]
macro_rules! db_tests {
    (options = $options:expr; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::helpers::run_with($crate::helpers::Backend::Sqlite, $options, super::$name).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::helpers::run_with($crate::helpers::Backend::Postgres, $options, super::$name).await })*
        }
    };
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::helpers::run($crate::helpers::Backend::Sqlite, super::$name).await })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() { $crate::helpers::run($crate::helpers::Backend::Postgres, super::$name).await })*
        }
    };
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    /// A client that keeps cookies, like a browser.
    pub fn browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    pub async fn get(&self, path: &str, user: Option<&TestUser>) -> reqwest::Response {
        let mut req = self.api.get(self.url(path));
        if let Some(u) = user {
            req = req.bearer_auth(&u.token);
        }
        req.send().await.expect("request")
    }

    pub async fn post_json(
        &self,
        path: &str,
        user: Option<&TestUser>,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.send_json(reqwest::Method::POST, path, user, body)
            .await
    }

    pub async fn send_json(
        &self,
        method: reqwest::Method,
        path: &str,
        user: Option<&TestUser>,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        let mut req = self.api.request(method, self.url(path)).json(body);
        if let Some(u) = user {
            req = req.bearer_auth(&u.token);
        }
        req.send().await.expect("request")
    }

    /// A unit, created directly in the database.
    pub async fn create_unit(&self, code: &str, name: &str, headcount: i32) -> i64 {
        let now = Utc::now();
        let unit = units::ActiveModel {
            code: Set(code.to_owned()),
            name: Set(name.to_owned()),
            parent_id: Set(None),
            headcount: Set(headcount),
            display_order: Set(0),
            retired: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.state.db)
        .await
        .expect("insert unit");
        unit.id
    }

    /// A person with a password and a bearer token, created directly in the database.
    pub async fn create_user(&self, role: Role, unit_id: Option<i64>) -> TestUser {
        let login = unique_name().replace("cchc_test_", "u");
        self.create_named_user(&login, &format!("Người Thử {login}"), role, unit_id)
            .await
    }

    pub async fn create_named_user(
        &self,
        login: &str,
        full_name: &str,
        role: Role,
        unit_id: Option<i64>,
    ) -> TestUser {
        let password = format!("mật-khẩu-{login}");
        let now = Utc::now();
        let user = users::ActiveModel {
            login: Set(login.to_owned()),
            full_name: Set(full_name.to_owned()),
            search_name: Set(cchc_quiz::domain::text::fold(full_name)),
            role: Set(role),
            unit_id: Set(unit_id),
            password_hash: Set(Some(self.state.hasher.hash(&password).expect("hash"))),
            token_version: Set(0),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.state.db)
        .await
        .expect("insert user");
        let token = self.state.keys.issue(user.id, 0).expect("token").token;
        TestUser {
            id: user.id,
            login: login.to_owned(),
            password,
            token,
            unit_id,
        }
    }

    /// A participant in a new unit.
    pub async fn participant(&self) -> TestUser {
        let code = unique_name().replace("cchc_test_", "U");
        let unit = self.create_unit(&code, &format!("Đơn vị {code}"), 10).await;
        self.create_user(Role::Participant, Some(unit)).await
    }
}
