//! Persistence: reading and writing the contest's data through sea-orm. Each module owns one area; the use case in
//! `crate::app` owns the transaction and passes it in.
pub mod attempts;
pub mod audit;
pub mod banks;
pub mod cache;
pub mod documents;
pub mod people;
pub mod results;
pub mod rounds;
pub mod settings;
pub mod setup;
pub mod units;
pub mod write_gate;
