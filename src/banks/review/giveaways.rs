//! Giveaways inside one question (content-review §5.1): a key much longer than every distractor; absolute or
//! absurd distractors; "tất cả các đáp án trên" (options are shuffled, so "trên" and letters mean nothing; a
//! bank leaning on it warns); the key, or its number, repeated in the stem ("Đề án 06" -> "06/QĐ-TTg").
use super::text::{doc_numbers, has_phrase, norm, words};
use super::{BankFile, Finding, Item, Severity, bank_finding};
use regex::Regex;
use std::sync::LazyLock;

/// A key at least this many times as long as the longest distractor, and 20 characters longer, stands out.
const LONG_RATIO: f64 = 1.5;
const LONG_MARGIN: usize = 20;
/// Absolute words no careful drafter puts in a real rule (folded).
const STRONG: [&str; 6] = [
    "luon luon",
    "tat ca moi",
    "khong bao gio",
    "bat ky truong hop nao",
    "tuyet doi",
    "moi truong hop",
];
/// Openings that make a distractor absolute when most distractors use them (folded).
const WEAK_STARTS: [&str; 5] = ["chi ", "moi ", "phai ", "khong duoc ", "bat buoc "];

static ALL_ABOVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(tat ca|ca) (cac )?(dap an|phuong an|y) (tren|neu tren|deu dung)|^ca [a-f](, [a-f])* va [a-f]\b|^(tat ca|ca) (ba|bon|hai) (dap an|phuong an)")
        .unwrap_or_else(|_| Regex::new("$^").unwrap_or_else(|_| unreachable!()))
});

pub fn check(items: &[Item<'_>], banks: &[BankFile<'_>]) -> Vec<Finding> {
    let mut out = Vec::new();
    for item in items {
        out.extend(long_key(item));
        out.extend(absolute(item));
        out.extend(key_in_stem(item));
    }
    out.extend(banks.iter().filter_map(all_above_overuse));
    out
}

fn distractors<'a>(item: &'a Item<'_>) -> Vec<&'a str> {
    let q = item.q;
    (0..q.options.len())
        .filter(|i| !q.correct.contains(i))
        .map(|i| q.options[i].as_str())
        .collect()
}

fn long_key(item: &Item<'_>) -> Option<Finding> {
    let q = item.q;
    let [key] = q.correct.as_slice() else {
        return None;
    };
    let key_len = q.options.get(*key)?.chars().count();
    let longest = distractors(item).iter().map(|d| d.chars().count()).max()?;
    if (key_len as f64) < LONG_RATIO * longest as f64 || key_len < longest + LONG_MARGIN {
        return None;
    }
    let m = format!(
        "Đáp án dài {key_len} ký tự, các phương án nhiễu dài nhất {longest} ký tự: thí sinh chọn phương án dài nhất là \
         đúng. Hãy viết các phương án nhiễu dài tương đương, chỉ khác đáp án ở một chi tiết pháp lý."
    );
    Some(item.finding(Severity::Warning, "giveaway-long-key", m))
}

fn absolute(item: &Item<'_>) -> Option<Finding> {
    let ds: Vec<String> = distractors(item).iter().map(|d| norm(d)).collect();
    let strong = ds
        .iter()
        .find_map(|d| STRONG.iter().find(|w| d.contains(*w)).copied());
    let weak = ds
        .iter()
        .filter(|d| WEAK_STARTS.iter().any(|w| d.starts_with(w)))
        .count();
    let m = if let Some(w) = strong {
        format!(
            "Phương án nhiễu dùng từ tuyệt đối (\"{w}\"): thí sinh loại ngay phương án này. Hãy dùng phương án nhiễu \
             hợp lý, khác đáp án ở một chi tiết pháp lý."
        )
    } else if weak >= 2 && weak * 2 >= ds.len() {
        format!(
            "{weak}/{} phương án nhiễu bắt đầu bằng từ tuyệt đối (\"Chỉ\", \"Mọi\", \"Phải\", \"Không được\"…): \
             đáp án lộ ra vì là phương án duy nhất không tuyệt đối.",
            ds.len()
        )
    } else {
        return None;
    };
    Some(item.finding(Severity::Warning, "giveaway-absolute", m))
}

