//! The rules of docs/question-format.md, shared by every format: text cleaning (NFC), generated ids for
//! formats without ids, and one Vietnamese message per broken rule.
use super::{Parsed, ParsedBank, Problem, QuestionDraft, letter};
use crate::domain::text::clean;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

pub const MAX_OPTIONS: usize = 6;

/// What the file says about its bank.
#[derive(Debug, Clone, Default)]
pub struct BankHeader {
    pub slug: String,
    pub title: String,
    pub valid_as_of: Option<String>,
    pub amendments_checked: Vec<String>,
}

/// Cleans and checks every draft; the valid ones form the bank, the others become problems.
/// `id_prefix`: for formats without ids, a missing id is generated from the text (stable across re-imports).
pub fn finish(
    file: &str,
    header: BankHeader,
    drafts: Vec<QuestionDraft>,
    mut rejected: Vec<Problem>,
    skipped: Vec<Problem>,
    id_prefix: Option<&str>,
) -> Parsed {
    if let Some(message) = check_header(&header) {
        rejected.push(Problem::new(file, 1, message));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut questions = Vec::new();
    for draft in drafts {
        let mut q = clean_draft(draft);
        if q.external_id.is_empty()
            && let Some(prefix) = id_prefix
        {
            q.external_id = generated_id(prefix, &q.text);
        }
        let mut messages = check(&q);
        if let Some(first) = seen.get(&q.external_id) {
            messages.push(format!(
                "Mã câu hỏi \"{}\" bị trùng với câu hỏi ở dòng {first}.",
                q.external_id
            ));
        } else if !q.external_id.is_empty() {
            seen.insert(q.external_id.clone(), q.line);
        }
        if messages.is_empty() {
            questions.push(q);
        } else {
            rejected.extend(messages.into_iter().map(|m| Problem::new(file, q.line, m)));
        }
    }
    rejected.sort_by_key(|p| p.line);
    let bank = ParsedBank {
        slug: header.slug,
        title: clean(&header.title),
        valid_as_of: header.valid_as_of.map(|d| d.trim().to_owned()),
        amendments_checked: header
            .amendments_checked
            .iter()
            .map(|a| clean(a))
            .filter(|a| !a.is_empty())
            .collect(),
        questions,
    };
    Parsed {
        bank,
        rejected,
        skipped,
    }
}

fn clean_draft(q: QuestionDraft) -> QuestionDraft {
    let optional = |s: Option<String>| s.map(|s| clean(&s)).filter(|s| !s.is_empty());
    QuestionDraft {
        external_id: clean(&q.external_id),
        topic: clean(&q.topic),
        text: clean(&q.text),
        options: q.options.iter().map(|o| clean(o)).collect(),
        correct: q.correct,
        explanation: optional(q.explanation),
        legal_basis: optional(q.legal_basis),
        points: q.points,
        exclusion_groups: q.exclusion_groups.iter().map(|g| clean(g)).collect(),
        situational: q.situational,
        historical: q.historical,
        line: q.line,
    }
}

fn check_header(h: &BankHeader) -> Option<String> {
    let slug_ok = h.slug.len() <= 64
        && h.slug
            .starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && h.slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !slug_ok {
        return Some(format!(
            "Mã ngân hàng \"{}\" không hợp lệ: chỉ dùng chữ thường không dấu a-z, số 0-9 và dấu '-', tối đa 64 ký tự.",
            h.slug
        ));
    }
    if clean(&h.title).is_empty() || h.title.chars().count() > 300 {
        return Some("Tên ngân hàng không được để trống và không quá 300 ký tự.".into());
    }
    let date = h.valid_as_of.as_deref().map(str::trim);
    if let Some(d) = date
        && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_err()
    {
        return Some(format!(
            "Ngày \"{d}\" không hợp lệ, cần dạng YYYY-MM-DD (ví dụ 2026-11-27)."
        ));
    }
    None
}

/// Every broken rule of one question, in Vietnamese.
pub fn check(q: &QuestionDraft) -> Vec<String> {
    let mut m = Vec::new();
    let id_len = q.external_id.chars().count();
    if q.external_id.is_empty() {
        m.push("Thiếu mã câu hỏi (id).".to_owned());
    } else if id_len > 64 || q.external_id.contains(char::is_whitespace) {
        m.push(format!(
            "Mã câu hỏi \"{}\" không hợp lệ: tối đa 64 ký tự, không có khoảng trắng.",
            q.external_id
        ));
    }
    if q.topic.is_empty() {
        m.push("Thiếu chủ đề của câu hỏi.".to_owned());
    } else if q.topic.chars().count() > 200 {
        m.push("Chủ đề dài quá 200 ký tự.".to_owned());
    }
    if q.text.is_empty() {
        m.push("Nội dung câu hỏi đang để trống.".to_owned());
    }
    check_options(q, &mut m);
    if let Some(p) = q.points
        && !(1..=100).contains(&p)
    {
        m.push(format!("Điểm của câu hỏi phải từ 1 đến 100 (đang là {p})."));
    }
    check_groups(&q.exclusion_groups, &mut m);
    m
}

/// A group slug like a bank id: a-z, 0-9 and '-', at most 64 characters, each named once.
pub fn valid_group(g: &str) -> bool {
    g.len() <= 64
        && g.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && g.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_groups(groups: &[String], m: &mut Vec<String>) {
    for (i, g) in groups.iter().enumerate() {
        if !valid_group(g) {
            m.push(format!(
                "Nhóm loại trừ \"{g}\" không hợp lệ: chỉ dùng chữ thường không dấu a-z, số 0-9 và dấu '-', tối đa 64 ký tự."
            ));
        } else if groups[..i].contains(g) {
            m.push(format!("Nhóm loại trừ \"{g}\" được ghi hai lần."));
        }
    }
    if groups.len() > 16 {
        m.push("Một câu hỏi thuộc tối đa 16 nhóm loại trừ.".to_owned());
    }
}

fn check_options(q: &QuestionDraft, m: &mut Vec<String>) {
    let n = q.options.len();
    if !(2..=MAX_OPTIONS).contains(&n) {
        m.push(format!(
            "Câu hỏi phải có từ 2 đến 6 phương án (đang có {n})."
        ));
    }
    for (i, o) in q.options.iter().enumerate() {
        if o.is_empty() {
            m.push(format!("Phương án {} đang để trống.", letter(i)));
        } else if q.options[..i].contains(o) {
            m.push(format!(
                "Phương án {} trùng với một phương án trước đó.",
                letter(i)
            ));
        }
    }
    if q.correct.is_empty() {
        m.push("Câu hỏi chưa có đáp án đúng.".to_owned());
    }
    for (i, c) in q.correct.iter().enumerate() {
        if q.correct[..i].contains(c) {
            m.push(format!("Đáp án {} được ghi hai lần.", letter(*c)));
        } else if *c >= n {
            m.push(format!(
                "Đáp án {} không có trong các phương án (chỉ có {n} phương án).",
                letter(*c)
            ));
        }
    }
}

/// "B", "A,C", "a; c" -> positions. Letters beyond F or other characters are an error.
pub fn letters(answer: &str) -> Result<Vec<usize>, String> {
    let parts = answer
        .split([',', ';', ' ', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    parts.map(one_letter).collect()
}

pub fn one_letter(s: &str) -> Result<usize, String> {
    let upper = s.trim().to_uppercase();
    match upper.as_str() {
        "A" | "B" | "C" | "D" | "E" | "F" => Ok((upper.as_bytes()[0] - b'A') as usize),
        _ => Err(format!(
            "Đáp án \"{s}\" không hợp lệ: chỉ dùng các chữ cái A đến F, ví dụ \"B\" hoặc \"A,C\"."
        )),
    }
}

/// A stable id for a question of a format without ids: prefix + hash of its cleaned, case-folded text.
pub fn generated_id(prefix: &str, text: &str) -> String {
    let digest = Sha256::digest(crate::domain::text::fold(text).as_bytes());
    let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    format!("{prefix}-{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> QuestionDraft {
        QuestionDraft {
            external_id: "Q-1".into(),
            topic: "Chủ đề".into(),
            text: "Câu hỏi?".into(),
            options: vec!["Một".into(), "Hai".into()],
            correct: vec![1],
            line: 3,
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_question_has_no_problem() {
        assert!(check(&good()).is_empty());
    }

    #[test]
    fn every_broken_rule_is_reported() {
        let q = QuestionDraft {
            text: String::new(),
            options: vec!["Một".into()],
            correct: vec![3, 3],
            points: Some(0),
            ..good()
        };
        let m = check(&q).join("\n");
        assert!(m.contains("để trống"), "{m}");
        assert!(m.contains("từ 2 đến 6 phương án"), "{m}");
        assert!(m.contains("Đáp án D không có"), "{m}");
        assert!(m.contains("hai lần"), "{m}");
        assert!(m.contains("từ 1 đến 100"), "{m}");
    }

    #[test]
    fn answer_letters_accept_one_or_several() {
        assert_eq!(letters("B"), Ok(vec![1]));
        assert_eq!(letters("a, c"), Ok(vec![0, 2]));
        assert!(letters("G").unwrap_err().contains("A đến F"));
    }

    #[test]
    fn generated_ids_ignore_case_and_spacing() {
        assert_eq!(generated_id("G", "Câu  hỏi"), generated_id("G", "câu hỏi"));
        assert_ne!(
            generated_id("G", "Câu hỏi 1"),
            generated_id("G", "Câu hỏi 2")
        );
    }
}
