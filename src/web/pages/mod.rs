//! One module per page; each exposes `render(...) -> Markup`.
pub mod account;
pub mod admin;
pub mod error;
pub mod home;
