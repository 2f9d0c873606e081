//! Integration tests: one binary, one app (and one database) per test, on SQLite and on PostgreSQL.
mod helpers;

mod attempt_time;
mod attempts;
mod health;
mod quiz_fixture;
mod quiz_pages;
mod rounds;
