//! The bank checker: reviews banks the way a contest reviewer does (content-review-2026-12) and reports
//! findings with file:line and a Vietnamese message. One file per rule family:
//! - `revealing`: a question whose stem or options give away another question's key;
//! - `giveaways`: a key far longer than its distractors, absolute distractors, "tất cả các đáp án trên", the key
//!   repeated in the stem;
//! - `currency`: replaced and amended documents, from the register `questions/legal-register.toml`;
//! - `form`: duplicates and near-duplicates, a legal basis without an article, a bank skewed to dates and numbers;
//! - `stats`: the counts `check-questions` prints and the targets it can require.
//!
//! The checker reads files only; it never blocks loading at start-up. Errors block `check-questions` (exit 1)
//! and the questions they concern in an import.
mod currency;
mod form;
mod giveaways;
pub mod register;
mod revealing;
pub mod stats;
pub mod text;

pub use register::{REGISTER_FILE, Register};

use super::{ParsedBank, QuestionDraft};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One thing the checker found, at a file and line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Finding {
    pub severity: Severity,
    pub file: String,
    /// 1-based line (or spreadsheet row) of the question, or of the bank when the whole bank is concerned.
    pub line: usize,
    /// A stable rule code, e.g. `revealing-pair`, `replaced-document`, `no-article`.
    pub code: String,
    pub message: String,
    /// The external id of the question concerned, when there is one.
    #[serde(skip)]
    pub question: Option<String>,
    /// The file of the other question of a pair, so that an import keeps pairs that reach into it.
    #[serde(skip)]
    pub other_file: Option<String>,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        write!(
            f,
            "{}:{}: {label} [{}] {}",
            self.file, self.line, self.code, self.message
        )
    }
}

/// A bank and the file it was read from.
#[derive(Debug, Clone, Copy)]
pub struct BankFile<'a> {
    pub file: &'a str,
    pub bank: &'a ParsedBank,
}

/// One question with where it comes from, as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    pub file: &'a str,
    pub bank: &'a ParsedBank,
    pub q: &'a QuestionDraft,
}

impl Item<'_> {
    fn finding(&self, severity: Severity, code: &str, message: String) -> Finding {
        Finding {
            severity,
            file: self.file.to_owned(),
            line: self.q.line,
            code: code.to_owned(),
            message,
            question: Some(self.q.external_id.clone()),
            other_file: None,
        }
    }
}

fn bank_finding(b: &BankFile<'_>, severity: Severity, code: &str, message: String) -> Finding {
    Finding {
        severity,
        file: b.file.to_owned(),
        line: 1,
        code: code.to_owned(),
        message,
        question: None,
        other_file: None,
    }
}

/// Reviews `banks` together (pairs and duplicates are looked for across all of them), sorted by file and line.
pub fn review(banks: &[BankFile<'_>], register: &Register) -> Vec<Finding> {
    let items: Vec<Item<'_>> = banks
        .iter()
        .flat_map(|b| {
            b.bank.questions.iter().map(move |q| Item {
                file: b.file,
                bank: b.bank,
                q,
            })
        })
        .collect();
    let mut out = Vec::new();
    out.extend(revealing::check(&items));
    out.extend(giveaways::check(&items, banks));
    out.extend(currency::check(&items, banks, register));
    out.extend(form::check(&items, banks));
    out.sort_by(|a, b| (&a.file, a.line, &a.code).cmp(&(&b.file, b.line, &b.code)));
    out
}

/// Whether two questions share an exclusion group (so they are never drawn together).
fn share_group(a: &QuestionDraft, b: &QuestionDraft) -> bool {
    a.exclusion_groups
        .iter()
        .any(|g| b.exclusion_groups.contains(g))
}

/// `"ABC-001"`, or `"ABC-001" (file:line)` when the other question is in another file.
fn name_of(item: &Item<'_>, from_file: &str) -> String {
    if item.file == from_file {
        format!("{} (dòng {})", item.q.external_id, item.q.line)
    } else {
        format!("{} ({}:{})", item.q.external_id, item.file, item.q.line)
    }
}

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod shipped_draws;
