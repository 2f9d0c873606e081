//! Judges' and organisers' pages: every round (published or not), a round's rankings with export buttons and
//! the organiser's publish form (the statistics are `round_stats`).
use super::close_state::{self, CloseState};
use super::results::summary;
use crate::auth::AuthUser;
use crate::domain::{Role, ShowNames};
use crate::entities::rounds;
use crate::results::RoundResults;
use crate::results::{Entry, UnitEntry};
use crate::store::attempts::regrade_log::RegradeLog;
use crate::time::vn_datetime;
use crate::time::{vn_datetime_secs, vn_duration};
use crate::web::components::{csrf_field, decimal, or_dash, percent};
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn rounds(
    user: &AuthUser,
    csrf: &str,
    all: &[rounds::Model],
    regrades: &[RegradeLog],
) -> Markup {
    Page::new("Giám khảo").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Kết quả và thống kê" }
        p { a href="/api/v1/contest/export?format=xlsx" { "Tải bảng xếp hạng toàn cuộc thi (XLSX)" } " · "
            a href="/quan-tri/ngan-hang" { "Ngân hàng câu hỏi và đáp án" } }
        @if all.is_empty() { p.notice { "Chưa có đợt thi nào." } } @else {
            div.table-wrap { table.data.cards {
                thead { tr { th { "Đợt thi" } th { "Kết thúc" } th { "Trạng thái kết quả" } } }
                tbody { @for r in all { tr {
                    td { a href={ "/giam-khao/dot-thi/" (r.id) } { (r.title) } @if r.practice { " " span.badge { "Thi thử" } } }
                    td data-label="Kết thúc" { (vn_datetime(r.closes_at)) }
                    td data-label="Kết quả" { @match r.published_at {
                        Some(at) => { "Đã công bố " (vn_datetime(at)) },
                        None => { "Chưa công bố" },
                    } }
                } } }
            } }
        }
        (regrade_history(regrades))
    })
}

fn regrade_history(regrades: &[RegradeLog]) -> Markup {
    html! {
        section.card {
            h2 { "Lịch sử sửa đáp án và chấm lại" }
            @if regrades.is_empty() { p { "Chưa có lần sửa đáp án nào." } } @else {
                div.table-wrap { table.data.cards {
                    thead { tr { th { "Thời điểm" } th { "Câu hỏi" } th { "Đáp án cũ" } th { "Đáp án mới" } th.num { "Số bài thi đổi điểm" } } }
                    tbody { @for r in regrades { tr {
                        td data-label="Thời điểm" { (vn_datetime(r.at)) }
                        td data-label="Câu hỏi" { "#" (r.question_id) " (phiên bản " (r.version) ")" }
                        td data-label="Đáp án cũ" { (r.key_before) } td data-label="Đáp án mới" { (r.key_after) }
                        td.num data-label="Số bài thi đổi điểm" { (r.changed_attempts) }
                    } } }
                } }
            }
        }
    }
}

/// `blocked`: why "Công bố" cannot work now (the button is then disabled with that reason); `close`: until
/// publication, when the results may show and which attempts hold them back.
pub fn round(
    user: &AuthUser,
    csrf: &str,
    results: &RoundResults,
    blocked: Option<&str>,
    close: Option<&CloseState>,
) -> Markup {
    let id = results.round_id;
    Page::new(&results.title).user(Some(user)).csrf(csrf).render(html! {
        h1 { (results.title) }
        @match results.published_at {
            Some(at) => { p.notice.notice-ok { "Kết quả đã công bố lúc " (vn_datetime(at)) "." } },
            None => { p.notice.notice-warn { "Kết quả chưa công bố: chỉ Ban Tổ chức và Ban Giám khảo xem được." } },
        }
        @if let Some(close) = close { (close_state::section(close)) }
        @if user.role == Role::Organiser { (publish_form(csrf, results, blocked)) }
        section.card {
            h2 { "Tải kết quả" }
            p {
                a.button href={ "/api/v1/rounds/" (id) "/export?format=xlsx" } { "Tải tệp Excel (XLSX)" } " "
                a.button.secondary href={ "/api/v1/rounds/" (id) "/export?format=csv&table=individual" } { "CSV cá nhân" } " "
                a.button.secondary href={ "/api/v1/rounds/" (id) "/export?format=csv&table=units" } { "CSV đơn vị" } " "
                a.button.secondary href={ "/api/v1/rounds/" (id) "/export?format=csv&table=answers" } { "CSV bài thi" } " "
                a.button.secondary href={ "/api/v1/rounds/" (id) "/export?format=csv&table=questions" } { "CSV câu hỏi" }
            }
            p { a href={ "/giam-khao/dot-thi/" (id) "/thong-ke" } { "Xem thống kê câu hỏi và biểu đồ" } }
            p {
                a href={ "/ket-qua/" (id) "/le-trao-giai" } { "Lễ trao giải (trình chiếu, phím → để hiện từng giải)" } " · "
                a href={ "/giam-khao/dot-thi/" (id) "/giay-chung-nhan" } { "In giấy chứng nhận" }
            }
        }
        (summary(results))
        section.card { h2 { "Xếp hạng cá nhân" } (individual_table(&results.entries, results.prediction_applied)) }
        section.card { h2 { "Xếp hạng đơn vị" } (unit_table(&results.units, results.min_participation_rate)) }
    })
}

