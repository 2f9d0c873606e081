//! Question bank pages: the list of banks with their topics and an import form, and one bank's questions with
//! their keys, explanations, legal bases and how they fared. Organisers change; judges read.
use crate::auth::AuthUser;
use crate::banks::ImportReport;
use crate::banks::review::{Finding, Severity};
use crate::domain::Role;
use crate::store::banks::usage::Usage;
use crate::store::banks::{BankSummary, QuestionView};
use crate::web::components::{csrf_field, notice, percent};
use crate::web::layout::Page;
use maud::{Markup, html};
use std::collections::HashMap;

/// The outcome of an import, shown above the list.
pub enum Outcome<'a> {
    Refused(&'a str),
    Report {
        report: &'a ImportReport,
        accepted: bool,
    },
}

pub fn list(
    user: &AuthUser,
    csrf: &str,
    banks: &[BankSummary],
    outcome: Option<Outcome<'_>>,
) -> Markup {
    let organiser = user.role == Role::Organiser;
    let total: i64 = banks.iter().map(|b| b.active_questions).sum();
    Page::new("Ngân hàng câu hỏi").user(Some(user)).csrf(csrf).render(html! {
        h1 { "Ngân hàng câu hỏi" }
        @match outcome {
            Some(Outcome::Refused(message)) => (notice("error", message)),
            Some(Outcome::Report { report, accepted }) => (report_view(report, accepted)),
            None => {}
        }
        p { (banks.len()) " ngân hàng · " strong { (total) } " câu hỏi đang dùng. "
            "Hãy đọc kỹ đáp án, giải thích và căn cứ pháp lý của từng câu trước một đợt thi thật." }
        @for b in banks { (bank_card(b)) }
        @if banks.is_empty() { (notice("info", "Chưa có ngân hàng câu hỏi nào. Hãy nhập một tệp ở dưới.")) }
        @if organiser { (import_form(csrf)) }
    })
}

fn bank_card(b: &BankSummary) -> Markup {
    html! {
        section.card {
            h2 { a href={ "/quan-tri/ngan-hang/" (b.slug) } { (b.title) } }
            p.muted { "Mã: " code { (b.slug) } " · Nội dung đúng đến ngày: " (b.valid_as_of.as_deref().unwrap_or("chưa ghi"))
                " · " (b.active_questions) " câu đang dùng"
                @if b.retired_questions > 0 { " · " (b.retired_questions) " câu đã ngừng dùng" } }
            ul.topic-counts {
                @for t in &b.per_topic { li { (t.topic) " " span.badge { (t.questions) " câu" } } }
            }
            p { a href={ "/quan-tri/ngan-hang/" (b.slug) } { "Xem câu hỏi và đáp án" } " · Tải về: "
                a href={ "/api/v1/banks/" (b.slug) "/export?format=xlsx" } { "Excel" } " · "
                a href={ "/api/v1/banks/" (b.slug) "/export" } { "TOML" } }
        }
    }
}

fn import_form(csrf: &str) -> Markup {
    html! {
        section.card #nhap {
            h2 { "Nhập ngân hàng câu hỏi từ tệp" }
            p { "Tệp Excel (.xlsx), CSV, TOML, Aiken (.txt), GIFT (.gift) hoặc Moodle XML (.xml), tối đa 10 MB. "
                "Nhập lại tệp của một ngân hàng đã có sẽ tạo phiên bản mới cho câu đã sửa và ngừng dùng câu không còn "
                "trong tệp; bài thi đã làm vẫn giữ nguyên câu hỏi cũ. Một câu có lỗi thì không được nhập, "
                "các câu khác vẫn được nhập." }
            p { "Tải tệp mẫu: " a href="/api/v1/banks/template.xlsx" { "Excel" } " · "
                a href="/api/v1/banks/template.csv" { "CSV" } }
            form method="post" action="/quan-tri/ngan-hang/nhap" enctype="multipart/form-data" {
                (csrf_field(csrf))
                label for="file" { "Tệp câu hỏi" }
                input #file type="file" name="file" required
                    accept=".xlsx,.csv,.toml,.txt,.gift,.xml";
                label for="bank" { "Mã ngân hàng (không bắt buộc; để trống thì lấy theo tệp)" }
                input #bank type="text" name="bank" maxlength="64" autocomplete="off";
                p { button type="submit" { "Nhập ngân hàng" } }
            }
        }
    }
}

fn report_view(r: &ImportReport, accepted: bool) -> Markup {
    let problems: Vec<_> = r.rejected.iter().chain(&r.skipped).collect();
    html! {
        section.card {
            h2 { "Kết quả nhập ngân hàng " code { (r.bank) } }
            @if accepted {
                (notice("ok", &format!("Đã nhập: {} câu mới, {} câu cập nhật, {} câu không đổi, {} câu ngừng dùng.",
                    r.imported, r.updated, r.unchanged, r.retired)))
            } @else {
                (notice("error", "Tệp không có câu hỏi nào hợp lệ; chưa nhập gì. Hãy sửa các dòng dưới đây rồi nhập lại."))
            }
            @if !problems.is_empty() {
                h3 { "Câu bị từ chối hoặc bỏ qua (" (problems.len()) ")" }
                div.table-wrap { table.data.lines {
                    thead { tr { th.num { "Dòng" } th { "Lý do" } } }
                    tbody { @for p in &problems { tr { td.num { (p.line) } td { (p.message) } } } }
                } }
            }
            @if !r.findings.is_empty() { (findings_view(&r.findings)) }
        }
    }
}

