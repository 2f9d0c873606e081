//! Answer-revealing pairs: question A's stem (or, for a document number or a date, A's own key) contains what
//! decides question B's key, so a candidate who meets both in one attempt reads B's answer off A. A's
//! distractors do not count: a wrong option tells nothing. What "decides" a key: a document number or a date in
//! the key that no distractor of B has, or the whole key when it is a figure ("90 ngày", "2021 - 2030") or a
//! distinctive phrase ("vì vụ lợi": at least two words, in no distractor, and printed in few other questions).
//! A pair whose questions share an exclusion group is never drawn together, so it is not reported.
use super::text::{dates, doc_numbers, has_phrase, norm, words};
use super::{Finding, Item, Severity, name_of, share_group};
use std::collections::HashSet;

/// A phrase printed in more questions than this is common vocabulary, not a give-away.
const MAX_PHRASE_SPREAD: usize = 3;

/// What decides a key. A document number gives the key away wherever it is printed; a date, a figure or a
/// phrase only between related questions (same topic, or citing a common document), since "01/7/2025" in a
/// question on another law tells nothing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Decider {
    Number(String),
    Date(String),
    Phrase(String),
}

/// What a question shows a candidate who meets it: its stem and its key (a distractor tells nothing).
struct Shown {
    stem: String,
    keys: Vec<String>,
    text: String,
    dates: HashSet<String>,
    documents: HashSet<String>,
}

fn shown(item: &Item<'_>) -> Shown {
    let q = item.q;
    let mut parts = vec![q.text.clone()];
    parts.extend(q.correct.iter().filter_map(|c| q.options.get(*c)).cloned());
    let raw = parts.join(" | ");
    let cited = format!("{raw} | {}", q.legal_basis.as_deref().unwrap_or(""));
    Shown {
        stem: norm(&q.text),
        keys: q
            .correct
            .iter()
            .filter_map(|c| q.options.get(*c))
            .map(|k| norm(k))
            .collect(),
        text: norm(&raw),
        dates: dates(&raw).into_iter().collect(),
        // "84/2025/QH15" -> "84/2025": the same law however its symbol is written.
        documents: doc_numbers(&cited)
            .iter()
            .map(|n| n.split('/').take(2).collect::<Vec<_>>().join("/"))
            .collect(),
    }
}

