//! One module per page; each exposes `render(...) -> Markup`.
pub mod admin_rounds;
pub mod error;
pub mod home;
pub mod judges;
pub mod quiz;
pub mod quiz_result;
pub mod results;
pub mod rounds;
