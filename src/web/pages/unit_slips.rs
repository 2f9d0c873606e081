//! A unit's login slips: which of its people would get a new password (those who never logged in), and once
//! confirmed, their slips to print or download.
use crate::auth::AuthUser;
use crate::entities::users;
use crate::store::people::slips::UnitSlips;
use crate::store::units::UnitView;
use crate::time::Timestamp;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use crate::web::slips::{self, PRINT_SLIPS};
use maud::{Markup, html};

pub fn confirm(user: &AuthUser, csrf: &str, unit: &UnitView, people: &[users::Model]) -> Markup {
    let title = format!("Phiếu đăng nhập: {}", unit.name);
    Page::new(&title).user(Some(user)).csrf(csrf).render(html! {
        h1 { (title) }
        @if people.is_empty() {
            (notice("info", "Mọi cán bộ của đơn vị này đã đăng nhập ít nhất một lần: không có phiếu nào cần cấp lại. Ai quên mật khẩu thì cấp lại mật khẩu cho riêng người đó ở trang Cán bộ."))
        } @else {
            section.card {
                p { "Mật khẩu chỉ được lưu ở dạng mã hoá nên không in lại được phiếu cũ. "
                    "Hệ thống sẽ tạo mật khẩu mới cho " strong { (people.len()) " người chưa đăng nhập lần nào" }
                    "; phiếu cũ của họ không dùng được nữa. Người đã đăng nhập giữ nguyên mật khẩu." }
                ul.people { @for p in people { li { (p.full_name) " (" code { (p.login) } ")" } } }
                form method="post" action={ "/quan-tri/don-vi/" (unit.id) "/phieu" } {
                    (csrf_field(csrf))
                    p { button type="submit" { "Cấp phiếu mới cho " (people.len()) " người" }
                        " " a.button.secondary href="/quan-tri/don-vi" { "Huỷ" } }
                }
            }
        }
        p { a href="/quan-tri/don-vi" { "Quay lại danh sách đơn vị" } }
    })
}

pub fn issued(
    user: &AuthUser,
    csrf: &str,
    site: &str,
    issued: &UnitSlips,
    now: Timestamp,
) -> Markup {
    let title = format!("Phiếu đăng nhập: {}", issued.unit);
    let subject = format!("Phiếu đăng nhập của {}", issued.unit);
    let stem = format!("phieu-dang-nhap-don-vi-{}", issued.unit_id);
    Page::new(&title)
        .user(Some(user))
        .csrf(csrf)
        .scripts(&["print.js"])
        .body_class(PRINT_SLIPS)
        .render(html! {
            h1 { (title) }
            @if issued.slips.is_empty() {
                (notice("info", "Không có ai cần cấp phiếu mới: mọi người đã đăng nhập trong lúc chờ."))
            } @else {
                (notice("warn", &format!("Đã cấp mật khẩu mới cho {} người. Mật khẩu chỉ hiện một lần: hãy in phiếu hoặc tải tệp Excel trước khi rời trang.", issued.slips.len())))
                (slips::actions(site, &issued.slips, &stem, &subject, now))
                (slips::sheet(site, &issued.slips))
            }
            p { a href="/quan-tri/don-vi" { "Quay lại danh sách đơn vị" } }
        })
}
