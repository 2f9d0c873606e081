//! Legal currency, from the register of replaced and amended documents:
//! - a question citing a replaced document in its stem or legal basis (or in its key) as current is an error,
//!   unless it is marked `historical = true` and its stem says the text is no longer in force;
//! - a question marked historical whose stem does not say so is an error too;
//! - a bank citing an amended law, whose `valid_as_of` is on or after the amendment's entry into force, warns
//!   unless it lists the amending law in `amendments_checked`.
//!
//! A document counts as replaced from its `from` date on, judged at the bank's `valid_as_of` (today without).
use super::register::{Document, Status};
use super::text::{cites, norm};
use super::{BankFile, Finding, Item, Register, Severity, bank_finding};
use chrono::NaiveDate;

/// How a stem says its text is no longer in force (folded).
const NO_LONGER: [&str; 9] = [
    "het hieu luc",
    "khong con hieu luc",
    "ngung hieu luc",
    "da bi thay the",
    "da duoc thay the",
    "da bi bai bo",
    "bi bai bo",
    "truoc day",
    "khong con ap dung",
];

fn says_no_longer(text: &str) -> bool {
    let t = norm(text);
    NO_LONGER.iter().any(|w| t.contains(w))
}

fn judged_at(bank: &crate::banks::ParsedBank) -> NaiveDate {
    bank.valid_as_of
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Utc::now().date_naive())
}

pub fn check(items: &[Item<'_>], banks: &[BankFile<'_>], register: &Register) -> Vec<Finding> {
    let mut out: Vec<Finding> = items.iter().filter_map(|i| replaced(i, register)).collect();
    out.extend(banks.iter().flat_map(|b| amended(b, register)));
    out
}

/// The text a question asks as current: its stem, its key and its legal basis.
fn asserted(q: &crate::banks::QuestionDraft) -> String {
    let mut parts = vec![q.text.clone()];
    parts.extend(q.correct.iter().filter_map(|c| q.options.get(*c).cloned()));
    parts.extend(q.legal_basis.clone());
    parts.join(" | ")
}

fn replaced(item: &Item<'_>, register: &Register) -> Option<Finding> {
    let q = item.q;
    let at = judged_at(item.bank);
    let text = asserted(q);
    let cited: Vec<&Document> = register
        .documents
        .iter()
        .filter(|d| d.status == Status::Replaced && d.from <= at && cites(&text, &d.number))
        .collect();
    let says = says_no_longer(&q.text);
    if cited.is_empty() {
        if q.historical && !says {
            let m = "Câu hỏi được đánh dấu historical = true nhưng đề không nói văn bản đã hết hiệu lực. Hãy ghi rõ \
                     trong đề, ví dụ \"(đã hết hiệu lực từ ngày …)\".";
            return Some(item.finding(Severity::Error, "historical-wording", m.to_owned()));
        }
        return None;
    }
    if q.historical && says {
        return None;
    }
    let names: Vec<String> = cited
        .iter()
        .map(|d| {
            format!(
                "{} ({}) đã được thay thế bởi {} từ ngày {}",
                d.number,
                d.title,
                d.by,
                d.from.format("%d/%m/%Y")
            )
        })
        .collect();
    let fix = if q.historical {
        "Câu hỏi đã đánh dấu historical = true, nhưng đề phải nói rõ văn bản đã hết hiệu lực."
    } else {
        "Hãy hỏi theo văn bản đang có hiệu lực, hoặc nếu cố ý hỏi về văn bản cũ thì đánh dấu historical = true \
         và ghi rõ trong đề rằng văn bản đã hết hiệu lực."
    };
    let message = format!(
        "Câu hỏi dẫn văn bản đã hết hiệu lực: {}. {fix}",
        names.join("; ")
    );
    Some(item.finding(Severity::Error, "replaced-document", message))
}

