//! Organiser pages for rounds: the list, the create/edit form, and live progress with per-person overrides.
use crate::auth::AuthUser;
use crate::error::FieldErrors;
use crate::store::rounds::RoundView;
use crate::store::rounds::progress::Progress;
use crate::store::units::UnitView;
use crate::time::{vn_datetime, vn_duration};
use crate::web::components::{csrf_field, field_errors, notice};
use crate::web::layout::Page;
use crate::web::pages::admin_units::in_tree;
use crate::web::pages::rounds::{state_label, status_label};
use maud::{Markup, html};
use std::collections::BTreeMap;

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
    /// Topic -> the number of questions typed for it.
    pub counts: BTreeMap<String, String>,
    /// "Tất cả đơn vị" chosen; otherwise only `unit_ids`.
    pub all_units: bool,
    pub unit_ids: Vec<i64>,
    /// The rules text (thể lệ).
    pub rules: String,
}

/// The prefix of a topic's count field: `so_cau:<topic>`.
pub const COUNT_FIELD: &str = "so_cau:";

/// What the form shows besides the typed values.
pub struct FormContext<'a> {
    /// Topics in use with their number of questions, in topic order.
    pub topics: &'a [(String, i64)],
    pub units: &'a [UnitView],
    /// The round being edited: its id, state and number of attempts made.
    pub editing: Option<(&'a RoundView, u64)>,
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
    ctx: &FormContext<'_>,
    f: &RoundForm,
    errors: Option<&FieldErrors>,
) -> Markup {
    let id = ctx.editing.map(|(r, _)| r.id);
    let title = if id.is_some() {
        "Sửa đợt thi"
    } else {
        "Tạo đợt thi"
    };
    let action = id.map_or("/quan-tri/dot-thi/moi".to_owned(), |id| {
        format!("/quan-tri/dot-thi/{id}")
    });
    Page::new(title).user(Some(user)).scripts(&["round-form.js"]).render(html! {
        h1 { (title) }
        @if let Some(e) = errors {
            (notice("error", "Dữ liệu chưa hợp lệ, vui lòng kiểm tra lại các ô được đánh dấu."))
            (field_errors(Some(e), "round"))
        }
        @if let Some((r, made)) = ctx.editing.filter(|(_, made)| *made > 0) {
            (notice("warn", &format!("Đợt thi «{}» đã có {made} lượt thi. Số câu, cơ cấu đề, thời gian làm bài, \
                cách tính lượt, câu hỏi dự đoán, thi thử và thời điểm bắt đầu không sửa được nữa; vẫn sửa được tên, \
                thể lệ, thời điểm kết thúc, số lượt thi và đơn vị được tham gia.", r.title)))
        }
        form.card method="post" action=(action) {
            (csrf_field(csrf))
            (text_field("title", "Tên đợt thi", "text", &f.title, errors))
            (text_field("opens_at", "Bắt đầu (giờ Việt Nam)", "datetime-local", &f.opens_at, errors))
            (text_field("closes_at", "Kết thúc (giờ Việt Nam)", "datetime-local", &f.closes_at, errors))
            (text_field("time_limit_minutes", "Thời gian làm bài (phút)", "number", &f.time_limit_minutes, errors))
            (field_errors(errors, "time_limit_secs"))
            (text_field("question_count", "Số câu hỏi của mỗi lượt thi", "number", &f.question_count, errors))
            (topic_fields(ctx.topics, f, errors))
            (text_field("max_attempts", "Số lượt thi tối đa mỗi người", "number", &f.max_attempts, errors))
            (unit_fields(ctx.units, f, errors))
            label for="rules" { "Thể lệ (hiện cho cán bộ trước khi bắt đầu làm bài; để trống nếu không có)" }
            textarea #rules name="rules" rows="6" maxlength="20000" { (f.rules) }
            (field_errors(errors, "rules"))
            label for="counting" { "Lượt thi được tính" }
            (select("counting", &f.counting, &[("best", "Lượt có điểm cao nhất"), ("first", "Lượt đầu tiên"), ("last", "Lượt cuối cùng")]))
            label for="prediction" { "Câu hỏi dự đoán" }
            (select("prediction", &f.prediction, &[("none", "Không có"), ("full_score_count", "Số người trả lời đúng tất cả"), ("participant_count", "Số người tham gia")]))
            label for="reveal" { "Cho xem đáp án" }
            (select("reveal", &f.reveal, &[("after_close", "Sau khi đợt thi kết thúc"), ("after_submit", "Ngay sau khi nộp bài")]))
            (field_errors(errors, "reveal"))
            label.option { input type="checkbox" name="practice" value="1" checked[f.practice]; span { "Thi thử (không giới hạn lượt, không xếp hạng)" } }
            p { button type="submit" { "Lưu" } }
        }
        @if let Some((r, _)) = ctx.editing.filter(|(r, _)| r.is_open()) {
            section.card {
                h2 { "Kết thúc sớm" }
                p { "Đóng đợt thi ngay bây giờ, trước " (vn_datetime(r.closes_at)) "." }
                p { a.button.secondary href={ "/quan-tri/dot-thi/" (r.id) "/ket-thuc-som" } { "Kết thúc sớm…" } }
            }
        }
    })
}

