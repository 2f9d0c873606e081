use super::super::layout::Page;
use actix_web::http::StatusCode;
use maud::{Markup, html};

pub fn render(status: StatusCode, message: &str) -> Markup {
    let title = match status.as_u16() {
        404 => "Không tìm thấy trang",
        403 => "Không có quyền truy cập",
        500..=599 => "Hệ thống gặp lỗi",
        _ => "Không thực hiện được",
    };
    Page::new(title).render(html! {
        section.card {
            h1 { (title) }
            p { (message) }
            p { a href="/" { "Về trang chủ" } }
        }
    })
}
