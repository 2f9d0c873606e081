//! Login slips as a cut-out sheet: each slip carries the contest, the person, their login and new password, the
//! site address and a QR code of it (`/ma-qr.svg`). On paper the sheet prints alone, two columns by four rows
//! per A4 page, ready to cut along the dashed lines. The same slips come as a workbook, built into the page itself
//! (a `data:` link): the passwords exist nowhere else, since only their hashes are stored.
use crate::domain::CONTEST_TITLE;
use crate::results::table::{Cell, Table, int};
use crate::results::workbook::{Heading, to_xlsx};
use crate::store::people::roster::Slip;
use crate::time::Timestamp;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use maud::{Markup, html};
use qrcode::QrCode;
use qrcode::render::svg;

/// The body class of a page whose printout is its slip sheet only.
pub const PRINT_SLIPS: &str = "print-slips";

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A QR code of `url` as an SVG image, or `None` when the address is too long for one.
pub fn qr_svg(url: &str) -> Option<String> {
    let code = QrCode::new(url.as_bytes()).ok()?;
    Some(
        code.render::<svg::Color>()
            .min_dimensions(160, 160)
            .quiet_zone(true)
            .build(),
    )
}

/// The slips of `slips`, for the site at `site` (its public address). A page that shows it puts it directly in
/// `main` and uses the [`PRINT_SLIPS`] body class.
pub fn sheet(site: &str, slips: &[Slip]) -> Markup {
    html! {
        div.slip-sheet {
            @for s in slips {
                article.slip {
                    p.slip-contest { (CONTEST_TITLE) }
                    div.slip-body {
                        div.slip-text {
                            p.slip-name { (s.full_name) }
                            @if !s.unit.is_empty() { p.slip-unit { (s.unit) } }
                            dl.slip-login {
                                dt { "Tên đăng nhập" } dd { code { (s.login) } }
                                dt { "Mật khẩu" } dd { code { (s.password) } }
                            }
                            p.slip-site { "Địa chỉ: " strong { (site) } }
                        }
                        img.slip-qr src="/ma-qr.svg" alt={ "Mã QR dẫn tới " (site) } width="96" height="96";
                    }
                    p.slip-hint { "Đăng nhập, rồi đổi mật khẩu ở mục Tài khoản." }
                }
            }
        }
    }
}

/// The print button and the workbook of the same slips, above a sheet; not printed.
pub fn actions(
    site: &str,
    slips: &[Slip],
    file_stem: &str,
    subject: &str,
    now: Timestamp,
) -> Markup {
    let encoded = match workbook(site, slips, subject, now) {
        Ok(bytes) => Some(STANDARD.encode(bytes)),
        Err(e) => {
            // The printout still works; the reason goes to the log.
            tracing::error!(error = %e, "login slips workbook");
            None
        }
    };
    html! {
        p.slip-actions {
            button.print-button type="button" data-print { "In phiếu (8 phiếu/trang A4)" }
            @if let Some(encoded) = encoded {
                " "
                a.button.secondary download={ (file_stem) ".xlsx" }
                    href={ "data:" (XLSX_TYPE) ";base64," (encoded) } {
                    "Tải tệp Excel (tên đăng nhập và mật khẩu)"
                }
            }
        }
    }
}

/// One row per slip, under a title block naming the contest, the unit and the site.
fn workbook(site: &str, slips: &[Slip], subject: &str, now: Timestamp) -> anyhow::Result<Vec<u8>> {
    let heading = Heading {
        contest: CONTEST_TITLE.to_owned(),
        subject: subject.to_owned(),
        exported_at: now,
        notes: vec![
            format!("Địa chỉ đăng nhập: {site}"),
            "Mật khẩu chỉ có trong tệp này và trên phiếu in: hãy giao tận tay từng người."
                .to_owned(),
        ],
    };
    let table = Table {
        name: "Phiếu đăng nhập",
        slug: "phieu-dang-nhap",
        headers: vec!["STT", "Họ và tên", "Đơn vị", "Tên đăng nhập", "Mật khẩu"],
        wrapped: &["Họ và tên", "Đơn vị"],
        rows: slips
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    int(i as i64 + 1),
                    Cell::from(s.full_name.as_str()),
                    Cell::from(s.unit.as_str()),
                    Cell::from(s.login.as_str()),
                    Cell::from(s.password.as_str()),
                ]
            })
            .collect(),
    };
    to_xlsx(&heading, &[table])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_an_svg_of_the_address() {
        let svg = qr_svg("https://thi.thanhtra.example.gov.vn").expect("a QR code");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("<path"), "dark modules are drawn");
    }

    #[test]
    fn an_address_too_long_for_a_qr_code_gives_none() {
        assert!(qr_svg(&"a".repeat(8000)).is_none());
    }
}
