//! A round's statistics for judges and organisers: the questions to check first, charts of the score
//! distribution, participation per unit and submissions per day, and the item table sortable by its figures
//! through plain links (no script).
use crate::auth::AuthUser;
use crate::results::items::{self, Column, Direction, Order, Review};
use crate::results::stats::{QuestionLine, RoundStats};
use crate::web::charts::{Bar, bar_chart};
use crate::web::components::{decimal, percent};
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn render(user: &AuthUser, round_id: i64, title: &str, s: &RoundStats, order: Order) -> Markup {
    Page::new("Thống kê").user(Some(user)).render(html! {
        p.muted { a href={ "/giam-khao/dot-thi/" (round_id) } { "← Kết quả đợt thi" } }
        h1 { "Thống kê: " (title) }
        p { "Số người dự thi: " strong { (s.participants) } ". Thống kê tính trên bài thi được tính xếp hạng của mỗi người." }
        (review(&items::to_review(&s.questions)))
        section.card { (bar_chart("Phân bố điểm (số người theo điểm)", &score_bars(s), None)) }
        section.card { (bar_chart("Tỷ lệ tham gia theo đơn vị", &unit_bars(s), Some(1.0))) }
        section.card { (bar_chart("Số bài nộp theo ngày", &day_bars(s), None)) }
        (item_table(round_id, s, order))
    })
}

fn score_bars(s: &RoundStats) -> Vec<Bar> {
    s.score_distribution
        .iter()
        .map(|(score, n)| Bar {
            label: format!("{score} điểm"),
            value: f64::from(*n),
            text: format!("{n} người"),
        })
        .collect()
}

fn unit_bars(s: &RoundStats) -> Vec<Bar> {
    s.per_unit
        .iter()
        .map(|u| Bar {
            label: u.unit_name.clone(),
            value: u.participation_rate,
            text: format!(
                "{} ({}/{})",
                percent(u.participation_rate),
                u.participants,
                u.headcount
            ),
        })
        .collect()
}

fn day_bars(s: &RoundStats) -> Vec<Bar> {
    s.per_day
        .iter()
        .map(|(d, n)| Bar {
            label: d.format("%d/%m/%Y").to_string(),
            value: f64::from(*n),
            text: n.to_string(),
        })
        .collect()
}

fn review(list: &[Review<'_>]) -> Markup {
    html! {
        section.card #cau-can-xem-lai {
            h2 { "Câu cần xem lại" }
            @if list.is_empty() {
                p { "Không có câu nào dưới 50% lượt trả lời đúng hay có độ phân biệt âm." }
            } @else {
                p.muted { "Câu có tỷ lệ trả lời đúng thấp nhất (dưới 50%) và câu có độ phân biệt âm: nên kiểm tra lại đáp án và cách hỏi." }
                ul.review { @for r in list { li {
                    p { (question_ref(r.question)) }
                    p.question-text { (r.question.text) }
                    @if r.low_facility {
                        p { "Tỷ lệ trả lời đúng thấp: " strong { (percent(r.question.stat.facility)) }
                            " (" (r.question.stat.correct) "/" (r.question.stat.drawn) " lượt)." }
                    }
                    @if let (true, Some(d)) = (r.negative_discrimination, r.question.stat.discrimination) {
                        p { "Độ phân biệt âm: " strong { (decimal(d)) }
                            " — nhóm điểm cao trả lời đúng ít hơn nhóm điểm thấp; có thể đáp án sai hoặc câu hỏi gây hiểu nhầm." }
                    }
                } } }
            }
        }
    }
}

/// The question's code, linked to its card in the bank page when the bank is known.
fn question_ref(q: &QuestionLine) -> Markup {
    html! {
        @if q.bank_slug.is_empty() { code { (q.external_id) } }
        @else {
            a href={ "/quan-tri/ngan-hang/" (q.bank_slug) "#q-" (q.stat.question_id) } {
                "Câu " code { (q.external_id) } " trong ngân hàng câu hỏi"
            }
        }
    }
}

const COLUMNS: [(Column, &str); 3] = [
    (Column::Drawn, "Số lượt"),
    (Column::Facility, "Tỷ lệ đúng"),
    (Column::Discrimination, "Độ phân biệt"),
];

fn item_table(round_id: i64, s: &RoundStats, order: Order) -> Markup {
    html! {
        section.card #cau-hoi {
            h2 { "Thống kê câu hỏi" }
            p.muted { "Tỷ lệ đúng: tỷ lệ bài thi trả lời đúng hoàn toàn. Độ phân biệt: tỷ lệ đúng của 27% bài điểm cao nhất trừ tỷ lệ đúng của 27% bài điểm thấp nhất. Bấm tiêu đề cột để sắp xếp." }
            @if order.column.is_some() {
                p { a href={ "/giam-khao/dot-thi/" (round_id) "/thong-ke#cau-hoi" } { "Về thứ tự ban đầu" } }
            }
            div.table-wrap { table.data.items.cards.sortable {
                thead { tr {
                    th { "Mã" } th { "Câu hỏi" }
                    @for (column, name) in COLUMNS { (sort_header(round_id, order, column, name)) }
                    th { "Số lần chọn" }
                } }
                tbody { @for q in items::sorted(&s.questions, order) { tr {
                    td { (q.external_id) } td.text { (q.text) } td.num data-label="Số lượt" { (q.stat.drawn) }
                    td.num data-label="Tỷ lệ đúng" { (percent(q.stat.facility)) }
                    td.num data-label="Độ phân biệt" { (q.stat.discrimination.map_or_else(|| "—".to_owned(), decimal)) }
                    td.choices data-label="Số lần chọn" { @for o in &q.options {
                        span.badge { (o.letter) @if o.correct { " ✓" } ": " (o.chosen) } " "
                    } }
                } } }
            } }
        }
    }
}

/// A header linking to its column in ascending order, or in the other direction when already sorted by it.
fn sort_header(round_id: i64, order: Order, column: Column, name: &str) -> Markup {
    let current = (order.column == Some(column)).then_some(order.direction);
    let (next, next_label) = match current {
        Some(Direction::Ascending) => (Direction::Descending, "giảm dần"),
        _ => (Direction::Ascending, "tăng dần"),
    };
    let (aria, mark) = match current {
        Some(Direction::Ascending) => (Some("ascending"), " ▲"),
        Some(Direction::Descending) => (Some("descending"), " ▼"),
        None => (None, ""),
    };
    html! {
        th.num aria-sort=[aria] {
            a href={ "/giam-khao/dot-thi/" (round_id) "/thong-ke?sap-xep=" (column.key()) "&chieu=" (next.key()) "#cau-hoi" }
                title={ "Sắp xếp " (next_label) " theo " (name.to_lowercase()) } { (name) (mark) }
        }
    }
}
