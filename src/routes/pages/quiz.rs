//! `/bai-thi/{id}`: the quiz while in progress, the result once closed; `/bai-thi/{id}/nop-bai` takes the plain
//! form (every answer at once, for browsers without JavaScript), saves what arrives in time and submits.
use super::see_other;
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::domain::AttemptStatus;
use crate::error::{AppError, PageResult};
use crate::web::pages::{quiz, quiz_result};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use maud::Markup;
use std::collections::BTreeMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/bai-thi/{id}", web::get().to(show))
        .route("/bai-thi/{id}/nop-bai", web::post().to(submit));
}

async fn show(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    let shown = app::attempts::show(&state, &user, *id).await?;
    Ok(
        if shown.view.status == AttemptStatus::InProgress && shown.mine {
            quiz::render(&user, &user.csrf_token(&state.keys), &shown.view)
        } else {
            quiz_result::render(&user, &shown.view)
        },
    )
}

/// The fields of the form: `csrf`, `prediction`, `q_{question id}` once per chosen option, and `het_gio`,
/// added by `static/quiz.js` when it submits because the countdown ran out.
struct Posted {
    csrf: String,
    prediction: Option<i64>,
    choices: BTreeMap<i64, Vec<i64>>,
    timed_out: bool,
}

fn parse(fields: Vec<(String, String)>) -> Result<Posted, AppError> {
    let mut posted = Posted {
        csrf: String::new(),
        prediction: None,
        choices: BTreeMap::new(),
        timed_out: false,
    };
    for (name, value) in fields {
        if name == "csrf" {
            posted.csrf = value;
        } else if name == "het_gio" {
            posted.timed_out = value == "1";
        } else if name == "prediction" && !value.trim().is_empty() {
            let n = value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=1_000_000_000).contains(n));
            posted.prediction = Some(n.ok_or_else(|| {
                AppError::bad_request("Số dự đoán phải là số nguyên từ 0 đến 1.000.000.000.")
            })?);
        } else if let Some(q) = name.strip_prefix("q_").and_then(|q| q.parse::<i64>().ok()) {
            let option = value
                .parse::<i64>()
                .map_err(|_| AppError::bad_request("Phương án không hợp lệ."))?;
            posted.choices.entry(q).or_default().push(option);
        }
    }
    Ok(posted)
}

async fn submit(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> PageResult<HttpResponse> {
    let received_at = Utc::now();
    let posted = parse(form.into_inner())?;
    user.verify_csrf(&state.keys, &posted.csrf)?;
    let submission = app::attempts::Submission {
        prediction: posted.prediction,
        answers: Some(posted.choices),
        received_at,
        timed_out: posted.timed_out,
    };
    app::attempts::submit(&state, &user, *id, submission).await?;
    Ok(see_other(format!("/bai-thi/{id}")))
}
