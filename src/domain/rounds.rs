//! A round's settings and the rules they must satisfy, in plain Rust. The same limits as the migration's CHECKs,
//! with Vietnamese messages per field.
use super::FieldErrors;
use super::draw::Groups;
use super::draw_fill::Unfillable;
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
    /// The rules text (thể lệ).
    pub rules: &'a str,
    /// Prize counts: Nhất, Nhì, Ba, Khuyến khích, collective (units).
    pub prizes: [i32; 5],
}

/// The longest rules text, in characters (the database refuses longer ones too).
pub const MAX_RULES_CHARS: usize = 20_000;

/// Checks `s` against the limits and the bank: `available` is topic -> questions in use; `pool` (topic ->
/// question ids) and `groups` are what the draw picks from, so a round passes only when the draw can fill every
/// topic at once with no exclusion group twice (a group spanning topics gives one question to the whole attempt).
pub fn validate(
    s: &Settings<'_>,
    available: &HashMap<String, i64>,
    pool: &HashMap<String, Vec<i64>>,
    groups: &Groups,
) -> FieldErrors {
    let mut errors = FieldErrors::new();
    let mut add = |field: &str, msg: String| errors.entry(field.to_owned()).or_default().push(msg);
    let title_len = s.title.trim().chars().count();
    if title_len == 0 || title_len > 200 {
        add("title", "Tên đợt thi phải có từ 1 đến 200 ký tự.".into());
    }
    if s.rules.chars().count() > MAX_RULES_CHARS {
        add(
            "rules",
            format!(
                "Thể lệ dài quá {MAX_RULES_CHARS} ký tự; hãy rút gọn hoặc dẫn liên kết tới văn bản đầy đủ."
            ),
        );
    }
    if !super::prizes::counts_valid(&s.prizes) {
        add(
            "prizes",
            format!(
                "Số giải mỗi loại phải từ 0 đến {}.",
                super::prizes::MAX_PER_TIER
            ),
        );
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
    let mut counts_fit = true;
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
        } else {
            continue;
        }
        counts_fit = false;
    }
    if counts_fit && let Err(cannot) = fill(s.draw_rules, pool, groups) {
        add("draw_rules", unfillable_message(&cannot));
    }
    errors
}

/// Every rule has a positive count here (checked before).
fn fill(
    rules: &[(String, i32)],
    pool: &HashMap<String, Vec<i64>>,
    groups: &Groups,
) -> Result<(), Unfillable> {
    let rules: Vec<(String, usize)> = rules
        .iter()
        .map(|(t, c)| (t.clone(), usize::try_from(*c).unwrap_or(0)))
        .collect();
    super::draw_fill::fill(&rules, pool, groups).map(|_| ())
}

