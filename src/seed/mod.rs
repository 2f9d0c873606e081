//! Data made on purpose: the load-test fixture (`seed-load`).
pub mod demo;
pub mod load;
