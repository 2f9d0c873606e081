//! Organiser pages for rounds: the list, the create/edit form and the early end (live progress is in
//! `round_progress`).
use crate::auth::AuthUser;
use crate::domain::PredictionKind;
use crate::error::FieldErrors;
use crate::store::rounds::RoundView;
use crate::store::units::UnitView;
use crate::time::vn_datetime;
use crate::web::components::{csrf_field, field_errors, notice};
use crate::web::layout::Page;
use crate::web::pages::admin_units::in_tree;
use crate::web::pages::rounds::state_label;
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
    /// Prize counts as typed, in the order of [`PRIZE_FIELDS`].
    pub prizes: [String; 5],
}

/// The prize fields: name and label, individuals by tier then units.
pub const PRIZE_FIELDS: [(&str, &str); 5] = [
    ("prize_first", "Giải Nhất"),
    ("prize_second", "Giải Nhì"),
    ("prize_third", "Giải Ba"),
    ("prize_consolation", "Giải Khuyến khích"),
    ("prize_units", "Giải tập thể (đơn vị)"),
];

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
        div.table-wrap { table.data.cards {
            thead { tr { th { "Đợt thi" } th { "Thời gian" } th { "Trạng thái" } th { "" } } }
            tbody { @for r in rounds { tr {
                td { (r.title) @if r.practice { " " span.badge { "Thi thử" } } }
                td data-label="Thời gian" { (vn_datetime(r.opens_at)) " – " (vn_datetime(r.closes_at)) }
                td data-label="Trạng thái" { (state_label(r)) }
                td.actions {
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
            ul.muted.prediction-wording {
                @for kind in [PredictionKind::FullScoreCount, PredictionKind::ParticipantCount] {
                    @if let Some(q) = kind.question_vi() { li { "Cán bộ sẽ được hỏi: «" (q) "»" } }
                }
                li { "Câu dự đoán dùng để phân định thứ hạng khi bằng điểm (gần đáp án hơn xếp trên)." }
            }
            label for="reveal" { "Cho xem đáp án" }
            (select("reveal", &f.reveal, &[("after_close", "Sau khi đợt thi kết thúc"), ("after_submit", "Ngay sau khi nộp bài")]))
            (field_errors(errors, "reveal"))
            label.option { input type="checkbox" name="practice" value="1" checked[f.practice]; span { "Thi thử (không giới hạn lượt, không xếp hạng)" } }
            fieldset.prizes {
                legend { "Giải thưởng (số giải mỗi loại; để trống là không có)" }
                p.muted { "Giải cá nhân xét theo thứ hạng: Nhất cho những hạng đầu, rồi Nhì, Ba, Khuyến khích; người đồng hạng ở ranh giới nhận giải cao hơn. Giải tập thể cho các đơn vị đứng đầu xếp hạng đơn vị." }
                div.prize-grid {
                    @for ((name, label), value) in PRIZE_FIELDS.iter().zip(&f.prizes) {
                        div { label for=(name) { (label) }
                            input id=(name) type="number" inputmode="numeric" name=(name) min="0" max="1000" value=(value); }
                    }
                }
                (field_errors(errors, "prizes"))
            }
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
