//! Text the rules compare: folded phrases matched on word boundaries, document numbers, dates, figures, and
//! whether a legal basis cites an article (the rule fixed in the brief).
use crate::domain::text::fold;
use regex::Regex;
use std::sync::LazyLock;

static DOC_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\b\d{1,4}/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*"));
static DATE: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"));
static LONG_DATE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})"));
static ARTICLE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)(Điều|Mục|Phần|khoản|điểm)\s+[0-9IVX]"));

/// A pattern written in this file: a typo is a bug caught by the unit tests, never a panic on user input.
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
}

/// Folded text with figures written one way: "2021 - 2030" -> "2021-2030", "20 %" -> "20%".
pub fn norm(s: &str) -> String {
    fold(s)
        .replace(['–', '—'], "-")
        .replace(" - ", "-")
        .replace(" %", "%")
}

/// Whether `needle` occurs in `hay` (both [`norm`]ed) with no letter or digit right before or after it.
pub fn has_phrase(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Document numbers as written: "84/2025/QH15", "76/NQ-CP", "06/QĐ-TTg".
pub fn doc_numbers(s: &str) -> Vec<String> {
    DOC_NUMBER
        .find_iter(s)
        .map(|m| m.as_str().to_uppercase())
        .collect()
}

/// Whether `s` names document `number` (case-insensitive, not inside a longer number). "61/2018/NĐ-CP" is
/// also found as "61/2018" when no symbol follows.
pub fn cites(s: &str, number: &str) -> bool {
    let hay = s.to_uppercase();
    let number = number.trim().to_uppercase();
    let bounded = |needle: &str, stop_slash: bool| {
        hay.match_indices(needle).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + needle.len()..].chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '/')
                && !after.is_some_and(|c| c.is_alphanumeric() || (stop_slash && c == '/'))
        })
    };
    if bounded(&number, false) {
        return true;
    }
    let mut parts = number.splitn(3, '/');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(n), Some(y), Some(_)) if y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()) => {
            bounded(&format!("{n}/{y}"), true)
        }
        _ => false,
    }
}

/// Dates as YYYY-MM-DD: "01/7/2025" and "ngày 1 tháng 7 năm 2025".
pub fn dates(s: &str) -> Vec<String> {
    let iso = |d: &str, m: &str, y: &str| {
        let d: u32 = d.parse().unwrap_or(0);
        let m: u32 = m.parse().unwrap_or(0);
        (1..=31)
            .contains(&d)
            .then_some(())
            .filter(|_| (1..=12).contains(&m))
            .map(|_| format!("{y}-{m:02}-{d:02}"))
    };
    let mut out: Vec<String> = DATE
        .captures_iter(s)
        .filter_map(|c| iso(&c[1], &c[2], &c[3]))
        .collect();
    out.extend(
        LONG_DATE
            .captures_iter(&fold(s))
            .filter_map(|c| iso(&c[1], &c[2], &c[3])),
    );
    out
}

/// Whether a legal basis cites an article: `(Điều|Mục|Phần|khoản|điểm)\s+[0-9IVX]`, case-insensitive.
pub fn cites_article(legal_basis: &str) -> bool {
    ARTICLE.is_match(legal_basis)
}

/// Number of words.
pub fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_numbers_and_dates_are_found_however_written() {
        assert_eq!(
            doc_numbers("Luật số 84/2025/QH15 và Nghị quyết 76/NQ-CP, Quyết định 06/QĐ-TTg"),
            vec!["84/2025/QH15", "76/NQ-CP", "06/QĐ-TTG"]
        );
        assert_eq!(dates("từ 01/7/2025"), vec!["2025-07-01"]);
        assert_eq!(dates("ngày 1 tháng 7 năm 2025"), vec!["2025-07-01"]);
    }

    #[test]
    fn a_citation_matches_whole_numbers_only() {
        assert!(cites("Luật Thanh tra số 11/2022/QH15", "11/2022/QH15"));
        assert!(!cites("Luật số 111/2022/QH15", "11/2022/QH15"));
        assert!(cites("Nghị định 61/2018 về một cửa", "61/2018/NĐ-CP"));
        assert!(!cites("Nghị định 61/2018/NĐ-CP", "61/2018/QH14"));
    }

    #[test]
    fn articles_are_recognised_as_the_brief_says() {
        assert!(cites_article("khoản 1 Điều 9 Luật Tiếp công dân"));
        assert!(cites_article("điểm a Khoản 2 Mục III Nghị quyết 76/NQ-CP"));
        assert!(!cites_article("Luật Tiếp công dân số 42/2013/QH13"));
        assert!(!cites_article("Điều lệ"));
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert!(has_phrase(
            &norm("Giai đoạn 2021 - 2030"),
            &norm("2021-2030")
        ));
        assert!(!has_phrase("nam 20300", "2030"));
        assert!(has_phrase("vi vu loi.", "vi vu loi"));
    }
}
