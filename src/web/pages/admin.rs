//! Organiser pages: the dashboard and the roster import with its report and printable login slips.
use crate::auth::AuthUser;
use crate::store::people::roster::ImportReport;
use crate::store::settings::ContestSettings;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn dashboard(user: &AuthUser, csrf: &str, settings: &ContestSettings) -> Markup {
    let links = [
        (
            "/quan-tri/don-vi",
            "Đơn vị",
            "Danh sách đơn vị và số cán bộ (API: /api/v1/units)",
        ),
        (
            "/quan-tri/can-bo",
            "Cán bộ",
            "Tìm kiếm cán bộ (API: /api/v1/staff)",
        ),
        (
            "/quan-tri/nhap-danh-sach",
            "Nhập danh sách",
            "Nhập danh sách cán bộ từ tệp CSV hoặc Excel",
        ),
        (
            "/quan-tri/ngan-hang",
            "Ngân hàng câu hỏi",
            "Xem câu hỏi, đáp án, căn cứ pháp lý; nhập hoặc tải về ngân hàng",
        ),
        (
            "/quan-tri/dot-thi",
            "Đợt thi",
            "Lịch và cấu hình các đợt thi",
        ),
        (
            "/quan-tri/nhat-ky",
            "Nhật ký",
            "Nhật ký thao tác của Ban Tổ chức (API: /api/v1/audit)",
        ),
    ];
    Page::new("Quản trị")
        .user(Some(user))
        .csrf(csrf)
        .render(html! {
            h1 { "Quản trị cuộc thi" }
            @for (href, label, hint) in links {
                section.card { h2 { a href=(href) { (label) } } p.muted { (hint) } }
            }
            section.card {
                h2 { "Cài đặt cuộc thi" }
                form method="post" action="/quan-tri/cai-dat" {
                    (csrf_field(csrf))
                    label { input type="checkbox" name="self_registration" value="true" checked[settings.self_registration];
                        " Cho phép cán bộ tự đăng ký tài khoản (trang /dang-ky)" }
                    label for="rate" { "Tỷ lệ tham gia tối thiểu để xếp giải tập thể (%)" }
                    input #rate type="number" name="min_participation_rate" min="0" max="100" step="any" value=(settings.min_participation_rate);
                    p { button type="submit" { "Lưu cài đặt" } }
                }
            }
        })
}

pub fn import(
    user: &AuthUser,
    csrf: &str,
    error: Option<&str>,
    report: Option<&ImportReport>,
) -> Markup {
    Page::new("Nhập danh sách cán bộ").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Nhập danh sách cán bộ" }
        @if let Some(e) = error { (notice("error", e)) }
        @if let Some(r) = report { (report_view(r)) }
        section.card {
            p { "Các cột: Mã cán bộ | Họ và tên | Mã đơn vị | Chức vụ | Email | Số điện thoại | CCCD (không bắt buộc). "
                "Nhập lại cùng tệp sẽ cập nhật, không tạo trùng." }
            p { "Tải tệp mẫu: " a href="/quan-tri/nhap-danh-sach/mau.csv" { "CSV" } " · " a href="/quan-tri/nhap-danh-sach/mau.xlsx" { "Excel" } }
            form method="post" action="/quan-tri/nhap-danh-sach" enctype="multipart/form-data" {
                (csrf_field(csrf))
                label for="file" { "Tệp danh sách (.csv hoặc .xlsx)" }
                input #file type="file" name="file" accept=".csv,.xlsx" required;
                p { button type="submit" { "Nhập danh sách" } }
            }
        }
    })
}

fn report_view(r: &ImportReport) -> Markup {
    html! {
        section.card {
            h2 { "Kết quả nhập" }
            p { "Tạo mới: " strong { (r.created) } " · Cập nhật: " strong { (r.updated) }
                " · Không đổi: " (r.unchanged) " · Bị từ chối: " strong { (r.rejected.len()) } }
            @if !r.rejected.is_empty() {
                div.table-wrap { table.data {
                    thead { tr { th.num { "Dòng" } th { "Lý do" } } }
                    tbody { @for x in &r.rejected { tr { td.num { (x.row) } td { (x.reason) } } } }
                } }
            }
        }
        @if !r.slips.is_empty() {
            section.card.slips {
                h2 { "Phiếu đăng nhập (chỉ hiển thị một lần)" }
                (notice("warn", "Mật khẩu chỉ hiện một lần: hãy in trang này (Ctrl+P) và phát phiếu cho từng người trước khi rời trang."))
                @for s in &r.slips {
                    div.slip {
                        p { strong { (s.full_name) } br; (s.unit) }
                        p { "Tên đăng nhập: " code { (s.login) } br; "Mật khẩu: " code { (s.password) } }
                        p.muted { "Đổi mật khẩu sau lần đăng nhập đầu tiên tại mục Tài khoản." }
                    }
                }
            }
        }
    }
}
