//! The home page, for a visitor as much as for staff: the contest, the round open now and the next ones (dates,
//! time limit, number of questions, rules), the latest published results, what the questions cover, and how to
//! reach the organisers.
use crate::app::home::HomeData;
use crate::auth::AuthUser;
use crate::entities::rounds;
use crate::store::banks::BankSummary;
use crate::store::cache::pages::RenderedPage;
use crate::store::rounds::RoundView;
use crate::time::vn_datetime;
use crate::web::layout::Page;
use maud::{Markup, html};

/// Published rounds listed on the home page.
const LATEST_RESULTS: usize = 3;

/// What the home page shows.
pub struct Home<'a> {
    pub user: Option<&'a AuthUser>,
    /// Open and upcoming rounds, in the order they open.
    pub rounds: &'a [RoundView],
    /// Published rounds, the latest first.
    pub published: &'a [rounds::Model],
    pub banks: &'a [BankSummary],
    /// The organisers' contact, as they wrote it (empty: not shown).
    pub contact: &'a str,
}

impl<'a> Home<'a> {
    pub fn of(data: &'a HomeData, user: Option<&'a AuthUser>) -> Self {
        Home {
            user,
            rounds: &data.rounds,
            published: &data.published,
            banks: &data.banks,
            contact: &data.contact,
        }
    }
}

/// The page of a visitor without a session, as bytes to keep (and their gzip form, made once).
pub fn anonymous(data: &HomeData) -> RenderedPage {
    let html = render(&Home::of(data, None)).into_string();
    let gzip = crate::web::assets::gzipped(html.as_bytes()).map(bytes::Bytes::from);
    RenderedPage {
        html: bytes::Bytes::from(html),
        gzip,
    }
}

fn round_card(r: &RoundView, logged_in: bool) -> Markup {
    html! {
        article.round-card {
            h3 { (r.title) @if r.practice { " " span.badge { "Thi thử" } } }
            p { "Từ " strong { (vn_datetime(r.opens_at)) } " đến " strong { (vn_datetime(r.closes_at)) } }
            p.muted { (r.question_count) " câu hỏi · " (r.time_limit_secs / 60) " phút làm bài"
                @if let Some(q) = r.prediction.question_vi() { " · câu hỏi dự đoán: " (q) } }
            @if !r.rules.is_empty() {
                details { summary { "Thể lệ" } div.rules-text { (r.rules) } }
            }
            @if r.is_open() {
                p { @if logged_in { a.button href={ "/dot-thi/" (r.id) } { "Vào thi" } }
                    @else { a.button href={ "/dang-nhap?next=/dot-thi/" (r.id) } { "Đăng nhập để dự thi" } } }
            }
        }
    }
}

pub fn render(home: &Home) -> Markup {
    let open: Vec<&RoundView> = home.rounds.iter().filter(|r| r.is_open()).collect();
    let upcoming: Vec<&RoundView> = home
        .rounds
        .iter()
        .filter(|r| r.state == "upcoming")
        .collect();
    let total: i64 = home.banks.iter().map(|b| b.active_questions).sum();
    let mut topics: Vec<&str> = home
        .banks
        .iter()
        .flat_map(|b| b.topics.iter().map(String::as_str))
        .collect();
    topics.sort_unstable();
    topics.dedup();
    let logged_in = home.user.is_some();
    Page::new("Trang chủ").user(home.user).render(html! {
        section.hero {
            h1 { (crate::web::CONTEST_TITLE) }
            p.lead { "Dành cho cán bộ, công chức, người lao động toàn Ngành Thanh tra của tỉnh." }
            @if !logged_in { p { a.button href="/dang-nhap" { "Đăng nhập để dự thi" } } }
            @else { p { a.button href="/dot-thi" { "Các đợt thi của tôi" } } }
        }
        section.card #dang-mo {
            h2 { "Đợt thi đang mở" }
            @if open.is_empty() { p.muted { "Hiện không có đợt thi nào đang mở." } }
            @for r in &open { (round_card(r, logged_in)) }
        }
        @if !upcoming.is_empty() {
            section.card #sap-toi {
                h2 { "Đợt thi sắp tới" }
                @for r in &upcoming { (round_card(r, logged_in)) }
            }
        }
        section.card #ket-qua-moi {
            h2 { "Kết quả" }
            @if home.published.is_empty() { p.muted { "Chưa có đợt thi nào được công bố kết quả." } }
            @else {
                ul.round-links {
                    @for r in home.published.iter().take(LATEST_RESULTS) {
                        li { a href={ "/ket-qua/" (r.id) } { (r.title) }
                            @if let Some(at) = r.published_at { " " span.muted { "(công bố " (vn_datetime(at)) ")" } } }
                    }
                }
                p { a href="/ket-qua/toan-cuoc-thi" { "Kết quả toàn cuộc thi" } " · " a href="/ket-qua" { "Tất cả các đợt" } }
            }
        }
        section.card #noi-dung {
            h2 { "Nội dung thi" }
            @if total == 0 { p.muted { "Ngân hàng câu hỏi đang được chuẩn bị." } }
            @else {
                p { "Câu hỏi của mỗi lượt thi được rút ngẫu nhiên từ " strong { (total) } " câu hỏi về: " (topics.join("; ")) "." }
            }
            p { a href="/tai-lieu" { "Tài liệu tham khảo" } }
        }
        @if !home.contact.is_empty() {
            section.card #lien-he {
                h2 { "Liên hệ Ban Tổ chức" }
                div.rules-text { (home.contact) }
            }
        }
    })
}
