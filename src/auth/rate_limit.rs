//! Throttling of login (and self-registration) attempts, per IP address and per account, with `governor`'s
//! keyed limiters. Limits live in each app instance, so one instance's tests never slow another's.
use crate::error::{AppError, AppResult};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;

pub struct LoginLimiter {
    by_ip: DefaultKeyedRateLimiter<IpAddr>,
    by_login: DefaultKeyedRateLimiter<String>,
}

impl LoginLimiter {
    /// `per_minute` per account; an IP address gets ten times as many, since a whole office often shares one.
    pub fn new(per_minute: u32) -> Self {
        let quota =
            |n: u32| Quota::per_minute(NonZeroU32::new(n.max(1)).unwrap_or(NonZeroU32::MIN));
        LoginLimiter {
            by_ip: RateLimiter::keyed(quota(per_minute.saturating_mul(10))),
            by_login: RateLimiter::keyed(quota(per_minute)),
        }
    }

    /// One attempt from `ip` (and for `login`, when given); 429 when either is over its quota.
    pub fn check(&self, ip: Option<IpAddr>, login: Option<&str>) -> AppResult<()> {
        if self.by_ip.len() > 50_000 || self.by_login.len() > 50_000 {
            self.by_ip.retain_recent();
            self.by_login.retain_recent();
        }
        let ip_ok = ip.is_none_or(|ip| self.by_ip.check_key(&ip).is_ok());
        let login_ok = login.is_none_or(|l| self.by_login.check_key(&l.to_owned()).is_ok());
        if ip_ok && login_ok {
            Ok(())
        } else {
            Err(AppError::TooManyRequests)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eleventh_attempt_in_a_minute_is_refused() {
        let limiter = LoginLimiter::new(10);
        for _ in 0..10 {
            assert!(limiter.check(None, Some("an")).is_ok());
        }
        assert!(limiter.check(None, Some("an")).is_err());
        assert!(limiter.check(None, Some("binh")).is_ok());
    }
}