/// One number per topic, each labelled with how many questions it holds, and the running total.
fn topic_fields(topics: &[(String, i64)], f: &RoundForm, errors: Option<&FieldErrors>) -> Markup {
    let typed = |t: &str| f.counts.get(t).map(String::as_str).unwrap_or("");
    let total: i64 = f
        .counts
        .values()
        .filter_map(|v| v.trim().parse::<i64>().ok())
        .sum();
    // A topic a round still draws from but that has no question in use any more is shown too (with 0).
    let missing: Vec<&String> = f
        .counts
        .keys()
        .filter(|t| !topics.iter().any(|(x, _)| x == *t))
        .collect();
    html! {
        fieldset.topics #topics {
            legend { "Cơ cấu đề: số câu lấy từ mỗi chủ đề (để trống nếu không lấy)" }
            @if topics.is_empty() && missing.is_empty() {
                (notice("warn", "Chưa có câu hỏi nào đang dùng. Hãy nhập ngân hàng câu hỏi trước."))
            }
            @for (i, (topic, have)) in topics.iter().enumerate() {
                div.topic-count {
                    label for={ "topic-" (i) } { (topic) " " span.muted { "(" (have) " câu)" } }
                    input id={ "topic-" (i) } type="number" inputmode="numeric" min="0" max=(have)
                        name={ (COUNT_FIELD) (topic) } value=(typed(topic)) data-topic-count;
                }
            }
            @for (i, topic) in missing.iter().enumerate() {
                div.topic-count {
                    label for={ "missing-" (i) } { (topic) " " span.muted { "(0 câu đang dùng)" } }
                    input id={ "missing-" (i) } type="number" min="0" name={ (COUNT_FIELD) (topic) }
                        value=(typed(topic)) data-topic-count;
                }
            }
            p #topic-total aria-live="polite" { "Tổng đã chọn: " strong #topic-sum { (total) } " / "
                span #topic-target { (f.question_count) } " câu" }
            (field_errors(errors, "draw_rules"))
        }
    }
}

/// "All units" or a choice in the units' tree.
fn unit_fields(units: &[UnitView], f: &RoundForm, errors: Option<&FieldErrors>) -> Markup {
    html! {
        fieldset.units {
            legend { "Đơn vị được tham gia" }
            label.option { input type="radio" name="units_scope" value="all" checked[f.all_units];
                span { "Tất cả đơn vị" } }
            label.option { input type="radio" name="units_scope" value="some" checked[!f.all_units];
                span { "Chỉ các đơn vị được chọn dưới đây" } }
            (field_errors(errors, "unit_ids"))
            div.unit-tree {
                @for (depth, u) in in_tree(units) {
                    @if !u.retired || f.unit_ids.contains(&u.id) {
                        label class={ "option depth-" (depth.min(4)) } {
                            input type="checkbox" name="unit" value=(u.id) checked[f.unit_ids.contains(&u.id)];
                            span { (u.name) " " span.muted { "(" (u.code) ")" } }
                        }
                    }
                }
            }
        }
    }
}

