//! Organiser pages under `/quan-tri/dot-thi`: list, create and edit rounds, watch progress, and give one person
//! extra time or an extra attempt. Every change is the same use case as the API's (`app::rounds`).
use super::admin_round_form::{parse, patch_from, read_form, to_form};
use super::{html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, FieldErrors, PageResult};
use crate::store::rounds;
use crate::store::rounds::progress::{self, OverrideInput};
use crate::web::pages::admin_rounds::{self as view, RoundForm};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use std::collections::HashMap;

type Fields = web::Form<Vec<(String, String)>>;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/dot-thi", web::get().to(list))
        .route("/quan-tri/dot-thi/moi", web::get().to(new_form))
        .route("/quan-tri/dot-thi/moi", web::post().to(create))
        .route("/quan-tri/dot-thi/{id}", web::get().to(edit_form))
        .route("/quan-tri/dot-thi/{id}", web::post().to(update))
        .route(
            "/quan-tri/dot-thi/{id}/tien-do",
            web::get().to(progress_page),
        )
        .route("/quan-tri/dot-thi/{id}/cong-them", web::post().to(grant));
}

async fn list(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    Ok(view::list(&user, &rounds::list(&state.db).await?))
}

async fn new_form(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    let f = RoundForm {
        time_limit_minutes: "20".into(),
        question_count: "20".into(),
        max_attempts: "1".into(),
        counting: "best".into(),
        prediction: "none".into(),
        reveal: "after_close".into(),
        ..Default::default()
    };
    Ok(view::form(
        &user,
        &user.csrf_token(&state.keys),
        None,
        &f,
        None,
    ))
}

async fn edit_form(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let r = rounds::get(&state.db, *id).await?;
    Ok(view::form(
        &user,
        &user.csrf_token(&state.keys),
        Some(r.id),
        &to_form(&r),
        None,
    ))
}

fn refused(e: AppError) -> Result<FieldErrors, AppError> {
    match e {
        AppError::Validation(f) => Ok(f),
        AppError::Conflict { message, .. } => {
            Ok(FieldErrors::from([("round".to_owned(), vec![message])]))
        }
        other => Err(other),
    }
}

async fn create(
    state: web::Data<AppState>,
    user: PageUser,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let (csrf, f) = read_form(form.into_inner());
    user.verify_csrf(&state.keys, &csrf)?;
    let outcome = match parse(&f) {
        Ok(input) => match app::rounds::create(&state, &user, input).await {
            Ok(_) => return Ok(see_other("/quan-tri/dot-thi")),
            Err(e) => refused(e)?,
        },
        Err(errors) => errors,
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::form(&user, &csrf, None, &f, Some(&outcome)),
    ))
}

async fn update(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let (csrf, f) = read_form(form.into_inner());
    user.verify_csrf(&state.keys, &csrf)?;
    let current = rounds::get(&state.db, *id).await?;
    let outcome = match parse(&f) {
        Ok(input) => {
            let patch = patch_from(&current, input);
            match app::rounds::update(&state, &user, current.id, patch).await {
                Ok(_) => return Ok(see_other("/quan-tri/dot-thi")),
                Err(e) => refused(e)?,
            }
        }
        Err(errors) => errors,
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::form(&user, &csrf, Some(current.id), &f, Some(&outcome)),
    ))
}

async fn progress_page(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    q: web::Query<HashMap<String, String>>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let round = rounds::get(&state.db, *id).await?;
    let p = progress::of_round(&state.db, &round).await?;
    let done = q
        .contains_key("da-luu")
        .then_some("Đã ghi nhận thời gian/lượt thi cộng thêm.");
    Ok(view::progress(
        &user,
        &user.csrf_token(&state.keys),
        &round,
        &p,
        done,
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
    app::rounds::grant(&state, &user, *id, &input).await?;
    Ok(see_other(format!(
        "/quan-tri/dot-thi/{}/tien-do?da-luu=1",
        *id
    )))
}
