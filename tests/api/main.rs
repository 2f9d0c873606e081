//! Integration tests: one binary, one app (and one database) per test, on SQLite and on PostgreSQL.
mod helpers;

mod auth;
mod authz;
mod banks;
mod health;
mod results;
mod results_seed;
mod results_via_api;
mod staff;
mod units;