fn findings_view(findings: &[Finding]) -> Markup {
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    html! {
        h3 { "Nhận xét của bộ kiểm tra (" (errors) " lỗi, " (findings.len() - errors) " lưu ý)" }
        div.table-wrap { table.data.lines {
            thead { tr { th.num { "Dòng" } th { "Mức" } th { "Nội dung" } } }
            tbody { @for f in findings {
                tr { td.num { (f.line) }
                    td { @if f.severity == Severity::Error { span.badge.bad { "Lỗi" } } @else { span.badge { "Lưu ý" } } }
                    td { (f.message) } }
            } }
        } }
    }
}

/// What the bank page shows and how it was asked.
pub struct BankView<'a> {
    pub bank: &'a BankSummary,
    pub questions: &'a [QuestionView],
    pub usage: &'a HashMap<i64, Usage>,
    pub q: &'a str,
    pub topic: &'a str,
    /// The outcome of a withdrawal or restoration just done.
    pub done: Option<String>,
}

pub fn bank(user: &AuthUser, csrf: &str, v: &BankView<'_>) -> Markup {
    let organiser = user.role == Role::Organiser;
    let (active, retired): (Vec<&QuestionView>, Vec<&QuestionView>) =
        v.questions.iter().partition(|q| !q.retired);
    Page::new(&v.bank.title).user(Some(user)).csrf(csrf).render(html! {
        p.muted { a href="/quan-tri/ngan-hang" { "← Ngân hàng câu hỏi" } }
        h1 { (v.bank.title) }
        @if let Some(done) = &v.done { (notice("ok", done)) }
        p.muted { "Nội dung đúng đến ngày: " (v.bank.valid_as_of.as_deref().unwrap_or("chưa ghi")) " · "
            (v.bank.active_questions) " câu đang dùng · Tải về: "
            a href={ "/api/v1/banks/" (v.bank.slug) "/export?format=xlsx" } { "Excel" } " · "
            a href={ "/api/v1/banks/" (v.bank.slug) "/export" } { "TOML" } }
        form.search method="get" action={ "/quan-tri/ngan-hang/" (v.bank.slug) } {
            label for="q" { "Tìm trong câu hỏi, đáp án, căn cứ (gõ có dấu hoặc không dấu)" }
            input #q type="search" name="q" value=(v.q);
            label for="topic" { "Chủ đề" }
            select #topic name="topic" {
                option value="" selected[v.topic.is_empty()] { "Tất cả chủ đề" }
                @for t in &v.bank.per_topic {
                    option value=(t.topic) selected[v.topic == t.topic] { (t.topic) " (" (t.questions) " câu)" }
                }
            }
            p { button type="submit" { "Tìm" } }
        }
        p { "Tìm thấy " strong { (active.len()) } " câu đang dùng"
            @if !retired.is_empty() { " và " (retired.len()) " câu đã ngừng dùng" } "." }
        @for q in &active { (question_card(q, v.usage.get(&q.id), organiser, csrf)) }
        @if !retired.is_empty() {
            h2 #ngung-dung { "Câu đã ngừng dùng" }
            p.muted { "Không được rút vào bài thi mới; bài thi đã làm vẫn giữ và chấm theo câu này." }
            @for q in &retired { (question_card(q, v.usage.get(&q.id), organiser, csrf)) }
        }
    })
}

fn question_card(q: &QuestionView, usage: Option<&Usage>, organiser: bool, csrf: &str) -> Markup {
    html! {
        article.card.question-card #{ "q-" (q.id) } {
            p.muted { code { (q.external_id) } " · " (q.topic) " · phiên bản " (q.version) " · " (q.points) " điểm"
                @if q.multiple { " " span.badge { "Nhiều đáp án" } }
                @if q.situational { " " span.badge { "Tình huống" } }
                @if q.historical { " " span.badge { "Văn bản hết hiệu lực" } }
                @if q.withdrawn { " " span.badge.bad { "Đã ngừng dùng" } }
                @else if q.retired { " " span.badge.bad { "Không còn trong tệp" } } }
            p.question-text { (q.text) }
            ol.key-options {
                @for o in &q.options {
                    li.option.correct[o.correct] { span.letter { (o.letter) "." } span { (o.text) }
                        @if o.correct { " " strong.key-mark { "✓ Đáp án" } } }
                }
            }
            @if let Some(e) = &q.explanation { p { strong { "Giải thích: " } (e) } }
            p { strong { "Căn cứ: " } (q.legal_basis.as_deref().unwrap_or("chưa ghi")) }
            @if !q.exclusion_groups.is_empty() {
                p.muted { "Nhóm loại trừ (không rút chung một bài): " (q.exclusion_groups.join(", ")) }
            }
            p.muted { (usage_line(usage)) }
            @if organiser { (withdraw_form(q, csrf)) }
        }
    }
}

fn usage_line(usage: Option<&Usage>) -> String {
    match usage.and_then(|u| u.facility().map(|f| (u.shown, f))) {
        Some((shown, facility)) => format!(
            "Đã xuất hiện trong {shown} bài thi đã nộp · {} trả lời đúng",
            percent(facility)
        ),
        None => "Chưa xuất hiện trong bài thi nào đã nộp.".to_owned(),
    }
}

fn withdraw_form(q: &QuestionView, csrf: &str) -> Markup {
    let (action, label, class) = if !q.retired {
        ("ngung-dung", "Ngừng dùng câu này", "secondary")
    } else if q.withdrawn {
        ("khoi-phuc", "Khôi phục", "")
    } else {
        return html! {};
    };
    html! {
        form.inline method="post" action={ "/quan-tri/ngan-hang/cau-hoi/" (q.id) "/" (action) } {
            (csrf_field(csrf))
            button type="submit" class=(class) { (label) }
        }
    }
}
