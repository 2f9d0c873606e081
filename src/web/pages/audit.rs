//! The audit log as organisers read it: each action in words ("Nhập danh sách cán bộ: 20 người mới, 4 dòng bị
//! từ chối"), with filters by person, kind and date. The raw before/after stay available on a click.
use crate::auth::AuthUser;
use crate::store::audit::AuditView;
use crate::time::vn_datetime_secs;
use crate::web::layout::Page;
use maud::{Markup, html};
use serde_json::Value;

/// The kinds of action a filter can pick, with their names.
pub const KINDS: [(&str, &str); 7] = [
    ("round", "Đợt thi"),
    ("results", "Công bố kết quả"),
    ("question", "Câu hỏi"),
    ("staff", "Cán bộ"),
    ("unit", "Đơn vị"),
    ("settings", "Cài đặt"),
    ("bank", "Ngân hàng câu hỏi"),
];

/// The filter as typed, kept in the form.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor: String,
    pub kind: String,
    pub from: String,
    pub to: String,
}

pub struct LogPage<'a> {
    pub items: &'a [AuditView],
    pub page: u64,
    pub pages: u64,
    pub total: u64,
    pub filter: &'a Filter,
    /// The organisers and judges who may appear as actors: (login, name).
    pub actors: &'a [(String, String)],
}

fn num(v: &Value, key: &str) -> i64 {
    v.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One action in words.
pub fn describe(a: &AuditView) -> String {
    let after = a.after.as_ref().unwrap_or(&Value::Null);
    let before = a.before.as_ref().unwrap_or(&Value::Null);
    let id = a.entity_id.as_deref().unwrap_or("");
    match a.action.as_str() {
        "staff.import" => format!(
            "Nhập danh sách cán bộ từ tệp {}: {} người mới, {} người cập nhật, {} dòng bị từ chối",
            text(after, "file"),
            num(after, "created"),
            num(after, "updated"),
            num(after, "rejected")
        ),
        "staff.update" => format!(
            "Sửa thông tin tài khoản #{id}{}",
            changed_fields(before, after)
        ),
        "staff.reset_password" => format!("Cấp lại mật khẩu cho tài khoản #{id}"),
        "staff.reissue_slips" => format!(
            "Cấp lại phiếu đăng nhập cho {} người chưa đăng nhập lần nào của {}",
            after
                .get("logins")
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
            text(after, "unit")
        ),
        "staff.approve" => format!(
            "Duyệt tài khoản tự đăng ký #{id} ({})",
            text(after, "full_name")
        ),
        "unit.create" => format!(
            "Thêm đơn vị {} ({})",
            text(after, "name"),
            text(after, "code")
        ),
        "unit.update" => format!(
            "Sửa đơn vị {} ({})",
            text(after, "name"),
            text(after, "code")
        ),
        "round.create" => format!("Tạo đợt thi «{}»", text(after, "title")),
        "round.update" => format!(
            "Sửa đợt thi «{}»{}",
            text(after, "title"),
            changed_fields(before, after)
        ),
        "round.override" => format!(
            "Cộng thêm cho tài khoản #{} ở đợt thi #{id}: {} phút, {} lượt",
            num(after, "user_id"),
            num(after, "extra_time_secs") / 60,
            num(after, "extra_attempts")
        ),
        "results.publish" => format!("Công bố kết quả đợt thi #{id}"),
        "results.unpublish" => format!("Thu hồi công bố kết quả đợt thi #{id}"),
        "question.regrade" => format!("Sửa đáp án câu hỏi #{id} và chấm lại các bài đã nộp"),
        "question.withdraw" => format!("Ngừng dùng câu hỏi {}", text(after, "external_id")),
        "question.restore" => format!("Khôi phục câu hỏi {}", text(after, "external_id")),
        "settings.update" => "Sửa cài đặt cuộc thi".to_owned(),
        other => other.to_owned(),
    }
}

/// ": tên, thời điểm kết thúc" — the fields whose values differ, by their keys (shown as they are named).
fn changed_fields(before: &Value, after: &Value) -> String {
    let (Some(b), Some(a)) = (before.as_object(), after.as_object()) else {
        return String::new();
    };
    let changed: Vec<&str> = a
        .iter()
        .filter(|(k, v)| b.get(k.as_str()) != Some(v) && *k != "state" && *k != "updated_at")
        .map(|(k, _)| field_name(k))
        .collect();
    if changed.is_empty() {
        String::new()
    } else {
        format!(": {}", changed.join(", "))
    }
}

fn field_name(key: &str) -> &str {
    match key {
        "title" => "tên",
        "opens_at" => "thời điểm bắt đầu",
        "closes_at" => "thời điểm kết thúc",
        "time_limit_secs" => "thời gian làm bài",
        "question_count" => "số câu",
        "max_attempts" => "số lượt thi",
        "draw_rules" => "cơ cấu đề",
        "unit_ids" => "đơn vị được tham gia",
        "rules" => "thể lệ",
        "prizes" => "giải thưởng",
        "full_name" => "họ tên",
        "unit_id" => "đơn vị",
        "role" => "vai trò",
        "active" => "trạng thái khoá",
        "position" => "chức vụ",
        "email" => "email",
        "phone" => "số điện thoại",
        other => other,
    }
}

pub fn render(user: &AuthUser, csrf: &str, p: &LogPage<'_>) -> Markup {
    let f = p.filter;
    let query = format!(
        "&nguoi={}&loai={}&tu={}&den={}",
        f.actor, f.kind, f.from, f.to
    );
    Page::new("Nhật ký").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Nhật ký thao tác" }
        form.search.audit-filter method="get" action="/quan-tri/nhat-ky" {
            label for="nguoi" { "Người thực hiện" }
            select #nguoi name="nguoi" {
                option value="" selected[f.actor.is_empty()] { "Tất cả" }
                @for (login, name) in p.actors { option value=(login) selected[f.actor == *login] { (name) " (" (login) ")" } }
            }
            label for="loai" { "Loại thao tác" }
            select #loai name="loai" {
                option value="" selected[f.kind.is_empty()] { "Tất cả" }
                @for (kind, name) in KINDS { option value=(kind) selected[f.kind == kind] { (name) } }
            }
            label for="tu" { "Từ ngày" }
            input #tu type="date" name="tu" value=(f.from);
            label for="den" { "Đến ngày" }
            input #den type="date" name="den" value=(f.to);
            p { button type="submit" { "Lọc" } }
        }
        p { (p.total) " thao tác." }
        section.card {
            @if p.items.is_empty() { p.muted { "Không có thao tác nào." } }
            ol.audit {
                @for a in p.items {
                    li {
                        p { span.muted { (vn_datetime_secs(a.at)) " · " (a.actor_login.as_deref().unwrap_or("hệ thống")) } br;
                            (describe(a)) }
                        @if a.before.is_some() || a.after.is_some() {
                            details { summary { "Chi tiết" }
                                @if let Some(b) = &a.before { p { small { "Trước: " code { (b) } } } }
                                @if let Some(x) = &a.after { p { small { "Sau: " code { (x) } } } }
                            }
                        }
                    }
                }
            }
            p {
                @if p.page > 1 { a href={ "/quan-tri/nhat-ky?page=" (p.page - 1) (query) } { "« Mới hơn" } " " }
                "Trang " (p.page) "/" (p.pages.max(1))
                @if p.page < p.pages { " " a href={ "/quan-tri/nhat-ky?page=" (p.page + 1) (query) } { "Cũ hơn »" } }
            }
        }
    })
}
