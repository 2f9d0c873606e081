//! sea-orm entities, one per table, written once and left plain.
pub mod answers;
pub mod attempt_questions;
pub mod attempts;
pub mod audit_log;
pub mod one_time_tokens;
pub mod options;
pub mod question_banks;
pub mod question_version_groups;
pub mod question_versions;
pub mod questions;
pub mod round_draw_rules;
pub mod round_overrides;
pub mod round_units;
pub mod rounds;
pub mod settings;
pub mod units;
pub mod users;
