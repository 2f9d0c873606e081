//! XLSX in the column template (see `tabular`), read by `crate::spreadsheet`, which refuses a zip bomb (more than
//! 50 MB once unzipped, or an absurd compression ratio) before calamine opens the file. An optional second sheet
//! "Ngân hàng" carries the bank's id, title and date, so that native -> XLSX -> native keeps every field.
use super::validate::BankHeader;
use super::{Parsed, Problem, Source, tabular};
use crate::domain::text::fold;
use crate::spreadsheet::{BOMB, Workbook, XlsxError};

pub const INFO_SHEET: &str = "Ngân hàng";
/// The row of the info sheet listing `amendments_checked`, comma-separated.
pub const AMENDMENTS_KEY: &str = "Đã đối chiếu luật sửa đổi";

pub fn parse(source: &Source<'_>, bytes: &[u8]) -> Result<Parsed, Problem> {
    let file = source.file;
    let unreadable = |e: XlsxError| {
        let message = match e {
            XlsxError::NotZip => "Tệp không phải tệp Excel (.xlsx) hợp lệ.",
            XlsxError::Bomb => BOMB,
            XlsxError::Unreadable => {
                "Không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp bằng Excel."
            }
        };
        Problem::new(file, 0, message)
    };
    let mut book = Workbook::open(bytes).map_err(unreadable)?;
    let names = book.sheet_names();
    let first = names
        .iter()
        .find(|n| fold(n) != fold(INFO_SHEET))
        .ok_or_else(|| Problem::new(file, 0, "Tệp Excel không có trang tính câu hỏi."))?
        .clone();
    let rows = book.rows(&first).map_err(unreadable)?;
    let mut header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    if let Some(info) = names.iter().find(|n| fold(n) == fold(INFO_SHEET)).cloned() {
        for (_, cells) in book.rows(&info).map_err(unreadable)? {
            let value = cells.get(1).cloned().unwrap_or_default();
            match cells.first().map(|k| fold(k)).as_deref() {
                Some("ma ngan hang") if source.bank.is_none() => header.slug = value,
                Some("ten ngan hang") if !value.is_empty() => header.title = value,
                Some("co gia tri den ngay") if !value.is_empty() => {
                    header.valid_as_of = Some(value)
                }
                Some(k) if k == fold(AMENDMENTS_KEY) => {
                    header.amendments_checked = tabular::groups_of(&value)
                }
                _ => {}
            }
        }
    }
    tabular::parse_rows(source, header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(name: &str, data: &[u8]) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(data).unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_zip_bomb_is_refused_before_calamine_sees_it() {
        let bomb = zip_of("xl/worksheets/sheet1.xml", &vec![b'a'; 60 * 1024 * 1024]);
        let err = parse(
            &Source {
                file: "bom.xlsx",
                bank: None,
            },
            &bomb,
        )
        .unwrap_err();
        assert!(err.message.contains("50 MB"), "{err}");
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_refused() {
        let err = parse(
            &Source {
                file: "x.xlsx",
                bank: None,
            },
            &zip_of("a.txt", b"xin chao"),
        )
        .unwrap_err();
        assert!(err.message.contains("Excel"), "{err}");
        let err = parse(
            &Source {
                file: "x.xlsx",
                bank: None,
            },
            b"not a zip",
        )
        .unwrap_err();
        assert!(err.message.contains("Excel"), "{err}");
    }
}
