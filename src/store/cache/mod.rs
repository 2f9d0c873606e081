//! The in-memory caches of the attempt hot paths; each module says what it keeps and why that is safe.
pub mod attempts;
pub mod content;
pub mod rounds;

/// The caches an application state holds, one of each.
#[derive(Default)]
pub struct Caches {
    pub attempts: attempts::AttemptCache,
    pub content: content::ContentCache,
    pub rounds: rounds::RoundCache,
}
