//! Published results, phone first: the list of published rounds, a round's rankings and the overall contest
//! ranking as cards (rank · name · unit · score, details on a tap) with a search by name or unit and the viewer's
//! own line marked, and the projector view for the award ceremony (large type, top N, reloaded by the small
//! static `refresh.js`, no inline script).
use crate::auth::AuthUser;
use crate::domain::PredictionKind;
use crate::domain::text::fold;
use crate::entities::rounds;
use crate::results::contest::{ContestResults, OverallEntry};
use crate::results::export::{OVERALL_RULE, OVERALL_UNITS_RULE};
use crate::results::{Entry, RoundResults, UnitEntry, UnitRef};
use crate::time::{vn_datetime, vn_datetime_secs, vn_duration};
use crate::web::components::{decimal, or_dash, percent};
use crate::web::layout::Page;
use maud::{Markup, html};

/// What a public ranking page shows: the viewer (their own line is marked), the search as typed, and whether
/// every line is wanted (otherwise the first [`FIRST_LINES`]).
pub struct View<'a> {
    pub user: Option<&'a AuthUser>,
    pub q: &'a str,
    pub all: bool,
}

/// Lines shown before "Xem toàn bộ": enough for every prize, light on a phone.
pub const FIRST_LINES: usize = 100;

pub fn list(user: Option<&AuthUser>, published: &[rounds::Model]) -> Markup {
    Page::new("Kết quả").user(user).render(html! {
        h1 { "Kết quả các đợt thi" }
        @if published.is_empty() {
            p.notice { "Chưa có đợt thi nào được công bố kết quả." }
        } @else {
            p { a.button href="/ket-qua/toan-cuoc-thi" { "Kết quả toàn cuộc thi" } }
            ul.round-links {
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

/// One line of a public ranking as a card: rank · name · unit · score, the rest on a tap.
struct Card<'a> {
    rank: u32,
    name: &'a str,
    unit: &'a str,
    score: String,
    details: Vec<(&'static str, String)>,
    mine: bool,
}

fn unit_name(unit: Option<&UnitRef>) -> &str {
    unit.map_or("—", |u| u.name.as_str())
}

fn round_card<'a>(e: &'a Entry, with_prediction: bool, viewer: Option<i64>) -> Card<'a> {
    let mut details = vec![("Số câu đúng", e.correct_count.to_string())];
    if with_prediction {
        details.push(("Dự đoán", or_dash(e.prediction)));
        details.push(("Chênh lệch so với đáp án", or_dash(e.prediction_distance)));
    }
    details.push(("Thời gian làm bài", vn_duration(e.duration_ms)));
    details.push(("Nộp bài lúc", vn_datetime_secs(e.submitted_at)));
    Card {
        rank: e.rank,
        name: &e.full_name,
        unit: unit_name(e.unit.as_ref()),
        score: format!("{}/{}", e.score, e.max_score),
        details,
        mine: viewer == Some(e.person),
    }
}

fn overall_card(e: &OverallEntry, viewer: Option<i64>) -> Card<'_> {
    Card {
        rank: e.rank,
        name: &e.full_name,
        unit: unit_name(e.unit.as_ref()),
        score: format!("{}/{}", e.total_score, e.total_max_score),
        details: vec![
            ("Số đợt đã thi", e.rounds.to_string()),
            ("Tổng thời gian làm bài", vn_duration(e.total_duration_ms)),
        ],
        mine: viewer == Some(e.person),
    }
}

/// Whether a line matches the search: its name as shown, or its unit, ignoring case and diacritics.
fn matches(q: &str, name: &str, unit: &str) -> bool {
    q.is_empty() || fold(name).contains(q) || fold(unit).contains(q)
}

/// The search box, the cards that match, and a way to see every line.
fn ranking(view: &View, path: &str, cards: &[Card]) -> Markup {
    let q = fold(view.q);
    let found: Vec<&Card> = cards
        .iter()
        .filter(|c| matches(&q, c.name, c.unit))
        .collect();
    let shown = if view.all || !q.is_empty() {
        found.len()
    } else {
        found.len().min(FIRST_LINES)
    };
    html! {
        form.ranking-search method="get" action=(path) role="search" {
            label for="q" { "Tìm theo họ tên hoặc đơn vị (gõ có dấu hoặc không dấu)" }
            div.search-row {
                input #q type="search" name="q" value=(view.q) maxlength="100" autocomplete="off";
                button type="submit" { "Tìm" }
            }
        }
        @if !q.is_empty() {
            p { "Tìm thấy " strong { (found.len()) } " trong " (cards.len()) " người. " a href=(path) { "Xem tất cả" } }
        }
        @if found.is_empty() {
            p.muted { @if cards.is_empty() { "Chưa có bài thi nào." } @else { "Không có ai khớp với từ khoá này." } }
        } @else {
            ol.rank-cards {
                @for c in &found[..shown] {
                    li.rank-card.mine[c.mine] id=[c.mine.then_some("hang-cua-ban")] {
                        details {
                            summary {
                                span.rank-no { (c.rank) }
                                span.rank-who {
                                    span.rank-name { (c.name) @if c.mine { " " span.badge { "Bạn" } } }
                                    span.rank-unit { (c.unit) }
                                }
                                span.rank-score { (c.score) }
                            }
                            dl.rank-details {
                                @for (label, value) in &c.details { div { dt { (label) } dd { (value) } } }
                            }
                        }
                    }
                }
            }
            @if shown < found.len() {
                p { a href={ (path) "?all=1" } { "Xem toàn bộ " (found.len()) " người" } }
            }
        }
    }
}

/// "Thứ hạng của bạn: 12", linking to the viewer's marked line.
fn own_rank(path: &str, rank: Option<u32>) -> Markup {
    html! {
        @if let Some(rank) = rank {
            p.notice.notice-ok.own-rank {
                "Thứ hạng của bạn: " strong { (rank) } " · " a href={ (path) "?all=1#hang-cua-ban" } { "Xem dòng của bạn" }
            }
        }
    }
}

/// The unit ranking, one line per unit with its criteria: participants, rate, average.
fn unit_lines(units: &[UnitEntry], min_rate: f64, criteria: &str) -> Markup {
    html! {
        p.muted { (criteria) }
        @if min_rate > 0.0 {
            p.muted { "Đơn vị có tỷ lệ tham gia dưới " (percent(min_rate)) " được liệt kê nhưng không xếp hạng." }
        }
        ol.unit-lines {
            @for u in units {
                li {
                    span.rank-no { @if let Some(r) = u.standing.rank { (r) } @else { "–" } }
                    span.rank-who {
                        span.rank-name { (u.unit.name) }
                        span.rank-unit {
                            "Tham gia " (u.standing.participants) "/" (u.standing.headcount) " người ("
                            (percent(u.standing.participation_rate)) ") · Điểm trung bình "
                            (decimal(u.standing.average_score))
                            @if u.standing.rank.is_none() { " · Không xếp hạng" }
                        }
                    }
                }
            }
        }
    }
}

/// A round's unit ranking criteria (`domain::unit_ranking::rank_units`).
const UNIT_CRITERIA: &str =
    "Xếp theo tỷ lệ tham gia (số người dự thi / biên chế), rồi điểm trung bình.";

pub fn round(view: &View, results: &RoundResults) -> Markup {
    let path = format!("/ket-qua/{}", results.round_id);
    let viewer = view.user.map(|u| u.id);
    let cards: Vec<Card> = results
        .entries
        .iter()
        .map(|e| round_card(e, results.prediction_applied, viewer))
        .collect();
    let mine = cards.iter().find(|c| c.mine).map(|c| c.rank);
    Page::new(&results.title).user(view.user).render(html! {
        h1 { "Kết quả: " (results.title) }
        (own_rank(&path, mine))
        (summary(results))
        section.card {
            h2 { "Xếp hạng cá nhân" }
            (ranking(view, &path, &cards))
        }
        section.card {
            h2 { "Xếp hạng đơn vị" }
            (unit_lines(&results.units, results.min_participation_rate, UNIT_CRITERIA))
        }
        p.links {
            a href="/ket-qua/toan-cuoc-thi" { "Kết quả toàn cuộc thi" } " · "
            a href={ (path) "/trinh-chieu" } { "Chế độ trình chiếu" } " · "
            a href={ (path) "/le-trao-giai" } { "Lễ trao giải" }
        }
    })
}

/// The overall ranking of the published rounds: individuals and units, each with its rule.
pub fn contest(view: &View, results: &ContestResults) -> Markup {
    let path = "/ket-qua/toan-cuoc-thi";
    let viewer = view.user.map(|u| u.id);
    let cards: Vec<Card> = results
        .entries
        .iter()
        .map(|e| overall_card(e, viewer))
        .collect();
    let mine = cards.iter().find(|c| c.mine).map(|c| c.rank);
    Page::new("Kết quả toàn cuộc thi")
        .user(view.user)
        .render(html! {
            h1 { "Kết quả toàn cuộc thi" }
            @if results.rounds.is_empty() {
                p.notice { "Chưa có đợt thi nào được công bố kết quả." }
            } @else {
                (own_rank(path, mine))
                p { "Các đợt thi đã công bố được tính: "
                    @for (i, r) in results.rounds.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href={ "/ket-qua/" (r.id) } { (r.title) }
                    }
                    "." }
                section.card {
                    h2 { "Xếp hạng cá nhân" }
                    p.muted { (OVERALL_RULE) }
                    (ranking(view, path, &cards))
                }
                section.card {
                    h2 { "Xếp hạng đơn vị" }
                    (unit_lines(&results.units, results.min_participation_rate, OVERALL_UNITS_RULE))
                }
            }
            p.links { a href="/ket-qua" { "Kết quả từng đợt thi" } }
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

/// Seconds between refreshes of the projector view.
const REFRESH_SECS: u32 = 30;

pub fn projector(results: &RoundResults, top: usize) -> Markup {
    Page::new(&results.title).bare().body_class("projector").scripts(&["refresh.js"]).render(html! {
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
