use crate::auth::AuthUser;
use crate::store::banks::BankSummary;
use crate::web::layout::Page;
use maud::{Markup, html};

/// "2026-11-27" -> "27/11/2026"; anything else is shown as written.
fn vn_date(iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if y.len() == 4 => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

pub fn render(user: Option<&AuthUser>, banks: &[BankSummary]) -> Markup {
    let total: i64 = banks.iter().map(|b| b.active_questions).sum();
    Page::new("Trang chủ").user(user).render(html! {
        section.hero {
            h1 { (crate::web::CONTEST_TITLE) }
            p.lead { "Dành cho cán bộ, công chức, người lao động toàn Ngành Thanh tra của tỉnh." }
            @if user.is_none() { p { a.button href="/dang-nhap" { "Đăng nhập để dự thi" } } }
            @else { p { a.button href="/dot-thi" { "Vào thi" } } }
        }
        section.card {
            h2 { "Ngân hàng câu hỏi" }
            @if banks.is_empty() {
                p { "Chưa có ngân hàng câu hỏi nào được nạp." }
            } @else {
                p { "Tổng cộng " strong { (total) } " câu hỏi đang dùng." }
                div.table-wrap { table.data {
                    thead { tr { th { "Ngân hàng" } th.num { "Số câu" } th { "Chủ đề" } th { "Văn bản đến ngày" } } }
                    tbody {
                        @for b in banks {
                            tr {
                                td { (b.title) }
                                td.num { (b.active_questions) }
                                td { (b.topics.join("; ")) }
                                td { (b.valid_as_of.as_deref().map(vn_date).unwrap_or_else(|| "—".to_owned())) }
                            }
                        }
                    }
                } }
            }
        }
    })
}
