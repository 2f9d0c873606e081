//! `spawn_app` starts the real application on a free port with its own database, and `TestApp` wraps the calls
//! tests make. Each test runs twice through `db_tests!`: on a fresh SQLite file and on a fresh PostgreSQL
//! database cloned from a migrated template (`CCHC_TEST_POSTGRES`, default postgres://postgres@127.0.0.1:5432/
//! postgres; see `test_support::postgres`). PostgreSQL tests skip with a printed reason when the server cannot
//! be reached, except under `CI=true`, where they fail. The app starts without the shipped question banks;
//! a test that needs them opts in with `db_tests!(shipped_banks: ...)`.
#![allow(dead_code)]

use cchc_quiz::app::AppState;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{units, users};
use chrono::Utc;
use futures_util::FutureExt;
use sea_orm::{ActiveModelTrait, Set};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use test_support::postgres::PgDatabase;
use test_support::unique_name;

pub struct TestApp {
    pub address: String,
    pub state: AppState,
    /// A client without cookies, for API calls with bearer tokens.
    pub api: reqwest::Client,
    /// The PostgreSQL database made for this test, dropped when the test ends.
    pg_database: Option<PgDatabase>,
    _dir: tempfile::TempDir,
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

/// Starts the app with extra command-line style options, e.g. `["--save-grace-secs", "0"]`.
pub async fn spawn_app_with(backend: Backend, extra: &[&str]) -> Option<TestApp> {
    let mut args: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
    let mut pg_database = None;
    if let Backend::Postgres = backend {
        let db = test_support::postgres::fresh_database().await?;
        args.extend(["--database-url".into(), db.url.clone()]);
        pg_database = Some(db);
    }
    let running = test_support::spawn::start(&args).await;
    let api = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    Some(TestApp {
        address: running.address,
        state: running.state,
        api,
        pg_database,
        _dir: running.data_dir,
    })
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with(backend, &[]).await
}

pub fn questions_dir() -> PathBuf {
    PathBuf::from(QUESTIONS_DIR)
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
    let Some(app) = spawn_app_with(backend, extra).await else {
        return;
    };
    let pg_database = app.pg_database.clone();
    let outcome = AssertUnwindSafe(test(app)).catch_unwind().await;
    if let Some(db) = pg_database {
        drop_unless_kept(&db, outcome.is_err()).await;
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Drops a test's database, also after a failure (the app's connections are ended by `WITH (FORCE)`), unless
/// `CCHC_TEST_KEEP_DB=1` asks to keep a failed test's database for a look.
async fn drop_unless_kept(db: &PgDatabase, failed: bool) {
    if failed && std::env::var("CCHC_TEST_KEEP_DB").is_ok_and(|v| v == "1") {
        eprintln!("kept the failed test's database {}", db.name);
        return;
    }
    db.drop_now().await;
}

/// Declares each listed `async fn name(app: TestApp)` as two tests, `sqlite::name` and `postgres::name`.
/// `db_tests!(shipped_banks: ...)` starts their apps with the shipped question banks loaded;
/// `db_tests!(options = &["--flag", "value"]; ...)` starts them with extra options.
#[macro_export]
macro_rules! db_tests {
    (shipped_banks: $($name:ident),* $(,)?) => {
        $crate::db_tests!(@with ["--questions-dir", $crate::helpers::QUESTIONS_DIR]; $($name),*);
    };
    (options = & $options:expr; $($name:ident),* $(,)?) => {
        $crate::db_tests!(@with $options; $($name),*);
    };
    (@with $extra:expr; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $crate::helpers::run_with($crate::helpers::Backend::Sqlite, &$extra, super::$name).await
            })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $crate::helpers::run_with($crate::helpers::Backend::Postgres, &$extra, super::$name).await
            })*
        }
    };
    ($($name:ident),* $(,)?) => {
        $crate::db_tests!(@with []; $($name),*);
    };
}

/// The shipped question banks, for `--questions-dir`.
pub const QUESTIONS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/questions");

impl TestApp {
    /// The PostgreSQL database of a PostgreSQL test, for a second instance on it.
    pub fn database_url(&self) -> Option<&str> {
        self.pg_database.as_ref().map(|db| db.url.as_str())
    }

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

    /// A page as `client` (a browser with its cookies, or `self.api` for a visitor) gets it: status and text.
    pub async fn page(&self, client: &reqwest::Client, path: &str) -> (u16, String) {
        let res = client.get(self.url(path)).send().await.expect("page");
        (res.status().as_u16(), res.text().await.expect("body"))
    }

    /// The text of a page that must answer 200 to `client`.
    pub async fn page_ok(&self, client: &reqwest::Client, path: &str) -> String {
        let (status, text) = self.page(client, path).await;
        assert_eq!(status, 200, "{path}");
        text
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

    /// Logs `user` in through the login form; returns the browser and its session cookie (`name=value`).
    pub async fn log_in(&self, user: &TestUser) -> (reqwest::Client, String) {
        let browser = self.browser();
        let res = browser
            .post(self.url("/dang-nhap"))
            .form(&[
                ("login", user.login.as_str()),
                ("password", user.password.as_str()),
            ])
            .send()
            .await
            .expect("login");
        assert_eq!(res.status(), 303, "login of {}", user.login);
        let cookie = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(cchc_quiz::auth::SESSION_COOKIE))
            .and_then(|v| v.split(';').next())
            .expect("session cookie")
            .to_owned();
        (browser, cookie)
    }

    /// A participant in a new unit.
    pub async fn participant(&self) -> TestUser {
        let code = unique_name().replace("cchc_test_", "U");
        let unit = self.create_unit(&code, &format!("Đơn vị {code}"), 10).await;
        self.create_user(Role::Participant, Some(unit)).await
    }
}

/// The CSRF token in the form of `page` that posts to `action`, if the page has that form.
pub fn form_token(page: &str, action: &str) -> Option<String> {
    let form = &page[page.find(&format!("action=\"{action}\""))?..];
    let form = &form[..form.find("</form>")?];
    let field = "name=\"csrf\" value=\"";
    let value = &form[form.find(field)? + field.len()..];
    Some(value[..value.find('"')?].to_owned())
}
