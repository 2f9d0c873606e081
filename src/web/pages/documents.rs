//! Reference documents (tài liệu tham khảo): the list everyone opens before a round, and the organisers' page to
//! add a link or a PDF and to remove one.
use crate::auth::AuthUser;
use crate::store::documents::{DocumentView, MAX_PDF_BYTES};
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use maud::{Markup, html};

/// "1,2 MB" or "350 kB".
pub fn size(bytes: i64) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0).replace('.', ",")
    } else {
        format!("{} kB", (bytes + 999) / 1000)
    }
}

fn item(d: &DocumentView) -> Markup {
    html! {
        @if let Some(url) = &d.url {
            a href=(url) rel="noopener noreferrer" { (d.title) } " " span.muted { "(liên kết ngoài)" }
        } @else {
            a href={ "/tai-lieu/" (d.id) } { (d.title) } " "
            span.muted { "(PDF" @if let Some(n) = d.size_bytes { ", " (size(n)) } ")" }
        }
    }
}

pub fn list(user: Option<&AuthUser>, docs: &[DocumentView]) -> Markup {
    Page::new("Tài liệu tham khảo").user(user).render(html! {
        h1 { "Tài liệu tham khảo" }
        p.lead { "Các văn bản và tài liệu Ban Tổ chức đề nghị đọc trước khi dự thi." }
        @if docs.is_empty() { p.muted { "Ban Tổ chức chưa đăng tài liệu nào." } }
        @else { ul.documents { @for d in docs { li { (item(d)) } } } }
    })
}

/// `message`: the outcome of the last action ("ok" or "error", text).
pub fn manage(
    user: &AuthUser,
    csrf: &str,
    docs: &[DocumentView],
    message: Option<(&str, &str)>,
) -> Markup {
    Page::new("Tài liệu tham khảo").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Tài liệu tham khảo" }
        @if let Some((kind, text)) = message { (notice(kind, text)) }
        p { "Cán bộ xem danh sách này ở " a href="/tai-lieu" { "trang Tài liệu tham khảo" } " (có liên kết ở trang chủ)." }
        section.card {
            h2 { "Danh sách (" (docs.len()) ")" }
            @if docs.is_empty() { p.muted { "Chưa có tài liệu nào." } }
            ul.documents {
                @for d in docs {
                    li {
                        (item(d)) " "
                        form.inline method="post" action={ "/quan-tri/tai-lieu/" (d.id) "/xoa" } {
                            (csrf_field(csrf))
                            button.link type="submit" aria-label={ "Xoá " (d.title) } { "Xoá" }
                        }
                    }
                }
            }
        }
        section.card {
            h2 { "Thêm liên kết" }
            form method="post" action="/quan-tri/tai-lieu/lien-ket" {
                (csrf_field(csrf))
                label for="link-title" { "Tên tài liệu" }
                input #link-title type="text" name="title" required maxlength="300"
                    placeholder="Luật Tiếp công dân năm 2013";
                label for="link-url" { "Địa chỉ (https://...)" }
                input #link-url type="url" name="url" required maxlength="2000" placeholder="https://vanban.chinhphu.vn/...";
                p { button type="submit" { "Thêm liên kết" } }
            }
        }
        section.card {
            h2 { "Tải lên tệp PDF" }
            form method="post" action="/quan-tri/tai-lieu/tai-len" enctype="multipart/form-data" {
                (csrf_field(csrf))
                label for="pdf-title" { "Tên tài liệu" }
                input #pdf-title type="text" name="title" required maxlength="300";
                label for="pdf-file" { "Tệp PDF (tối đa " (MAX_PDF_BYTES / 1024 / 1024) " MB)" }
                input #pdf-file type="file" name="file" accept="application/pdf,.pdf" required;
                p { button type="submit" { "Tải lên" } }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::size;

    #[test]
    fn sizes_read_the_vietnamese_way() {
        assert_eq!(size(1_234_567), "1,2 MB");
        assert_eq!(size(350_000), "350 kB");
        assert_eq!(size(1), "1 kB");
    }
}