fn publish_form(csrf: &str, results: &RoundResults, blocked: Option<&str>) -> Markup {
    let id = results.round_id;
    html! {
        section.card {
            h2 { "Công bố kết quả" }
            @if results.published_at.is_some() {
                form method="post" action={ "/giam-khao/dot-thi/" (id) "/huy-cong-bo" } {
                    (csrf_field(csrf))
                    button.secondary type="submit" { "Thu hồi công bố" }
                }
            } @else {
                form method="post" action={ "/giam-khao/dot-thi/" (id) "/cong-bo" } {
                    (csrf_field(csrf))
                    label for="show_names" { "Hiển thị tên cán bộ" }
                    select #show_names name="show_names" {
                        option value="full" selected[results.show_names == ShowNames::Full] { "Đầy đủ họ và tên" }
                        option value="masked" selected[results.show_names == ShowNames::Masked] { "Rút gọn (N. V. An)" }
                    }
                    @if let Some(why) = blocked { p.muted #publish-blocked { (why) } }
                    p { button type="submit" disabled[blocked.is_some()] aria-describedby=[blocked.map(|_| "publish-blocked")] { "Công bố kết quả" } }
                }
            }
        }
    }
}

pub fn individual_table(entries: &[Entry], with_prediction: bool) -> Markup {
    html! {
        @if entries.is_empty() { p { "Chưa có bài thi nào." } } @else {
            div.table-wrap { table.data.cards {
                thead { tr {
                    th.num { "Hạng" } th { "Họ và tên" } th { "Đơn vị" } th.num { "Điểm" } th.num { "Số câu đúng" }
                    @if with_prediction { th.num { "Dự đoán" } th.num { "Chênh lệch" } }
                    th.num { "Thời gian" } th { "Nộp bài lúc" }
                } }
                tbody { @for e in entries { tr {
                    td.num data-label="Hạng" { (e.rank) }
                    td data-label="Họ và tên" { (e.full_name) }
                    td data-label="Đơn vị" { (e.unit.as_ref().map(|u| u.name.as_str()).unwrap_or("—")) }
                    td.num data-label="Điểm" { (e.score) "/" (e.max_score) }
                    td.num data-label="Số câu đúng" { (e.correct_count) }
                    @if with_prediction {
                        td.num data-label="Dự đoán" { (or_dash(e.prediction)) }
                        td.num data-label="Chênh lệch" { (or_dash(e.prediction_distance)) }
                    }
                    td.num data-label="Thời gian" { (vn_duration(e.duration_ms)) " " span.muted { "(" (e.duration_ms) " ms)" } }
                    td data-label="Nộp bài lúc" { (vn_datetime_secs(e.submitted_at)) }
                } } }
            } }
        }
    }
}

pub fn unit_table(units: &[UnitEntry], min_rate: f64) -> Markup {
    html! {
        @if min_rate > 0.0 {
            p.muted { "Đơn vị có tỷ lệ tham gia dưới " (percent(min_rate)) " được liệt kê nhưng không xếp hạng." }
        }
        div.table-wrap { table.data.cards {
            thead { tr {
                th.num { "Hạng" } th { "Đơn vị" } th.num { "Biên chế" } th.num { "Số người dự thi" }
                th.num { "Tỷ lệ tham gia" } th.num { "Điểm trung bình" }
            } }
            tbody { @for u in units { tr {
                td.num data-label="Hạng" { @if let Some(r) = u.standing.rank { (r) } @else { span.muted { "Không xếp hạng" } } }
                td data-label="Đơn vị" { (u.unit.name) }
                td.num data-label="Biên chế" { (u.standing.headcount) }
                td.num data-label="Số người dự thi" { (u.standing.participants) }
                td.num data-label="Tỷ lệ tham gia" { (percent(u.standing.participation_rate)) }
                td.num data-label="Điểm trung bình" { (decimal(u.standing.average_score)) }
            } } }
        } }
    }
}
