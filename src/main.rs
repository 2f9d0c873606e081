use cchc_quiz::cli::Cli;
use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    cchc_quiz::telemetry::init();
    match cchc_quiz::commands::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!("Lỗi: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
