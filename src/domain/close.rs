//! When a round is really over. An attempt never runs past the round's close unless an organiser granted that
//! person extra time; answers are accepted until the attempt's deadline plus the save grace; so keys,
//! explanations and other people's results may only be shown once the last attempt that could still be saved
//! is past its deadline plus the grace. Plain rules, unit-tested here.
use chrono::{DateTime, Duration, Utc};

/// The deadline of an attempt started at `started_at`: its time limit (plus the person's extra time), and never
/// past the round's close (plus that same extra time: an extension lets the person finish after the close).
pub fn attempt_deadline(
    started_at: DateTime<Utc>,
    time_limit_secs: i32,
    extra_secs: i32,
    closes_at: DateTime<Utc>,
) -> DateTime<Utc> {
    let extra = Duration::seconds(i64::from(extra_secs.max(0)));
    let limit = Duration::seconds(i64::from(time_limit_secs.max(0)));
    (started_at + limit + extra).min(closes_at + extra)
}

/// An attempt in progress when the round's close moves to `closes_at`: its deadline is cut to the new close
/// (plus the person's extra time), never lengthened, and never before the attempt started (a close moved into
/// the past ends the attempt at once: a deadline must stay after the start).
pub fn cut_deadline(
    started_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    extra_secs: i32,
) -> DateTime<Utc> {
    let cut = deadline.min(closes_at + Duration::seconds(i64::from(extra_secs.max(0))));
    cut.max(started_at + Duration::milliseconds(1))
        .min(deadline)
}

/// What decides when a round's results may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CloseFacts {
    pub closes_at: DateTime<Utc>,
    /// The latest deadline among the round's attempts still in progress.
    pub latest_in_progress: Option<DateTime<Utc>>,
    /// The largest extra time granted to anyone for this round (they may still start until the close).
    pub max_extra_secs: i32,
}

/// The latest moment an attempt of the round can still have its deadline: before the close anyone may still
/// start (a person with extra time finishing up to the close plus that time); after it, only the attempts in
/// progress count.
pub fn latest_deadline(f: &CloseFacts, now: DateTime<Utc>) -> DateTime<Utc> {
    let mut latest = f.closes_at;
    if now < f.closes_at {
        latest += Duration::seconds(i64::from(f.max_extra_secs.max(0)));
    }
    f.latest_in_progress.map_or(latest, |d| latest.max(d))
}

/// From this moment no answer of the round can be saved any more: keys, explanations and other people's results
/// may be shown, and the results published.
pub fn results_available_at(f: &CloseFacts, grace_secs: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    latest_deadline(f, now) + Duration::seconds(i64::from(grace_secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap_or_default()
    }

    #[test]
    fn a_late_start_ends_at_the_close() {
        assert_eq!(attempt_deadline(at(0), 1200, 0, at(60)), at(60));
        assert_eq!(attempt_deadline(at(0), 600, 0, at(3600)), at(600));
    }

    #[test]
    fn extra_time_may_run_past_the_close_by_that_much_only() {
        assert_eq!(attempt_deadline(at(0), 1200, 300, at(60)), at(360));
        assert_eq!(attempt_deadline(at(0), 600, 300, at(3600)), at(900));
    }

    #[test]
    fn an_early_close_cuts_deadlines_but_never_lengthens_them() {
        assert_eq!(cut_deadline(at(0), at(1200), at(3), 0), at(3));
        assert_eq!(cut_deadline(at(0), at(1200), at(3), 60), at(63));
        assert_eq!(cut_deadline(at(0), at(10), at(3600), 0), at(10));
    }

    #[test]
    fn a_close_moved_before_the_start_ends_the_attempt_just_after_it_started() {
        let cut = cut_deadline(at(100), at(1300), at(50), 0);
        assert!(cut > at(100) && cut < at(101), "{cut}");
    }

    #[test]
    fn results_wait_for_the_grace_after_the_close() {
        let f = CloseFacts {
            closes_at: at(100),
            latest_in_progress: None,
            max_extra_secs: 0,
        };
        assert_eq!(results_available_at(&f, 5, at(200)), at(105));
    }

    #[test]
    fn results_wait_for_an_attempt_with_extra_time_still_running() {
        let f = CloseFacts {
            closes_at: at(100),
            latest_in_progress: Some(at(400)),
            max_extra_secs: 300,
        };
        assert_eq!(results_available_at(&f, 5, at(200)), at(405));
    }

    #[test]
    fn before_the_close_an_extension_not_yet_used_counts() {
        let f = CloseFacts {
            closes_at: at(100),
            latest_in_progress: None,
            max_extra_secs: 300,
        };
        assert_eq!(results_available_at(&f, 5, at(50)), at(405));
        // After the close nobody can start any more: the unused extension no longer matters.
        assert_eq!(results_available_at(&f, 5, at(150)), at(105));
    }
}
