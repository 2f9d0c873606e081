//! Self-registration page (`/dang-ky`), shown only when the contest allows it.
use crate::store::units::UnitView;
use crate::web::components::notice;
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn render(open: bool, units: &[UnitView], error: Option<&str>) -> Markup {
    Page::new("Đăng ký tài khoản").render(html! {
        section.card {
            h1 { "Đăng ký tài khoản dự thi" }
            @if !open {
                (notice("info", "Cuộc thi không mở đăng ký. Tài khoản do Ban Tổ chức cấp; vui lòng liên hệ Ban Tổ chức."))
            } @else {
                @if let Some(e) = error { (notice("error", e)) }
                form method="post" action="/dang-ky" {
                    label for="full_name" { "Họ và tên" }
                    input #full_name type="text" name="full_name" autocomplete="name" required;
                    label for="unit_id" { "Đơn vị" }
                    select #unit_id name="unit_id" required {
                        option value="" { "— Chọn đơn vị —" }
                        @for (depth, u) in super::admin_units::in_tree(units) {
                            @if !u.retired { option value=(u.id) { ("— ".repeat(depth)) (u.name) } }
                        }
                    }
                    label for="phone" { "Số điện thoại di động (dùng để đăng nhập)" }
                    input #phone type="tel" name="phone" autocomplete="tel" inputmode="numeric" required;
                    label for="cccd" { "Số CCCD (12 chữ số)" }
                    input #cccd type="text" name="cccd" inputmode="numeric" maxlength="12" required;
                    label for="password" { "Mật khẩu (ít nhất 8 ký tự)" }
                    input #password type="password" name="password" autocomplete="new-password" minlength="8" required;
                    p { button type="submit" { "Đăng ký" } }
                }
            }
        }
    })
}
