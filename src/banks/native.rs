//! The native format, `questions/*.toml` (docs/question-format.md). Parsed through toml's spanned tables so
//! that each question, and each bad key, is reported with its own line; one bad question never hides another.
use super::validate::{BankHeader, finish, one_letter};
use super::{Parsed, Problem, QuestionDraft, line_of};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawBank {
    id: Option<String>,
    title: Option<String>,
    valid_as_of: Option<String>,
    topic: Option<String>,
    #[serde(default)]
    amendments_checked: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    #[serde(default)]
    id: String,
    topic: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    correct: Option<Spanned<Vec<String>>>,
    explanation: Option<String>,
    legal_basis: Option<String>,
    points: Option<i64>,
    #[serde(default)]
    exclusion_groups: Vec<String>,
    #[serde(default)]
    situational: bool,
    #[serde(default)]
    historical: bool,
}

/// Parses one native file; `file` names it in problems (and gives the default bank id).
pub fn parse(file: &str, text: &str) -> Parsed {
    let mut rejected = Vec::new();
    let default_slug = super::Source { file, bank: None }.slug();
    let mut header = BankHeader {
        slug: default_slug.clone(),
        title: default_slug,
        valid_as_of: None,
        amendments_checked: Vec::new(),
    };
    let table = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            rejected.push(toml_problem(file, text, &e));
            return finish(file, header, Vec::new(), rejected, Vec::new(), None);
        }
    };
    let mut default_topic = None;
    let mut drafts = Vec::new();
    for (key, value) in table.get_ref().iter() {
        match key.get_ref().as_ref() {
            "bank" => match deserialize::<RawBank>(value) {
                Ok(b) => {
                    header.slug = b.id.unwrap_or(header.slug);
                    header.title = b.title.unwrap_or(header.title);
                    header.valid_as_of = b.valid_as_of;
                    header.amendments_checked = b.amendments_checked;
                    default_topic = b.topic;
                }
                Err(e) => rejected.push(toml_problem(file, text, &e)),
            },
            "question" => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items {
                        match question(file, text, item) {
                            Ok(d) => drafts.push(d),
                            Err(p) => rejected.push(p),
                        }
                    }
                }
                _ => rejected.push(Problem::new(
                    file,
                    line_of(text, value.span().start),
                    "Mỗi câu hỏi phải bắt đầu bằng dòng [[question]].",
                )),
            },
            other => rejected.push(Problem::new(
                file,
                line_of(text, key.span().start),
                format!("Mục \"{other}\" không được phép; tệp chỉ có [bank] và các [[question]]."),
            )),
        }
    }
    for d in drafts.iter_mut().filter(|d| d.topic.is_empty()) {
        d.topic = default_topic.clone().unwrap_or_default();
    }
    finish(file, header, drafts, rejected, Vec::new(), None)
}

fn deserialize<T: DeserializeOwned>(value: &Spanned<DeValue<'_>>) -> Result<T, toml::de::Error> {
    T::deserialize(ValueDeserializer::from(value.clone()))
}

fn question(file: &str, text: &str, item: &Spanned<DeValue<'_>>) -> Result<QuestionDraft, Problem> {
    let line = line_of(text, item.span().start);
    let raw: RawQuestion = deserialize(item).map_err(|e| toml_problem(file, text, &e))?;
    let mut correct = Vec::new();
    if let Some(c) = &raw.correct {
        for l in c.get_ref() {
            let position =
                one_letter(l).map_err(|m| Problem::new(file, line_of(text, c.span().start), m))?;
            correct.push(position);
        }
    }
    let points = raw
        .points
        .map(|p| p.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32);
    Ok(QuestionDraft {
        external_id: raw.id,
        topic: raw.topic.unwrap_or_default(),
        text: raw.text,
        options: raw.options,
        correct,
        explanation: raw.explanation,
        legal_basis: raw.legal_basis,
        points,
        exclusion_groups: raw.exclusion_groups,
        situational: raw.situational,
        historical: raw.historical,
        line,
    })
}

/// A toml error in Vietnamese, at its line.
fn toml_problem(file: &str, text: &str, e: &toml::de::Error) -> Problem {
    let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
    let msg = e.message();
    let message = if let Some(rest) = msg.strip_prefix("unknown field `") {
        let key = rest.split('`').next().unwrap_or(rest);
        format!(
            "Khóa \"{key}\" không được phép (có thể gõ sai tên khóa). Các khóa hợp lệ: id, topic, text, options, \
             correct, explanation, legal_basis, points, exclusion_groups, situational, historical (và id, title, \
             valid_as_of, topic, amendments_checked trong [bank])."
        )
    } else if msg.starts_with("invalid type") {
        format!("Giá trị không đúng kiểu: {msg}.")
    } else {
        format!("Lỗi cú pháp TOML: {}.", msg.trim_end_matches('.'))
    };
    Problem::new(file, line, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[bank]
id = "mau"
title = "Ngân hàng mẫu"
valid_as_of = "2026-11-27"
topic = "Chung"

[[question]]
id = "Q1"
text = "Cơ quan nào tiếp công dân?"
options = ["Ủy ban", "Tòa án"]
correct = ["A"]
legal_basis = "Luật Tiếp công dân 2013"
points = 2

[[question]]
id = "Q2"
topic = "Riêng"
text = "Chọn nhiều đáp án"
options = ["Một", "Hai", "Ba"]
correct = ["A", "C"]
"#;

    #[test]
    fn a_good_file_gives_every_field() {
        let p = parse("mau.toml", GOOD);
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.bank.slug, "mau");
        assert_eq!(p.bank.valid_as_of.as_deref(), Some("2026-11-27"));
        let q = &p.bank.questions;
        assert_eq!(
            (q[0].topic.as_str(), q[0].points, q[0].correct.clone()),
            ("Chung", Some(2), vec![0])
        );
        assert_eq!(
            (q[1].topic.as_str(), q[1].correct.clone()),
            ("Riêng", vec![0, 2])
        );
        assert_eq!(q[1].line, 16);
    }

    #[test]
    fn each_bad_question_is_reported_at_its_line_and_the_others_load() {
        let text = GOOD
            .replace("correct = [\"A\"]", "corect = [\"A\"]")
            .replace("[\"A\", \"C\"]", "[\"A\", \"H\"]");
        let p = parse("mau.toml", &text);
        assert!(p.bank.questions.is_empty());
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![12, 21], "{:?}", p.rejected);
        assert!(
            p.rejected[0].message.contains("Khóa \"corect\""),
            "{:?}",
            p.rejected
        );
        assert!(
            p.rejected[1].message.contains("A đến F"),
            "{:?}",
            p.rejected
        );
    }

    #[test]
    fn duplicate_ids_and_missing_answers_are_named() {
        let text = GOOD
            .replace("id = \"Q2\"", "id = \"Q1\"")
            .replace("correct = [\"A\"]\n", "");
        let p = parse("mau.toml", &text);
        let all = p
            .rejected
            .iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            all.contains("mau.toml:8: Câu hỏi chưa có đáp án đúng"),
            "{all}"
        );
        assert!(all.contains("bị trùng"), "{all}");
    }

    #[test]
    fn broken_toml_is_one_problem_with_a_line() {
        let p = parse(
            "hong.toml",
            "[bank]\nid = \"x\"\n\n[[question]]\ntext = \"chưa đóng\n",
        );
        assert_eq!(p.rejected.len(), 1);
        assert_eq!(p.rejected[0].line, 5);
        assert!(p.rejected[0].message.starts_with("Lỗi cú pháp TOML"));
    }
}
