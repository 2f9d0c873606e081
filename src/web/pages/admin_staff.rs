//! Organiser pages for people: the staff list with its search and a reset-password slip; one
//! person's page is in `person`.
pub mod person;

use crate::auth::AuthUser;
use crate::store::people::accounts::StaffView;
use crate::store::people::roster::Slip;
use crate::store::units::UnitView;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use crate::web::slips::{self, PRINT_SLIPS};
use chrono::Utc;
use maud::{Markup, html};
use std::collections::HashMap;

pub struct StaffList<'a> {
    pub q: &'a str,
    pub unit: Option<i64>,
    pub units: &'a [UnitView],
    pub staff: &'a [StaffView],
}

pub fn list(user: &AuthUser, csrf: &str, data: &StaffList) -> Markup {
    let names: HashMap<i64, &str> = data.units.iter().map(|u| (u.id, u.name.as_str())).collect();
    Page::new("Cán bộ").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Cán bộ" }
        section.card {
            form method="get" action="/quan-tri/can-bo" {
                label for="q" { "Tìm theo họ tên hoặc tên đăng nhập (gõ có dấu hay không dấu đều được)" }
                input #q type="search" name="q" value=(data.q);
                label for="unit" { "Đơn vị" }
                select #unit name="unit" {
                    option value="" { "Tất cả đơn vị" }
                    @for (depth, u) in super::admin_units::in_tree(data.units) {
                        option value=(u.id) selected[data.unit == Some(u.id)] { ("— ".repeat(depth)) (u.name) }
                    }
                }
                p { button type="submit" { "Tìm" } " " a href="/quan-tri/nhap-danh-sach" { "Nhập danh sách" } }
            }
        }
        section.card {
            p { "Tìm thấy " strong { (data.staff.len()) } " người (sắp xếp theo tên)." }
            div.table-wrap { table.data.cards {
                thead { tr { th { "Họ và tên" } th { "Tên đăng nhập" } th { "Đơn vị" } th { "Chức vụ" } th { "Điện thoại" } th { "CCCD" } th { "Vai trò" } th { "" } } }
                tbody {
                    @for s in data.staff {
                        tr {
                            td {
                                a href=(person::person_path(s.id)) { (s.full_name) }
                                @if !s.active { " " span.badge { "Đã khoá" } }
                                @match s.registration.as_deref() {
                                    Some("pending") => { " " span.badge { "Tự đăng ký, chờ duyệt" } },
                                    Some("duplicate") => { " " span.badge { "Đăng ký trùng CCCD/điện thoại" } },
                                    _ => {},
                                }
                                br;
                                a href=(person::person_path(s.id)) aria-label={ "Sửa " (s.full_name) } { "Sửa" }
                            }
                            td data-label="Tên đăng nhập" { code { (s.login) } }
                            td data-label="Đơn vị" { (s.unit_id.and_then(|u| names.get(&u).copied()).unwrap_or("—")) }
                            td data-label="Chức vụ" { (s.position.as_deref().unwrap_or("")) }
                            td data-label="Điện thoại" { (s.phone.as_deref().unwrap_or("")) }
                            td data-label="CCCD" { (s.cccd.as_deref().unwrap_or("")) }
                            td data-label="Vai trò" { (s.role.label_vi()) }
                            td.actions {
                                a.button.secondary href={ "/quan-tri/can-bo/" (s.id) "/cap-lai-mat-khau" } { "Cấp lại mật khẩu" }
                                @if s.registration.as_deref() == Some("pending") {
                                    form.inline method="post" action={ "/quan-tri/can-bo/" (s.id) "/duyet" } {
                                        (csrf_field(csrf))
                                        button type="submit" { "Duyệt đăng ký" }
                                    }
                                }
                            }
                        }
                    }
                }
            } }
        }
    })
}

/// Asks before a new password replaces the old one: the person can no longer log in with theirs, and every session
/// they have open ends.
pub fn confirm_reset(
    user: &AuthUser,
    csrf: &str,
    person: &StaffView,
    unit: Option<&str>,
) -> Markup {
    Page::new("Cấp lại mật khẩu").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Cấp lại mật khẩu?" }
        section.card {
            p { strong { (person.full_name) } " · mã " code { (person.login) } @if let Some(u) = unit { " · " (u) } }
            (notice("warn", "Mật khẩu hiện tại của người này sẽ không dùng được nữa và mọi phiên đăng nhập của họ sẽ kết thúc. Mật khẩu mới chỉ hiện một lần trên phiếu ở trang sau."))
            form method="post" action={ "/quan-tri/can-bo/" (person.id) "/cap-lai-mat-khau" } {
                (csrf_field(csrf))
                button type="submit" { "Cấp lại mật khẩu" }
                " "
                a.button.secondary href="/quan-tri/can-bo" { "Huỷ" }
            }
        }
    })
}

pub fn slip(user: &AuthUser, csrf: &str, site: &str, slip: &Slip) -> Markup {
    let one = std::slice::from_ref(slip);
    Page::new("Mật khẩu mới")
        .user(Some(user))
        .csrf(csrf)
        .scripts(&["print.js"])
        .body_class(PRINT_SLIPS)
        .render(html! {
            h1 { "Mật khẩu mới" }
            (notice("warn", "Mật khẩu chỉ hiện một lần. Hãy in phiếu hoặc chuyển trực tiếp cho người dùng."))
            (slips::actions(site, one, &format!("phieu-dang-nhap-{}", slip.login), &format!("Phiếu đăng nhập của {}", slip.full_name), Utc::now()))
            (slips::sheet(site, one))
            p { a href="/quan-tri/can-bo" { "Quay lại danh sách cán bộ" } }
        })
}