fn unfillable_message(c: &Unfillable) -> String {
    let names: Vec<String> = c.topics.iter().map(|t| format!("\"{t}\"")).collect();
    let (label, these) = if names.len() > 1 {
        ("Các chủ đề", "các chủ đề này")
    } else {
        ("Chủ đề", "chủ đề này")
    };
    format!(
        "{label} {} cần {} câu, nhưng do các nhóm loại trừ (câu hỏi để lộ đáp án của nhau; mỗi nhóm chỉ góp tối \
         đa 1 câu cho cả lượt thi, kể cả khi nhóm trải trên nhiều chủ đề) một lượt thi chỉ rút được tối đa {} câu \
         từ {these}. Hãy giảm số câu của {these} hoặc bổ sung câu hỏi.",
        names.join(", "),
        c.wanted,
        c.available,
    )
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

    /// A pool of `n` ungrouped questions per topic, as many as `bank` says.
    fn pool_of(bank: &HashMap<String, i64>) -> HashMap<String, Vec<i64>> {
        bank.iter()
            .enumerate()
            .map(|(i, (t, n))| {
                let base = 1000 * i64::try_from(i).unwrap_or(0);
                (t.clone(), (base..base + n).collect())
            })
            .collect()
    }

    fn check(s: &Settings<'_>, bank: &HashMap<String, i64>) -> FieldErrors {
        validate(s, bank, &pool_of(bank), &Groups::new())
    }

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
            rules: "",
            prizes: [1, 2, 3, 5, 3],
        }
    }

    #[test]
    fn prize_counts_outside_0_to_1000_are_refused() {
        let rules = [("a".to_owned(), 5)];
        let bank = HashMap::from([("a".to_owned(), 5)]);
        let mut s = settings(&rules);
        assert!(!check(&s, &bank).contains_key("prizes"));
        s.prizes = [1, -1, 0, 0, 0];
        assert!(check(&s, &bank).contains_key("prizes"));
        s.prizes = [0, 0, 0, 0, 1001];
        assert!(check(&s, &bank).contains_key("prizes"));
    }

    #[test]
    fn a_ranked_round_showing_keys_after_submit_with_two_attempts_is_refused() {
        let rules = [("a".to_owned(), 5)];
        let bank = HashMap::from([("a".to_owned(), 5)]);
        let mut s = settings(&rules);
        s.reveal = crate::domain::Reveal::AfterSubmit;
        assert!(check(&s, &bank).is_empty());
        s.max_attempts = 2;
        assert!(check(&s, &bank).contains_key("reveal"));
        s.practice = true;
        assert!(check(&s, &bank).is_empty());
    }

    #[test]
    fn rules_that_sum_to_the_question_count_from_a_big_enough_bank_pass() {
        let rules = [("a".to_owned(), 3), ("b".to_owned(), 2)];
        let bank = HashMap::from([("a".to_owned(), 3), ("b".to_owned(), 9)]);
        assert!(check(&settings(&rules), &bank).is_empty());
    }

    #[test]
    fn a_wrong_sum_or_a_small_topic_is_named_in_the_errors() {
        let rules = [("a".to_owned(), 4)];
        let bank = HashMap::from([("a".to_owned(), 3)]);
        let errors = check(&settings(&rules), &bank);
        assert_eq!(errors["draw_rules"].len(), 2, "{errors:?}");
    }

    fn grouped(of: &[(i64, &str)]) -> Groups {
        of.iter()
            .map(|(id, g)| (*id, vec![g.to_string()]))
            .collect()
    }

    #[test]
    fn a_topic_the_exclusion_groups_leave_short_is_named() {
        let rules = [("a".to_owned(), 5)];
        let bank = HashMap::from([("a".to_owned(), 8)]);
        let pool = HashMap::from([("a".to_owned(), (1..=8).collect::<Vec<i64>>())]);
        // 1-5 give one another away: 1 of them + 3 others = 4 at most.
        let groups = grouped(&[(1, "x"), (2, "x"), (3, "x"), (4, "x"), (5, "x")]);
        let errors = validate(&settings(&rules), &bank, &pool, &groups);
        let message = &errors["draw_rules"][0];
        assert!(message.contains("Chủ đề \"a\" cần 5 câu"), "{message}");
        assert!(message.contains("tối đa 4 câu"), "{message}");
        let groups = grouped(&[(1, "x"), (2, "x"), (3, "x"), (4, "x")]);
        assert!(validate(&settings(&rules), &bank, &pool, &groups).is_empty());
    }

    #[test]
    fn a_group_spanning_two_topics_that_each_look_full_alone_is_refused_naming_both() {
        // Topic a: 1, 2, 3; topic b: 4, 5. Questions 3 and 5 give each other away, and so do 2 and 4. Topic by
        // topic, a can give 3 and b can give 2; together a group gives one question, so 3 + 2 cannot be met.
        let rules = [("a".to_owned(), 3), ("b".to_owned(), 2)];
        let bank = HashMap::from([("a".to_owned(), 3), ("b".to_owned(), 2)]);
        let pool = HashMap::from([
            ("a".to_owned(), vec![1, 2, 3]),
            ("b".to_owned(), vec![4, 5]),
        ]);
        let groups = grouped(&[(3, "x"), (5, "x"), (2, "y"), (4, "y")]);
        let errors = validate(&settings(&rules), &bank, &pool, &groups);
        let message = errors
            .get("draw_rules")
            .map(|m| m.join(" "))
            .unwrap_or_default();
        assert!(
            message.contains("Các chủ đề \"a\", \"b\" cần 5 câu")
                && message.contains("tối đa 3 câu"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_group_spanning_two_topics_is_accepted_when_the_draw_can_route_around_it() {
        // Same group across a and b, but b has a question outside it: a takes 3, b takes 4 and 6.
        let rules = [("a".to_owned(), 3), ("b".to_owned(), 2)];
        let bank = HashMap::from([("a".to_owned(), 3), ("b".to_owned(), 3)]);
        let pool = HashMap::from([
            ("a".to_owned(), vec![1, 2, 3]),
            ("b".to_owned(), vec![4, 5, 6]),
        ]);
        let groups = grouped(&[(3, "x"), (5, "x")]);
        let errors = validate(&settings(&rules), &bank, &pool, &groups);
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn a_round_closing_before_it_opens_is_refused() {
        let rules = [("a".to_owned(), 5)];
        let mut s = settings(&rules);
        s.closes_at = s.opens_at;
        let errors = check(&s, &HashMap::from([("a".to_owned(), 5)]));
        assert!(errors.contains_key("closes_at"));
    }
}
