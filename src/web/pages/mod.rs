//! One module per page; each exposes `render(...) -> Markup`.
pub mod error;
pub mod home;
pub mod judges;
pub mod results;
