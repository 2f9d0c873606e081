//! Vietnamese text: NFC normalisation, diacritic-insensitive search keys, and sorting by given name.
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Text as stored: NFC, trimmed, inner runs of white space collapsed to one space, control characters (NUL,
/// escape, ...) dropped: no name or title needs one, and PostgreSQL refuses NUL.
pub fn clean(s: &str) -> String {
    let nfc: String = s
        .nfc()
        .map(|c| {
            if c.is_control() && !c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A search key that ignores case and diacritics: "Nguyễn Văn Ấn" -> "nguyen van an".
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Vietnamese names sort by given name (the last word), then by the rest, diacritics-aware: folded key first,
/// the exact text last so that "An" and "Ân" keep a stable order.
pub fn name_sort_key(full_name: &str) -> (String, String, String) {
    let folded = fold(full_name);
    let mut words: Vec<&str> = folded.split(' ').collect();
    let given = words.pop().unwrap_or_default().to_owned();
    (given, words.join(" "), full_name.to_lowercase())
}

/// "Nguyễn Văn An" -> "N. V. An" for public rankings that must not show full names: people are known by their
/// given name (the last word), so it stays; the family and middle names become initials.
pub fn mask_name(full_name: &str) -> String {
    let mut words: Vec<&str> = full_name.split_whitespace().collect();
    let Some(given) = words.pop() else {
        return String::new();
    };
    let mut parts: Vec<String> = words
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    parts.push(given.to_owned());
    parts.join(" ")
}

/// Whether a question's text already tells the person to choose several options ("(chọn nhiều đáp án)", as
/// GIFT and Moodle banks often write), so the quiz page does not add a second hint of its own.
pub fn has_multi_answer_hint(question: &str) -> bool {
    const HINTS: [&str; 4] = [
        "chon nhieu",
        "chon tat ca",
        "nhieu dap an",
        "nhieu phuong an",
    ];
    let folded = fold(question);
    HINTS.iter().any(|h| folded.contains(h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_that_asks_for_several_answers_is_recognised() {
        assert!(has_multi_answer_hint(
            "Biện pháp nào phòng ngừa tham nhũng? (Chọn nhiều đáp án)"
        ));
        assert!(has_multi_answer_hint("Chọn tất cả phương án đúng: ..."));
        assert!(!has_multi_answer_hint(
            "Thời hiệu khiếu nại là bao nhiêu ngày?"
        ));
    }

    #[test]
    fn folding_ignores_case_and_diacritics() {
        assert_eq!(fold("Nguyễn Văn Ấn"), "nguyen van an");
        assert_eq!(fold("  ĐẶNG   Thị  Hà "), "dang thi ha");
    }

    #[test]
    fn clean_composes_decomposed_vietnamese() {
        let decomposed = "Vie\u{0302}\u{0323}t Nam";
        assert_eq!(clean(decomposed), "Việt Nam");
        assert_eq!(clean(decomposed).chars().count(), 8);
    }

    #[test]
    fn clean_drops_control_characters() {
        assert_eq!(
            clean("Nguyễn\u{0}Văn\u{1b}[31m An\u{7f}"),
            "Nguyễn Văn [31m An"
        );
    }

    #[test]
    fn names_sort_by_given_name_first() {
        let mut names = vec!["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê An"];
        names.sort_by_key(|n| name_sort_key(n));
        assert_eq!(names, vec!["Lê An", "Nguyễn Thị Ánh", "Trần Văn Bình"]);
    }

    #[test]
    fn masking_keeps_the_given_name() {
        assert_eq!(mask_name("Hoàng Minh Tuấn"), "H. M. Tuấn");
        assert_eq!(mask_name("  Nguyễn   Văn An "), "N. V. An");
        assert_eq!(mask_name("An"), "An");
        assert_eq!(mask_name(""), "");
    }
}
