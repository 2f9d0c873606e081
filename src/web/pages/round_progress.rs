//! The organiser's live progress of a round: per unit who has started, the list of who has not (filterable), one
//! form for extra time or attempts, every attempt in compact rows; the page refreshes itself (`refresh.js`).
use crate::auth::AuthUser;
use crate::store::rounds::RoundView;
use crate::store::rounds::progress::Progress;
use crate::time::{vn_datetime, vn_duration};
use crate::web::components::{csrf_field, notice};
use crate::web::layout::Page;
use crate::web::pages::close_state::{self, CloseState};
use crate::web::pages::rounds::status_label;
use chrono::Utc;
use maud::{Markup, html};

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

/// `grace_secs`: the save grace after a deadline (when the round's results may show).
pub fn progress(
    user: &AuthUser,
    csrf: &str,
    round: &RoundView,
    p: &Progress,
    waiting: &Waiting,
    message: Option<(&str, &str)>,
    grace_secs: u32,
) -> Markup {
    let close = CloseState::new(round, &p.attempts, grace_secs, Utc::now());
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
        (close_state::section(&close))
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
            div.table-wrap { table.data.compact.cards {
                thead { tr { th { "Đơn vị" } th.num { "Danh sách" } th.num { "Đang làm" } th.num { "Đã nộp" }
                    th.num { "Chưa bắt đầu" } } }
                tbody { @for u in &p.units { tr {
                    td { (u.unit) } td.num data-label="Danh sách" { (u.people) }
                    td.num data-label="Đang làm" { (u.in_progress) } td.num data-label="Đã nộp" { (u.submitted) }
                    td.num data-label="Chưa bắt đầu" { @if u.not_started > 0 { strong { (u.not_started) } } @else { "0" } }
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
                    p.muted { "Thời gian cộng thêm có thể kéo dài bài thi quá giờ kết thúc. Khi đó đáp án, giải thích và "
                        "kết quả của cả đợt thi chỉ hiện sau khi người đó hết giờ (xem mục Khi nào hiện đáp án và kết quả)." }
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
            div.table-wrap { table.data.compact.cards {
                thead { tr { th { "Thí sinh" } th.num { "Lượt" } th { "Trạng thái" } th { "Hạn nộp" } th.num { "Điểm" } th { "Thời gian" } } }
                tbody { @for r in &p.attempts { tr {
                    td { (r.full_name) " " span.muted { (r.login) } }
                    td.num data-label="Lượt" { (r.attempt_no) }
                    td data-label="Trạng thái" { (status_label(r.status)) }
                    td data-label="Hạn nộp" { (vn_datetime(r.deadline)) }
                    td.num data-label="Điểm" { @if let Some(s) = r.score { (s) "/" (r.max_score) } @else { "—" } }
                    td data-label="Thời gian" { @if let Some(ms) = r.duration_ms { (vn_duration(ms)) } @else { "—" } }
                } } }
            } }
        }
    }
}