fn amended(b: &BankFile<'_>, register: &Register) -> Vec<Finding> {
    let Some(valid) = b
        .bank
        .valid_as_of
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return Vec::new();
    };
    let checked = |n: &str| {
        b.bank.amendments_checked.iter().any(|a| {
            a.trim().eq_ignore_ascii_case(n.trim())
                || a.trim().to_uppercase() == n.trim().to_uppercase()
        })
    };
    let mut out = Vec::new();
    for d in register
        .documents
        .iter()
        .filter(|d| d.status == Status::Amended)
    {
        if d.from > valid || checked(&d.by) {
            continue;
        }
        let citing: Vec<&crate::banks::QuestionDraft> = b
            .bank
            .questions
            .iter()
            .filter(|q| cites(&asserted(q), &d.number))
            .collect();
        let Some(first) = citing.first() else {
            continue;
        };
        let message = format!(
            "Ngân hàng dẫn {} ({}) ở {} câu hỏi (đầu tiên là {}, dòng {}), nhưng văn bản này đã được sửa đổi, bổ sung \
             bởi Luật số {} có hiệu lực từ ngày {}, trước ngày valid_as_of {}. Hãy đối chiếu lại các câu hỏi với văn \
             bản sửa đổi rồi ghi \"{}\" vào amendments_checked của [bank].",
            d.number,
            d.title,
            citing.len(),
            first.external_id,
            first.line,
            d.by,
            d.from.format("%d/%m/%Y"),
            valid.format("%d/%m/%Y"),
            d.by
        );
        out.push(bank_finding(
            b,
            Severity::Warning,
            "amendment-unchecked",
            message,
        ));
    }
    for a in &b.bank.amendments_checked {
        if !register.is_amending_law(a) {
            let message = format!(
                "amendments_checked ghi \"{a}\", nhưng sổ văn bản (legal-register.toml) không có văn bản sửa đổi, \
                 thay thế nào mang số hiệu này. Kiểm tra lại số hiệu."
            );
            out.push(bank_finding(
                b,
                Severity::Warning,
                "amendment-unknown",
                message,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::BankFile;
    use super::super::fixtures::{bank, item_of, q};
    use super::super::register::Register;
    use super::*;

    fn register() -> Register {
        let text = r#"
[[document]]
number = "11/2022/QH15"
title = "Luật Thanh tra 2022"
status = "replaced"
by = "84/2025/QH15"
from = "2025-07-01"

[[document]]
number = "02/2011/QH13"
title = "Luật Khiếu nại"
status = "amended"
by = "136/2025/QH15"
from = "2026-07-01"
"#;
        Register::parse("r.toml", text).0
    }

    #[test]
    fn a_replaced_document_cited_as_current_is_an_error() {
        let mut one = q(
            "TT-7",
            "Theo Luật Thanh tra số 11/2022/QH15, Thanh tra huyện do ai thành lập?",
            &["UBND huyện", "Thanh tra tỉnh"],
            0,
        );
        one.legal_basis = Some("Điều 9 Luật Thanh tra số 11/2022/QH15".into());
        let b = bank(vec![one]);
        let found = check(&item_of(&b), &[], &register());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].code.as_str(), found[0].severity),
            ("replaced-document", Severity::Error)
        );
        assert!(
            found[0].message.contains("84/2025/QH15"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_historical_question_that_says_so_is_accepted_and_one_that_does_not_is_refused() {
        let mut ok = q(
            "TT-8",
            "Luật Thanh tra số 11/2022/QH15 (đã hết hiệu lực từ 01/7/2025) có bao nhiêu chương?",
            &["8 chương", "9 chương"],
            0,
        );
        ok.historical = true;
        let mut silent = q(
            "TT-9",
            "Luật Thanh tra số 11/2022/QH15 có bao nhiêu điều?",
            &["118 điều", "64 điều"],
            0,
        );
        silent.historical = true;
        let b = bank(vec![ok, silent]);
        let found = check(&item_of(&b), &[], &register());
        let ids: Vec<_> = found.iter().filter_map(|f| f.question.as_deref()).collect();
        assert_eq!(ids, vec!["TT-9"], "{found:?}");
    }

    #[test]
    fn an_amended_law_warns_until_the_bank_lists_the_amending_law() {
        let mut b = bank(vec![q(
            "KN-1",
            "Theo Luật Khiếu nại số 02/2011/QH13, thời hiệu khiếu nại là bao lâu?",
            &["90 ngày", "30 ngày"],
            0,
        )]);
        let found = check(
            &[],
            &[BankFile {
                file: "kn.toml",
                bank: &b,
            }],
            &register(),
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "amendment-unchecked");
        b.amendments_checked = vec!["136/2025/QH15".into()];
        assert!(
            check(
                &[],
                &[BankFile {
                    file: "kn.toml",
                    bank: &b
                }],
                &register()
            )
            .is_empty()
        );
        // A bank checked before the amendment took effect has nothing to re-check.
        b.amendments_checked.clear();
        b.valid_as_of = Some("2026-06-30".into());
        assert!(
            check(
                &[],
                &[BankFile {
                    file: "kn.toml",
                    bank: &b
                }],
                &register()
            )
            .is_empty()
        );
    }

    #[test]
    fn a_question_on_the_law_in_force_is_silent() {
        let b = bank(vec![q(
            "TT-1",
            "Luật Thanh tra số 84/2025/QH15 gồm bao nhiêu chương?",
            &["9 chương", "8 chương"],
            0,
        )]);
        assert!(check(&item_of(&b), &[], &register()).is_empty());
    }
}