/// The confirmation before ending a round early.
pub fn end_early(user: &AuthUser, csrf: &str, r: &RoundView, running: usize) -> Markup {
    Page::new("Kết thúc sớm đợt thi").user(Some(user)).render(html! {
        h1 { "Kết thúc sớm: " (r.title) }
        section.card {
            p { "Đợt thi đang mở đến " (vn_datetime(r.closes_at)) ". Nếu kết thúc ngay bây giờ:" }
            ul {
                li { "không ai bắt đầu được lượt thi mới;" }
                li { @if running == 0 { "hiện không có ai đang làm bài;" } @else {
                    strong { (running) " người đang làm bài" } " sẽ dừng ngay, bài được nộp với các câu đã lưu "
                    "(người được cộng thêm thời gian vẫn làm tiếp hết phần cộng thêm);" } }
                li { "việc này được ghi vào nhật ký; muốn mở lại thì sửa thời điểm kết thúc của đợt thi." }
            }
            form method="post" action={ "/quan-tri/dot-thi/" (r.id) "/ket-thuc-som" } {
                (csrf_field(csrf))
                p { button type="submit" { "Kết thúc đợt thi ngay" } " "
                    a.button.secondary href={ "/quan-tri/dot-thi/" (r.id) } { "Quay lại" } }
            }
        }
    })
}

/// How the list of people who have not started is filtered.
#[derive(Debug, Clone, Default)]
pub struct Waiting {
    pub unit: Option<i64>,
    pub q: String,
}

/// At most this many not-started people are listed at once (the filter narrows the rest).
const WAITING_SHOWN: usize = 300;

/// Seconds between refreshes of the progress page.
const REFRESH_SECS: u32 = 20;

pub fn progress(
    user: &AuthUser,
    csrf: &str,
    round: &RoundView,
    p: &Progress,
    waiting: &Waiting,
    message: Option<(&str, &str)>,
) -> Markup {
    Page::new("Tiến độ đợt thi").user(Some(user)).scripts(&["refresh.js"]).render(html! {
        div #auto-refresh data-seconds=(REFRESH_SECS) hidden {}
        h1 { "Tiến độ: " (round.title) }
        @if let Some((kind, text)) = message { (notice(kind, text)) }
        p {
            "Đang làm bài: " strong { (p.in_progress) } " · Đã nộp/hết giờ: " strong { (p.finished) } " lượt · "
            "Chưa bắt đầu: " strong { (p.not_started.len()) } " người"
        }
        p.muted { "Trang tự cập nhật sau mỗi " (REFRESH_SECS) " giây (trừ khi đang nhập vào biểu mẫu). "
            a href={ "/quan-tri/dot-thi/" (round.id) "/tien-do" } { "Cập nhật ngay" } }
        (unit_summary(p))
        (grant_form(csrf, round, p))
        (not_started(round, p, waiting))
        (attempt_table(p))
    })
}

fn unit_summary(p: &Progress) -> Markup {
    html! {
        section.card {
            h2 { "Theo đơn vị" }
            div.table-wrap { table.data.compact {
                thead { tr { th { "Đơn vị" } th.num { "Danh sách" } th.num { "Đang làm" } th.num { "Đã nộp" }
                    th.num { "Chưa bắt đầu" } } }
                tbody { @for u in &p.units { tr {
                    td { (u.unit) } td.num { (u.people) } td.num { (u.in_progress) } td.num { (u.submitted) }
                    td.num { @if u.not_started > 0 { strong { (u.not_started) } } @else { "0" } }
                } } }
            } }
        }
    }
}

