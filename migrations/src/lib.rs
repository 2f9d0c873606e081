//! Database migrations for cchc-quiz. The same migrations run on SQLite (the embedded default) and PostgreSQL;
//! the few type differences are handled by [`sql::Dialect`].
pub use sea_orm_migration::prelude::*;

mod m20261127_000001_units_and_users;
mod m20261127_000002_question_banks;
mod m20261127_000003_rounds_and_attempts;
mod m20261127_000004_audit_and_settings;
mod m20261201_000001_registration_approval;
mod m20261201_000003_exclusion_groups;
mod m20261201_000004_login_by_email;
mod m20261202_000001_answer_first_saved;
mod m20261202_000002_withdrawn_questions;
mod m20261202_000003_round_rules;
mod m20261202_000004_first_login;
mod m20261202_000005_round_prizes;
mod m20261202_000006_documents;
mod m20261203_000001_attempt_draws;
mod m20261203_000002_key_revision;
mod sql;

/// The PostgreSQL advisory lock a key change holds exclusively and a closing attempt shares.
pub use m20261203_000002_key_revision::KEY_LOCK;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_units_and_users::Migration),
            Box::new(m20261127_000002_question_banks::Migration),
            Box::new(m20261127_000003_rounds_and_attempts::Migration),
            Box::new(m20261127_000004_audit_and_settings::Migration),
            Box::new(m20261201_000001_registration_approval::Migration),
            Box::new(m20261201_000003_exclusion_groups::Migration),
            Box::new(m20261201_000004_login_by_email::Migration),
            Box::new(m20261202_000001_answer_first_saved::Migration),
            Box::new(m20261202_000002_withdrawn_questions::Migration),
            Box::new(m20261202_000003_round_rules::Migration),
            Box::new(m20261202_000004_first_login::Migration),
            Box::new(m20261202_000005_round_prizes::Migration),
            Box::new(m20261202_000006_documents::Migration),
            Box::new(m20261203_000001_attempt_draws::Migration),
            Box::new(m20261203_000002_key_revision::Migration),
        ]
    }
}
