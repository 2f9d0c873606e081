//! Form: exact and near duplicates across all banks (near: the stems share at least 85 % of their words; not
//! reported when the two share an exclusion group, since they are then never drawn together), a legal basis
//! without an article, and a bank skewed to questions that only ask a date, a number or a signer.
use super::stats::{MAX_METADATA_SHARE, asks_only_metadata};
use super::text::{cites_article, norm};
use super::{BankFile, Finding, Item, Severity, bank_finding, name_of, share_group};
use std::collections::HashSet;

const NEAR: f64 = 0.85;
/// Stems shorter than this (in distinct words) are too short to compare.
const MIN_WORDS: usize = 6;
/// A bank smaller than this is not judged for skew.
const MIN_BANK: usize = 5;

pub fn check(items: &[Item<'_>], banks: &[BankFile<'_>]) -> Vec<Finding> {
    let mut out = duplicates(items);
    out.extend(items.iter().filter_map(no_article));
    out.extend(banks.iter().filter_map(skewed));
    out
}

fn word_set(s: &str) -> HashSet<String> {
    norm(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn duplicates(items: &[Item<'_>]) -> Vec<Finding> {
    let sets: Vec<HashSet<String>> = items.iter().map(|i| word_set(&i.q.text)).collect();
    let keys: Vec<String> = items
        .iter()
        .map(|i| {
            let mut opts: Vec<String> = i.q.options.iter().map(|o| norm(o)).collect();
            opts.sort();
            format!("{}|{}", norm(&i.q.text), opts.join("|"))
        })
        .collect();
    let mut out = Vec::new();
    for b in 0..items.len() {
        for a in 0..b {
            let (first, second) = (&items[a], &items[b]);
            if keys[a] == keys[b] {
                let m = format!(
                    "Câu hỏi trùng hoàn toàn với câu {}.",
                    name_of(first, second.file)
                );
                out.push(second.finding(Severity::Warning, "duplicate", m));
                continue;
            }
            let (sa, sb) = (&sets[a], &sets[b]);
            if sa.len() < MIN_WORDS || sb.len() < MIN_WORDS || share_group(first.q, second.q) {
                continue;
            }
            let common = sa.intersection(sb).count() as f64;
            let overlap = common / (sa.len() + sb.len()) as f64 * 2.0;
            if overlap >= NEAR {
                let m = format!(
                    "Câu hỏi gần trùng với câu {} (đề giống nhau {:.0}%): hai câu hỏi cùng một ý. Hãy bỏ một câu, hoặc \
                     cho hai câu chung một nhóm loại trừ (exclusion_groups) nếu muốn giữ cả hai.",
                    name_of(first, second.file),
                    overlap * 100.0
                );
                out.push(second.finding(Severity::Warning, "near-duplicate", m));
            }
        }
    }
    out
}

fn no_article(item: &Item<'_>) -> Option<Finding> {
    let m = match item.q.legal_basis.as_deref() {
        Some(l) if cites_article(l) => return None,
        Some(_) => {
            "Căn cứ pháp lý chưa ghi điều, khoản (ví dụ \"khoản 1 Điều 9 Luật Tiếp công dân số 42/2013/QH13\"): \
                    ban tổ chức không đối chiếu được đáp án."
        }
        None => "Câu hỏi chưa có căn cứ pháp lý (legal_basis) ghi rõ văn bản và điều, khoản.",
    };
    Some(item.finding(Severity::Warning, "no-article", m.to_owned()))
}

fn skewed(b: &BankFile<'_>) -> Option<Finding> {
    let qs = &b.bank.questions;
    if qs.len() < MIN_BANK {
        return None;
    }
    let n = qs.iter().filter(|q| asks_only_metadata(q)).count();
    let share = n as f64 / qs.len() as f64;
    if share <= MAX_METADATA_SHARE {
        return None;
    }
    let m = format!(
        "{n}/{} câu hỏi ({:.0}%) chỉ hỏi ngày, con số, số hiệu hoặc người ký (mục tiêu: không quá {:.0}%). Hãy thay \
         bằng câu hỏi về nội dung quy định hoặc tình huống.",
        qs.len(),
        share * 100.0,
        MAX_METADATA_SHARE * 100.0
    );
    Some(bank_finding(b, Severity::Warning, "skewed-to-metadata", m))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{bank, item_of, q};
    use super::*;

    #[test]
    fn a_near_duplicate_and_a_missing_article_are_named() {
        let mut two = q(
            "KN-42",
            "Thời hạn giải quyết tố cáo đối với vụ việc phức tạp được gia hạn mấy lần?",
            &["Một lần", "Hai lần"],
            0,
        );
        two.legal_basis = Some("Luật Tố cáo số 25/2018/QH14".into());
        let b = bank(vec![
            q(
                "KN-41",
                "Thời hạn giải quyết tố cáo đối với vụ việc phức tạp được gia hạn bao nhiêu lần?",
                &["Một lần", "Hai lần"],
                0,
            ),
            two,
        ]);
        let found = check(&item_of(&b), &[]);
        let codes: Vec<_> = found
            .iter()
            .map(|f| (f.question.as_deref(), f.code.as_str()))
            .collect();
        assert!(
            codes.contains(&(Some("KN-42"), "near-duplicate")),
            "{found:?}"
        );
        assert!(codes.contains(&(Some("KN-42"), "no-article")), "{found:?}");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn a_bank_of_dates_is_skewed_and_a_bank_of_content_is_not() {
        let dates: Vec<_> = (0..5)
            .map(|i| {
                q(
                    &format!("D-{i}"),
                    &format!("Văn bản thứ {i} có hiệu lực từ ngày nào?"),
                    &["01/7/2025", "01/01/2026"],
                    0,
                )
            })
            .collect();
        let b = bank(dates);
        let found = check(
            &[],
            &[BankFile {
                file: "d.toml",
                bank: &b,
            }],
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].code, "skewed-to-metadata");
        let stems = [
            "Công dân A gửi đơn khiếu nại quyết định hành chính, người giải quyết lần đầu là ai?",
            "Ông B rút đơn khiếu nại giữa chừng; nội dung đã rút có được giải quyết lại không?",
            "Bà C tố cáo cán bộ xã nhận tiền; cơ quan nào có thẩm quyền giải quyết?",
            "Đoàn thanh tra phát hiện vi phạm; trưởng đoàn phải báo cáo với ai?",
            "Cán bộ D được tặng quà có giá trị lớn; theo quy định phải xử lý thế nào?",
        ];
        let content: Vec<_> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| q(&format!("C-{i}"), s, &["Thụ lý", "Trả lại đơn"], 0))
            .collect();
        let b = bank(content);
        assert!(
            check(
                &item_of(&b),
                &[BankFile {
                    file: "c.toml",
                    bank: &b
                }]
            )
            .is_empty()
        );
    }
}
