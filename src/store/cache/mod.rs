//! The in-memory caches of the attempt hot paths; each module says what it keeps and why that is safe.
pub mod attempts;
pub mod content;
pub mod keys;
pub mod pages;
pub mod rounds;
pub mod shown;

/// The caches an application state holds, one of each.
#[derive(Default)]
pub struct Caches {
    pub attempts: attempts::AttemptCache,
    pub content: content::ContentCache,
    /// The home page as a visitor without a session sees it.
    pub home: pages::PageCache,
    /// Answer keys, valid while the database's key revision stays the same.
    pub keys: keys::KeyCache,
    pub rounds: rounds::RoundCache,
}
