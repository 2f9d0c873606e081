//! What the integration tests (`tests/api`) and the browser tests (`tests/browser`) share: starting the real
//! application on a free port with a throw-away data folder ([`spawn`]), PostgreSQL databases cloned from a
//! migrated template ([`postgres`]), and question banks written straight into a test's database ([`bank`]).
pub mod bank;
pub mod postgres;
pub mod spawn;

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A name no other test of this run uses, even across test processes: `cchc_test_<pid>_<n>_<micros>`.
pub fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    format!(
        "cchc_test_{}_{}_{}",
        std::process::id(),
        n,
        chrono::Utc::now().timestamp_micros() % 1_000_000
    )
}

/// `CI=true` (or 1): a test that cannot run (no PostgreSQL, no Chromium) fails instead of skipping.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}
