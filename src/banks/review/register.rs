//! The register of replaced and amended documents, `questions/legal-register.toml` (format fixed in the brief):
//! `[[document]]` entries with `number`, `title`, `status` ("replaced" or "amended"), `by`, `from`, `note`.
//! The loader and `check-questions` treat that one file name as the register, never as a bank.
use super::{Finding, Severity};
use crate::banks::line_of;
use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;

/// The register's file name in a questions folder.
pub const REGISTER_FILE: &str = "legal-register.toml";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Replaced,
    Amended,
}

/// One entry: `number` was replaced or amended by `by`, in force from `from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub number: String,
    pub title: String,
    pub status: Status,
    pub by: String,
    pub from: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Register {
    pub documents: Vec<Document>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    document: Vec<Spanned<RawDocument>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    number: String,
    title: String,
    status: String,
    by: String,
    from: String,
    #[allow(dead_code)]
    note: Option<String>,
}

/// Whether a path names the register rather than a bank.
pub fn is_register(path: &std::path::Path) -> bool {
    path.file_name().is_some_and(|n| n == REGISTER_FILE)
}

impl Register {
    /// Parses the register; every broken entry is an error finding at its line, the others are kept.
    pub fn parse(file: &str, text: &str) -> (Register, Vec<Finding>) {
        let error = |line: usize, message: String| Finding {
            severity: Severity::Error,
            file: file.to_owned(),
            line,
            code: "register".to_owned(),
            message,
            question: None,
            other_file: None,
        };
        let raw: RawFile = match toml::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                let msg = format!("Sổ văn bản không đọc được: {}", e.message());
                return (Register::default(), vec![error(line, msg)]);
            }
        };
        let mut register = Register::default();
        let mut findings = Vec::new();
        for d in raw.document {
            let line = line_of(text, d.span().start);
            match document(d.into_inner()) {
                Ok(doc) => register.documents.push(doc),
                Err(m) => findings.push(error(line, m)),
            }
        }
        (register, findings)
    }

    /// Reads `dir/legal-register.toml`; a folder without one has an empty register.
    pub fn load(dir: &std::path::Path) -> (Register, Vec<Finding>) {
        let path = dir.join(REGISTER_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Register::parse(&path.display().to_string(), &text),
            Err(_) => (Register::default(), Vec::new()),
        }
    }

    /// Whether `number` is the `by` of some entry (an amending or replacing law).
    pub fn is_amending_law(&self, number: &str) -> bool {
        let n = number.trim().to_uppercase();
        self.documents.iter().any(|d| d.by.to_uppercase() == n)
    }
}

fn document(d: RawDocument) -> Result<Document, String> {
    let status = match d.status.trim() {
        "replaced" => Status::Replaced,
        "amended" => Status::Amended,
        other => {
            return Err(format!(
                "Trạng thái \"{other}\" không hợp lệ: chỉ dùng \"replaced\" (bị thay thế) hoặc \"amended\" (được sửa đổi)."
            ));
        }
    };
    let from = NaiveDate::parse_from_str(d.from.trim(), "%Y-%m-%d")
        .map_err(|_| format!("Ngày \"{}\" không hợp lệ, cần dạng YYYY-MM-DD.", d.from))?;
    if d.number.trim().is_empty() || d.by.trim().is_empty() {
        return Err("Thiếu số hiệu văn bản (number) hoặc văn bản thay thế, sửa đổi (by).".into());
    }
    Ok(Document {
        number: d.number.trim().to_owned(),
        title: d.title.trim().to_owned(),
        status,
        by: d.by.trim().to_owned(),
        from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_and_a_bad_one_is_named_at_its_line() {
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
status = "sửa"
by = "136/2025/QH15"
from = "2026-07-01"
"#;
        let (register, findings) = Register::parse("r.toml", text);
        assert_eq!(register.documents.len(), 1);
        assert_eq!(register.documents[0].status, Status::Replaced);
        assert!(register.is_amending_law("84/2025/qh15"));
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].line, 9);
    }

    #[test]
    fn the_shipped_register_reads_without_a_finding() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
        let (register, findings) = Register::load(&dir);
        assert!(findings.is_empty(), "{findings:?}");
        assert!(register.documents.len() >= 8);
    }
}