/// One form for extra time or extra attempts, for anyone who has started.
fn grant_form(csrf: &str, round: &RoundView, p: &Progress) -> Markup {
    let mut people: Vec<(&str, &str, i64)> = p
        .attempts
        .iter()
        .map(|r| (r.full_name.as_str(), r.login.as_str(), r.user_id))
        .collect();
    people.sort();
    people.dedup_by_key(|(_, _, id)| *id);
    html! {
        section.card #cong-them {
            h2 { "Cộng thêm thời gian hoặc lượt thi" }
            @if people.is_empty() { p.muted { "Chưa ai bắt đầu làm bài." } } @else {
                form method="post" action={ "/quan-tri/dot-thi/" (round.id) "/cong-them" } {
                    (csrf_field(csrf))
                    label for="grant-user" { "Người dự thi" }
                    select #grant-user name="user_id" required {
                        @for (name, login, id) in &people { option value=(id) { (name) " (" (login) ")" } }
                    }
                    div.grant-numbers {
                        div { label for="grant-minutes" { "Số phút cộng thêm (cho lượt đang làm)" }
                            input #grant-minutes type="number" inputmode="numeric" name="extra_minutes" min="0" max="1440"; }
                        div { label for="grant-attempts" { "Số lượt thi cộng thêm" }
                            input #grant-attempts type="number" inputmode="numeric" name="extra_attempts" min="0" max="100"; }
                    }
                    p { button type="submit" { "Cho phép" } }
                }
            }
        }
    }
}

fn not_started(round: &RoundView, p: &Progress, w: &Waiting) -> Markup {
    let wanted = crate::domain::text::fold(w.q.trim());
    let shown: Vec<_> = p
        .not_started
        .iter()
        .filter(|n| w.unit.is_none_or(|u| n.unit_id == Some(u)))
        .filter(|n| wanted.is_empty() || crate::domain::text::fold(&n.full_name).contains(&wanted))
        .collect();
    html! {
        section.card #chua-bat-dau {
            h2 { "Chưa bắt đầu (" (p.not_started.len()) " người)" }
            form.search method="get" action={ "/quan-tri/dot-thi/" (round.id) "/tien-do" } {
                label for="w-q" { "Tìm theo tên" }
                input #w-q type="search" name="q" value=(w.q);
                label for="w-unit" { "Đơn vị" }
                select #w-unit name="don_vi" {
                    option value="" selected[w.unit.is_none()] { "Tất cả đơn vị" }
                    @for u in p.units.iter().filter(|u| u.not_started > 0) {
                        @if let Some(id) = u.unit_id {
                            option value=(id) selected[w.unit == Some(id)] { (u.unit) " (" (u.not_started) ")" }
                        }
                    }
                }
                p { button type="submit" { "Lọc" } }
            }
            @if shown.is_empty() { p.muted { "Không có ai." } } @else {
                ul.people {
                    @for n in shown.iter().take(WAITING_SHOWN) {
                        li { (n.full_name) " " span.muted { (n.login) " · " (n.unit) } }
                    }
                }
                @if shown.len() > WAITING_SHOWN {
                    p.muted { "Đang hiện " (WAITING_SHOWN) " trên " (shown.len()) " người; hãy lọc theo đơn vị hoặc tên." }
                }
            }
        }
    }
}

fn attempt_table(p: &Progress) -> Markup {
    html! {
        section.card {
            h2 { "Các lượt thi (" (p.attempts.len()) ")" }
            div.table-wrap { table.data.compact {
                thead { tr { th { "Thí sinh" } th.num { "Lượt" } th { "Trạng thái" } th { "Hạn nộp" } th.num { "Điểm" } th { "Thời gian" } } }
                tbody { @for r in &p.attempts { tr {
                    td { (r.full_name) " " span.muted { (r.login) } }
                    td.num { (r.attempt_no) }
                    td { (status_label(r.status)) }
                    td { (vn_datetime(r.deadline)) }
                    td.num { @if let Some(s) = r.score { (s) "/" (r.max_score) } @else { "—" } }
                    td { @if let Some(ms) = r.duration_ms { (vn_duration(ms)) } @else { "—" } }
                } } }
            } }
        }
    }
}
