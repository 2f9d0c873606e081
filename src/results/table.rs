//! A plain table (Vietnamese headers, typed cells) that both the XLSX and the CSV writers consume, so each
//! export format carries exactly the same figures. Dates are shown in Asia/Ho_Chi_Minh.
use crate::time::{Timestamp, vn_datetime_secs};
use anyhow::Context;
use chrono::{Datelike, Timelike};
use chrono_tz::Asia::Ho_Chi_Minh;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Float(f64),
    /// A share 0..1, shown as a percentage in XLSX.
    Percent(f64),
    Date(Timestamp),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_owned())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}

impl<T: Into<i64>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, |n| Cell::Int(n.into()))
    }
}

pub fn int(n: impl Into<i64>) -> Cell {
    Cell::Int(n.into())
}

pub fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "Có" } else { "Không" }.to_owned())
}

pub struct Table {
    /// Sheet name in the workbook.
    pub name: &'static str,
    /// File name stem for the CSV.
    pub slug: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

/// One sheet per table.
pub fn to_xlsx(tables: &[Table]) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm:ss");
    let percent = Format::new().set_num_format("0.00%");
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                write_cell(sheet, r as u32 + 1, c as u16, cell, &date, &percent)?;
            }
        }
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofit();
    }
    workbook.save_to_buffer().context("writing the workbook")
}

fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    date: &Format,
    percent: &Format,
) -> anyhow::Result<()> {
    match cell {
        Cell::Text(s) => sheet.write_string(row, col, s).map(|_| ())?,
        Cell::Int(n) => sheet.write_number(row, col, *n as f64).map(|_| ())?,
        Cell::Float(x) => sheet.write_number(row, col, *x).map(|_| ())?,
        Cell::Percent(x) => sheet
            .write_number_with_format(row, col, *x, percent)
            .map(|_| ())?,
        Cell::Date(t) => sheet
            .write_datetime_with_format(row, col, excel_datetime(*t)?, date)
            .map(|_| ())?,
        Cell::Empty => {}
    }
    Ok(())
}

/// The Vietnam wall-clock time as an Excel date (Excel dates carry no time zone).
pub fn excel_datetime(t: Timestamp) -> anyhow::Result<ExcelDateTime> {
    let local = t.with_timezone(&Ho_Chi_Minh);
    let date =
        ExcelDateTime::from_ymd(local.year() as u16, local.month() as u8, local.day() as u8)?;
    Ok(date.and_hms_milli(
        local.hour() as u16,
        local.minute() as u8,
        local.second() as u8,
        (local.nanosecond() / 1_000_000).min(999) as u16,
    )?)
}

/// UTF-8 with a byte-order mark so that Excel reads the Vietnamese text correctly.
pub fn to_csv(table: &Table) -> anyhow::Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(&table.headers)?;
        for row in &table.rows {
            writer.write_record(row.iter().map(csv_text))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

fn csv_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => neutralise_formula(s),
        Cell::Int(n) => n.to_string(),
        Cell::Float(x) | Cell::Percent(x) => x.to_string(),
        Cell::Date(t) => vn_datetime_secs(*t),
        Cell::Empty => String::new(),
    }
}

/// A text a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) gets a leading `'`, as OWASP recommends against CSV injection (review F6); a plain number written as
/// text (`-5`, `+84`) is left as it is, since a spreadsheet reads it as that number and nothing more.
fn neutralise_formula(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_number(s) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

fn is_plain_number(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    !body.is_empty()
        && body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.chars().filter(|c| *c == '.').count() <= 1
        && body.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn sample() -> Table {
        Table {
            name: "Bảng",
            slug: "bang",
            headers: vec!["Họ và tên", "Điểm", "Nộp lúc"],
            rows: vec![vec![
                "Nguyễn Văn An".into(),
                int(9),
                Cell::Date(Utc.with_ymd_and_hms(2026, 11, 27, 1, 2, 3).unwrap()),
            ]],
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_shows_vietnam_time() {
        let bytes = to_csv(&sample()).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("Nguyễn Văn An,9,27/11/2026 08:02:03"),
            "{text}"
        );
    }

    #[test]
    fn formula_text_is_neutralised_and_numbers_stay_numbers() {
        for risky in [
            "=1+1",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(1)",
            "\t=1",
            "\r=1",
            "-",
            "+",
        ] {
            assert_eq!(neutralise_formula(risky), format!("'{risky}"));
        }
        for safe in ["-5", "+84", "-2.5", "Nguyễn Văn An", "0912000111", " =x"] {
            assert_eq!(neutralise_formula(safe), safe);
        }
    }

    #[test]
    fn xlsx_dates_are_vietnam_wall_clock_times() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap();
        let expected = ExcelDateTime::from_ymd(2026, 11, 28)
            .unwrap()
            .and_hms(3, 0, 0)
            .unwrap();
        assert_eq!(excel_datetime(t).unwrap().to_excel(), expected.to_excel());
        assert!(!to_xlsx(&[sample()]).unwrap().is_empty());
    }
}
