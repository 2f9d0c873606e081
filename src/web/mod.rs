//! Server-rendered HTML (maud): one layout, small components, one file per page. Each page is a pure
//! `render(&data) -> Markup` so tests can call it without a server. User data is always escaped by maud.
pub mod assets;
pub mod charts;
pub mod components;
pub mod layout;
pub mod pages;
pub mod slips;

/// The contest's name, shown in every page header.
pub use crate::domain::CONTEST_TITLE;
