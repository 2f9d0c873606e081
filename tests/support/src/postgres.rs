//! PostgreSQL databases for tests, cloned from a migrated template as crates.io does: the first test of a run
//! migrates a template database once, every test then gets `CREATE DATABASE <its own> TEMPLATE <template>`,
//! a file copy instead of running every migration again.
//!
//! The template's name carries a hash of the migrations (their names and source files), so a changed migration
//! gets a new template and an old one is never used. Several test processes may start at once (`cargo test
//! --workspace` runs test binaries in turn, CI may run more): the template is built under an advisory lock,
//! under a temporary name, and renamed only once fully migrated, so a half-made template is never cloned; one
//! left by a killed process is dropped by the next builder.
use migration::MigratorTrait;
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement,
};
use std::hash::{DefaultHasher, Hash, Hasher};
use tokio::sync::OnceCell;

/// The server's admin URL: `CCHC_TEST_POSTGRES`, by default the local server.
pub fn admin_url() -> String {
    std::env::var("CCHC_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A database made for one test. [`PgDatabase::drop_now`] removes it.
#[derive(Clone, Debug)]
pub struct PgDatabase {
    pub url: String,
    pub name: String,
    admin: String,
}

/// A fresh, migrated database of its own, or `None` (the test skips) when the server cannot be reached
/// outside CI; under `CI=true` an unreachable server is a failure.
pub async fn fresh_database() -> Option<PgDatabase> {
    let admin = admin_url();
    let conn = match Database::connect(admin.as_str()).await {
        Ok(conn) => conn,
        Err(e) if crate::in_ci() => {
            panic!("PostgreSQL is required in CI but {admin} cannot be reached: {e}")
        }
        Err(e) => {
            eprintln!(
                "skipping PostgreSQL test: cannot reach {admin} ({e}); set CCHC_TEST_POSTGRES"
            );
            return None;
        }
    };
    let template = template(&admin).await;
    let name = crate::unique_name();
    let clone = format!("CREATE DATABASE {name} TEMPLATE {template}");
    if conn.execute_unprepared(&clone).await.is_err() {
        // Someone dropped the template since (a clean-up of `cchc_test_%` databases): build it again.
        build_template_once(&admin, &template).await;
        conn.execute_unprepared(&clone)
            .await
            .unwrap_or_else(|e| panic!("cannot clone {template} into {name}: {e}"));
    }
    let _ = conn.close().await;
    Some(PgDatabase {
        url: url_of(&admin, &name),
        name,
        admin,
    })
}

impl PgDatabase {
    /// Drops the database; `WITH (FORCE)` ends the connections the test's app still holds.
    pub async fn drop_now(&self) {
        if let Ok(conn) = Database::connect(self.admin.as_str()).await {
            let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
            if let Err(e) = conn.execute_unprepared(&sql).await {
                eprintln!("could not drop test database {}: {e}", self.name);
            }
            let _ = conn.close().await;
        }
    }
}

fn url_of(admin: &str, name: &str) -> String {
    let base = admin.rsplit_once('/').map_or(admin, |(base, _)| base);
    format!("{base}/{name}")
}

/// The migrated template's name, built by the first caller of this process if no process has yet.
async fn template(admin: &str) -> String {
    static READY: OnceCell<String> = OnceCell::const_new();
    READY
        .get_or_init(|| async {
            let name = format!("cchc_test_tpl_{:016x}", migrations_hash());
            build_template_once(admin, &name).await;
            name
        })
        .await
        .clone()
}

/// A hash of the migration names and of the migration crate's source files.
fn migrations_hash() -> u64 {
    let mut hasher = DefaultHasher::new();
    for m in migration::Migrator::migrations() {
        m.name().hash(&mut hasher);
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations/src");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    for file in files {
        file.file_name().hash(&mut hasher);
        std::fs::read(&file).unwrap_or_default().hash(&mut hasher);
    }
    hasher.finish()
}

/// Builds `name` unless it exists, holding a session advisory lock (released also if this process dies, as
/// its connection closes) so that concurrent test processes build it once.
async fn build_template_once(admin: &str, name: &str) {
    let mut opts = ConnectOptions::new(admin);
    opts.max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    let conn = Database::connect(opts)
        .await
        .expect("connect to PostgreSQL");
    let key = lock_key(name);
    conn.execute_unprepared(&format!("SELECT pg_advisory_lock({key})"))
        .await
        .expect("take the template lock");
    let built = if exists(&conn, name).await {
        Ok(())
    } else {
        build_template(&conn, admin, name).await
    };
    let _ = conn
        .execute_unprepared(&format!("SELECT pg_advisory_unlock({key})"))
        .await;
    let _ = conn.close().await;
    if let Err(e) = built {
        panic!("cannot build the test template database {name}: {e}");
    }
}

/// Migrates a database under a temporary name, then renames it to `name`; on failure, drops it.
async fn build_template(conn: &DatabaseConnection, admin: &str, name: &str) -> Result<(), String> {
    let building = format!("{name}_new");
    let run = |sql: String| async move {
        conn.execute_unprepared(&sql)
            .await
            .map(|_| ())
            .map_err(|e| format!("{sql}: {e}"))
    };
    run(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await?;
    run(format!("CREATE DATABASE {building}")).await?;
    let mut outcome = migrate(&url_of(admin, &building)).await;
    if outcome.is_ok() {
        outcome = run(format!("ALTER DATABASE {building} RENAME TO {name}")).await;
    }
    if outcome.is_err() {
        let _ = run(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).await;
    }
    outcome
}

async fn migrate(url: &str) -> Result<(), String> {
    let db = Database::connect(url).await.map_err(|e| e.to_string())?;
    let outcome = cchc_quiz::db::migrate(&db)
        .await
        .map_err(|e| format!("{e:#}"));
    let _ = db.close().await;
    outcome
}

async fn exists(conn: &DatabaseConnection, name: &str) -> bool {
    let stmt = Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT 1 AS found FROM pg_database WHERE datname = $1",
        [name.into()],
    );
    matches!(conn.query_one_raw(stmt).await, Ok(Some(_)))
}

/// The advisory lock's key: one per template name.
fn lock_key(name: &str) -> i64 {
    let mut hasher = DefaultHasher::new();
    name.hash(&mut hasher);
    hasher.finish() as i64
}