fn key_in_stem(item: &Item<'_>) -> Option<Finding> {
    let q = item.q;
    let stem = norm(&q.text);
    let ds: Vec<String> = distractors(item).iter().map(|d| norm(d)).collect();
    for &c in &q.correct {
        let key = q.options.get(c)?;
        let whole = norm(key);
        let meaningful = words(&whole) >= 2 || whole.chars().any(|c| c.is_ascii_digit());
        if meaningful && has_phrase(&stem, &whole) {
            let m = format!("Đáp án \"{key}\" được nhắc lại nguyên văn trong đề.");
            return Some(item.finding(Severity::Warning, "giveaway-key-in-stem", m));
        }
        for n in doc_numbers(key) {
            let lead = n.split('/').next().unwrap_or_default().to_owned();
            let in_ds = ds.iter().any(|d| has_phrase(d, &lead));
            if !in_ds && has_phrase(&stem, &lead) {
                let m = format!(
                    "Đề có số \"{lead}\", trùng với số hiệu của đáp án ({n}) mà không phương án nhiễu nào có: thí \
                     sinh đoán được đáp án từ đề."
                );
                return Some(item.finding(Severity::Warning, "giveaway-key-in-stem", m));
            }
        }
    }
    None
}

fn all_above_overuse(b: &BankFile<'_>) -> Option<Finding> {
    let n = b
        .bank
        .questions
        .iter()
        .filter(|q| q.options.iter().any(|o| ALL_ABOVE.is_match(&norm(o))))
        .count();
    if n == 0 {
        return None;
    }
    let m = format!(
        "{n} câu hỏi có phương án kiểu \"tất cả các đáp án trên\" hoặc \"cả A và B\". Phương án được xáo trộn khi thi \
         nên \"trên\" và các chữ cái không còn đúng chỗ; hãy dùng câu hỏi nhiều đáp án (chọn nhiều đáp án) thay thế."
    );
    Some(bank_finding(b, Severity::Warning, "giveaway-all-above", m))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{bank, item_of, q};
    use super::*;

    fn codes(found: &[Finding]) -> Vec<&str> {
        found.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn a_key_far_longer_than_every_distractor_is_a_giveaway() {
        let b = bank(vec![q(
            "KN-38",
            "Người giải quyết khiếu nại lần đầu phải làm gì?",
            &[
                "Tổ chức đối thoại với người khiếu nại, người bị khiếu nại khi yêu cầu, kết quả giải quyết khác nhau",
                "Gửi thư",
                "Chờ",
            ],
            0,
        )]);
        assert_eq!(codes(&check(&item_of(&b), &[])), vec!["giveaway-long-key"]);
    }

    #[test]
    fn absolute_distractors_are_a_giveaway() {
        let b = bank(vec![q(
            "KN-13",
            "Người đến tiếp công dân có nghĩa vụ gì?",
            &[
                "Trình bày trung thực sự việc",
                "Luôn luôn phải có luật sư",
                "Nộp lệ phí",
            ],
            0,
        )]);
        assert_eq!(codes(&check(&item_of(&b), &[])), vec!["giveaway-absolute"]);
    }

    #[test]
    fn a_key_number_in_the_stem_and_all_of_the_above_are_named() {
        let mut one = q(
            "DA06-1",
            "Đề án 06 được phê duyệt bằng quyết định nào?",
            &["06/QĐ-TTg", "766/QĐ-TTg", "876/QĐ-BNV"],
            0,
        );
        one.options.push("Tất cả các đáp án trên".into());
        let b = bank(vec![one]);
        let found = check(
            &item_of(&b),
            &[BankFile {
                file: "mau.toml",
                bank: &b,
            }],
        );
        assert_eq!(
            codes(&found),
            vec!["giveaway-key-in-stem", "giveaway-all-above"],
            "{found:?}"
        );
    }

    #[test]
    fn a_balanced_question_is_silent() {
        let b = bank(vec![q(
            "KN-19",
            "Việc tiếp công dân phải bảo đảm nguyên tắc nào?",
            &[
                "Công khai, dân chủ, kịp thời",
                "Công khai, minh bạch, kịp thời",
                "Bí mật, dân chủ, kịp thời",
            ],
            0,
        )]);
        assert!(
            check(
                &item_of(&b),
                &[BankFile {
                    file: "mau.toml",
                    bank: &b
                }]
            )
            .is_empty()
        );
    }
}
