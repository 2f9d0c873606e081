//! `/quan-tri/dot-thi/{id}/tien-do`: the organiser's live progress of a round, and one person's extra time or
//! attempts (`app::rounds::grant`, the same use case as the API's).
use super::admin_rounds::{Fields, refused};
use super::{html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, PageResult};
use crate::store::rounds;
use crate::store::rounds::progress::{self, OverrideInput};
use crate::web::pages::round_progress::{self as view, Waiting};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use std::collections::HashMap;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/quan-tri/dot-thi/{id}/tien-do",
        web::get().to(progress_page),
    )
    .route("/quan-tri/dot-thi/{id}/cong-them", web::post().to(grant));
}

async fn progress_page(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    q: web::Query<HashMap<String, String>>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let done = if q.contains_key("da-luu") {
        Some(("ok", "Đã ghi nhận thời gian/lượt thi cộng thêm."))
    } else if q.contains_key("da-ket-thuc") {
        Some(("ok", "Đã kết thúc đợt thi: không ai bắt đầu được lượt mới."))
    } else {
        None
    };
    let waiting = Waiting {
        unit: q.get("don_vi").and_then(|u| u.trim().parse().ok()),
        q: q.get("q").cloned().unwrap_or_default(),
    };
    progress_view(&state, &user, *id, &waiting, done).await
}

async fn progress_view(
    state: &AppState,
    user: &PageUser,
    id: i64,
    waiting: &Waiting,
    message: Option<(&str, &str)>,
) -> PageResult<Markup> {
    let round = rounds::get(&state.db, id).await?;
    let p = progress::of_round(&state.db, &round).await?;
    Ok(view::progress(
        user,
        &user.csrf_token(&state.keys),
        &round,
        &p,
        waiting,
        message,
        state.settings.save_grace_secs,
    ))
}

async fn grant(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let fields: HashMap<String, String> = form.into_inner().into_iter().collect();
    let get = |k: &str| fields.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    user.verify_csrf(&state.keys, get("csrf").unwrap_or(""))?;
    let number = |k: &str| {
        get(k).map(|s| {
            s.parse::<i32>()
                .map_err(|_| AppError::invalid(k, "Vui lòng nhập một số nguyên."))
        })
    };
    let input = OverrideInput {
        user_id: get("user_id")
            .and_then(|s| s.parse().ok())
            .ok_or(AppError::NotFound)?,
        extra_time_secs: number("extra_minutes")
            .transpose()?
            .map(|m| m.saturating_mul(60)),
        extra_attempts: number("extra_attempts").transpose()?,
    };
    match app::rounds::grant(&state, &user, *id, &input).await {
        Ok(_) => {}
        // Refused (nothing typed, too much, too late): the page again with the reason on top.
        Err(e @ (AppError::Validation(_) | AppError::Conflict { .. })) => {
            let why = refused(e)?
                .into_values()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            let all = Waiting::default();
            let page = progress_view(&state, &user, *id, &all, Some(("error", &why))).await?;
            return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
        Err(e) => return Err(e.into()),
    }
    Ok(see_other(format!(
        "/quan-tri/dot-thi/{}/tien-do?da-luu=1",
        *id
    )))
}
