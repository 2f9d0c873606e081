//! Applying a `RoundPatch` to a round and telling whether it would change attempts already made.
use crate::entities::rounds;
use crate::store::rounds::shapes::{RoundPatch, RoundView};
use chrono::Utc;
use sea_orm::Set;

pub fn apply(r: &mut RoundView, p: RoundPatch) {
    if let Some(v) = p.title {
        r.title = v.trim().to_owned();
    }
    r.opens_at = p.opens_at.unwrap_or(r.opens_at);
    r.closes_at = p.closes_at.unwrap_or(r.closes_at);
    r.time_limit_secs = p.time_limit_secs.unwrap_or(r.time_limit_secs);
    r.question_count = p.question_count.unwrap_or(r.question_count);
    r.max_attempts = p.max_attempts.unwrap_or(r.max_attempts);
    r.counting = p.counting.unwrap_or(r.counting);
    r.prediction = p.prediction.unwrap_or(r.prediction);
    r.practice = p.practice.unwrap_or(r.practice);
    r.reveal = p.reveal.unwrap_or(r.reveal);
    if let Some(v) = p.draw_rules {
        r.draw_rules = v;
    }
    if let Some(v) = p.unit_ids {
        r.unit_ids = v;
    }
    if let Some(v) = p.rules {
        r.rules = v.trim().to_owned();
    }
    r.prizes = p.prizes.unwrap_or(r.prizes);
}

/// True when `after` differs from `before` in a setting that shaped the attempts already made.
pub fn changes_attempts(before: &RoundView, after: &RoundView) -> bool {
    let mut b = before.draw_rules.clone();
    let mut a = after.draw_rules.clone();
    b.sort_by(|x, y| x.topic.cmp(&y.topic));
    a.sort_by(|x, y| x.topic.cmp(&y.topic));
    before.question_count != after.question_count
        || b != a
        || before.time_limit_secs != after.time_limit_secs
        || before.counting != after.counting
        || before.prediction != after.prediction
        || before.practice != after.practice
        || before.opens_at != after.opens_at
}

pub fn set_columns(m: &mut rounds::ActiveModel, r: &RoundView) {
    m.title = Set(r.title.clone());
    m.opens_at = Set(r.opens_at);
    m.closes_at = Set(r.closes_at);
    m.time_limit_secs = Set(r.time_limit_secs);
    m.question_count = Set(r.question_count);
    m.max_attempts = Set(r.max_attempts);
    m.counting = Set(r.counting);
    m.prediction = Set(r.prediction);
    m.practice = Set(r.practice);
    m.reveal = Set(r.reveal);
    m.rules = Set(r.rules.clone());
    m.prize_first = Set(r.prizes.first);
    m.prize_second = Set(r.prizes.second);
    m.prize_third = Set(r.prizes.third);
    m.prize_consolation = Set(r.prizes.consolation);
    m.prize_units = Set(r.prizes.units);
    m.updated_at = Set(Utc::now());
}
