//! The staff roster's rules: finding the columns by their Vietnamese headers (diacritics and case ignored) and
//! checking each row of cells (read from the CSV or XLSX file by `crate::spreadsheet`). Row numbers are the
//! spreadsheet's own (the header is row 1), so an organiser can find the row the report names.
use super::text::{clean, fold};

/// One checked row, ready to be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRow {
    pub row: usize,
    pub login: String,
    pub full_name: String,
    pub unit_code: String,
    pub position: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub cccd: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rejected {
    pub row: usize,
    pub reason: String,
}

/// The headers of the template, in order.
pub const HEADERS: [&str; 7] = [
    "Mã cán bộ",
    "Họ và tên",
    "Mã đơn vị",
    "Chức vụ",
    "Email",
    "Số điện thoại",
    "CCCD",
];

#[derive(Clone, Copy)]
enum Col {
    Login,
    Name,
    Unit,
    Position,
    Email,
    Phone,
    Cccd,
}

fn column_of(header: &str) -> Option<Col> {
    match fold(header).as_str() {
        "ma can bo" | "login" | "ten dang nhap" | "ma can bo (login)" => Some(Col::Login),
        "ho va ten" | "ho ten" => Some(Col::Name),
        "ma don vi" => Some(Col::Unit),
        "chuc vu" => Some(Col::Position),
        "email" | "thu dien tu" => Some(Col::Email),
        "so dien thoai" | "dien thoai" | "sdt" => Some(Col::Phone),
        "cccd" | "so cccd" | "can cuoc cong dan" => Some(Col::Cccd),
        _ => None,
    }
}

/// Checks every row; the good ones and the reasons for the others, in file order.
pub fn parse(cells: &[Vec<String>]) -> Result<(Vec<StaffRow>, Vec<Rejected>), String> {
    let header = cells.first().ok_or("Tệp không có dữ liệu.")?;
    let columns: Vec<Option<Col>> = header.iter().map(|h| column_of(h)).collect();
    for (needed, label) in [(0, "Mã cán bộ"), (1, "Họ và tên"), (2, "Mã đơn vị")] {
        if !columns.iter().flatten().any(|c| *c as usize == needed) {
            return Err(format!("Thiếu cột \"{label}\" ở dòng tiêu đề."));
        }
    }
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    for (i, cells) in cells.iter().enumerate().skip(1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match check_row(i + 1, &columns, cells) {
            Ok(row) => good.push(row),
            Err(reason) => bad.push(Rejected { row: i + 1, reason }),
        }
    }
    Ok((good, bad))
}

fn check_row(row: usize, columns: &[Option<Col>], cells: &[String]) -> Result<StaffRow, String> {
    let mut out = StaffRow {
        row,
        login: String::new(),
        full_name: String::new(),
        unit_code: String::new(),
        position: None,
        email: None,
        phone: None,
        cccd: None,
    };
    for (col, value) in columns.iter().zip(cells) {
        let value = clean(value);
        let present = (!value.is_empty()).then(|| value.clone());
        match col {
            Some(Col::Login) => out.login = normalise_login(&value),
            Some(Col::Name) => out.full_name = value,
            Some(Col::Unit) => out.unit_code = value.to_uppercase(),
            Some(Col::Position) => out.position = present,
            Some(Col::Email) => out.email = present.map(|e| check_email(&e)).transpose()?,
            Some(Col::Phone) => out.phone = present.map(|p| check_phone(&p)).transpose()?,
            Some(Col::Cccd) => out.cccd = present.map(|c| check_cccd(&c)).transpose()?,
            None => {}
        }
    }
    if out.login.is_empty() {
        return Err("Thiếu mã cán bộ (tên đăng nhập).".into());
    }
    if out.login.chars().count() > 100 || out.login.contains(char::is_whitespace) {
        return Err("Mã cán bộ không được có khoảng trắng và tối đa 100 ký tự.".into());
    }
    if out.full_name.is_empty() || out.full_name.chars().count() > 200 {
        return Err("Thiếu họ và tên (hoặc dài quá 200 ký tự).".into());
    }
    if out.unit_code.is_empty() {
        return Err("Thiếu mã đơn vị.".into());
    }
    Ok(out)
}

/// Logins are kept trimmed and lower-case.
pub fn normalise_login(s: &str) -> String {
    s.trim().to_lowercase()
}

