//! Published results: the list of published rounds, a round's individual and unit rankings, and the projector
//! view for the award ceremony (large type, top N, reloaded by the small static `refresh.js`, no inline script).
use crate::auth::AuthUser;
use crate::domain::PredictionKind;
use crate::entities::rounds;
use crate::results::{Entry, RoundResults, UnitEntry};
use crate::time::{vn_datetime, vn_datetime_secs, vn_duration};
use crate::web::components::percent;
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn list(user: Option<&AuthUser>, published: &[rounds::Model]) -> Markup {
    Page::new("Kết quả").user(user).render(html! {
        h1 { "Kết quả các đợt thi" }
        @if published.is_empty() {
            p.notice { "Chưa có đợt thi nào được công bố kết quả." }
        } @else {
            ul {
                @for r in published {
                    li {
                        a href={ "/ket-qua/" (r.id) } { (r.title) }
                        @if let Some(at) = r.published_at { " " span.muted { "(công bố " (vn_datetime(at)) ")" } }
                    }
                }
            }
        }
    })
}

pub fn round(user: Option<&AuthUser>, results: &RoundResults) -> Markup {
    Page::new(&results.title).user(user).render(html! {
        h1 { "Kết quả: " (results.title) }
        (summary(results))
        section.card {
            h2 { "Xếp hạng cá nhân" }
            (individual_table(&results.entries, results.prediction_applied))
        }
        section.card {
            h2 { "Xếp hạng đơn vị" }
            (unit_table(&results.units, results.min_participation_rate))
        }
        p { a.button.secondary href={ "/ket-qua/" (results.round_id) "/trinh-chieu" } { "Chế độ trình chiếu" } }
    })
}

pub fn summary(results: &RoundResults) -> Markup {
    html! {
        p { "Số người dự thi: " strong { (results.participants) } }
        @if let Some(figure) = results.true_figure {
            p {
                (match results.prediction {
                    PredictionKind::FullScoreCount => "Số người trả lời đúng tất cả các câu hỏi (đáp án câu dự đoán): ",
                    _ => "Số người tham gia (đáp án câu dự đoán): ",
                })
                strong { (figure) }
            }
        }
        p.muted {
            "Thứ tự xếp hạng: điểm cao hơn; "
            @if results.prediction_applied { "dự đoán gần đáp án hơn (không dự đoán xếp sau); " }
            "thời gian làm bài ngắn hơn; nộp bài sớm hơn. Bằng nhau ở mọi tiêu chí thì đồng hạng."
        }
    }
}

pub fn individual_table(entries: &[Entry], with_prediction: bool) -> Markup {
    html! {
        @if entries.is_empty() { p { "Chưa có bài thi nào." } } @else {
            div.table-wrap { table.data {
                thead { tr {
                    th.num { "Hạng" } th { "Họ và tên" } th { "Đơn vị" } th.num { "Điểm" } th.num { "Số câu đúng" }
                    @if with_prediction { th.num { "Dự đoán" } th.num { "Chênh lệch" } }
                    th.num { "Thời gian" } th { "Nộp bài lúc" }
                } }
                tbody { @for e in entries { tr {
                    td.num { (e.rank) }
                    td { (e.full_name) }
                    td { (e.unit.as_ref().map(|u| u.name.as_str()).unwrap_or("—")) }
                    td.num { (e.score) "/" (e.max_score) }
                    td.num { (e.correct_count) }
                    @if with_prediction {
                        td.num { (opt(e.prediction)) }
                        td.num { (opt(e.prediction_distance)) }
                    }
                    td.num { (vn_duration(e.duration_ms)) " " span.muted { "(" (e.duration_ms) " ms)" } }
                    td { (vn_datetime_secs(e.submitted_at)) }
                } } }
            } }
        }
    }
}

fn opt(v: Option<i64>) -> String {
    v.map_or_else(|| "—".to_owned(), |n| n.to_string())
}

pub fn unit_table(units: &[UnitEntry], min_rate: f64) -> Markup {
    html! {
        @if min_rate > 0.0 {
            p.muted { "Đơn vị có tỷ lệ tham gia dưới " (percent(min_rate)) " được liệt kê nhưng không xếp hạng." }
        }
        div.table-wrap { table.data {
            thead { tr {
                th.num { "Hạng" } th { "Đơn vị" } th.num { "Biên chế" } th.num { "Số người dự thi" }
                th.num { "Tỷ lệ tham gia" } th.num { "Điểm trung bình" }
            } }
            tbody { @for u in units { tr {
                td.num { @if let Some(r) = u.standing.rank { (r) } @else { span.muted { "Không xếp hạng" } } }
                td { (u.unit.name) }
                td.num { (u.standing.headcount) }
                td.num { (u.standing.participants) }
                td.num { (percent(u.standing.participation_rate)) }
                td.num { (format!("{:.2}", u.standing.average_score)) }
            } } }
        } }
    }
}

/// Seconds between refreshes of the projector view.
const REFRESH_SECS: u32 = 30;

pub fn projector(results: &RoundResults, top: usize) -> Markup {
    Page::new(&results.title).body_class("projector").scripts(&["refresh.js"]).render(html! {
        div #auto-refresh data-seconds=(REFRESH_SECS) hidden {}
        h1 { (results.title) }
        @if let Some(figure) = results.true_figure { p { "Đáp án câu dự đoán: " strong { (figure) } } }
        table.data {
            thead { tr { th.num { "Hạng" } th { "Họ và tên" } th { "Đơn vị" } th.num { "Điểm" } th.num { "Thời gian" } } }
            tbody { @for e in results.entries.iter().take(top) { tr {
                td.num { (e.rank) } td { (e.full_name) }
                td { (e.unit.as_ref().map(|u| u.name.as_str()).unwrap_or("—")) }
                td.num { (e.score) } td.num { (vn_duration(e.duration_ms)) }
            } } }
        }
    })
}
