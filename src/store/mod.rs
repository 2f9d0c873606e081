//! Persistence: reading and writing the contest's data through sea-orm. Each module owns one area; the use case in
//! `crate::app` owns the transaction and passes it in.
pub mod answer_cache;
pub mod answer_sheets;
pub mod answers;
pub mod attempt_close;
pub mod attempt_view;
pub mod attempts;
pub mod audit;
pub mod banks;
pub mod content_cache;
pub mod drawn;
pub mod key_guard;
pub mod progress;
pub mod publication;
pub mod registrations;
pub mod regrade;
pub mod regrade_log;
pub mod results;
pub mod roster;
pub mod round_cache;
pub mod round_close;
pub mod round_patch;
pub mod round_view;
pub mod rounds;
pub mod settings;
pub mod staff;
pub mod units;
pub mod users;
pub mod write_gate;

/// The in-memory caches of the attempt hot paths; each module says what it keeps and why that is safe.
#[derive(Default)]
pub struct Caches {
    pub attempts: answer_cache::AttemptCache,
    pub content: content_cache::ContentCache,
    pub rounds: round_cache::RoundCache,
}
