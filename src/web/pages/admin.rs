//! Organiser pages: the dashboard and the roster import with its report and printable login slips.
use crate::auth::AuthUser;
use crate::store::people::roster::ImportReport;
use crate::store::settings::ContestSettings;
use crate::store::setup::SetupCounts;
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use crate::web::slips::{self, PRINT_SLIPS};
use chrono::Utc;
use maud::{Markup, html};

/// One step of the set-up: done or not, what it holds, where to go.
struct Step {
    label: &'static str,
    href: &'static str,
    /// What it holds now ("11 đơn vị"), or what is missing ("chưa có").
    status: String,
    done: bool,
    /// The action that moves it on, shown on the first step not done.
    next: &'static str,
}

fn steps(c: &SetupCounts) -> [Step; 5] {
    let count = |n: u64, what: &str| {
        if n == 0 {
            "chưa có".to_owned()
        } else {
            format!("{n} {what}")
        }
    };
    let pending = if c.pending > 0 {
        format!(", {} người tự đăng ký chờ duyệt", c.pending)
    } else {
        String::new()
    };
    [
        Step {
            label: "Đơn vị",
            href: "/quan-tri/don-vi",
            status: count(c.units, "đơn vị"),
            done: c.units > 0,
            next: "Thêm đơn vị",
        },
        Step {
            label: "Cán bộ dự thi",
            href: "/quan-tri/nhap-danh-sach",
            status: format!("{}{pending}", count(c.participants, "người")),
            done: c.participants > 0,
            next: "Nhập danh sách cán bộ",
        },
        Step {
            label: "Ngân hàng câu hỏi",
            href: "/quan-tri/ngan-hang",
            status: count(
                c.questions,
                &format!("câu đang dùng trong {} ngân hàng", c.banks),
            ),
            done: c.questions > 0,
            next: "Nhập ngân hàng câu hỏi",
        },
        Step {
            label: "Đợt thi",
            href: "/quan-tri/dot-thi",
            status: if c.open_rounds > 0 {
                format!("{} (đang mở: {})", count(c.rounds, "đợt"), c.open_rounds)
            } else {
                count(c.rounds, "đợt")
            },
            done: c.rounds > 0,
            next: "Tạo đợt thi",
        },
        Step {
            label: "Công bố kết quả",
            href: "/giam-khao",
            status: count(c.published, "đợt đã công bố"),
            done: c.published > 0,
            next: "Xem kết quả và công bố",
        },
    ]
}

pub fn dashboard(
    user: &AuthUser,
    csrf: &str,
    settings: &ContestSettings,
    counts: &SetupCounts,
) -> Markup {
    let steps = steps(counts);
    let next = steps.iter().position(|s| !s.done);
    let tools = [
        (
            "/quan-tri/can-bo",
            "Cán bộ",
            "Tìm kiếm, sửa thông tin, cấp lại mật khẩu, duyệt tài khoản tự đăng ký",
        ),
        (
            "/quan-tri/tai-lieu",
            "Tài liệu tham khảo",
            "Liên kết và tệp PDF cán bộ đọc trước khi thi",
        ),
        ("/quan-tri/nhat-ky", "Nhật ký", "Ai đã làm gì, khi nào"),
        (
            "/giam-khao",
            "Giám khảo",
            "Kết quả, thống kê, tải tệp kết quả",
        ),
    ];
    Page::new("Quản trị")
        .user(Some(user))
        .csrf(csrf)
        .render(html! {
            h1 { "Quản trị cuộc thi" }
            section.card {
                h2 { "Các bước chuẩn bị" }
                ol.checklist {
                    @for (i, s) in steps.iter().enumerate() {
                        li class=[s.done.then_some("done")] {
                            span.mark aria-hidden="true" { @if s.done { "✓" } @else { (i + 1) } }
                            span { a href=(s.href) { (s.label) } " " span.muted { "(" (s.status) ")" }
                                @if s.done { span.visually-hidden { " — đã xong" } } }
                            @if next == Some(i) { a.button href=(s.href) { "→ " (s.next) } }
                        }
                    }
                }
            }
            @for (href, label, hint) in tools {
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
                    label for="organiser" { "Cơ quan tổ chức (in trên giấy chứng nhận)" }
                    input #organiser type="text" name="organiser" maxlength="200" value=(settings.organiser)
                        placeholder="Công đoàn cơ sở Thanh tra tỉnh";
                    label for="signer_title" { "Chức danh người ký giấy chứng nhận" }
                    input #signer_title type="text" name="signer_title" maxlength="200" value=(settings.signer_title)
                        placeholder="TM. BAN CHẤP HÀNH – CHỦ TỊCH";
                    label for="signer_name" { "Họ tên người ký" }
                    input #signer_name type="text" name="signer_name" maxlength="200" value=(settings.signer_name);
                    label for="contact" { "Liên hệ Ban Tổ chức (hiện ở trang chủ: điện thoại, email, địa chỉ)" }
                    textarea #contact name="contact" rows="3" maxlength="1000" { (settings.contact) }
                    p { button type="submit" { "Lưu cài đặt" } }
                }
            }
        })
}

/// The roster import page; after an import, its report and the new accounts' login slips (`site`: the public
/// address printed on them).
pub fn import(
    user: &AuthUser,
    csrf: &str,
    site: &str,
    error: Option<&str>,
    report: Option<&ImportReport>,
) -> Markup {
    let has_slips = report.is_some_and(|r| !r.slips.is_empty());
    Page::new("Nhập danh sách cán bộ")
        .user(Some(user))
        .csrf(csrf)
        .scripts(&["print.js"])
        .body_class(if has_slips { PRINT_SLIPS } else { "" })
        .render(html! {
        h1 { "Nhập danh sách cán bộ" }
        @if let Some(e) = error { (notice("error", e)) }
        @if let Some(r) = report { (report_view(site, r)) }
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

fn report_view(site: &str, r: &ImportReport) -> Markup {
    // By unit, then as imported: a unit's slips come off the printer together.
    let mut sorted = r.slips.clone();
    sorted.sort_by(|a, b| a.unit.cmp(&b.unit));
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
            h2 { "Phiếu đăng nhập của " (r.slips.len()) " người mới" }
            (notice("warn", "Mật khẩu chỉ hiện một lần: hãy in phiếu (máy in chỉ in các phiếu, 8 phiếu mỗi trang A4) hoặc tải tệp Excel trước khi rời trang. Phiếu xếp theo đơn vị; cần in riêng cho một đơn vị thì dùng mục Phiếu đăng nhập ở trang Đơn vị."))
            (slips::actions(site, &sorted, "phieu-dang-nhap", "Phiếu đăng nhập của người mới nhập", Utc::now()))
            (slips::sheet(site, &sorted))
        }
    }
}
