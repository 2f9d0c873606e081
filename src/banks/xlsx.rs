//! XLSX in the column template (see `tabular`). The archive is inspected before calamine opens it: more than
//! 50 MB once unzipped, or an absurd compression ratio, is refused as a zip bomb. An optional second sheet
//! "Ngân hàng" carries the bank's id, title and date, so that native -> XLSX -> native keeps every field.
use super::validate::BankHeader;
use super::{Parsed, Problem, Source, tabular};
use crate::domain::text::fold;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use std::io::{Cursor, Read};

pub const MAX_UNZIPPED: u64 = 50 * 1024 * 1024;
/// Real spreadsheets compress text about 5-20 times; far beyond that is a bomb.
const MAX_RATIO: u64 = 200;
pub const INFO_SHEET: &str = "Ngân hàng";
/// The row of the info sheet listing `amendments_checked`, comma-separated.
pub const AMENDMENTS_KEY: &str = "Đã đối chiếu luật sửa đổi";

pub fn parse(source: &Source<'_>, bytes: &[u8]) -> Result<Parsed, Problem> {
    let file = source.file;
    check_archive(bytes).map_err(|m| Problem::new(file, 0, m))?;
    let unreadable = |_| {
        Problem::new(
            file,
            0,
            "Không đọc được tệp Excel (.xlsx). Hãy lưu lại tệp bằng Excel.",
        )
    };
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let names = book.sheet_names();
    let first = names
        .iter()
        .find(|n| fold(n) != fold(INFO_SHEET))
        .ok_or_else(|| Problem::new(file, 0, "Tệp Excel không có trang tính câu hỏi."))?
        .clone();
    let rows = sheet_rows(&mut book, &first).map_err(unreadable)?;
    let mut header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    if let Some(info) = names.iter().find(|n| fold(n) == fold(INFO_SHEET)).cloned() {
        for (_, cells) in sheet_rows(&mut book, &info).map_err(unreadable)? {
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

fn sheet_rows<R: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<R>,
    name: &str,
) -> Result<Vec<(usize, Vec<String>)>, calamine::XlsxError> {
    let range = book.worksheet_range(name)?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect()))
        .collect())
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Refuses archives that would unzip to more than [`MAX_UNZIPPED`], whatever their headers claim.
pub fn check_archive(bytes: &[u8]) -> Result<(), String> {
    let not_xlsx = || "Tệp không phải tệp Excel (.xlsx) hợp lệ.".to_owned();
    let bomb = || {
        "Tệp Excel bị từ chối: dữ liệu giải nén quá lớn (trên 50 MB) hoặc bị nén bất thường."
            .to_owned()
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| not_xlsx())?;
        let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
        if size > 1024 * 1024 && size / compressed > MAX_RATIO {
            return Err(bomb());
        }
        // Count what really comes out: declared sizes can lie.
        let budget = MAX_UNZIPPED - total;
        let read = std::io::copy(&mut entry.take(budget + 1), &mut std::io::sink())
            .map_err(|_| not_xlsx())?;
        total += read;
        if total > MAX_UNZIPPED {
            return Err(bomb());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

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
