//! `/bai-thi/{id}` while in progress: every question on one page with a palette, a countdown from the server's
//! deadline, and a plain form that posts all answers to `/bai-thi/{id}/nop-bai` (it works without JavaScript;
//! `static/quiz.js` adds saving each choice at once, "Đã lưu" states, retries and the submit confirmation).
use crate::auth::AuthUser;
use crate::banks::letter;
use crate::domain::text::has_multi_answer_hint;
use crate::store::attempts::view::{AttemptView, QuestionView};
use crate::time::vn_datetime_secs;
use crate::web::components::csrf_field;
use crate::web::layout::Page;
use maud::{Markup, html};

/// "mm:ss" (or "h:mm:ss") left until the deadline, as the page shows before the script takes over.
pub fn remaining(a: &AttemptView) -> String {
    let secs = (a.deadline - a.now).num_seconds().max(0);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

pub fn render(user: &AuthUser, csrf: &str, a: &AttemptView) -> Markup {
    let title = format!("Bài thi: {}", a.round_title);
    Page::new(&title).user(Some(user)).csrf(csrf).scripts(&["quiz.js"]).render(html! {
        div.quiz-bar #quiz-bar data-attempt=(a.id) data-deadline=(a.deadline.to_rfc3339())
            data-now=(a.now.to_rfc3339()) {
            span {
                "Còn lại: "
                span.countdown #countdown role="timer" aria-label="Thời gian còn lại" { (remaining(a)) }
            }
            span.answered-count #answered-count {
                "Đã trả lời " (answered_count(a)) "/" (a.questions.len())
            }
            span.time-warning #time-warning role="status" aria-live="polite" {}
            span.save-state #save-state role="status" aria-live="polite" {
                "Hạn nộp: " (vn_datetime_secs(a.deadline))
            }
        }
        h1 { (a.round_title) }
        @if let Some(t) = a.trial { p.notice { (t) } }
        p.muted { "Chọn phương án cho từng câu. Mỗi lựa chọn được lưu ngay lên máy chủ." }
        nav aria-label="Danh sách câu hỏi" {
            ol.palette #palette {
                @for (i, q) in a.questions.iter().enumerate() {
                    li { a.answered[answered(a, q)] href={ "#q-" (i + 1) } data-question=(q.id)
                        aria-label={ "Câu " (i + 1) } { (i + 1) } }
                }
            }
        }
        form #quiz-form method="post" action={ "/bai-thi/" (a.id) "/nop-bai" } data-count=(a.questions.len()) {
            (csrf_field(csrf))
            @for (i, q) in a.questions.iter().enumerate() { (question(a, i, q)) }
            @if let Some(text) = a.prediction_question {
                fieldset.question {
                    legend { "Câu hỏi dự đoán" }
                    label for="prediction" { (text) }
                    input #prediction type="number" name="prediction" min="0" max="1000000000" inputmode="numeric";
                }
            }
            div #confirm-box hidden role="alertdialog" aria-labelledby="confirm-text" {
                p #confirm-text {}
                button #confirm-yes type="button" { "Nộp bài" }
                " "
                button.secondary #confirm-no type="button" { "Quay lại làm bài" }
            }
            p { button #submit-button type="submit" { "Nộp bài" } }
        }
    })
}

fn answered_count(a: &AttemptView) -> usize {
    a.questions.iter().filter(|q| answered(a, q)).count()
}

fn answered(a: &AttemptView, q: &QuestionView) -> bool {
    a.answers.get(&q.id).is_some_and(|ids| !ids.is_empty())
}

fn question(a: &AttemptView, i: usize, q: &QuestionView) -> Markup {
    let chosen = a.answers.get(&q.id);
    let kind = if q.multiple { "checkbox" } else { "radio" };
    html! {
        fieldset.question id={ "q-" (i + 1) } data-question=(q.id) {
            legend {
                "Câu " (i + 1) ". " (q.text)
                @if q.multiple && !has_multi_answer_hint(&q.text) {
                    " " span.muted { "(chọn tất cả phương án đúng)" }
                }
            }
            @for (j, o) in q.options.iter().enumerate() {
                label.option {
                    input type=(kind) name={ "q_" (q.id) } value=(o.id)
                        checked[chosen.is_some_and(|c| c.contains(&o.id))];
                    span.letter { (letter(j)) "." }
                    span { (o.text) }
                }
            }
            p.q-status.saved[answered(a, q)] id={ "status-" (q.id) } aria-live="polite" {
                @if answered(a, q) { "Đã lưu" } @else { "Chưa trả lời" }
            }
        }
    }
}
