//! cchc-quiz: the online platform for "Tìm hiểu về cải cách hành chính" contests of a provincial inspection
//! sector. See README.md for the layout of this crate.
pub mod app;
pub mod auth;
pub mod banks;
pub mod cli;
pub mod client_ip;
pub mod commands;
pub mod config;
pub mod db;
pub mod domain;
pub mod entities;
pub mod error;
pub mod ops;
pub mod private_files;
pub mod request_log;
pub mod results;
pub mod routes;
pub mod seed;
pub mod spreadsheet;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod time;
pub mod transport;
pub mod web;
