//! Configuration: every setting has a default that works on a fresh machine, and each can be overridden by an
//! environment variable or a command-line flag (`cchc-quiz --help` lists them all).
use crate::client_ip::TrustedProxy;
use clap::{Args, ValueEnum};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Args, Clone, Debug)]
pub struct Settings {
    /// Database URL. Default: an embedded SQLite file `<data-dir>/cchc-quiz.sqlite`.
    /// Give `postgres://user@host/db` to run on PostgreSQL (needed for several server instances).
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,

    /// Folder for the embedded database and the generated signing key.
    #[arg(long, env = "CCHC_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Folder of question banks (`*.toml`) loaded at start-up.
    #[arg(
        long,
        env = "CCHC_QUESTIONS_DIR",
        default_value = "questions",
        global = true
    )]
    pub questions_dir: PathBuf,

    /// Do not load `--questions-dir` at start-up.
    #[arg(long, env = "CCHC_NO_LOAD_QUESTIONS", global = true)]
    pub no_load_questions: bool,

    /// Address to listen on.
    #[arg(long, env = "CCHC_HOST", default_value = "127.0.0.1", global = true)]
    pub host: IpAddr,

    /// Port to listen on (0 picks a free one).
    #[arg(long, env = "CCHC_PORT", default_value_t = 8080, global = true)]
    pub port: u16,

    /// Public base URL, used in the one-time links printed on the console. Default: http://HOST:PORT.
    #[arg(long, env = "CCHC_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Secret for signing login tokens (HS256). Default: generated once and kept in `<data-dir>/jwt-secret`.
    /// Several instances on one database must share it.
    #[arg(long, env = "CCHC_JWT_SECRET", hide_env_values = true, global = true)]
    pub jwt_secret: Option<String>,

    /// How long a login lasts, in hours.
    #[arg(
        long,
        env = "CCHC_TOKEN_TTL_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub token_ttl_hours: u32,

    /// Seconds after an attempt's deadline during which answers still in flight are accepted.
    #[arg(long, env = "CCHC_SAVE_GRACE_SECS", default_value_t = 5, global = true)]
    pub save_grace_secs: u32,

    /// Mark cookies `Secure` (set when the server is behind HTTPS).
    #[arg(long, env = "CCHC_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,

    /// SQLite `synchronous` setting. `full` survives power loss; `normal` survives a process crash only.
    #[arg(long, env = "CCHC_SQLITE_SYNCHRONOUS", value_enum, default_value_t = SqliteSync::Full, global = true)]
    pub sqlite_synchronous: SqliteSync,

    /// Trace every request (a tracing-actix-web span each). Off: only server errors and requests slower than a
    /// second are logged, which keeps logging off the hot path.
    #[arg(long, env = "CCHC_LOG_REQUESTS", global = true)]
    pub log_requests: bool,

    /// Maximum database connections of this instance [default: 4 on SQLite, which writes one transaction at a
    /// time anyway, 16 on PostgreSQL].
    #[arg(long, env = "CCHC_DB_MAX_CONNECTIONS", global = true)]
    pub db_max_connections: Option<u32>,

    /// Seconds between sweeps that close attempts whose time ran out.
    #[arg(long, env = "CCHC_SWEEP_SECS", default_value_t = 15, global = true)]
    pub sweep_secs: u64,

    /// Argon2 memory cost in KiB for password hashes (the OWASP minimum is 19456).
    #[arg(
        long,
        env = "CCHC_ARGON2_MEMORY_KIB",
        default_value_t = 19456,
        global = true,
        hide = true
    )]
    pub argon2_memory_kib: u32,

    /// Login attempts allowed per minute per account; ten times that per IP address (an office shares one IP).
    #[arg(
        long,
        env = "CCHC_LOGIN_PER_MINUTE",
        default_value_t = 10,
        global = true
    )]
    pub login_per_minute: u32,

    /// Reverse proxies whose `X-Forwarded-For` is honoured, comma-separated addresses or CIDR ranges (e.g.
    /// `127.0.0.1,10.0.0.0/24`). From any other peer the header is ignored. Default: none.
    #[arg(
        long,
        env = "CCHC_TRUSTED_PROXIES",
        value_delimiter = ',',
        global = true
    )]
    pub trusted_proxies: Vec<TrustedProxy>,

    /// Password hashes (logins, password changes) computed at once [default: half the cores, 1 to 4]. Each
    /// takes `argon2-memory-kib` of memory while it runs.
    #[arg(long, env = "CCHC_HASH_SLOTS", global = true)]
    pub hash_slots: Option<usize>,

    /// Logins that may wait for a hashing slot; beyond them the answer is "server busy" (503).
    #[arg(long, env = "CCHC_HASH_QUEUE", default_value_t = 256, global = true)]
    pub hash_queue: usize,

    /// Longest a login waits for a hashing slot before being told the server is busy, in seconds.
    #[arg(long, env = "CCHC_HASH_WAIT_SECS", default_value_t = 10, global = true)]
    pub hash_wait_secs: u64,

    /// Longest a request body may take to arrive, in seconds; slower clients are cut off (408).
    #[arg(
        long,
        env = "CCHC_BODY_TIMEOUT_SECS",
        default_value_t = 30,
        global = true
    )]
    pub body_timeout_secs: u64,

    /// Open connections allowed from one client address (trusted proxies are not counted).
    #[arg(
        long,
        env = "CCHC_MAX_CONNECTIONS_PER_CLIENT",
        default_value_t = 256,
        global = true
    )]
    pub max_connections_per_client: usize,

    /// Bearer token that may read `/metrics` from anywhere. Without it, only callers on this machine that did not
    /// come through a proxy may read it.
    #[arg(
        long,
        env = "CCHC_METRICS_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub metrics_token: Option<String>,

    /// Take a backup this often while serving (e.g. `6h`, `30m`; SQLite only), into `--backup-dir`.
    #[arg(long, env = "CCHC_BACKUP_EVERY", value_parser = humantime::parse_duration, global = true)]
    pub backup_every: Option<std::time::Duration>,

    /// Folder of scheduled backups [default: `<data-dir>/backups`].
    #[arg(long, env = "CCHC_BACKUP_DIR", global = true)]
    pub backup_dir: Option<PathBuf>,

    /// Scheduled backups kept; older ones are deleted after a new one is verified.
    #[arg(long, env = "CCHC_BACKUP_KEEP", default_value_t = 14, global = true)]
    pub backup_keep: usize,

    /// Seconds a stop (SIGTERM) waits for requests in flight before closing them.
    #[arg(long, env = "CCHC_SHUTDOWN_SECS", default_value_t = 20, global = true)]
    pub shutdown_secs: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SqliteSync {
    Full,
    Normal,
}

impl Settings {
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) => url.clone(),
            None => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("cchc-quiz.sqlite").display()
            ),
        }
    }

    /// The SQLite database file, when the database is SQLite on a file.
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        let url = self.database_url();
        let rest = url
            .strip_prefix("sqlite://")
            .or(url.strip_prefix("sqlite:"))?;
        let path = rest.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    pub fn db_max_connections(&self) -> u32 {
        match self.db_max_connections {
            Some(n) => n,
            None if self.is_postgres() => 16,
            None => 4,
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url().starts_with("postgres")
    }

    pub fn backup_dir(&self) -> PathBuf {
        self.backup_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("backups"))
    }

    /// The embedded database file (meaningful when not on PostgreSQL).
    pub fn sqlite_path(&self) -> PathBuf {
        match &self.database_url {
            Some(url) => PathBuf::from(
                url.trim_start_matches("sqlite://")
                    .trim_start_matches("sqlite:")
                    .split('?')
                    .next()
                    .unwrap_or_default(),
            ),
            None => self.data_dir.join("cchc-quiz.sqlite"),
        }
    }

    pub fn public_url(&self, port: u16) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}:{port}", self.host),
        }
    }
}
