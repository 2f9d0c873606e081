//! Who is asking: login tokens (JWT, HS256), password hashes (argon2id), the `CurrentUser` extractor that reads
//! the person's role and unit from the database on every request, and CSRF tokens for cookie sessions.
pub mod csrf;
pub mod extract;
pub mod failures;
pub mod hash_gate;
pub mod jwt;
pub mod password;
pub mod rate_limit;
pub mod secret;

pub use extract::{AuthUser, CurrentUser, MaybeUser, PageUser, Sessions, UserCache, authenticate};

/// The cookie that carries the login token for the web pages.
pub const SESSION_COOKIE: &str = "cchc_session";