/// A Vietnamese mobile number: 10 digits starting with 0. Spaces, dots and dashes are dropped, +84 becomes 0,
/// and a spreadsheet that stored the number as a number (dropping the leading 0) is forgiven.
pub fn check_phone(s: &str) -> Result<String, String> {
    let digits: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-'))
        .collect();
    let digits = match digits.strip_prefix("+84") {
        Some(rest) => format!("0{rest}"),
        None => digits,
    };
    let digits = if digits.len() == 9 && !digits.starts_with('0') {
        format!("0{digits}")
    } else {
        digits
    };
    let ok =
        digits.len() == 10 && digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit());
    ok.then_some(digits).ok_or_else(|| {
        format!("Số điện thoại \"{s}\" không hợp lệ (cần 10 chữ số, bắt đầu bằng 0).")
    })
}

/// A citizen ID: 12 digits. Every CCCD starts with a province code 001-096, so a spreadsheet that stored it as a
/// number dropped one or two leading zeros: 10 or 11 digits are padded back.
pub fn check_cccd(s: &str) -> Result<String, String> {
    let digits: String = s.chars().filter(|c| *c != ' ').collect();
    let digits = if digits.len() == 10 || digits.len() == 11 {
        format!("{digits:0>12}")
    } else {
        digits
    };
    (digits.len() == 12 && digits.chars().all(|c| c.is_ascii_digit()))
        .then_some(digits)
        .ok_or_else(|| format!("Số CCCD \"{s}\" không hợp lệ (cần đúng 12 chữ số)."))
}

/// Basic e-mail syntax: one @, something before it, a dot in the domain, no spaces.
pub fn check_email(s: &str) -> Result<String, String> {
    let e = s.trim().to_lowercase();
    let ok = match e.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !e.contains(char::is_whitespace)
        }
        None => false,
    };
    ok.then_some(e)
        .ok_or_else(|| format!("Email \"{s}\" không hợp lệ."))
}

/// The downloadable CSV template (with a BOM so that Excel opens it as UTF-8).
pub fn csv_template() -> String {
    format!(
        "\u{feff}{}\nTTT001,Nguyễn Văn An,TTT,Chánh Thanh tra,an.nv@example.gov.vn,0912345678,001089012345\n",
        HEADERS.join(",")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
            .collect()
    }

    #[test]
    fn headers_are_found_whatever_their_accents_or_order() {
        let file = cells(&[
            &["HO VA TEN", "ma can bo", "Mã Đơn Vị"],
            &["Trần Thị Bình", "TT01 ", "ttt"],
        ]);
        let (good, bad) = parse(&file).unwrap();
        assert!(bad.is_empty());
        assert_eq!(good[0].login, "tt01");
        assert_eq!(good[0].full_name, "Trần Thị Bình");
        assert_eq!(good[0].unit_code, "TTT");
    }

    #[test]
    fn a_bad_row_is_reported_with_its_spreadsheet_row_number() {
        let file = cells(&[
            &["Mã cán bộ", "Họ và tên", "Mã đơn vị", "Số điện thoại"],
            &["a1", "An", "TTT", "0912345678"],
            &["a2", "Bình", "TTT", "12345"],
        ]);
        let (good, bad) = parse(&file).unwrap();
        assert_eq!(good.len(), 1);
        assert_eq!(bad[0].row, 3);
        assert!(bad[0].reason.contains("Số điện thoại"));
    }

    #[test]
    fn a_file_without_the_login_column_is_refused_as_a_whole() {
        assert!(parse(&cells(&[&["Họ và tên", "Mã đơn vị"], &["An", "TTT"]])).is_err());
        assert!(parse(&[]).is_err());
    }

    #[test]
    fn phones_and_ids_are_normalised_or_refused() {
        assert_eq!(check_phone("091 234 5678").unwrap(), "0912345678");
        assert_eq!(check_phone("+84912345678").unwrap(), "0912345678");
        assert_eq!(check_phone("912345678").unwrap(), "0912345678");
        assert!(check_phone("0912").is_err());
        assert_eq!(check_cccd("01089012345").unwrap(), "001089012345");
        assert!(check_cccd("12345").is_err());
        assert!(check_email("a@b").is_err());
        assert_eq!(check_email(" An@X.vn ").unwrap(), "an@x.vn");
    }

    #[test]
    fn numbers_a_spreadsheet_stored_without_their_leading_zeros_are_forgiven() {
        let mut row = [""; 7];
        row[..3].copy_from_slice(&["TT009", "Võ Thị Hạnh", "ttt"]);
        row[5..].copy_from_slice(&["912345678", "1089012345"]);
        let (good, bad) = parse(&cells(&[&HEADERS[..], &row[..]])).unwrap();
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(good[0].phone.as_deref(), Some("0912345678"));
        assert_eq!(good[0].cccd.as_deref(), Some("001089012345"));
        assert_eq!(good[0].login, "tt009");
    }
}
