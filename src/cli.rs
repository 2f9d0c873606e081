//! The command line: `cchc-quiz [OPTIONS] [COMMAND]`, `serve` when no command is given.
use crate::config::Settings;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "cchc-quiz",
    version,
    about = "Nền tảng thi trực tuyến \"Tìm hiểu về cải cách hành chính\""
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: Settings,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web server (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate {
        /// Roll back the last N migrations instead.
        #[arg(long)]
        down: Option<u32>,
    },
    /// Validate question files (a file or a folder of *.toml), review them together (answer-revealing pairs,
    /// giveaways, legal currency against questions/legal-register.toml, form) and print every problem, finding
    /// and the counts per bank; exit 1 on any problem or error finding.
    CheckQuestions {
        path: PathBuf,
        /// Also fail unless the banks meet issue 16's targets: >= 250 active questions, >= 9 topics, >= 15%
        /// situational, <= 20% date/number/signer questions, >= 90% legal bases citing an article.
        #[arg(long)]
        require_targets: bool,
        /// Also fail on warnings.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Import a question file (TOML, XLSX, CSV, Aiken .txt, GIFT .gift, Moodle XML .xml) into the database.
    ImportQuestions {
        file: PathBuf,
        /// Bank id for formats that do not name one (default: the file name).
        #[arg(long)]
        bank: Option<String>,
        /// Format, when the file extension does not tell it.
        #[arg(long)]
        format: Option<String>,
    },
    /// Write a bank from the database to a native TOML or XLSX file.
    ExportBank {
        bank: String,
        /// Output file; `.toml` or `.xlsx`.
        out: PathBuf,
    },
    /// Create an account (prints a one-time link to set its password).
    CreateUser {
        #[arg(long)]
        login: String,
        #[arg(long)]
        full_name: String,
        /// participant, organiser or judge.
        #[arg(long, default_value = "participant")]
        role: String,
        /// Unit code (required for participants).
        #[arg(long)]
        unit: Option<String>,
    },
    /// Prepare a load-test fixture for `loadgen`: participants, open rounds and a token file.
    SeedLoad {
        #[arg(long, default_value_t = 5000)]
        participants: usize,
        #[arg(long, default_value_t = 20)]
        questions: i32,
        #[arg(long, default_value = "data/loadgen-fixture.json")]
        out: PathBuf,
        /// Give every participant this password (for `loadgen login`); by default they have none.
        #[arg(long)]
        password: Option<String>,
    },
    /// Back up the database while the server runs: a verified, owner-only SQLite copy (on PostgreSQL, prints
    /// the `pg_dump` command to run).
    Backup {
        /// The backup file to write (must not exist).
        out: PathBuf,
    },
    /// Restore a backup made by `backup` into an empty data folder (refuses a corrupt or newer file).
    Restore {
        /// The backup file.
        file: PathBuf,
    },
    /// Load demonstration data: a realistic sector of units, staff and rounds (never applied unless asked).
    SeedDemo,
}
