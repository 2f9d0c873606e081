//! The background sweep: closes attempts whose deadline passed, so nothing stays "in progress" forever.
use crate::app::AppState;
use std::time::Duration;

pub fn spawn(state: AppState) {
    let every = Duration::from_secs(state.settings.sweep_secs.max(1));
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        loop {
            tick.tick().await;
            match crate::store::attempts::close::expire_overdue(
                &state.db,
                &state.caches,
                &state.writes,
                state.settings.save_grace_secs,
            )
            .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(closed = n, "sweep closed attempts whose time ran out"),
                Err(e) => tracing::warn!(error = %e, "sweep failed; will retry"),
            }
        }
    });
}
