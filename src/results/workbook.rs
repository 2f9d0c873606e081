//! The judges' workbook: one sheet per table, each under a title block (the contest, what the table covers,
//! when it was exported, any rule a reader needs), with a bold, filterable header row frozen below the block.
//! Durations are real spreadsheet durations (`[m]:ss`), averages show two decimals, rates 0.1%, dates are
//! Vietnam wall-clock times (Excel dates carry no time zone).
use super::table::{Cell, Table, iso_vn};
use crate::time::Timestamp;
use anyhow::Context;
use chrono::{Datelike, Timelike};
use chrono_tz::Asia::Ho_Chi_Minh;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

/// Width (in characters) of a wrapped long-text column.
const WRAPPED_WIDTH: f64 = 40.0;

const MS_PER_DAY: f64 = 86_400_000.0;

/// What the title block above every table says.
pub struct Heading {
    /// The contest's name.
    pub contest: String,
    /// What the tables cover: the round, or the whole contest.
    pub subject: String,
    pub exported_at: Timestamp,
    /// Further lines, e.g. how the overall ranking is decided.
    pub notes: Vec<String>,
}

impl Heading {
    fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            self.contest.clone(),
            self.subject.clone(),
            format!(
                "Thời điểm xuất: {} (giờ Việt Nam)",
                iso_vn(self.exported_at)
            ),
        ];
        lines.extend(self.notes.iter().cloned());
        lines
    }
}

struct Formats {
    title: Format,
    line: Format,
    header: Format,
    header_wrapped: Format,
    wrapped: Format,
    date: Format,
    percent: Format,
    decimal: Format,
    duration: Format,
}

impl Formats {
    fn new() -> Self {
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            line: Format::new().set_italic(),
            header: Format::new().set_bold().set_align(FormatAlign::Top),
            header_wrapped: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            wrapped: top.clone().set_text_wrap(),
            date: top.clone().set_num_format("yyyy-mm-dd hh:mm:ss"),
            percent: top.clone().set_num_format("0.0%"),
            decimal: top.clone().set_num_format("0.00"),
            duration: top.set_num_format("[m]:ss"),
        }
    }
}

/// One sheet per table.
pub fn to_xlsx(heading: &Heading, tables: &[Table]) -> anyhow::Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let lines = heading.lines();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(table.name)?;
        write_table(sheet, table, &lines, &formats)?;
    }
    workbook.save_to_buffer().context("writing the workbook")
}

fn write_table(
    sheet: &mut Worksheet,
    table: &Table,
    lines: &[String],
    formats: &Formats,
) -> anyhow::Result<()> {
    // The title lines, then an empty row, then the header row.
    let header_row = lines.len() as u32 + 1;
    let wrapped: Vec<bool> = table
        .headers
        .iter()
        .map(|h| table.wrapped.contains(h))
        .collect();
    for (c, h) in table.headers.iter().enumerate() {
        let format = if wrapped[c] {
            &formats.header_wrapped
        } else {
            &formats.header
        };
        sheet.write_string_with_format(header_row, c as u16, *h, format)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let at = (header_row + 1 + r as u32, c as u16);
            write_cell(sheet, at, cell, wrapped.get(c) == Some(&true), formats)?;
        }
    }
    // Fitted before the title block is written, so its long lines do not widen the first column.
    sheet.autofit();
    for c in (0..table.headers.len()).filter(|c| wrapped[*c]) {
        sheet.set_column_width(c as u16, WRAPPED_WIDTH)?;
    }
    for (r, line) in lines.iter().enumerate() {
        let format = if r == 0 {
            &formats.title
        } else {
            &formats.line
        };
        sheet.write_string_with_format(r as u32, 0, line, format)?;
    }
    let last_col = table.headers.len().saturating_sub(1) as u16;
    sheet.autofilter(
        header_row,
        0,
        header_row + table.rows.len() as u32,
        last_col,
    )?;
    sheet.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}

fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &Cell,
    wrap: bool,
    f: &Formats,
) -> anyhow::Result<()> {
    match cell {
        Cell::Text(s) if wrap => sheet.write_string_with_format(row, col, s, &f.wrapped),
        Cell::Text(s) => sheet.write_string(row, col, s),
        Cell::Int(n) => sheet.write_number(row, col, *n as f64),
        Cell::Float(x) => sheet.write_number_with_format(row, col, *x, &f.decimal),
        Cell::Percent(x) => sheet.write_number_with_format(row, col, *x, &f.percent),
        Cell::Duration(ms) => {
            sheet.write_number_with_format(row, col, *ms as f64 / MS_PER_DAY, &f.duration)
        }
        Cell::Date(t) => sheet.write_datetime_with_format(row, col, excel_datetime(*t)?, &f.date),
        Cell::Empty => return Ok(()),
    }?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn xlsx_dates_are_vietnam_wall_clock_times() {
        let t = Utc.with_ymd_and_hms(2026, 11, 27, 20, 0, 0).unwrap();
        let expected = ExcelDateTime::from_ymd(2026, 11, 28)
            .unwrap()
            .and_hms(3, 0, 0)
            .unwrap();
        assert_eq!(excel_datetime(t).unwrap().to_excel(), expected.to_excel());
    }

    #[test]
    fn the_title_block_names_the_contest_the_subject_and_the_export_time() {
        let heading = Heading {
            contest: "Cuộc thi".into(),
            subject: "Đợt thi: Đợt 1".into(),
            exported_at: Utc.with_ymd_and_hms(2026, 12, 1, 4, 55, 43).unwrap(),
            notes: vec!["Quy tắc".into()],
        };
        assert_eq!(
            heading.lines(),
            [
                "Cuộc thi",
                "Đợt thi: Đợt 1",
                "Thời điểm xuất: 2026-12-01 11:55:43 (giờ Việt Nam)",
                "Quy tắc"
            ]
        );
    }
}
