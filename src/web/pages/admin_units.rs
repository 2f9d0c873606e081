//! Organiser page for units: the tree, a form to add one, and a form to change one.
use crate::auth::AuthUser;
use crate::domain::units::tree_order;
use crate::store::units::UnitView;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use maud::{Markup, html};

/// Units in tree order with their depth.
pub fn in_tree(units: &[UnitView]) -> Vec<(usize, &UnitView)> {
    let pairs: Vec<(i64, Option<i64>)> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    tree_order(&pairs)
        .into_iter()
        .map(|(i, d)| (d, &units[i]))
        .collect()
}

fn parent_select(units: &[UnitView], selected: Option<i64>, except: Option<i64>) -> Markup {
    html! {
        select #parent_id name="parent_id" {
            option value="" selected[selected.is_none()] { "(Không có — đơn vị cấp cao nhất)" }
            @for (depth, u) in in_tree(units) {
                @if Some(u.id) != except {
                    option value=(u.id) selected[selected == Some(u.id)] { ("— ".repeat(depth)) (u.name) }
                }
            }
        }
    }
}

pub fn list(
    user: &AuthUser,
    csrf: &str,
    units: &[UnitView],
    message: Option<(&str, &str)>,
) -> Markup {
    let total: i64 = units
        .iter()
        .filter(|u| !u.retired)
        .map(|u| i64::from(u.headcount))
        .sum();
    Page::new("Đơn vị").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Đơn vị" }
        @if let Some((kind, text)) = message { (notice(kind, text)) }
        section.card {
            p { "Tổng số cán bộ (đơn vị đang hoạt động): " strong { (total) } }
            div.table-wrap { table.data.cards {
                thead { tr { th { "Mã" } th { "Tên đơn vị" } th.num { "Số cán bộ" } th.num { "Thứ tự" } th { "" } } }
                tbody {
                    @for (depth, u) in in_tree(units) {
                        tr {
                            td data-label="Mã" { code { (u.code) } }
                            td data-label="Tên đơn vị" { ("— ".repeat(depth)) (u.name) @if u.retired { " " span.badge { "Ngừng hoạt động" } } }
                            td.num data-label="Số cán bộ" { (u.headcount) }
                            td.num data-label="Thứ tự" { (u.display_order) }
                            td.actions {
                                a href={ "/quan-tri/don-vi/" (u.id) } { "Sửa" }
                                " · "
                                a href={ "/quan-tri/don-vi/" (u.id) "/phieu" } { "Phiếu đăng nhập" }
                            }
                        }
                    }
                }
            } }
        }
        section.card {
            h2 { "Thêm đơn vị" }
            form method="post" action="/quan-tri/don-vi" {
                (csrf_field(csrf))
                (fields(units, None))
                p { button type="submit" { "Thêm đơn vị" } }
            }
        }
    })
}

fn fields(units: &[UnitView], unit: Option<&UnitView>) -> Markup {
    html! {
        label for="code" { "Mã đơn vị (chữ không dấu, số)" }
        input #code type="text" name="code" required maxlength="32" value=[unit.map(|u| &u.code)];
        label for="name" { "Tên đơn vị" }
        input #name type="text" name="name" required maxlength="200" value=[unit.map(|u| &u.name)];
        label for="parent_id" { "Trực thuộc" }
        (parent_select(units, unit.and_then(|u| u.parent_id), unit.map(|u| u.id)))
        label for="headcount" { "Số cán bộ (biên chế)" }
        input #headcount type="number" name="headcount" min="0" max="100000" value=(unit.map_or(0, |u| u.headcount));
        label for="display_order" { "Thứ tự hiển thị" }
        input #display_order type="number" name="display_order" value=(unit.map_or(0, |u| u.display_order));
    }
}

pub fn edit(
    user: &AuthUser,
    csrf: &str,
    units: &[UnitView],
    unit: &UnitView,
    error: Option<&str>,
) -> Markup {
    Page::new("Sửa đơn vị").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Sửa đơn vị " (unit.name) }
        @if let Some(e) = error { (notice("error", e)) }
        section.card {
            form method="post" action={ "/quan-tri/don-vi/" (unit.id) } {
                (csrf_field(csrf))
                (fields(units, Some(unit)))
                label { input type="checkbox" name="retired" value="true" checked[unit.retired]; " Ngừng hoạt động (giữ nguyên kết quả cũ)" }
                p { button type="submit" { "Lưu" } " " a href="/quan-tri/don-vi" { "Quay lại" } }
            }
        }
        section.card {
            h2 { "Phiếu đăng nhập" }
            p { "Cấp phiếu mới (mật khẩu mới) cho những người của đơn vị chưa đăng nhập lần nào, để in theo đơn vị "
                "hoặc tải tệp Excel cho đầu mối của đơn vị phát tận tay." }
            p { a.button.secondary href={ "/quan-tri/don-vi/" (unit.id) "/phieu" } { "Phiếu đăng nhập của đơn vị" } }
        }
    })
}
