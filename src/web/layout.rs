//! The one page layout: Vietnamese, mobile-first, CSS and scripts from `/static` under
//! content-hashed names (no inline script).
use crate::auth::AuthUser;
use crate::domain::Role;
use maud::{DOCTYPE, Markup, html};

/// A page being built: its title, who is looking, and what it needs.
pub struct Page<'a> {
    pub title: &'a str,
    pub user: Option<&'a AuthUser>,
    /// CSRF token for forms and scripts of a logged-in page.
    pub csrf: Option<&'a str>,
    /// Extra scripts under /static (e.g. "quiz.js").
    pub scripts: &'a [&'a str],
    /// Extra class on <body> (e.g. "projector").
    pub body_class: &'a str,
    /// Without the site's header and footer: the ceremony screen and printouts.
    pub bare: bool,
}

impl<'a> Page<'a> {
    pub fn new(title: &'a str) -> Self {
        Page {
            title,
            user: None,
            csrf: None,
            scripts: &[],
            body_class: "",
            bare: false,
        }
    }

    /// No site header or footer (a full-screen or printed page).
    pub fn bare(mut self) -> Self {
        self.bare = true;
        self
    }

    pub fn user(mut self, user: Option<&'a AuthUser>) -> Self {
        self.user = user;
        self
    }

    pub fn csrf(mut self, token: &'a str) -> Self {
        self.csrf = Some(token);
        self
    }

    pub fn scripts(mut self, scripts: &'a [&'a str]) -> Self {
        self.scripts = scripts;
        self
    }

    pub fn body_class(mut self, class: &'a str) -> Self {
        self.body_class = class;
        self
    }

    pub fn render(self, body: Markup) -> Markup {
        // Every page a logged-in person sees carries the session's token, so the header's logout works everywhere.
        let csrf = self
            .csrf
            .or_else(|| self.user.and_then(|u| u.page_csrf.as_deref()));
        html! {
            (DOCTYPE)
            html lang="vi" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    @if let Some(token) = csrf { meta name="csrf-token" content=(token); }
                    title { (self.title) " · CCHC" }
                    link rel="stylesheet" href=(asset("app.css"));
                    @for script in self.scripts { script src=(asset(script)) defer {} }
                }
                body class=(self.body_class) {
                    @if self.bare {
                        main #main { (body) }
                    } @else {
                        a.skip href="#main" { "Bỏ qua điều hướng" }
                        (header(self.user, csrf))
                        main #main { (body) }
                        footer.site-footer {
                            p { "Công đoàn cơ sở Thanh tra tỉnh · " (super::CONTEST_TITLE) }
                        }
                    }
                }
            }
        }
    }
}

/// The URL of a file of `static/` (`"app.css"`): its content-hashed name, which browsers keep for a year. Every
/// page links to static files through this one function.
pub fn asset(name: &str) -> String {
    super::assets::url(name)
}

fn header(user: Option<&AuthUser>, csrf: Option<&str>) -> Markup {
    html! {
        header.site-header {
            a.brand href="/" { "Thi tìm hiểu CCHC" }
            nav aria-label="Chính" {
                ul {
                    li { a href="/ket-qua" { "Kết quả" } }
                    @if let Some(u) = user {
                        li { a href="/dot-thi" { "Đợt thi" } }
                        @if u.role == Role::Organiser { li { a href="/quan-tri" { "Quản trị" } } }
                        @if u.role.is_staff_of_contest() { li { a href="/giam-khao" { "Giám khảo" } } }
                        li { a href="/tai-khoan" { (u.full_name) } }
                        li {
                            form.inline method="post" action="/dang-xuat" {
                                @if let Some(token) = csrf { input type="hidden" name="csrf" value=(token); }
                                button.link type="submit" { "Đăng xuất" }
                            }
                        }
                    } @else {
                        li { a href="/dang-nhap" { "Đăng nhập" } }
                    }
                }
            }
        }
    }
}
