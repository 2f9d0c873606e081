//! Throttling of logins, self-registration and password changes. Limits live in each app instance, so one
//! instance's tests never slow another's.
//!
//! Logins (see `docs/security.md`, F3/F4):
//! - every attempt from one client address: `10 × per_minute` a minute (`governor`), which bounds the
//!   hashing one client can ask for;
//! - wrong passwords per (account, client): `per_minute`, refilled `per_minute` a minute;
//! - wrong passwords per account, from anywhere: `5 × per_minute`, refilled `per_minute` a minute. Once it is
//!   spent, only clients with no recent failure on that account may still try: the owner on their own device
//!   gets in with the right password while a flood from elsewhere goes on.
use super::failures::FailureBuckets;
use crate::error::{AppError, AppResult};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

pub struct LoginLimiter {
    by_ip: DefaultKeyedRateLimiter<IpAddr>,
    failures_by_pair: FailureBuckets<(String, Option<IpAddr>)>,
    failures_by_account: FailureBuckets<String>,
    password_changes: DefaultKeyedRateLimiter<i64>,
}

/// Password changes a person may try per minute (each one costs a hash).
const PASSWORD_CHANGES_PER_MINUTE: u32 = 5;

fn quota(n: u32) -> Quota {
    Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN))
}

impl LoginLimiter {
    /// `per_minute` wrong passwords per account and client; see the module doc for the other limits.
    pub fn new(per_minute: u32) -> Self {
        let per_minute = per_minute.max(1);
        let refill = f64::from(per_minute) / 60.0;
        LoginLimiter {
            by_ip: RateLimiter::keyed(quota(per_minute.saturating_mul(10))),
            failures_by_pair: FailureBuckets::new(per_minute, refill),
            failures_by_account: FailureBuckets::new(per_minute.saturating_mul(5), refill),
            password_changes: RateLimiter::keyed(quota(PASSWORD_CHANGES_PER_MINUTE)),
        }
    }

    /// One request from `ip` (a login or a registration); 429 when the address is over its quota.
    pub fn check_ip(&self, ip: Option<IpAddr>) -> AppResult<()> {
        if self.by_ip.len() > 50_000 {
            self.by_ip.retain_recent();
        }
        match ip {
            Some(ip) if self.by_ip.check_key(&ip).is_err() => Err(AppError::TooManyRequests),
            _ => Ok(()),
        }
    }

    /// Whether `ip` may try a password for `login` now (before the password is checked).
    pub fn before_login(&self, ip: Option<IpAddr>, login: &str) -> AppResult<()> {
        self.check_ip(ip)?;
        let pair = (login.to_owned(), ip);
        let pair_ok = self.failures_by_pair.allows(&pair);
        let account_ok =
            self.failures_by_account.allows(login) || self.failures_by_pair.is_clean(&pair);
        if pair_ok && account_ok {
            Ok(())
        } else {
            Err(AppError::TooManyRequests)
        }
    }

    /// Records a wrong password for `login` from `ip`.
    pub fn failed_login(&self, ip: Option<IpAddr>, login: &str) {
        self.failures_by_pair.record((login.to_owned(), ip));
        self.failures_by_account.record(login.to_owned());
    }

    /// One password change by `user_id`; 429 beyond a few a minute.
    pub fn check_password_change(&self, user_id: i64) -> AppResult<()> {
        if self.password_changes.len() > 50_000 {
            self.password_changes.retain_recent();
        }
        self.password_changes
            .check_key(&user_id)
            .map_err(|_| AppError::TooManyRequests)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([10, 0, 0, last]))
    }

    #[test]
    fn the_eleventh_wrong_password_from_one_client_is_refused() {
        let limiter = LoginLimiter::new(10);
        for _ in 0..10 {
            assert!(limiter.before_login(ip(1), "an").is_ok());
            limiter.failed_login(ip(1), "an");
        }
        assert!(limiter.before_login(ip(1), "an").is_err());
        assert!(limiter.before_login(ip(1), "binh").is_ok());
    }

    #[test]
    fn a_flood_on_an_account_stops_strangers_but_not_a_clean_client() {
        let limiter = LoginLimiter::new(10);
        for attacker in 2..=6 {
            for _ in 0..10 {
                limiter.failed_login(ip(attacker), "an");
            }
        }
        assert!(limiter.before_login(ip(7), "an").is_ok(), "a clean client");
        limiter.failed_login(ip(7), "an");
        assert!(limiter.before_login(ip(7), "an").is_err());
        assert!(limiter.before_login(ip(2), "an").is_err());
    }

    #[test]
    fn password_changes_are_limited_per_person() {
        let limiter = LoginLimiter::new(10);
        for _ in 0..PASSWORD_CHANGES_PER_MINUTE {
            assert!(limiter.check_password_change(1).is_ok());
        }
        assert!(limiter.check_password_change(1).is_err());
        assert!(limiter.check_password_change(2).is_ok());
    }
}
