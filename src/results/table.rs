//! A plain table (Vietnamese headers, typed cells) that both the XLSX and the CSV writers consume, so each
//! export format carries exactly the same figures. Dates are Vietnam wall-clock times written the ISO 8601 way
//! (`2026-12-01 11:55:43`), which no spreadsheet reads day-for-month whatever its locale.
use crate::time::Timestamp;
use chrono_tz::Asia::Ho_Chi_Minh;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// An average or an index: shown with two decimals.
    Float(f64),
    /// A share 0..1, shown as a percentage to 0.1%.
    Percent(f64),
    Date(Timestamp),
    /// Milliseconds, shown as minutes and seconds.
    Duration(i64),
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
    /// Headers of the columns holding long text (names, question texts): wrapped in a fixed width in XLSX.
    pub wrapped: &'static [&'static str],
    pub rows: Vec<Vec<Cell>>,
}

/// `2026-12-01 11:55:43`: the Vietnam wall-clock time, ISO 8601 order.
pub fn iso_vn(t: Timestamp) -> String {
    t.with_timezone(&Ho_Chi_Minh)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// UTF-8 with a byte-order mark so that Excel reads the Vietnamese text correctly. The first line is the header
/// row: a title line above it would break every tool that reads the file as a table.
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
        Cell::Float(x) => format!("{x:.2}"),
        Cell::Percent(x) => format!("{:.1}%", x * 100.0),
        Cell::Date(t) => iso_vn(*t),
        Cell::Duration(ms) => clock_duration(*ms),
        Cell::Empty => String::new(),
    }
}

/// `0:12:05.345`: hours, minutes, seconds and milliseconds, which a spreadsheet reads as a duration and which
/// keeps the millisecond that breaks ranking ties.
fn clock_duration(ms: i64) -> String {
    let ms = ms.max(0);
    let (secs, milli) = (ms / 1000, ms % 1000);
    format!(
        "{}:{:02}:{:02}.{milli:03}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
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
            headers: vec![
                "Họ và tên",
                "Điểm",
                "Nộp lúc",
                "Tỷ lệ",
                "Trung bình",
                "Thời gian",
            ],
            wrapped: &["Họ và tên"],
            rows: vec![vec![
                "Nguyễn Văn An".into(),
                int(9),
                Cell::Date(Utc.with_ymd_and_hms(2026, 11, 27, 1, 2, 3).unwrap()),
                Cell::Percent(3.0 / 7.0),
                Cell::Float(3.0 / 7.0),
                Cell::Duration(725_345),
            ]],
        }
    }

    #[test]
    fn csv_starts_with_a_bom_and_shows_iso_vietnam_time_and_rounded_numbers() {
        let bytes = to_csv(&sample()).unwrap();
        assert!(bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            text.contains("Nguyễn Văn An,9,2026-11-27 08:02:03,42.9%,0.43,0:12:05.345"),
            "{text}"
        );
    }

    #[test]
    fn durations_read_as_clock_times() {
        assert_eq!(clock_duration(0), "0:00:00.000");
        assert_eq!(clock_duration(3_723_004), "1:02:03.004");
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
}
