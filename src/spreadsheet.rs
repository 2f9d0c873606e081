//! The one reader of the spreadsheets people upload (question banks in `banks::csv`/`banks::xlsx`, the staff
//! roster): UTF-8 text with or without BOM, CSV with its delimiter sniffed from the first line, and XLSX cells
//! read only after the archive has been checked for a zip bomb. Rows carry the number a spreadsheet shows.
use crate::domain::text::fold;
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use std::io::{Cursor, Read};

/// A row as read: (1-based row or line number, cells).
pub type Row = (usize, Vec<String>);

/// The most an XLSX archive may unzip to.
pub const MAX_UNZIPPED: u64 = 50 * 1024 * 1024;
/// Real spreadsheets compress text about 5-20 times; far beyond that is a bomb.
const MAX_RATIO: u64 = 200;
/// What a person reads when an archive is refused as a zip bomb.
pub const BOMB: &str =
    "Tệp Excel bị từ chối: dữ liệu giải nén quá lớn (trên 50 MB) hoặc bị nén bất thường.";

/// Bytes that are not UTF-8, from the given 1-based line on.
#[derive(Debug, PartialEq, Eq)]
pub struct NotUtf8 {
    pub line: usize,
}

/// The text of a file saved as UTF-8, without its byte-order mark.
pub fn utf8_text(bytes: &[u8]) -> Result<&str, NotUtf8> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| NotUtf8 {
        line: bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1,
    })
}

/// `;` when the first line has more semicolons than commas (Excel's CSV in a Vietnamese locale), else `,`.
pub fn csv_delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or("");
    if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Every record of a CSV text, numbered by the line it starts on; rows may differ in length.
pub fn csv_rows(text: &str) -> Result<Vec<Row>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(csv_delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let line = record
            .position()
            .map_or(rows.len() + 1, |p| p.line() as usize);
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok(rows)
}

/// Why an XLSX file could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum XlsxError {
    /// Not a zip archive at all.
    NotZip,
    /// More than [`MAX_UNZIPPED`] once unzipped, or compressed beyond any real spreadsheet: see [`BOMB`].
    Bomb,
    /// A zip archive, but not a workbook calamine can read.
    Unreadable,
}

/// An XLSX workbook that has passed [`check_archive`].
pub struct Workbook<'a> {
    book: Xlsx<Cursor<&'a [u8]>>,
}

impl<'a> Workbook<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, XlsxError> {
        check_archive(bytes)?;
        let book = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| XlsxError::Unreadable)?;
        Ok(Workbook { book })
    }

    pub fn sheet_names(&self) -> Vec<String> {
        self.book.sheet_names()
    }

    /// The rows of one sheet, numbered as Excel shows them (a sheet whose data starts lower keeps its numbers).
    pub fn rows(&mut self, sheet: &str) -> Result<Vec<Row>, XlsxError> {
        let range = self
            .book
            .worksheet_range(sheet)
            .map_err(|_| XlsxError::Unreadable)?;
        let first_row = range.start().map_or(0, |(r, _)| r as usize);
        Ok(range
            .rows()
            .enumerate()
            .map(|(i, cells)| (first_row + i + 1, cells.iter().map(cell_text).collect()))
            .collect())
    }
}

/// A cell as text; whole numbers lose the ".0" a phone number or an ID stored as a number would get.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// Refuses archives that would unzip to more than [`MAX_UNZIPPED`], whatever their headers claim.
pub fn check_archive(bytes: &[u8]) -> Result<(), XlsxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| XlsxError::NotZip)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|_| XlsxError::NotZip)?;
        let (size, compressed) = (entry.size(), entry.compressed_size().max(1));
        if size > 1024 * 1024 && size / compressed > MAX_RATIO {
            return Err(XlsxError::Bomb);
        }
        // Count what really comes out: declared sizes can lie.
        let budget = MAX_UNZIPPED - total;
        let read = std::io::copy(&mut entry.take(budget + 1), &mut std::io::sink())
            .map_err(|_| XlsxError::NotZip)?;
        total += read;
        if total > MAX_UNZIPPED {
            return Err(XlsxError::Bomb);
        }
    }
    Ok(())
}

/// The cells of an uploaded table: the first sheet of an XLSX file (by its content or its name), else a UTF-8
/// CSV. `Err` is a Vietnamese message for the whole file.
pub fn cells(bytes: &[u8], file_name: &str) -> Result<Vec<Vec<String>>, String> {
    let rows = if bytes.starts_with(b"PK") || fold(file_name).ends_with(".xlsx") {
        first_sheet(bytes)?
    } else {
        let text =
            utf8_text(bytes).map_err(|_| "Tệp CSV phải được lưu với bảng mã UTF-8.".to_owned())?;
        csv_rows(text).map_err(|e| format!("Tệp CSV không đọc được: {e}"))?
    };
    Ok(rows.into_iter().map(|(_, cells)| cells).collect())
}

fn first_sheet(bytes: &[u8]) -> Result<Vec<Row>, String> {
    let unreadable = |e: XlsxError| match e {
        XlsxError::Bomb => BOMB.to_owned(),
        XlsxError::NotZip | XlsxError::Unreadable => {
            "Tệp Excel không đọc được (cần định dạng .xlsx).".to_owned()
        }
    };
    let mut book = Workbook::open(bytes).map_err(unreadable)?;
    let first = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or_else(|| unreadable(XlsxError::Unreadable))?;
    book.rows(&first).map_err(unreadable)
}

#[cfg(test)]
#[path = "spreadsheet_tests.rs"]
mod tests;
