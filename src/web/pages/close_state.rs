//! When a round's keys and results may be shown, for the organisers' progress page and the judges' round page:
//! the close, the moment from which no answer can be saved any more (results and "Công bố" wait for it), and the
//! attempts that run past the close because someone was granted extra time.
use crate::domain::AttemptStatus;
use crate::store::rounds::RoundView;
use crate::store::rounds::progress::ProgressRow;
use crate::time::{Timestamp, vn_datetime_secs};
use maud::{Markup, html};

/// At most this many attempts running past the close are named.
const RUNNING_SHOWN: usize = 50;

/// What the section shows.
pub struct CloseState<'a> {
    pub round: &'a RoundView,
    /// From when no answer can be saved ([`RoundView::results_at`]).
    pub results_at: Timestamp,
    pub grace_secs: u32,
    /// The attempts still running after the round's close, latest deadline first.
    pub running: Vec<&'a ProgressRow>,
    pub now: Timestamp,
}

impl<'a> CloseState<'a> {
    /// `attempts`: the round's attempts (`store::rounds::progress`).
    pub fn new(
        round: &'a RoundView,
        attempts: &'a [ProgressRow],
        grace_secs: u32,
        now: Timestamp,
    ) -> Self {
        let mut running: Vec<&ProgressRow> = attempts
            .iter()
            .filter(|a| a.status == AttemptStatus::InProgress)
            .filter(|a| a.deadline > round.closes_at && a.deadline > now)
            .collect();
        running.sort_by_key(|a| std::cmp::Reverse(a.deadline));
        CloseState {
            round,
            results_at: round.results_at(grace_secs),
            grace_secs,
            running,
            now,
        }
    }
}

pub fn section(c: &CloseState) -> Markup {
    let (round, results_at, running, now) = (c.round, c.results_at, &c.running, c.now);
    let on_time = round.closes_at + chrono::Duration::seconds(i64::from(c.grace_secs));
    html! {
        section.card #cong-bo-tu {
            h2 { "Khi nào hiện đáp án và kết quả" }
            @if now >= results_at {
                p { "Không còn bài thi nào lưu được câu trả lời: đáp án, giải thích và kết quả đã hiện được, "
                    "kết quả công bố được (từ " (vn_datetime_secs(results_at)) ")." }
            } @else {
                p { "Đợt thi kết thúc lúc " strong { (vn_datetime_secs(round.closes_at)) } ". Đáp án, giải thích và "
                    "kết quả chỉ hiện, và chỉ công bố được, từ " strong { (vn_datetime_secs(results_at)) } "." }
                @if results_at > on_time {
                    p.notice.notice-warn { "Muộn hơn giờ kết thúc vì có người được cộng thêm thời gian làm bài." }
                }
            }
            @if !running.is_empty() {
                h3 { "Bài thi làm quá giờ kết thúc (" (running.len()) ")" }
                ul.people {
                    @for a in running.iter().take(RUNNING_SHOWN) {
                        li { (a.full_name) " " span.muted { (a.login) } " — đến " (vn_datetime_secs(a.deadline)) }
                    }
                }
            }
        }
    }
}
