use super::*;
use crate::domain::roster;
use std::io::Write;

/// A real workbook (made by rust_xlsxwriter) whose first sheet's XML is padded with `pad` bytes of blanks.
fn padded_workbook(pad: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in roster::HEADERS.iter().enumerate() {
        sheet.write_string(0, col as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "TT009").unwrap();
    sheet.write_string(1, 1, "Võ Thị Hạnh").unwrap();
    sheet.write_string(1, 2, "ttt").unwrap();
    sheet.write_number(1, 5, 912345678.0).unwrap();
    sheet.write_number(1, 6, 1089012345.0).unwrap();
    let real = book.save_to_buffer().unwrap();
    let mut from = zip::ZipArchive::new(Cursor::new(real)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..from.len() {
        let mut entry = from.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), options).unwrap();
        match data.windows(12).position(|w| w == b"</worksheet>") {
            Some(end) if name.ends_with("sheet1.xml") => {
                out.write_all(&data[..end]).unwrap();
                for chunk in vec![b' '; pad].chunks(1024 * 1024) {
                    out.write_all(chunk).unwrap();
                }
                out.write_all(&data[end..]).unwrap();
            }
            _ => out.write_all(&data).unwrap(),
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_csv_with_bom_and_semicolons_reads_into_cells() {
    let file = "\u{feff}HO VA TEN;ma can bo;Mã Đơn Vị\nTrần Thị Bình;TT01 ;ttt\n";
    let cells = cells(file.as_bytes(), "ds.csv").unwrap();
    assert_eq!(cells[0], ["HO VA TEN", "ma can bo", "Mã Đơn Vị"]);
    assert_eq!(cells[1], ["Trần Thị Bình", "TT01 ", "ttt"]);
}

#[test]
fn csv_rows_are_numbered_by_the_line_they_start_on() {
    let rows = csv_rows("a,b\n\"x\ny\",z\nc,d\n").unwrap();
    let lines: Vec<usize> = rows.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [1, 2, 4]);
}

#[test]
fn text_that_is_not_utf8_names_its_line() {
    assert_eq!(utf8_text(b"ok\nCh\xe7"), Err(NotUtf8 { line: 2 }));
    assert_eq!(utf8_text(b"\xEF\xBB\xBFxin"), Ok("xin"));
    let err = cells(b"Ch\xe7", "ds.csv").unwrap_err();
    assert!(err.contains("UTF-8"), "{err}");
}

#[test]
fn an_xlsx_sheet_reads_like_a_csv_even_with_numbers_for_phones() {
    let cells = cells(&padded_workbook(0), "ds.xlsx").unwrap();
    let (good, bad) = roster::parse(&cells).unwrap();
    assert!(bad.is_empty(), "{bad:?}");
    assert_eq!(good[0].phone.as_deref(), Some("0912345678"));
    assert_eq!(good[0].cccd.as_deref(), Some("001089012345"));
}

#[test]
fn a_workbook_that_unzips_past_the_limit_is_refused_before_calamine_reads_it() {
    let bomb = padded_workbook(MAX_UNZIPPED as usize + 1024);
    assert!(bomb.len() < 1024 * 1024, "the bomb itself is small");
    assert_eq!(check_archive(&bomb), Err(XlsxError::Bomb));
    assert_eq!(cells(&bomb, "ds.xlsx").unwrap_err(), BOMB);
}

#[test]
fn a_file_named_xlsx_that_is_no_archive_is_refused_clearly() {
    let err = cells(b"Ma can bo,Ho va ten", "ds.xlsx").unwrap_err();
    assert!(err.contains("Excel"), "{err}");
}

#[test]
fn the_roster_template_reads_back_as_one_good_row() {
    let cells = cells(roster::csv_template().as_bytes(), "mau.csv").unwrap();
    let (good, bad) = roster::parse(&cells).unwrap();
    assert_eq!((good.len(), bad.len()), (1, 0));
}
