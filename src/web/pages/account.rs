//! Login, account (password change) and one-time link (first organiser, set password) pages.
use crate::auth::AuthUser;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use maud::{Markup, html};

/// The login form; `next`: the page (a checked same-site path) to return to once logged in.
pub fn login(error: Option<&str>, next: Option<&str>) -> Markup {
    Page::new("Đăng nhập").render(html! {
        section.card {
            h1 { "Đăng nhập" }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action="/dang-nhap" {
                @if let Some(next) = next { input type="hidden" name="next" value=(next); }
                label for="login" { "Tên đăng nhập (mã cán bộ hoặc email)" }
                input #login type="text" name="login" autocomplete="username" required autofocus;
                label for="password" { "Mật khẩu" }
                input #password type="password" name="password" autocomplete="current-password" required;
                p { button type="submit" { "Đăng nhập" } }
            }
            p.muted { "Quên mật khẩu? Vui lòng liên hệ Ban Tổ chức để được cấp lại." }
        }
    })
}

pub fn account(user: &AuthUser, csrf: &str, message: Option<(&str, &str)>) -> Markup {
    Page::new("Tài khoản").user(Some(user)).csrf(csrf).render(html! {
        section.card {
            h1 { "Tài khoản" }
            p { "Họ và tên: " strong { (user.full_name) } }
            p { "Tên đăng nhập: " strong { (user.login) } " · Vai trò: " (user.role.label_vi()) }
        }
        section.card {
            h2 { "Đổi mật khẩu" }
            @if let Some((kind, text)) = message { (notice(kind, text)) }
            form method="post" action="/tai-khoan/mat-khau" {
                (csrf_field(csrf))
                label for="current" { "Mật khẩu hiện tại" }
                input #current type="password" name="current_password" autocomplete="current-password" required;
                label for="new" { "Mật khẩu mới (ít nhất 8 ký tự)" }
                input #new type="password" name="new_password" autocomplete="new-password" minlength="8" required;
                p { button type="submit" { "Đổi mật khẩu" } }
            }
        }
    })
}

/// The one-time link page: `first_organiser` asks for a login and name too.
pub fn one_time(token: &str, first_organiser: bool, error: Option<&str>) -> Markup {
    let title = if first_organiser {
        "Tạo tài khoản Ban Tổ chức đầu tiên"
    } else {
        "Đặt mật khẩu"
    };
    Page::new(title).render(html! {
        section.card {
            h1 { (title) }
            @if let Some(e) = error { (notice("error", e)) }
            form method="post" action={ "/khoi-tao/" (token) } {
                @if first_organiser {
                    label for="login" { "Tên đăng nhập" }
                    input #login type="text" name="login" autocomplete="username" required;
                    label for="full_name" { "Họ và tên" }
                    input #full_name type="text" name="full_name" autocomplete="name" required;
                }
                label for="password" { "Mật khẩu (ít nhất 8 ký tự)" }
                input #password type="password" name="password" autocomplete="new-password" minlength="8" required;
                p { button type="submit" { "Lưu" } }
            }
        }
    })
}
