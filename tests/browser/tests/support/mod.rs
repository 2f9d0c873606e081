//! Running the real app and a real headless Chromium (through chromedriver) for end-to-end tests.
//! Without Chromium the tests skip with a printed reason, except under `CI=true`, where that is a failure.
#![allow(dead_code)]

use cchc_quiz::app::AppState;
use cchc_quiz::domain::Role;
use cchc_quiz::entities::{units, users};
use chrono::Utc;
use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use sea_orm::{ActiveModelTrait, Set};
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use test_support::bank::QuestionSpec;
use tokio::process::{Child, Command};

const CHROMIUM: &str = "/usr/bin/chromium";
const DRIVER: &str = "/usr/bin/chromedriver";

pub struct Browser {
    pub client: Client,
    driver: Child,
    profile: tempfile::TempDir,
}

/// A fresh Chromium session, or `None` (skipped) when Chromium is not installed outside CI.
pub async fn browser() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() || !Path::new(DRIVER).exists() {
        let why =
            format!("{CHROMIUM} or {DRIVER} is missing (apt-get install chromium chromium-driver)");
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true" && v != "1"),
            "browser tests need Chromium in CI: {why}"
        );
        eprintln!("skipping browser test: {why}");
        return None;
    }
    let port = free_port();
    let driver = Command::new(DRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::Builder::new()
        .prefix("cchc-chromium-")
        .tempdir()
        .expect("a temporary browser profile");
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", format!("--user-data-dir={}", profile.path().display()),
                "--window-size=360,800"]
        }
    });
    let caps = caps.as_object().cloned().unwrap_or_default();
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        let connected = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await;
        if let Ok(client) = connected {
            return Some(Browser {
                client,
                driver,
                profile,
            });
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start on port {port}");
}

/// Runs `test` with a fresh browser and always cleans up after it, even when it fails.
pub async fn with_browser<F, Fut>(test: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let Some(b) = browser().await else { return };
    let outcome = tokio::spawn(test(b.client.clone())).await;
    b.finish().await;
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("browser test did not finish: {e}");
    }
}

/// Runs `test` like [`with_browser`] with the window of a desktop (1280×900) instead of a phone.
pub async fn with_desktop_browser<F, Fut>(test: F)
where
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    with_browser(|c: Client| async move {
        c.set_window_size(1280, 900)
            .await
            .expect("a desktop window");
        test(c).await
    })
    .await
}

impl Browser {
    /// Ends the session, then the driver and any browser process of this test's profile (by pid), and
    /// removes the profile (when `self` drops).
    async fn finish(mut self) {
        let _ = self.client.close().await;
        let _ = self.driver.kill().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        for pid in pids_using(self.profile.path()) {
            let _ = std::process::Command::new("kill")
                .arg(pid.to_string())
                .status();
        }
    }
}

/// Processes whose command line names `profile` (the Chromium this test started).
fn pids_using(profile: &Path) -> Vec<u32> {
    let needle = format!("--user-data-dir={}", profile.display());
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| e.file_name().to_str().and_then(|n| n.parse::<u32>().ok()))
        .filter(|pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|c| {
                String::from_utf8_lossy(&c)
                    .replace('\0', " ")
                    .contains(&needle)
            })
        })
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

pub struct App {
    pub address: String,
    pub state: AppState,
    _dir: tempfile::TempDir,
}

/// Puts `token` in the browser's session cookie, as logging in would (WebDriver's cookie command refuses bare IP
/// hosts, so the page sets it).
pub async fn use_session(client: &Client, app: &App, token: &str) {
    client
        .goto(&format!("{}/", app.address))
        .await
        .expect("home");
    let cookie = serde_json::json!(format!("cchc_session={token}; path=/; SameSite=Lax"));
    client
        .execute("document.cookie = arguments[0];", vec![cookie])
        .await
        .expect("cookie");
}

