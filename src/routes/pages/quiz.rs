//! `/bai-thi/{id}`: the quiz while in progress, the result once closed; `/bai-thi/{id}/nop-bai` takes the plain
//! form (every answer at once, for browsers without JavaScript), saves what arrives in time and submits.
use crate::auth::PageUser;
use crate::domain::AttemptStatus;
use crate::error::{AppError, PageResult};
use crate::startup::AppState;
use crate::store::answers::Save;
use crate::store::{attempt_close, attempt_view, attempts};
use crate::web::pages::{quiz, quiz_result};
use actix_web::{HttpResponse, web};
use chrono::{Duration, Utc};
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
    let attempt = attempts::visible_to(&state.db, *id, &user).await?;
    let attempt = attempt_close::expire_if_due(
        &state.db,
        &state.writes,
        attempt,
        state.settings.save_grace_secs,
    )
    .await?;
    let attempt_owner = attempt.user_id;
    let round = state.caches.rounds.get(&state.db, attempt.round_id).await?;
    let reader = attempt_view::Reader {
        user: &user,
        grace_secs: state.settings.save_grace_secs,
    };
    let view =
        attempt_view::build(&state.db, &state.caches.content, attempt, &round, &reader).await?;
    Ok(
        if view.status == AttemptStatus::InProgress && user.id == attempt_owner {
            quiz::render(&user, &user.csrf_token(&state), &view)
        } else {
            quiz_result::render(&user, &view)
        },
    )
}

/// The fields of the form: `csrf`, `prediction`, and `q_{question id}` once per chosen option.
struct Posted {
    csrf: String,
    prediction: Option<i64>,
    choices: BTreeMap<i64, Vec<i64>>,
}

fn parse(fields: Vec<(String, String)>) -> Result<Posted, AppError> {
    let mut posted = Posted {
        csrf: String::new(),
        prediction: None,
        choices: BTreeMap::new(),
    };
    for (name, value) in fields {
        if name == "csrf" {
            posted.csrf = value;
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
    user.verify_csrf(&state, &posted.csrf)?;
    let attempt = attempts::owned_by(&state.db, *id, &user).await?;
    let cached = (state.caches.attempts)
        .get(&state.db, &state.caches.content, attempt.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let saved = attempt_close::saved_answers(&state.db, attempt.id).await?;
    let now = received_at;
    let not_before = now - Duration::seconds(state.settings.save_grace_secs.into());
    for q in cached.questions.keys() {
        let chosen = posted.choices.get(q).map(Vec::as_slice).unwrap_or(&[]);
        // A question left empty in the form only matters if an earlier choice was saved (it is cleared).
        if chosen.is_empty() && !saved.contains_key(q) {
            continue;
        }
        let Ok(ids) = cached.check(*q, chosen) else {
            continue;
        };
        let option_ids = serde_json::Value::from(ids).to_string();
        let save = Save {
            attempt_id: attempt.id,
            question_id: *q,
            option_ids,
            saved_at: now,
            not_before,
        };
        state.answers.save(save).await?;
    }
    let grace = state.settings.save_grace_secs;
    attempt_close::submit(
        &state.db,
        &state.writes,
        attempt,
        posted.prediction,
        grace,
        received_at,
    )
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header(("Location", format!("/bai-thi/{id}")))
        .finish())
}