/// Each decider of the key with how the message shows it.
fn deciders(item: &Item<'_>) -> Vec<(Decider, String)> {
    let q = item.q;
    let stem = norm(&q.text);
    let stem_dates = dates(&q.text);
    let distractors: Vec<&String> = (0..q.options.len())
        .filter(|i| !q.correct.contains(i))
        .map(|i| &q.options[i])
        .collect();
    let normed: Vec<String> = distractors.iter().map(|d| norm(d)).collect();
    let in_distractor = |p: &str| normed.iter().any(|d| has_phrase(d, p));
    let mut out = Vec::new();
    for &c in &q.correct {
        let Some(key) = q.options.get(c) else {
            continue;
        };
        for number in doc_numbers(key) {
            let n = norm(&number);
            if !in_distractor(&n) && !has_phrase(&stem, &n) {
                out.push((Decider::Number(n), number));
            }
        }
        for d in dates(key) {
            let elsewhere =
                distractors.iter().any(|o| dates(o).contains(&d)) || stem_dates.contains(&d);
            if !elsewhere {
                let shown: Vec<&str> = d.split('-').rev().collect();
                out.push((Decider::Date(d.clone()), shown.join("/")));
            }
        }
        let whole = norm(key);
        let has_date = !dates(key).is_empty();
        let figure = whole.chars().any(|c| c.is_ascii_digit()) && words(&whole) <= 4;
        let phrase = words(&whole) >= 2 && whole.chars().count() >= 8;
        if !has_date && (figure || phrase) && !in_distractor(&whole) && !has_phrase(&stem, &whole) {
            out.push((Decider::Phrase(whole), key.clone()));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn holds(s: &Shown, d: &Decider) -> bool {
    match d {
        Decider::Number(n) => has_phrase(&s.text, n),
        // Two keys that happen to agree ("90 ngày" and "90 ngày") tell nothing; a stem printing the phrase, or
        // a longer key quoting it (a definition holding "vì vụ lợi"), does.
        Decider::Phrase(p) => {
            has_phrase(&s.stem, p) || s.keys.iter().any(|k| k.len() > p.len() && has_phrase(k, p))
        }
        Decider::Date(d) => s.dates.contains(d),
    }
}

fn related(a: &Item<'_>, sa: &Shown, b: &Item<'_>, sb: &Shown) -> bool {
    a.q.topic == b.q.topic || !sa.documents.is_disjoint(&sb.documents)
}

/// Every revealing pair not covered by a shared exclusion group, reported at the exposed question.
pub fn check(items: &[Item<'_>]) -> Vec<Finding> {
    pairs(items)
        .into_iter()
        .filter(|p| !share_group(items[p.giver].q, items[p.exposed].q))
        .map(|p| finding(&items[p.giver], &items[p.exposed], &p.decider))
        .collect()
}

/// Question `giver` (an index into the items) shows what decides the key of question `exposed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub giver: usize,
    pub exposed: usize,
    pub decider: String,
}

/// Every revealing pair, whether or not an exclusion group covers it; one per pair of questions.
pub fn pairs(items: &[Item<'_>]) -> Vec<Pair> {
    let shows: Vec<Shown> = items.iter().map(shown).collect();
    let mut reported: HashSet<(usize, usize)> = HashSet::new();
    let mut out = Vec::new();
    for (b, exposed) in items.iter().enumerate() {
        for (decider, label) in deciders(exposed) {
            let holders: Vec<usize> = (0..items.len())
                .filter(|&a| a != b && holds(&shows[a], &decider))
                .collect();
            if let Decider::Phrase(p) = &decider
                && !p.chars().any(|c| c.is_ascii_digit())
                && holders.len() > MAX_PHRASE_SPREAD
            {
                continue;
            }
            for a in holders {
                let pair = (a.min(b), a.max(b));
                let needs_relation = !matches!(decider, Decider::Number(_));
                if (needs_relation && !related(&items[a], &shows[a], exposed, &shows[b]))
                    || !reported.insert(pair)
                {
                    continue;
                }
                out.push(Pair {
                    giver: a,
                    exposed: b,
                    decider: label.clone(),
                });
            }
        }
    }
    out
}

fn finding(giver: &Item<'_>, exposed: &Item<'_>, decider: &str) -> Finding {
    let message = format!(
        "Câu {} để lộ đáp án của câu {}: \"{decider}\" (điều quyết định đáp án của câu {}) có trong đề hoặc \
         đáp án của câu {}. Hãy cho hai câu chung một nhóm loại trừ (exclusion_groups) hoặc sửa một trong hai câu.",
        name_of(giver, exposed.file),
        exposed.q.external_id,
        exposed.q.external_id,
        giver.q.external_id,
    );
    let mut f = exposed.finding(Severity::Warning, "revealing-pair", message);
    f.other_file = Some(giver.file.to_owned());
    f
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{bank, item_of, q};
    use super::*;

    #[test]
    fn a_number_printed_in_a_sibling_stem_reveals_the_key() {
        let b = bank(vec![
            q(
                "KN-001",
                "Luật Tiếp công dân có số hiệu là gì?",
                &["42/2013/QH13", "02/2011/QH13", "25/2018/QH14"],
                0,
            ),
            q(
                "KN-002",
                "Luật Tiếp công dân số 42/2013/QH13 có hiệu lực từ ngày nào?",
                &["01/7/2014", "01/01/2014"],
                0,
            ),
        ]);
        let found = check(&item_of(&b));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].question.as_deref(), Some("KN-001"));
        assert!(found[0].message.contains("KN-002"), "{}", found[0].message);
    }

    #[test]
    fn a_distinctive_phrase_of_the_key_reveals_it_but_common_words_do_not() {
        let b = bank(vec![
            q(
                "P-7",
                "Tham nhũng là gì?",
                &[
                    "Hành vi của người có chức vụ, quyền hạn lợi dụng chức vụ vì vụ lợi",
                    "Hành vi trái pháp luật",
                ],
                0,
            ),
            q(
                "P-8",
                "Lạm quyền trong khi thi hành nhiệm vụ, công vụ phải kèm theo yếu tố nào mới là tham nhũng?",
                &["vì vụ lợi", "vì danh dự"],
                0,
            ),
            q(
                "P-9",
                "Cơ quan nào ban hành Luật?",
                &["Quốc hội", "Chính phủ"],
                0,
            ),
        ]);
        let mut b = b;
        for n in 10..14 {
            let text = format!("Quốc hội có thông qua luật số {n} không?");
            b.questions
                .push(q(&format!("P-{n}"), &text, &["Có", "Không"], 0));
        }
        let found = check(&item_of(&b));
        let exposed: Vec<_> = found.iter().filter_map(|f| f.question.as_deref()).collect();
        assert_eq!(exposed, vec!["P-8"], "{found:?}");
    }

    #[test]
    fn a_pair_sharing_an_exclusion_group_is_not_reported() {
        let mut one = q(
            "KN-001",
            "Luật Tiếp công dân có số hiệu là gì?",
            &["42/2013/QH13", "02/2011/QH13"],
            0,
        );
        let mut two = q(
            "KN-002",
            "Luật Tiếp công dân số 42/2013/QH13 có mấy chương?",
            &["9 chương", "8 chương"],
            0,
        );
        one.exclusion_groups = vec!["luat-tcd".into()];
        two.exclusion_groups = vec!["luat-tcd".into()];
        assert!(check(&item_of(&bank(vec![one, two]))).is_empty());
    }

    #[test]
    fn unrelated_questions_are_silent() {
        let b = bank(vec![
            q(
                "A-1",
                "Luật Tiếp công dân có hiệu lực từ ngày nào?",
                &["01/7/2014", "01/01/2014"],
                0,
            ),
            q(
                "A-2",
                "Người tố cáo là ai?",
                &["Cá nhân thực hiện việc tố cáo", "Cơ quan nhận tố cáo"],
                0,
            ),
        ]);
        assert!(check(&item_of(&b)).is_empty());
    }
}
