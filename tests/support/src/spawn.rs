//! Starting the real application in the test's own process: port 0, a throw-away data folder, cheap password
//! hashing, and no question bank unless the test names a `--questions-dir` (only the tests about the shipped
//! banks do; loading them costs every other test about a second).
use cchc_quiz::app::AppState;
use cchc_quiz::cli::Cli;
use cchc_quiz::startup::Application;
use clap::Parser;
use tempfile::TempDir;

/// A running application; the data folder is removed when this is dropped.
pub struct Running {
    /// `http://127.0.0.1:<port>`
    pub address: String,
    pub state: AppState,
    pub data_dir: TempDir,
}

/// Builds the app with `extra` command-line options (e.g. `--database-url`, `--log-requests`) and serves it
/// on a spawned task of the current runtime.
pub async fn start(extra: &[String]) -> Running {
    let data_dir = tempfile::Builder::new()
        .prefix("cchc-test-")
        .tempdir()
        .expect("a temporary data folder");
    let mut args: Vec<String> = ["cchc-quiz", "--port", "0", "--argon2-memory-kib", "1024"]
        .map(String::from)
        .into();
    args.extend(["--data-dir".into(), data_dir.path().display().to_string()]);
    let named = |flag: &str| extra.iter().any(|a| a == flag);
    if !named("--questions-dir") && !named("--no-load-questions") {
        args.push("--no-load-questions".into());
    }
    args.extend(extra.iter().cloned());
    let cli = Cli::try_parse_from(args).expect("test arguments");
    let app = Application::build(cli.settings)
        .await
        .expect("the app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state.clone();
    tokio::spawn(app.run_until_stopped());
    Running {
        address,
        state,
        data_dir,
    }
}
