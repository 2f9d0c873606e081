//! Question-bank file formats: the native TOML format, XLSX/CSV templates, Aiken, GIFT and Moodle XML.
//! Every format produces the same [`Parsed`] through [`validate::finish`], so the rules of
//! docs/question-format.md are checked in one place and every problem carries its file and line.
pub mod aiken;
pub mod csv;
pub mod export;
pub mod gift;
pub mod moodle_xml;
pub mod native;
pub mod review;
pub mod tabular;
pub mod validate;
pub mod xlsx;

#[cfg(test)]
mod fuzz_tests;

use serde::Serialize;
use std::fmt;

/// One problem in a file: where, and what (in Vietnamese).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Problem {
    pub file: String,
    /// Line of a text file, or row of a spreadsheet (1-based; 0 when the whole file is concerned).
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// A bank as read from a file, whatever its format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBank {
    pub slug: String,
    pub title: String,
    pub valid_as_of: Option<String>,
    /// Amending laws the bank's content was re-checked against (numbers such as "136/2025/QH15").
    pub amendments_checked: Vec<String>,
    pub questions: Vec<QuestionDraft>,
}

/// One question as read from a file. `correct` holds 0-based option positions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionDraft {
    pub external_id: String,
    pub topic: String,
    pub text: String,
    pub options: Vec<String>,
    pub correct: Vec<usize>,
    pub explanation: Option<String>,
    pub legal_basis: Option<String>,
    pub points: Option<i32>,
    /// Questions sharing any of these slugs are never drawn into one attempt.
    pub exclusion_groups: Vec<String>,
    /// A short case ("Công dân A gửi đơn ...") rather than a recall question.
    pub situational: bool,
    /// Asks about a text no longer in force; its wording must say so.
    pub historical: bool,
    /// Where the question starts in its file (line or row), for messages.
    pub line: usize,
}

/// What a parser returns: the valid questions, the questions it refused and those of other types it skipped.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub bank: ParsedBank,
    pub rejected: Vec<Problem>,
    pub skipped: Vec<Problem>,
}

/// What loading a bank did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub bank: String,
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub retired: usize,
    pub skipped: Vec<Problem>,
    pub rejected: Vec<Problem>,
    /// What the bank checker found in the imported bank (read together with the other banks).
    pub findings: Vec<review::Finding>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Xlsx,
    Csv,
    Aiken,
    Gift,
    MoodleXml,
}

impl Format {
    /// From an explicit name or a file extension (`toml`, `xlsx`, `csv`, `txt`/`aiken`, `gift`, `xml`/`moodle`).
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().trim_start_matches('.').to_lowercase().as_str() {
            "toml" | "native" => Some(Format::Toml),
            "xlsx" => Some(Format::Xlsx),
            "csv" => Some(Format::Csv),
            "txt" | "aiken" => Some(Format::Aiken),
            "gift" => Some(Format::Gift),
            "xml" | "moodle" | "moodle_xml" | "moodle-xml" => Some(Format::MoodleXml),
            _ => None,
        }
    }

    pub fn from_file_name(file: &str) -> Option<Format> {
        let ext = std::path::Path::new(file).extension()?.to_str()?;
        Format::from_name(ext)
    }
}

/// Names the bank of formats that carry none: the given slug or the file name.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    pub file: &'a str,
    pub bank: Option<&'a str>,
}

impl Source<'_> {
    pub fn slug(&self) -> String {
        slugify(self.bank.unwrap_or_else(|| file_stem(self.file)))
    }

    pub fn title(&self) -> String {
        crate::domain::text::clean(self.bank.unwrap_or_else(|| file_stem(self.file)))
    }
}

fn file_stem(file: &str) -> &str {
    std::path::Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(file)
}

/// "Ngân hàng CCHC 2026" -> "ngan-hang-cchc-2026".
pub fn slugify(name: &str) -> String {
    let folded = crate::domain::text::fold(name);
    let dashed: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let parts: Vec<&str> = dashed.split('-').filter(|p| !p.is_empty()).collect();
    let slug: String = parts.join("-").chars().take(64).collect();
    if slug.is_empty() {
        "ngan-hang".into()
    } else {
        slug.trim_end_matches('-').to_owned()
    }
}

/// Reads a file of any supported format. `Err` means the whole file is unreadable (not UTF-8, not a
/// spreadsheet, too large once unzipped); problems of single questions are in [`Parsed::rejected`].
pub fn parse(format: Format, source: &Source<'_>, bytes: &[u8]) -> Result<Parsed, Problem> {
    match format {
        Format::Toml => Ok(native::parse(source.file, utf8(source.file, bytes)?)),
        Format::Xlsx => xlsx::parse(source, bytes),
        Format::Csv => csv::parse(source, bytes),
        Format::Aiken => Ok(aiken::parse(source, utf8(source.file, bytes)?)),
        Format::Gift => Ok(gift::parse(source, utf8(source.file, bytes)?)),
        Format::MoodleXml => moodle_xml::parse(source, utf8(source.file, bytes)?),
    }
}

/// UTF-8 text without a byte-order mark; binary data is refused.
pub fn utf8<'b>(file: &str, bytes: &'b [u8]) -> Result<&'b str, Problem> {
    if bytes.contains(&0) {
        return Err(Problem::new(
            file,
            0,
            "Tệp có dữ liệu nhị phân, không phải tệp văn bản.",
        ));
    }
    crate::spreadsheet::utf8_text(bytes).map_err(|e| {
        Problem::new(
            file,
            e.line,
            "Tệp không phải văn bản UTF-8. Hãy lưu lại tệp với bảng mã UTF-8.",
        )
    })
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Option letter of a position: 0 -> 'A'.
pub fn letter(position: usize) -> char {
    (b'A' + (position as u8 % 26)) as char
}
