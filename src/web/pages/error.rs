//! The error page: how an `AppError` met on a web page is shown to a person (its status and message come from
//! `crate::error`, the one place errors are mapped to HTTP).
use super::super::layout::Page;
use crate::error::{AppError, PageError};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
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

impl ResponseError for PageError {
    fn status_code(&self) -> StatusCode {
        self.0.status_code()
    }

    fn error_response(&self) -> HttpResponse {
        self.0.log_if_internal();
        if matches!(self.0, AppError::Unauthorized) {
            return HttpResponse::SeeOther()
                .insert_header(("Location", "/dang-nhap"))
                .finish();
        }
        let page = render(self.status_code(), &self.0.message());
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.0.retry_after() {
            res.insert_header(("Retry-After", secs));
        }
        res.content_type("text/html; charset=utf-8")
            .body(page.into_string())
    }
}
