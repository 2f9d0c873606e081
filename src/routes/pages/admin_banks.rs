//! `/quan-tri/ngan-hang`: the question banks (organisers and judges read; organisers import, withdraw, restore).
use super::{CsrfForm, explain, html, see_other};
use crate::app::banks::{BankFile, Imported};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::domain::text::fold;
use crate::error::{AppError, PageResult};
use crate::routes::upload;
use crate::store::banks::{self, QuestionFilter, QuestionView, usage};
use crate::web::pages::admin_banks::{self, BankView, Outcome};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/ngan-hang", web::get().to(list))
        .route("/quan-tri/ngan-hang/nhap", web::post().to(import))
        .route("/quan-tri/ngan-hang/{slug}", web::get().to(bank))
        .route(
            "/quan-tri/ngan-hang/cau-hoi/{id}/ngung-dung",
            web::post().to(withdraw),
        )
        .route(
            "/quan-tri/ngan-hang/cau-hoi/{id}/khoi-phuc",
            web::post().to(restore),
        );
}

async fn list(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let all = banks::summaries(&state.db).await?;
    Ok(admin_banks::list(
        &user.user,
        &user.csrf_token(&state.keys),
        &all,
        None,
    ))
}

/// An import through the page: the same use case as the API, its report (or why the file was refused) shown above
/// the list; 422 when nothing was imported.
async fn import(
    state: web::Data<AppState>,
    user: PageUser,
    req: HttpRequest,
    payload: Multipart,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let upload = upload::read(&req, payload, upload::BANK_LIMIT).await?;
    user.verify_csrf(&state.keys, upload.text("csrf").unwrap_or(""))?;
    let outcome = match upload.file.clone() {
        None => Err("Vui lòng chọn tệp câu hỏi để nhập.".to_owned()),
        Some((file_name, bytes)) => {
            let file = BankFile {
                file_name,
                bytes,
                format: None,
                bank: upload
                    .text("bank")
                    .map(str::trim)
                    .filter(|b| !b.is_empty())
                    .map(str::to_owned),
            };
            match app::banks::import(&state, &user, file).await {
                Ok(imported) => Ok(imported),
                Err(e @ (AppError::BadRequest(_) | AppError::Validation(_))) => Err(explain(&e)),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let all = banks::summaries(&state.db).await?;
    let csrf = user.csrf_token(&state.keys);
    let (status, page) = match &outcome {
        Ok(Imported { report, accepted }) => (
            if *accepted {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            },
            admin_banks::list(
                &user.user,
                &csrf,
                &all,
                Some(Outcome::Report {
                    report,
                    accepted: *accepted,
                }),
            ),
        ),
        Err(message) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            admin_banks::list(&user.user, &csrf, &all, Some(Outcome::Refused(message))),
        ),
    };
    Ok(html(status, page))
}

#[derive(Deserialize)]
pub struct BankQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    topic: String,
    /// The question just withdrawn or restored, for the notice.
    ngung: Option<i64>,
    khoi_phuc: Option<i64>,
}

async fn bank(
    state: web::Data<AppState>,
    user: PageUser,
    slug: web::Path<String>,
    query: web::Query<BankQuery>,
) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let summary = banks::summary(&state.db, &slug).await?;
    let topic = query.topic.trim();
    let filter = QuestionFilter {
        bank: Some(&summary.slug),
        topic: (!topic.is_empty()).then_some(topic),
        include_retired: true,
    };
    let mut questions = banks::questions_where(&state.db, &filter).await?;
    let wanted = fold(query.q.trim());
    if !wanted.is_empty() {
        questions.retain(|q| fold(&searchable(q)).contains(&wanted));
    }
    let usage = usage::of_bank(&state.db, summary.id).await?;
    let name_of = |id: Option<i64>| {
        let q = questions.iter().find(|q| Some(q.id) == id)?;
        Some(q.external_id.clone())
    };
    let done = match (name_of(query.ngung), name_of(query.khoi_phuc)) {
        (Some(q), _) => Some(format!(
            "Đã ngừng dùng câu {q}: câu này không còn được rút vào bài thi mới."
        )),
        (_, Some(q)) => Some(format!(
            "Đã khôi phục câu {q}: câu này lại được rút vào bài thi mới."
        )),
        _ => None,
    };
    let view = BankView {
        bank: &summary,
        questions: &questions,
        usage: &usage,
        q: &query.q,
        topic,
        done,
    };
    Ok(admin_banks::bank(
        &user.user,
        &user.csrf_token(&state.keys),
        &view,
    ))
}

/// Everything a search over a question looks at.
fn searchable(q: &QuestionView) -> String {
    let mut all = vec![q.external_id.as_str(), q.text.as_str()];
    all.extend(q.options.iter().map(|o| o.text.as_str()));
    all.extend(q.explanation.as_deref());
    all.extend(q.legal_basis.as_deref());
    all.join(" \n ")
}

async fn withdraw(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    set_withdrawn(state, user, id.into_inner(), form, true).await
}

async fn restore(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    set_withdrawn(state, user, id.into_inner(), form, false).await
}

/// Back to the question's bank with a notice; a refusal (a round would be left short) is the error page, with
/// the way back to the bank.
async fn set_withdrawn(
    state: web::Data<AppState>,
    user: PageUser,
    id: i64,
    form: web::Form<CsrfForm>,
    withdrawn: bool,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let saved = app::banks::set_withdrawn(&state, &user, id, withdrawn).await?;
    let key = if withdrawn { "ngung" } else { "khoi_phuc" };
    Ok(see_other(format!(
        "/quan-tri/ngan-hang/{}?{key}={}#q-{}",
        saved.bank, saved.id, saved.id
    )))
}
