//! One module per page; each exposes `render(...) -> Markup`.
pub mod account;
pub mod admin;
pub mod admin_banks;
pub mod admin_rounds;
pub mod admin_staff;
pub mod admin_units;
pub mod audit;
pub mod error;
pub mod home;
pub mod judges;
pub mod quiz;
pub mod quiz_result;
pub mod register;
pub mod results;
pub mod round_progress;
pub mod rounds;
pub mod unit_slips;
