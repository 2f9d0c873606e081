//! Running the server as a provincial IT office does: readiness, Prometheus metrics, queue depths, and
//! consistent backups (taken on demand or on a schedule) with their restore.
pub mod backup;
pub mod health;
pub mod metrics;
pub mod queues;
pub mod restore;
pub mod schedule;
