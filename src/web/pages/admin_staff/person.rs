//! One person of the staff list (`/quan-tri/can-bo/{id}`): their details, the form that changes them, and the page
//! that asks before their account is locked or unlocked.
use crate::auth::AuthUser;
use crate::domain::Role;
use crate::error::FieldErrors;
use crate::store::people::accounts::StaffView;
use crate::store::units::UnitView;
use crate::web::components::{csrf_field, field_errors, notice};
use crate::web::layout::Page;
use maud::{Markup, html};
use serde::Deserialize;

/// The edit form as typed: a refused form is shown again with exactly these values.
#[derive(Debug, Default, Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    pub csrf: String,
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub unit_id: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub role: String,
}

impl PersonForm {
    /// The form filled with the person's current details.
    pub fn of(p: &StaffView) -> Self {
        PersonForm {
            csrf: String::new(),
            full_name: p.full_name.clone(),
            unit_id: p.unit_id.map(|u| u.to_string()).unwrap_or_default(),
            position: p.position.clone().unwrap_or_default(),
            email: p.email.clone().unwrap_or_default(),
            phone: p.phone.clone().unwrap_or_default(),
            role: p.role.as_str().to_owned(),
        }
    }
}

pub struct PersonPage<'a> {
    pub person: &'a StaffView,
    pub units: &'a [UnitView],
    pub form: &'a PersonForm,
    pub errors: Option<&'a FieldErrors>,
    /// A line above the form: `("ok", "Đã lưu thay đổi.")` after a save, `("error", ...)` after a refusal.
    pub notice: Option<(&'a str, &'a str)>,
}

pub fn person_path(id: i64) -> String {
    format!("/quan-tri/can-bo/{id}")
}

pub fn page(user: &AuthUser, csrf: &str, data: &PersonPage) -> Markup {
    let p = data.person;
    let unit_name = unit_name(data.units, p.unit_id);
    Page::new(&p.full_name).user(Some(user)).csrf(csrf).render(html! {
        p { a href="/quan-tri/can-bo" { "« Danh sách cán bộ" } }
        h1 { (p.full_name) }
        @if let Some((kind, text)) = data.notice { (notice(kind, text)) }
        @if data.errors.is_some() { (notice("error", "Chưa lưu được: vui lòng sửa các ô được đánh dấu bên dưới.")) }
        section.card {
            h2 { "Thông tin tài khoản" }
            div.table-wrap { table.data { tbody {
                tr { th { "Tên đăng nhập" } td { code { (p.login) } } }
                tr { th { "Đơn vị" } td { (unit_name.unwrap_or("—")) } }
                tr { th { "Vai trò" } td { (p.role.label_vi()) } }
                tr { th { "Trạng thái" } td {
                    @if p.active { "Đang hoạt động" } @else { span.badge { "Đã khoá" } " Không đăng nhập được" }
                } }
                @if let Some(cccd) = &p.cccd { tr { th { "CCCD" } td { (cccd) } } }
            } } }
            p {
                a.button.secondary href={ (person_path(p.id)) "/cap-lai-mat-khau" } { "Cấp lại mật khẩu" }
                " "
                @if p.active {
                    @if p.id != user.id { a.button.secondary href={ (person_path(p.id)) "/khoa" } { "Khoá tài khoản" } }
                } @else {
                    a.button.secondary href={ (person_path(p.id)) "/mo-khoa" } { "Mở khoá" }
                }
            }
        }
        (edit_form(csrf, data))
    })
}

fn edit_form(csrf: &str, data: &PersonPage) -> Markup {
    let (f, errors) = (data.form, data.errors);
    let has_unit = !f.unit_id.is_empty();
    html! {
        form.card method="post" action=(person_path(data.person.id)) novalidate {
            h2 { "Sửa thông tin" }
            (csrf_field(csrf))
            (text_field("full_name", "Họ và tên", "text", &f.full_name, errors))
            label for="unit_id" { "Đơn vị" }
            select #unit_id name="unit_id" {
                @if !has_unit { option value="" selected { "— Chưa thuộc đơn vị nào —" } }
                @for (depth, u) in crate::web::pages::admin_units::in_tree(data.units) {
                    option value=(u.id) selected[f.unit_id == u.id.to_string()] {
                        ("— ".repeat(depth)) (u.name) @if u.retired { " (ngừng hoạt động)" }
                    }
                }
            }
            (field_errors(errors, "unit_id"))
            (text_field("position", "Chức vụ", "text", &f.position, errors))
            (text_field("email", "Email", "email", &f.email, errors))
            (text_field("phone", "Số điện thoại", "tel", &f.phone, errors))
            label for="role" { "Vai trò" }
            select #role name="role" {
                @for role in [Role::Participant, Role::Judge, Role::Organiser] {
                    option value=(role.as_str()) selected[f.role == role.as_str()] { (role.label_vi()) }
                }
            }
            (field_errors(errors, "role"))
            p.muted { "Đổi vai trò sẽ đăng xuất người này khỏi mọi thiết bị; họ đăng nhập lại với quyền mới." }
            p { button type="submit" { "Lưu thay đổi" } }
        }
    }
}

fn text_field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: Option<&FieldErrors>,
) -> Markup {
    let invalid = errors.is_some_and(|e| e.contains_key(name));
    html! {
        label for=(name) { (label) }
        input id=(name) type=(kind) name=(name) value=(value) aria-invalid=[invalid.then_some("true")];
        (field_errors(errors, name))
    }
}

fn unit_name(units: &[UnitView], id: Option<i64>) -> Option<&str> {
    let id = id?;
    units.iter().find(|u| u.id == id).map(|u| u.name.as_str())
}

/// Asks before a person is locked out (`lock`) or let back in; `refusal` is why it could not be done.
pub fn confirm_active(
    user: &AuthUser,
    csrf: &str,
    person: &StaffView,
    lock: bool,
    refusal: Option<&str>,
) -> Markup {
    let (title, button, slug) = if lock {
        ("Khoá tài khoản?", "Khoá tài khoản", "khoa")
    } else {
        ("Mở khoá tài khoản?", "Mở khoá", "mo-khoa")
    };
    Page::new(title).user(Some(user)).csrf(csrf).render(html! {
        h1 { (title) }
        @if let Some(why) = refusal { (notice("error", why)) }
        section.card {
            p { strong { (person.full_name) } " · mã " code { (person.login) } }
            @if lock {
                (notice("warn", &format!("{} sẽ bị đăng xuất ngay và không đăng nhập được nữa, cho đến khi được mở khoá.", person.full_name)))
            } @else {
                (notice("info", &format!("{} sẽ đăng nhập lại được bằng mật khẩu hiện có của mình.", person.full_name)))
            }
            form method="post" action={ (person_path(person.id)) "/" (slug) } {
                (csrf_field(csrf))
                button type="submit" { (button) }
                " "
                a.button.secondary href=(person_path(person.id)) { "Huỷ" }
            }
        }
    })
}