/// The element `css` once the page that holds it has loaded (a click on a submit button returns before the next
/// page is there).
pub async fn wait_for(client: &Client, css: &str) -> Element {
    match client
        .wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(element) => element,
        Err(e) => {
            let url = client.current_url().await.map(|u| u.to_string());
            let page = client.source().await.unwrap_or_default();
            panic!("{css} never appeared ({e}) at {url:?}:\n{page}")
        }
    }
}

/// The app with an empty database (no shipped bank).
pub async fn spawn_app() -> App {
    let running = test_support::spawn::start(&[]).await;
    App {
        address: running.address,
        state: running.state,
        _dir: running.data_dir,
    }
}

impl App {
    /// A unit; returns its id.
    pub async fn unit(&self, code: &str, name: &str, headcount: i32) -> i64 {
        let now = Utc::now();
        units::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
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
        .expect("unit")
        .id
    }

    /// An account without a password (tests open its sessions directly); returns its id.
    pub async fn user(&self, login: &str, full_name: &str, role: Role, unit: Option<i64>) -> i64 {
        let now = Utc::now();
        users::ActiveModel {
            login: Set(login.into()),
            full_name: Set(full_name.into()),
            search_name: Set(cchc_quiz::domain::text::fold(full_name)),
            role: Set(role),
            unit_id: Set(unit),
            token_version: Set(0),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&self.state.db)
        .await
        .expect("user")
        .id
    }

    fn session(&self, user: i64) -> String {
        self.state.keys.issue(user, 0).expect("token").token
    }

    /// A participant of a new unit; returns (user id, session token).
    pub async fn participant(&self) -> (i64, String) {
        let unit = self.unit("TTT", "Thanh tra tỉnh", 10).await;
        let user = self
            .user("nguyenvana", "Nguyễn Văn A", Role::Participant, Some(unit))
            .await;
        (user, self.session(user))
    }

    /// Starts an attempt of `round` through the JSON API as the holder of `token`; returns the attempt as the API
    /// shows it (`id`, `questions`, ...).
    pub async fn start_attempt(&self, token: &str, round: i64) -> serde_json::Value {
        let res = reqwest::Client::new()
            .post(format!("{}/api/v1/rounds/{round}/attempts", self.address))
            .bearer_auth(token)
            .json(&serde_json::json!({}))
            .send()
            .await
            .expect("start");
        assert!(res.status().is_success(), "start: {}", res.status());
        res.json().await.expect("the attempt")
    }

    /// Five questions of topic "a" (option 0 correct) and an open round drawing all five.
    pub async fn open_round(&self) -> i64 {
        self.seed_questions(5).await;
        let now = Utc::now();
        let input: cchc_quiz::store::rounds::NewRound = serde_json::from_value(serde_json::json!({
            "title": "Tuần thi thử nghiệm", "opens_at": now - chrono::Duration::minutes(1),
            "closes_at": now + chrono::Duration::days(1), "time_limit_secs": 600, "question_count": 5,
            "reveal": "after_submit", "draw_rules": [{"topic": "a", "count": 5}],
        }))
        .expect("round input");
        cchc_quiz::store::rounds::create(&self.state.db, input)
            .await
            .expect("round")
            .id
    }

    /// A second unit, "Thanh tra huyện"; returns its id.
    pub async fn second_unit(&self) -> i64 {
        self.unit("TTH", "Thanh tra huyện", 8).await
    }

    /// An organiser (no unit); returns its session token.
    pub async fn organiser(&self) -> String {
        let user = self
            .user("bantochuc", "Trần Thị Tổ Chức", Role::Organiser, None)
            .await;
        self.session(user)
    }

    /// `count` questions of topic "a" (option 0 correct).
    pub async fn seed_questions(&self, count: usize) {
        let specs: Vec<QuestionSpec> = (0..count)
            .map(|n| QuestionSpec::new("a", &format!("a-{n}"), &format!("Câu hỏi số {n}?")))
            .collect();
        test_support::bank::insert(&self.state.db, "thu", &specs).await;
    }
}
