//! Load generator for cchc-quiz. Loopback only: it refuses any base URL that is not 127.0.0.0/8, ::1 or
//! localhost. Prepare a fixture with `cchc-quiz seed-load` (participants, a ranked round and a practice round,
//! and a login token per participant), start the server, then run a scenario:
//!
//!   loadgen spike  --participants 5000         N people start the same round within one second, answer, submit
//!   loadgen steady --concurrency 64 --seconds 30   full attempts back to back
//!   loadgen saves  --concurrency 256 --seconds 30  answer saves only, as fast as the server takes them
//!   loadgen verify --acks acks.json            every acknowledged save is in the database (after a crash)
//!   loadgen login  --logins 300 --password PW  N distinct logins at once, with a save probe
//!   loadgen login  --logins 5000 --over-secs 300 --retry-busy --password PW   arriving over 5 minutes
//!   loadgen browser --participants 5000        the phone's path (pages, forms, static files), as a spike
//!   loadgen browser --concurrency 64 --seconds 30   the same, full attempts back to back
mod browser;
mod login;
mod scenarios;
mod stats;

use clap::{Parser, Subcommand};
use serde::Deserialize;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "loadgen",
    about = "Load generator for cchc-quiz (loopback only)"
)]
struct Cli {
    /// Server base URL (loopback only).
    #[arg(long, default_value = "http://127.0.0.1:8080", global = true)]
    base: String,
    /// Fixture written by `cchc-quiz seed-load`.
    #[arg(long, default_value = "data/loadgen-fixture.json", global = true)]
    fixture: PathBuf,
    /// Where to write the JSON results (default: loadgen-<scenario>.json).
    #[arg(long, global = true)]
    out: Option<PathBuf>,
    /// Ask for gzip-compressed responses, as browsers do.
    #[arg(long, global = true)]
    gzip: bool,
    #[command(subcommand)]
    scenario: Scenario,
}

#[derive(Subcommand)]
enum Scenario {
    /// N participants start the same round within one second, then answer every question and submit.
    Spike {
        #[arg(long, default_value_t = 1000)]
        participants: usize,
    },
    /// K concurrent participants do full attempts (start, answer all, submit) for T seconds.
    Steady {
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
    },
    /// Answer saves only, as fast as the server acknowledges them.
    Saves {
        #[arg(long, default_value_t = 256)]
        concurrency: usize,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Record every acknowledged save here (for `verify`).
        #[arg(long)]
        acks: Option<PathBuf>,
    },
    /// N distinct accounts log in at the same moment while one participant keeps saving.
    Login {
        #[arg(long, default_value_t = 300)]
        logins: usize,
        /// The accounts' password (`cchc-quiz seed-load --password`).
        #[arg(long)]
        password: String,
        /// Every k-th login uses a wrong password (0: none).
        #[arg(long, default_value_t = 10)]
        wrong_every: usize,
        /// The server's process id, to report its peak resident memory.
        #[arg(long)]
        server_pid: Option<u32>,
        /// The logins arrive evenly over this many seconds (0: all at once).
        #[arg(long, default_value_t = 0.0)]
        over_secs: f64,
        /// Whoever is told "busy" (503) tries again after its Retry-After, for up to 60 s.
        #[arg(long)]
        retry_busy: bool,
    },
    /// What a phone does: the round page, the Start form, the quiz page and its static files, saves through the
    /// API with the cookie and CSRF header, the submit form, the result page. A spike with `--participants`,
    /// steady with `--concurrency` and `--seconds`.
    Browser {
        /// N participants open the ranked round within one second (spike).
        #[arg(long, conflicts_with = "concurrency")]
        participants: Option<usize>,
        /// K participants doing practice attempts back to back (steady).
        #[arg(long)]
        concurrency: Option<usize>,
        #[arg(long, default_value_t = 20)]
        seconds: u64,
    },
    /// Check that every save recorded in an acks file is in the database.
    Verify {
        #[arg(long)]
        acks: PathBuf,
    },
}

#[derive(Deserialize, Clone)]
pub struct Fixture {
    pub round_id: i64,
    pub practice_round_id: i64,
    pub tokens: Vec<String>,
    /// The participants' logins, in the order of `tokens`.
    #[serde(default)]
    pub logins: Vec<String>,
}

fn loopback_only(base: &str) -> anyhow::Result<()> {
    let host = base
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .map(|h| h.rsplit_once(':').map_or(h, |(h, _)| h))
        .unwrap_or("");
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let ok = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    anyhow::ensure!(
        ok,
        "loadgen only targets loopback addresses (127.0.0.0/8, ::1, localhost), not {base}"
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    loopback_only(&cli.base)?;
    let fixture: Fixture = serde_json::from_slice(&std::fs::read(&cli.fixture).map_err(|e| {
        anyhow::anyhow!(
            "cannot read {}: {e} (create it with `cchc-quiz seed-load`)",
            cli.fixture.display()
        )
    })?)?;
    let client = scenarios::client(512, cli.gzip)?;
    let ctx = scenarios::Ctx {
        base: cli.base.trim_end_matches('/').to_owned(),
        client,
        fixture,
    };
    let (name, report) = match cli.scenario {
        Scenario::Spike { participants } => ("spike", scenarios::spike(&ctx, participants).await?),
        Scenario::Steady {
            concurrency,
            seconds,
        } => (
            "steady",
            scenarios::steady(&ctx, concurrency, seconds).await?,
        ),
        Scenario::Saves {
            concurrency,
            seconds,
            acks,
        } => (
            "saves",
            scenarios::saves(&ctx, concurrency, seconds, acks.as_deref()).await?,
        ),
        Scenario::Login {
            logins,
            password,
            wrong_every,
            server_pid,
            over_secs,
            retry_busy,
        } => {
            let run = login::LoginRun {
                logins,
                password,
                wrong_every,
                server_pid,
                over_secs,
                retry_busy,
            };
            ("login", login::login(&ctx, run).await?)
        }
        Scenario::Browser {
            participants,
            concurrency,
            seconds,
        } => {
            let mode = match participants {
                Some(participants) => browser::Mode::Spike { participants },
                None => browser::Mode::Steady {
                    concurrency: concurrency.unwrap_or(64),
                    seconds,
                },
            };
            let ctx = scenarios::Ctx {
                client: browser::client(512, cli.gzip)?,
                ..ctx.clone()
            };
            ("browser", browser::run(&ctx, mode).await?)
        }
        Scenario::Verify { acks } => ("verify", scenarios::verify(&ctx, &acks).await?),
    };
    let out = cli
        .out
        .unwrap_or_else(|| PathBuf::from(format!("loadgen-{name}.json")));
    std::fs::write(&out, serde_json::to_vec_pretty(&report)?)?;
    println!("results written to {}", out.display());
    if report.get("failed").and_then(|v| v.as_bool()) == Some(true) {
        std::process::exit(1);
    }
    Ok(())
}
