//! Small banks for the checker's unit tests.
use super::Item;
use crate::banks::{ParsedBank, QuestionDraft};

pub fn q(id: &str, text: &str, options: &[&str], key: usize) -> QuestionDraft {
    QuestionDraft {
        external_id: id.to_owned(),
        topic: "Chung".to_owned(),
        text: text.to_owned(),
        options: options.iter().map(|o| o.to_string()).collect(),
        correct: vec![key],
        legal_basis: Some("khoản 1 Điều 2 Luật Tố cáo số 25/2018/QH14".to_owned()),
        line: 0,
        ..Default::default()
    }
}

/// A bank whose questions sit on lines 10, 20, 30...
pub fn bank(questions: Vec<QuestionDraft>) -> ParsedBank {
    let mut b = ParsedBank {
        slug: "mau".to_owned(),
        title: "Ngân hàng mẫu".to_owned(),
        valid_as_of: Some("2026-11-27".to_owned()),
        amendments_checked: Vec::new(),
        questions,
    };
    for (i, q) in b.questions.iter_mut().enumerate() {
        q.line = (i + 1) * 10;
    }
    b
}

pub fn item_of(b: &ParsedBank) -> Vec<Item<'_>> {
    b.questions
        .iter()
        .map(|q| Item {
            file: "mau.toml",
            bank: b,
            q,
        })
        .collect()
}
