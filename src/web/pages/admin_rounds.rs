//! Organiser pages for rounds: the list, the create/edit form, and live progress with per-person overrides.
use crate::auth::AuthUser;
use crate::domain::AttemptStatus;
use crate::error::FieldErrors;
use crate::store::rounds::RoundView;
use crate::store::rounds::progress::Progress;
use crate::time::{vn_datetime, vn_duration};
use crate::web::components::{csrf_field, field_errors, notice};
use crate::web::layout::Page;
use crate::web::pages::rounds::{state_label, status_label};
use maud::{Markup, html};

/// The form's values as typed (so a refused form comes back as it was sent).
#[derive(Debug, Clone, Default)]
pub struct RoundForm {
    pub title: String,
    pub opens_at: String,
    pub closes_at: String,
    pub time_limit_minutes: String,
    pub question_count: String,
    pub max_attempts: String,
    pub counting: String,
    pub prediction: String,
    pub reveal: String,
    pub practice: bool,
    /// One "topic: count" per line.
    pub draw_rules: String,
}

pub fn list(user: &AuthUser, rounds: &[RoundView]) -> Markup {
    Page::new("Quản lý đợt thi").user(Some(user)).render(html! {
        h1 { "Quản lý đợt thi" }
        p { a.button href="/quan-tri/dot-thi/moi" { "Tạo đợt thi mới" } }
        div.table-wrap { table.data {
            thead { tr { th { "Đợt thi" } th { "Thời gian" } th { "Trạng thái" } th { "" } } }
            tbody { @for r in rounds { tr {
                td { (r.title) @if r.practice { " " span.badge { "Thi thử" } } }
                td { (vn_datetime(r.opens_at)) " – " (vn_datetime(r.closes_at)) }
                td { (state_label(r)) }
                td {
                    a href={ "/quan-tri/dot-thi/" (r.id) } { "Sửa" } " · "
                    a href={ "/quan-tri/dot-thi/" (r.id) "/tien-do" } { "Tiến độ" }
                }
            } } }
        } }
    })
}

fn select(name: &str, current: &str, choices: &[(&str, &str)]) -> Markup {
    html! {
        select id=(name) name=(name) {
            @for (value, label) in choices { option value=(value) selected[*value == current] { (label) } }
        }
    }
}

fn text_field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    errors: Option<&FieldErrors>,
) -> Markup {
    html! {
        label for=(name) { (label) }
        input id=(name) type=(kind) name=(name) value=(value) required;
        (field_errors(errors, name))
    }
}

pub fn form(
    user: &AuthUser,
    csrf: &str,
    id: Option<i64>,
    f: &RoundForm,
    errors: Option<&FieldErrors>,
) -> Markup {
    let title = if id.is_some() {
        "Sửa đợt thi"
    } else {
        "Tạo đợt thi"
    };
    let action = id.map_or("/quan-tri/dot-thi/moi".to_owned(), |id| {
        format!("/quan-tri/dot-thi/{id}")
    });
    Page::new(title).user(Some(user)).render(html! {
        h1 { (title) }
        @if let Some(e) = errors {
            (notice("error", "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại."))
            (field_errors(Some(e), "round"))
        }
        form.card method="post" action=(action) {
            (csrf_field(csrf))
            (text_field("title", "Tên đợt thi", "text", &f.title, errors))
            (text_field("opens_at", "Bắt đầu (giờ Việt Nam)", "datetime-local", &f.opens_at, errors))
            (text_field("closes_at", "Kết thúc (giờ Việt Nam)", "datetime-local", &f.closes_at, errors))
            (text_field("time_limit_minutes", "Thời gian làm bài (phút)", "number", &f.time_limit_minutes, errors))
            (field_errors(errors, "time_limit_secs"))
            (text_field("question_count", "Số câu hỏi", "number", &f.question_count, errors))
            (text_field("max_attempts", "Số lượt thi tối đa mỗi người", "number", &f.max_attempts, errors))
            label for="draw_rules" { "Cơ cấu đề: mỗi dòng \"chủ đề: số câu\"" }
            textarea id="draw_rules" name="draw_rules" rows="6" { (f.draw_rules) }
            (field_errors(errors, "draw_rules"))
            label for="counting" { "Lượt thi được tính" }
            (select("counting", &f.counting, &[("best", "Lượt có điểm cao nhất"), ("first", "Lượt đầu tiên"), ("last", "Lượt cuối cùng")]))
            label for="prediction" { "Câu hỏi dự đoán" }
            (select("prediction", &f.prediction, &[("none", "Không có"), ("full_score_count", "Số người trả lời đúng tất cả"), ("participant_count", "Số người tham gia")]))
            label for="reveal" { "Cho xem đáp án" }
            (select("reveal", &f.reveal, &[("after_close", "Sau khi đợt thi kết thúc"), ("after_submit", "Ngay sau khi nộp bài")]))
            label.option { input type="checkbox" name="practice" value="1" checked[f.practice]; span { "Thi thử (không giới hạn lượt, không xếp hạng)" } }
            p { button type="submit" { "Lưu" } }
        }
    })
}

pub fn progress(
    user: &AuthUser,
    csrf: &str,
    round: &RoundView,
    p: &Progress,
    done: Option<&str>,
) -> Markup {
    Page::new("Tiến độ đợt thi").user(Some(user)).render(html! {
        h1 { "Tiến độ: " (round.title) }
        @if let Some(msg) = done { (notice("ok", msg)) }
        p {
            "Đang làm bài: " strong { (p.in_progress) } " · Đã nộp/hết giờ: " strong { (p.finished) } " · "
            a href={ "/quan-tri/dot-thi/" (round.id) "/tien-do" } { "Làm mới" }
        }
        div.table-wrap { table.data {
            thead { tr { th { "Thí sinh" } th { "Lượt" } th { "Trạng thái" } th { "Hạn nộp" } th.num { "Điểm" } th { "Thời gian" } th { "Cộng thêm" } } }
            tbody { @for r in &p.attempts { tr {
                td { (r.full_name) br; span.muted { (r.login) } }
                td { (r.attempt_no) }
                td { (status_label(r.status)) }
                td { (vn_datetime(r.deadline)) }
                td.num { @if let Some(s) = r.score { (s) "/" (r.max_score) } @else { "—" } }
                td { @if let Some(ms) = r.duration_ms { (vn_duration(ms)) } @else { "—" } }
                td {
                    form method="post" action={ "/quan-tri/dot-thi/" (round.id) "/cong-them" } {
                        (csrf_field(csrf))
                        input type="hidden" name="user_id" value=(r.user_id);
                        label for={ "m-" (r.attempt_id) } { "Phút" }
                        input id={ "m-" (r.attempt_id) } type="number" name="extra_minutes" min="0" max="1440"
                            disabled[r.status != AttemptStatus::InProgress];
                        label for={ "a-" (r.attempt_id) } { "Lượt" }
                        input id={ "a-" (r.attempt_id) } type="number" name="extra_attempts" min="0" max="100";
                        button.secondary type="submit" { "Cho phép" }
                    }
                }
            } } }
        } }
    })
}
