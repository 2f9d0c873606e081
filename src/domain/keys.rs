//! Whether a participant may see a question's key: never while that question may still be drawn for them in a
//! ranked round they can still take (a practice round on the contest's bank, reveal after submission with
//! several attempts, or two rounds sharing a bank would otherwise hand out the keys of the real round).
use chrono::{DateTime, Utc};

/// Where a ranked round draws from: one bank (or every bank) and these topics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawScope {
    pub bank_id: Option<i64>,
    pub topics: Vec<String>,
}

/// Whether a question of `bank_id` on `topic` may be drawn by a round with one of these scopes.
pub fn may_be_drawn(bank_id: i64, topic: &str, scopes: &[DrawScope]) -> bool {
    scopes
        .iter()
        .any(|s| s.bank_id.is_none_or(|b| b == bank_id) && s.topics.iter().any(|t| t == topic))
}

/// What decides whether a person can still take a ranked round.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub closes_at: DateTime<Utc>,
    pub in_progress: bool,
    pub used: i64,
    pub allowed: i64,
}

/// A person can still take a round with an attempt in progress, or before its close with attempts left.
pub fn can_still_take(s: &Standing, now: DateTime<Utc>) -> bool {
    s.in_progress || (now < s.closes_at && s.used < s.allowed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(bank: Option<i64>, topics: &[&str]) -> DrawScope {
        DrawScope {
            bank_id: bank,
            topics: topics.iter().map(|t| (*t).to_owned()).collect(),
        }
    }

    #[test]
    fn a_question_of_the_same_bank_and_topic_may_be_drawn() {
        let scopes = [scope(Some(1), &["Thanh tra"])];
        assert!(may_be_drawn(1, "Thanh tra", &scopes));
        assert!(!may_be_drawn(2, "Thanh tra", &scopes));
        assert!(!may_be_drawn(1, "Khiếu nại", &scopes));
    }

    #[test]
    fn a_round_drawing_from_every_bank_covers_its_topics_in_all_of_them() {
        let scopes = [scope(None, &["Thanh tra"])];
        assert!(may_be_drawn(7, "Thanh tra", &scopes));
        assert!(!may_be_drawn(7, "Tiếp dân", &scopes));
    }

    #[test]
    fn nobody_can_take_a_closed_round_or_one_with_no_attempts_left() {
        let now = Utc::now();
        let hour = chrono::Duration::hours(1);
        let open = Standing {
            closes_at: now + hour,
            in_progress: false,
            used: 1,
            allowed: 2,
        };
        assert!(can_still_take(&open, now));
        assert!(!can_still_take(&Standing { used: 2, ..open }, now));
        assert!(!can_still_take(
            &Standing {
                closes_at: now - hour,
                ..open
            },
            now
        ));
        let running = Standing {
            closes_at: now - hour,
            in_progress: true,
            used: 2,
            allowed: 2,
        };
        assert!(can_still_take(&running, now));
    }
}
