//! A round's settings and the rules they must satisfy, in plain Rust. The same limits as the migration's CHECKs,
//! with Vietnamese messages per field.
use super::FieldErrors;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// The parts of a round that decide what an attempt is; validated together.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    pub title: &'a str,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub time_limit_secs: i32,
    pub question_count: i32,
    pub max_attempts: i32,
    pub practice: bool,
    pub reveal: super::Reveal,
    pub draw_rules: &'a [(String, i32)],
}

/// Checks `s` against the limits and the bank (`available`: topic -> non-retired questions; `drawable`: topic
/// -> how many of them one attempt can hold under the exclusion groups, when fewer than `available`).
pub fn validate(
    s: &Settings<'_>,
    available: &HashMap<String, i64>,
    drawable: &HashMap<String, i64>,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, msg: String| errors.entry(field.to_owned()).or_default().push(msg);
    let title_len = s.title.trim().chars().count();
    if title_len == 0 || title_len > 200 {
        add("title", "Tên đợt thi phải có từ 1 đến 200 ký tự.".into());
    }
    if s.closes_at <= s.opens_at {
        add(
            "closes_at",
            "Thời điểm kết thúc phải sau thời điểm bắt đầu.".into(),
        );
    }
    if !(60..=14_400).contains(&s.time_limit_secs) {
        add(
            "time_limit_secs",
            "Thời gian làm bài phải từ 1 phút đến 240 phút.".into(),
        );
    }
    if !(1..=200).contains(&s.question_count) {
        add("question_count", "Số câu hỏi phải từ 1 đến 200.".into());
    }
    if !(1..=1000).contains(&s.max_attempts) {
        add(
            "max_attempts",
            "Số lượt thi tối đa phải từ 1 đến 1000.".into(),
        );
    }
    if leaks_keys_to_next_attempt(s) {
        add(
            "reveal",
            "Đợt thi chính thức cho làm nhiều lượt thì không được hiện đáp án ngay sau khi nộp bài: người dự thi \
             sẽ biết đáp án trước lượt sau. Hãy chọn hiện đáp án sau khi đợt thi kết thúc, hoặc chỉ cho 1 lượt."
                .into(),
        );
    }
    let sum: i32 = s.draw_rules.iter().map(|(_, c)| *c).sum();
    if s.draw_rules.is_empty() || sum != s.question_count {
        add(
            "draw_rules",
            format!(
                "Tổng số câu theo chủ đề ({sum}) phải bằng số câu hỏi của đợt thi ({}).",
                s.question_count
            ),
        );
    }
    for (topic, count) in s.draw_rules {
        let have = available.get(topic).copied().unwrap_or(0);
        if *count < 1 {
            add(
                "draw_rules",
                format!("Chủ đề \"{topic}\" phải lấy ít nhất 1 câu."),
            );
        } else if i64::from(*count) > have {
            add(
                "draw_rules",
                format!(
                    "Chủ đề \"{topic}\" chỉ có {have} câu hỏi đang dùng, không đủ {count} câu."
                ),
            );
        } else if let Some(d) = drawable.get(topic).filter(|d| i64::from(*count) > **d) {
            add(
                "draw_rules",
                format!(
                    "Chủ đề \"{topic}\" có {have} câu hỏi đang dùng, nhưng do các nhóm loại trừ (câu hỏi để lộ \
                     đáp án của nhau) một lượt thi chỉ rút được tối đa {d} câu, không đủ {count} câu."
                ),
            );
        }
    }
    errors
}

/// A ranked round that shows keys after each submission and allows another attempt gives the keys of the next
/// attempt's questions away: always refused.
pub fn leaks_keys_to_next_attempt(s: &Settings<'_>) -> bool {
    !s.practice && s.reveal == super::Reveal::AfterSubmit && s.max_attempts > 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn settings(rules: &[(String, i32)]) -> Settings<'_> {
        let now = Utc::now();
        Settings {
            title: "Tuần 1",
            opens_at: now,
            closes_at: now + Duration::days(7),
            time_limit_secs: 1200,
            question_count: 5,
            max_attempts: 1,
            practice: false,
            reveal: crate::domain::Reveal::AfterClose,
            draw_rules: rules,
        }
    }

    #[test]
    fn a_ranked_round_showing_keys_after_submit_with_two_attempts_is_refused() {
        let rules = [("a".to_owned(), 5)];
        let bank = HashMap::from([("a".to_owned(), 5)]);
        let mut s = settings(&rules);
        s.reveal = crate::domain::Reveal::AfterSubmit;
        assert!(validate(&s, &bank, &HashMap::new()).is_empty());
        s.max_attempts = 2;
        assert!(validate(&s, &bank, &HashMap::new()).contains_key("reveal"));
        s.practice = true;
        assert!(validate(&s, &bank, &HashMap::new()).is_empty());
    }

    #[test]
    fn rules_that_sum_to_the_question_count_from_a_big_enough_bank_pass() {
        let rules = [("a".to_owned(), 3), ("b".to_owned(), 2)];
        let bank = HashMap::from([("a".to_owned(), 3), ("b".to_owned(), 9)]);
        assert!(validate(&settings(&rules), &bank, &HashMap::new()).is_empty());
    }

    #[test]
    fn a_wrong_sum_or_a_small_topic_is_named_in_the_errors() {
        let rules = [("a".to_owned(), 4)];
        let bank = HashMap::from([("a".to_owned(), 3)]);
        let errors = validate(&settings(&rules), &bank, &HashMap::new());
        assert_eq!(errors["draw_rules"].len(), 2, "{errors:?}");
    }

    #[test]
    fn a_topic_the_exclusion_groups_leave_short_is_named() {
        let rules = [("a".to_owned(), 5)];
        let bank = HashMap::from([("a".to_owned(), 8)]);
        let drawable = HashMap::from([("a".to_owned(), 4)]);
        let errors = validate(&settings(&rules), &bank, &drawable);
        assert!(
            errors["draw_rules"][0].contains("nhóm loại trừ"),
            "{errors:?}"
        );
        let drawable = HashMap::from([("a".to_owned(), 5)]);
        assert!(validate(&settings(&rules), &bank, &drawable).is_empty());
    }

    #[test]
    fn a_round_closing_before_it_opens_is_refused() {
        let rules = [("a".to_owned(), 5)];
        let mut s = settings(&rules);
        s.closes_at = s.opens_at;
        let errors = validate(&s, &HashMap::from([("a".to_owned(), 5)]), &HashMap::new());
        assert!(errors.contains_key("closes_at"));
    }
}
