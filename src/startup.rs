//! Building and running the application: the database, the shared state, the HTTP server on its own listener
//! (port 0 in tests), and the background sweep that closes attempts whose time ran out.
use crate::app::{AppState, state::ATTEMPT_SLOTS};
use crate::auth::UserCache;
use crate::auth::hash_gate::HashGate;
use crate::auth::jwt::Keys;
use crate::auth::password::Hasher;
use crate::auth::rate_limit::LoginLimiter;
use crate::config::Settings;
use crate::{db, routes, store};
use actix_web::dev::Server;
use actix_web::{App, HttpServer, middleware, web};
use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;
use tracing_actix_web::TracingLogger;

pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = db::connect(&settings).await?;
        db::migrate(&db).await?;
        if !settings.no_load_questions {
            store::banks::load_folder_at_startup(&db, &settings.questions_dir).await?;
        }
        let listener = TcpListener::bind((settings.host, settings.port))?;
        let port = listener.local_addr()?.port();
        let keys = Arc::new(Keys::load(&settings, &db).await?);
        let writes = Arc::new(store::write_gate::WriteGate::for_backend(
            db.get_database_backend(),
        ));
        let state = AppState {
            answers: store::attempts::answers::AnswerWriter::new(db.clone(), writes.clone()),
            starts: store::attempts::starts::StartWriter::new(db.clone(), writes.clone()),
            writes,
            caches: Arc::new(store::cache::Caches::default()),
            db,
            hasher: Hasher::new(settings.argon2_memory_kib),
            login_limiter: Arc::new(LoginLimiter::new(settings.login_per_minute)),
            public_boards: Arc::default(),
            hash_gate: Arc::new(HashGate::new(
                settings.hash_slots.unwrap_or_else(HashGate::default_slots),
                settings.hash_queue,
                Duration::from_secs(settings.hash_wait_secs),
            )?),
            attempt_slots: Arc::new(Semaphore::new(ATTEMPT_SLOTS)),
            settings: Arc::new(settings),
            keys,
            users: Arc::new(UserCache::default()),
            port,
        };
        crate::app::first_run::announce_setup_link(&state).await?;
        crate::app::sweep::spawn(state.clone());
        crate::ops::schedule::spawn(&state.settings);
        let server = run(listener, state.clone())?;
        Ok(Application {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn run(listener: TcpListener, state: AppState) -> std::io::Result<Server> {
    let log_requests = state.settings.log_requests;
    let connections = crate::transport::ConnectionCounts::new(
        state.settings.max_connections_per_client,
        state.settings.trusted_proxies.clone(),
    );
    let shutdown_secs = state.settings.shutdown_secs;
    crate::ops::metrics::handle();
    let sessions = web::Data::new(crate::auth::Sessions {
        db: state.db.clone(),
        keys: state.keys.clone(),
        users: state.users.clone(),
    });
    let data = web::Data::new(state);
    let server = HttpServer::new(move || {
        App::new()
            .wrap(middleware::from_fn(routes::pages::errors_show_the_viewer))
            .wrap(middleware::from_fn(crate::transport::body_deadline))
            .wrap(middleware::from_fn(routes::small_responses_uncompressed))
            .wrap(routes::security_headers())
            .wrap(middleware::Compress::default())
            .wrap(middleware::Condition::new(
                log_requests,
                TracingLogger::<crate::telemetry::RequestSpan>::new(),
            ))
            .wrap(middleware::from_fn(crate::request_log::errors_and_slow))
            .wrap(middleware::from_fn(crate::ops::metrics::track_requests))
            .app_data(data.clone())
            .app_data(sessions.clone())
            .configure(routes::configure)
            .wrap(middleware::from_fn(crate::transport::refuse_over_cap))
    })
    .on_connect(move |conn, data| connections.on_connect(conn, data))
    // A slow or silent client cannot hold a connection: the request head within 10 s, idle keep-alive 30 s,
    // the body within `--body-timeout-secs` (`transport::body_deadline`).
    .client_request_timeout(Duration::from_secs(10))
    .client_disconnect_timeout(Duration::from_secs(5))
    .keep_alive(Duration::from_secs(30))
    // Every response goes out at once: with Nagle's algorithm on, a compressed page written in two pieces on a
    // kept-alive connection waited for the client's delayed ACK (about 40 ms per page view in the load generator).
    .tcp_nodelay(true)
    // SIGTERM: stop accepting, let requests in flight finish (a save is answered only after its commit).
    .shutdown_timeout(shutdown_secs)
    .listen(listener)?
    .run();
    Ok(server)
}
