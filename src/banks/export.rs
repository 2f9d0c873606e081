//! A bank written back out: the native TOML text and the XLSX column template (with the "Ngân hàng" sheet
//! for the bank's id, title and date), so that native -> XLSX -> native keeps every field.
use super::{ParsedBank, QuestionDraft, letter, tabular, xlsx};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::fmt::Write;

/// TOML basic strings accept JSON's escapes.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn to_toml(bank: &ParsedBank) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "[bank]\nid = {}\ntitle = {}",
        quoted(&bank.slug),
        quoted(&bank.title)
    );
    if let Some(d) = &bank.valid_as_of {
        let _ = writeln!(out, "valid_as_of = {}", quoted(d));
    }
    if !bank.amendments_checked.is_empty() {
        let _ = writeln!(
            out,
            "amendments_checked = [{}]",
            list(&bank.amendments_checked)
        );
    }
    for q in &bank.questions {
        write_question(&mut out, q);
    }
    out
}

fn write_question(out: &mut String, q: &QuestionDraft) {
    let _ = writeln!(
        out,
        "\n[[question]]\nid = {}\ntopic = {}\ntext = {}",
        quoted(&q.external_id),
        quoted(&q.topic),
        quoted(&q.text)
    );
    let _ = writeln!(out, "options = [");
    for o in &q.options {
        let _ = writeln!(out, "  {},", quoted(o));
    }
    let letters: Vec<String> = q
        .correct
        .iter()
        .map(|c| quoted(&letter(*c).to_string()))
        .collect();
    let _ = writeln!(out, "]\ncorrect = [{}]", letters.join(", "));
    if let Some(e) = &q.explanation {
        let _ = writeln!(out, "explanation = {}", quoted(e));
    }
    if let Some(l) = &q.legal_basis {
        let _ = writeln!(out, "legal_basis = {}", quoted(l));
    }
    if let Some(p) = q.points {
        let _ = writeln!(out, "points = {p}");
    }
    if !q.exclusion_groups.is_empty() {
        let _ = writeln!(out, "exclusion_groups = [{}]", list(&q.exclusion_groups));
    }
    if q.situational {
        let _ = writeln!(out, "situational = true");
    }
    if q.historical {
        let _ = writeln!(out, "historical = true");
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| quoted(i))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The column value of a yes/no field.
fn mark(yes: bool) -> String {
    if yes { "x".into() } else { String::new() }
}

pub fn to_xlsx(bank: &ParsedBank) -> Result<Vec<u8>, XlsxError> {
    let rows: Vec<Vec<String>> = bank.questions.iter().map(row_of).collect();
    let info = [
        ("Mã ngân hàng", bank.slug.clone()),
        ("Tên ngân hàng", bank.title.clone()),
        (
            "Có giá trị đến ngày",
            bank.valid_as_of.clone().unwrap_or_default(),
        ),
        (xlsx::AMENDMENTS_KEY, bank.amendments_checked.join(", ")),
    ];
    workbook(&rows, Some(&info))
}

/// The downloadable template: headers and one example row.
pub fn template_xlsx() -> Result<Vec<u8>, XlsxError> {
    let example = tabular::example_row()
        .iter()
        .map(|s| s.to_string())
        .collect();
    workbook(&[example], None)
}

fn row_of(q: &QuestionDraft) -> Vec<String> {
    let mut row = vec![q.external_id.clone(), q.topic.clone(), q.text.clone()];
    row.extend((0..6).map(|i| q.options.get(i).cloned().unwrap_or_default()));
    let answer: Vec<String> = q.correct.iter().map(|c| letter(*c).to_string()).collect();
    row.push(answer.join(","));
    row.push(q.explanation.clone().unwrap_or_default());
    row.push(q.legal_basis.clone().unwrap_or_default());
    row.push(q.points.map(|p| p.to_string()).unwrap_or_default());
    row.push(q.exclusion_groups.join(", "));
    row.push(mark(q.situational));
    row.push(mark(q.historical));
    row
}

fn workbook(rows: &[Vec<String>], info: Option<&[(&str, String)]>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet();
    sheet.set_name("Câu hỏi")?;
    for (c, h) in tabular::HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            sheet.write_string(r as u32 + 1, c as u16, value)?;
        }
    }
    sheet.set_column_width(2, 60)?;
    if let Some(info) = info {
        let sheet = book.add_worksheet();
        sheet.set_name(xlsx::INFO_SHEET)?;
        for (r, (k, v)) in info.iter().enumerate() {
            sheet.write_string_with_format(r as u32, 0, *k, &bold)?;
            sheet.write_string(r as u32, 1, v)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::banks::{Source, native};

    const BANK: &str = r#"
[bank]
id = "vong-tron"
title = "Ngân hàng \"vòng tròn\""
valid_as_of = "2026-11-27"
amendments_checked = ["136/2025/QH15"]

[[question]]
id = "VT-1"
topic = "Tiếp công dân"
text = "Câu hỏi có dấu ngoặc \"kép\" và ký tự \\ ?"
options = ["Một", "Hai", "Ba", "Bốn", "Năm", "Sáu"]
correct = ["B", "F"]
explanation = "Giải thích."
legal_basis = "Điều 13 Luật Tiếp công dân 2013"
points = 3
exclusion_groups = ["tcd-co-quan", "tcd-2013"]
situational = true
historical = true

[[question]]
id = "VT-2"
topic = "Khiếu nại"
text = "Câu hỏi thứ hai"
options = ["Đúng", "Sai"]
correct = ["A"]
"#;

    #[test]
    fn native_to_xlsx_to_native_keeps_every_field() {
        let original = native::parse("vong-tron.toml", BANK);
        assert!(original.rejected.is_empty(), "{:?}", original.rejected);
        let bytes = to_xlsx(&original.bank).unwrap();
        let from_xlsx = xlsx::parse(
            &Source {
                file: "x.xlsx",
                bank: None,
            },
            &bytes,
        )
        .unwrap();
        assert!(from_xlsx.rejected.is_empty(), "{:?}", from_xlsx.rejected);
        let back = native::parse("vong-tron.toml", &to_toml(&from_xlsx.bank));
        assert!(back.rejected.is_empty(), "{:?}", back.rejected);
        let strip = |b: &ParsedBank| {
            let mut b = b.clone();
            b.questions.iter_mut().for_each(|q| q.line = 0);
            b
        };
        assert_eq!(strip(&back.bank), strip(&original.bank));
    }

    #[test]
    fn the_xlsx_template_reads_back_as_one_question() {
        let p = xlsx::parse(
            &Source {
                file: "mau.xlsx",
                bank: None,
            },
            &template_xlsx().unwrap(),
        )
        .unwrap();
        assert_eq!(p.bank.questions.len(), 1, "{:?}", p.rejected);
    }
}
