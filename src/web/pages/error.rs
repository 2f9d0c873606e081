//! The error page: how an `AppError` met on a web page is shown to a person (its status and message come from
//! `crate::error`, the one place errors are mapped to HTTP). The page first renders without knowing who is looking
//! (a `ResponseError` sees no request); `routes::pages::errors_show_the_viewer` renders it again with the real
//! header, so a logged-in person sees their name and the logout button, and the next step that fits them.
use super::super::layout::Page;
use crate::auth::AuthUser;
use crate::error::{AppError, PageError};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use maud::{Markup, html};

/// Who met the error and where they came from (a page of this site), when known.
#[derive(Default)]
pub struct Context<'a> {
    pub user: Option<&'a AuthUser>,
    /// The path of the page the person came from on this site, for "Quay lại".
    pub back: Option<&'a str>,
}

pub fn render(status: StatusCode, message: &str, ctx: Context<'_>) -> Markup {
    let title = match status.as_u16() {
        404 => "Không tìm thấy trang",
        410 => "Liên kết không còn dùng được",
        403 => "Không có quyền truy cập",
        409 => "Không thực hiện được lúc này",
        500..=599 => "Hệ thống gặp lỗi",
        _ => "Không thực hiện được",
    };
    Page::new(title).user(ctx.user).render(html! {
        section.card {
            h1 { (title) }
            p { (message) }
            ul.next-steps {
                @if let Some(back) = ctx.back {
                    li { a href=(back) { "Quay lại trang trước" } }
                }
                @match ctx.user {
                    Some(_) => {
                        li { a href="/dot-thi" { "Xem các đợt thi" } }
                        li { a href="/" { "Về trang chủ" } }
                    }
                    None => {
                        @if status == StatusCode::FORBIDDEN {
                            li { a href="/dang-nhap" { "Đăng nhập" } }
                        }
                        li { a href="/" { "Về trang chủ" } }
                    }
                }
            }
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
        let page = render(self.status_code(), &self.0.message(), Context::default());
        let mut res = HttpResponse::build(self.status_code());
        if let Some(secs) = self.0.retry_after() {
            res.insert_header(("Retry-After", secs));
        }
        res.content_type("text/html; charset=utf-8")
            .body(page.into_string())
    }
}
