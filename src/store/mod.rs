//! Persistence: reading and writing the contest's data through sea-orm. Each module owns one area; handlers own
//! the transaction and pass it in.
pub mod answer_sheets;
pub mod audit;
pub mod banks;
pub mod first_run;
pub mod publication;
pub mod regrade;
pub mod regrade_log;
pub mod results;
pub mod roster;
pub mod settings;
pub mod staff;
pub mod sweep;
pub mod units;
pub mod users;
