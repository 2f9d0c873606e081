//! Integration tests: one binary, one app (and one database) per test, on SQLite and on PostgreSQL.
mod helpers;
mod personal_data;

mod attempt_time;
mod attempts;
mod auth;
mod authz;
mod authz_routes;
mod backup;
mod banks;
mod health;
mod hot_paths;
mod instances;
mod ops;
mod quiz_fixture;
mod quiz_pages;
mod results;
mod results_seed;
mod results_via_api;
mod rounds;
mod security;
mod security_pages;
mod staff;
mod static_assets;
mod units;
