//! `/bai-thi/{id}` once the attempt is closed: the score, the time, and (when the round reveals them) the
//! correct answers with explanations and legal basis.
use crate::auth::AuthUser;
use crate::banks::letter;
use crate::domain::AttemptStatus;
use crate::store::attempts::view::AttemptView;
use crate::time::{vn_datetime, vn_duration};
use crate::web::components::notice;
use crate::web::layout::Page;
use maud::{Markup, html};

pub fn render(user: &AuthUser, a: &AttemptView) -> Markup {
    let title = format!("Kết quả bài thi: {}", a.round_title);
    Page::new(&title).user(Some(user)).render(html! {
        h1 { "Kết quả bài thi" }
        section.card #result {
            h2 { (a.round_title) " · lượt " (a.attempt_no) }
            @if let Some(t) = a.trial { (notice("info", t)) }
            @if a.status == AttemptStatus::InProgress {
                (notice("info", "Thí sinh đang làm bài; điểm được tính khi nộp bài."))
            } @else if a.status == AttemptStatus::Expired {
                (notice("warn", "Hết giờ: bài thi đã được tự động nộp với các câu trả lời đã lưu."))
            } @else {
                (notice("ok", "Bài thi đã được nộp thành công."))
            }
            p.lead #score {
                "Điểm: " strong { (a.score.unwrap_or(0)) "/" (a.max_score) }
                " · Số câu đúng: " (a.correct_count.unwrap_or(0)) "/" (a.questions.len())
            }
            @if let Some(ms) = a.duration_ms { p { "Thời gian làm bài: " (vn_duration(ms)) } }
            @if let Some(at) = a.finished_at { p.muted { "Nộp lúc " (vn_datetime(at)) } }
            @if let Some(p) = a.prediction { p { "Số dự đoán của bạn: " (p) } }
            p { a href={ "/dot-thi/" (a.round_id) } { "Về đợt thi" } }
        }
        @if !a.keys_shown {
            (notice("info", "Đáp án sẽ được công bố sau khi đợt thi kết thúc và mọi bài thi đã hết giờ lưu câu trả lời."))
        } @else if !a.keys_withheld.is_empty() {
            (notice("info", "Đáp án của một số câu chưa được hiển thị vì các câu này có thể xuất hiện trong đợt thi \
                chính thức mà bạn vẫn còn lượt dự thi."))
        }
        @for (i, q) in a.questions.iter().enumerate() {
            @let picked = a.answers.get(&q.id);
            @let chose = |id: i64| picked.is_some_and(|c| c.contains(&id));
            // Right when the choice is exactly the key; only known once the key is shown.
            @let verdict = q.options.iter().all(|o| o.correct.is_some()).then(|| {
                q.options.iter().all(|o| (o.correct == Some(true)) == chose(o.id))
            });
            section.question.card {
                h2 {
                    @match verdict {
                        Some(true) => { span.verdict.right { "✓ Đúng" } " " },
                        Some(false) => { span.verdict.wrong { @if picked.is_none_or(|c| c.is_empty()) { "✗ Chưa trả lời" } @else { "✗ Sai" } } " " },
                        None => {},
                    }
                    "Câu " (i + 1) ". " (q.text)
                }
                ul {
                    @for (j, o) in q.options.iter().enumerate() {
                        @let chosen = chose(o.id);
                        li.option.correct[o.correct == Some(true)].wrong[chosen && o.correct == Some(false)] {
                            span.letter { (letter(j)) "." }
                            span {
                                (o.text)
                                @if chosen || o.correct == Some(true) {
                                    span.option-badges {
                                        @if chosen { span.badge { "Bạn chọn" } }
                                        @if o.correct == Some(true) { " " span.badge { "Đáp án đúng" } }
                                    }
                                }
                            }
                        }
                    }
                }
                @if let Some(e) = &q.explanation { p { strong { "Giải thích: " } (e) } }
                @if let Some(b) = &q.legal_basis { p.muted { "Căn cứ: " (b) } }
            }
        }
    })
}
