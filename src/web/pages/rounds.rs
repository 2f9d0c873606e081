//! `/dot-thi` (the rounds I can take, with my attempts) and `/dot-thi/{id}` (one round and its Start button).
use crate::auth::AuthUser;
use crate::domain::AttemptStatus;
use crate::entities::attempts;
use crate::store::rounds::RoundView;
use crate::time::{vn_datetime, vn_duration};
use crate::web::components::csrf_field;
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn state_label(r: &RoundView) -> &'static str {
    match r.state {
        "upcoming" => "Sắp mở",
        "open" => "Đang mở",
        _ => "Đã kết thúc",
    }
}

pub fn status_label(s: AttemptStatus) -> &'static str {
    match s {
        AttemptStatus::InProgress => "Đang làm bài",
        AttemptStatus::Submitted => "Đã nộp bài",
        AttemptStatus::Expired => "Hết giờ (đã tự động nộp)",
    }
}

fn attempts_label(r: &RoundView) -> String {
    if r.practice {
        "Không giới hạn (thi thử)".into()
    } else {
        r.max_attempts.to_string()
    }
}

pub fn list(user: &AuthUser, rounds: &[(RoundView, Vec<attempts::Model>)]) -> Markup {
    Page::new("Đợt thi").user(Some(user)).render(html! {
        h1 { "Các đợt thi" }
        @if rounds.is_empty() {
            section.card { p { "Hiện chưa có đợt thi nào dành cho bạn." } }
        }
        @for (r, mine) in rounds {
            section.card {
                h2 { a href={ "/dot-thi/" (r.id) } { (r.title) } " " span.badge { (state_label(r)) } }
                p.muted {
                    "Từ " (vn_datetime(r.opens_at)) " đến " (vn_datetime(r.closes_at))
                    " · " (r.question_count) " câu · " (r.time_limit_secs / 60) " phút"
                }
                p { "Bạn đã thi " (mine.len()) " lượt (tối đa: " (attempts_label(r)) ")." }
                @if let Some(a) = mine.iter().find(|a| a.status == AttemptStatus::InProgress) {
                    p { a.button href={ "/bai-thi/" (a.id) } { "Tiếp tục làm bài" } }
                }
            }
        }
    })
}

pub fn detail(
    user: &AuthUser,
    csrf: &str,
    r: &RoundView,
    mine: &[attempts::Model],
    can_start: bool,
) -> Markup {
    let in_progress = mine.iter().find(|a| a.status == AttemptStatus::InProgress);
    Page::new(&r.title).user(Some(user)).csrf(csrf).render(html! {
        h1 { (r.title) }
        section.card {
            dl {
                dt { "Trạng thái" } dd { (state_label(r)) }
                dt { "Thời gian mở" } dd { (vn_datetime(r.opens_at)) " – " (vn_datetime(r.closes_at)) }
                dt { "Số câu hỏi" } dd { (r.question_count) }
                dt { "Thời gian làm bài" } dd { (r.time_limit_secs / 60) " phút" }
                dt { "Số lượt thi tối đa" } dd { (attempts_label(r)) }
                @if let Some(q) = r.prediction.question_vi() { dt { "Câu hỏi dự đoán" } dd { (q) } }
            }
            @if !r.rules.is_empty() {
                h2 { "Thể lệ" }
                div.rules-text { (r.rules) }
            }
            @if let Some(a) = in_progress {
                p { a.button href={ "/bai-thi/" (a.id) } { "Tiếp tục làm bài" } }
            } @else if can_start {
                p { a.button href={ "/dot-thi/" (r.id) "/bat-dau" } { "Bắt đầu làm bài" } }
            }
        }
        @if !mine.is_empty() {
            section.card {
                h2 { "Các lượt thi của bạn" }
                div.table-wrap { table.data.cards {
                    thead { tr { th { "Lượt" } th { "Trạng thái" } th.num { "Điểm" } th { "Thời gian làm bài" } } }
                    tbody { @for a in mine { tr {
                        td { a href={ "/bai-thi/" (a.id) } { "Lượt " (a.attempt_no) } }
                        td data-label="Trạng thái" { (status_label(a.status)) }
                        td.num data-label="Điểm" { @if let Some(s) = a.score { (s) "/" (a.max_score) } @else { "—" } }
                        td data-label="Thời gian làm bài" { @if let Some(ms) = a.duration_ms { (vn_duration(ms)) } @else { "—" } }
                    } } }
                } }
            }
        }
    })
}

/// Before the clock starts: how long the attempt lasts and the round's rules, then the button that starts it.
/// `attempt`: (the number of the attempt about to start, how many this person may take).
pub fn confirm_start(user: &AuthUser, csrf: &str, r: &RoundView, attempt: (usize, i32)) -> Markup {
    let (attempt_no, allowed) = attempt;
    let minutes = r.time_limit_secs / 60;
    Page::new("Xác nhận bắt đầu làm bài").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Xác nhận bắt đầu làm bài" }
        section.card #confirm-start {
            h2 { (r.title) }
            p.lead #time-limit {
                "Bạn có " strong { (minutes) " phút" } " để trả lời " (r.question_count) " câu hỏi."
            }
            ul {
                li { "Thời gian được tính ngay khi bạn bấm «Bắt đầu tính giờ» và do máy chủ quản lý; \
                    tải lại trang hay mất mạng không dừng đồng hồ." }
                li { "Mỗi lựa chọn được lưu ngay. Khi hết giờ, bài được tự động nộp với các câu trả lời đã lưu." }
                @if r.practice {
                    li { "Đây là đợt thi thử: không giới hạn số lượt." }
                } @else {
                    li { "Đây là lượt thi thứ " (attempt_no) " trên tối đa " (allowed) " lượt." }
                }
            }
            @if !r.rules.is_empty() {
                h2 { "Thể lệ" }
                div.rules-text #rules { (r.rules) }
            }
            form method="post" action={ "/dot-thi/" (r.id) "/bat-dau" } {
                (csrf_field(csrf))
                p {
                    button type="submit" { "Bắt đầu tính giờ" }
                    " "
                    a.button.secondary href={ "/dot-thi/" (r.id) } { "Quay lại" }
                }
            }
        }
    })
}
