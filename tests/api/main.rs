//! Integration tests: one binary, one app (and one database) per test, on SQLite and on PostgreSQL.
mod helpers;

mod auth;
mod authz;
mod banks;
mod health;
mod staff;
mod units;
