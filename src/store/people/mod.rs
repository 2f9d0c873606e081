//! People and their accounts: `accounts` (finding, creating and listing accounts), `edits` (an organiser's changes
//! to one account), `roster` (importing the staff list), `registrations` (self-registration and approval),
//! `slips` (new login slips for a unit's people who never logged in).
pub mod accounts;
pub mod edits;
pub mod registrations;
pub mod roster;
pub mod slips;
