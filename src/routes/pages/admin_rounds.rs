//! Organiser pages under `/quan-tri/dot-thi`: list, create and edit rounds, watch progress, and give one person
//! extra time or an extra attempt. Every change goes through the same store functions as the API and is
//! recorded in the audit log.
use super::admin_round_form::{parse, patch_from, read_form, to_form};
use crate::auth::PageUser;
use crate::error::{AppError, FieldErrors, PageResult};
use crate::startup::AppState;
use crate::store::audit::{self, Entry};
use crate::store::progress::{self, OverrideInput};
use crate::store::rounds;
use crate::web::pages::admin_rounds::{self as view, RoundForm};
use actix_web::{HttpResponse, web};
use maud::Markup;
use sea_orm::TransactionTrait;
use serde_json::json;
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
    Ok(view::form(&user, &user.csrf_token(&state), None, &f, None))
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
        &user.csrf_token(&state),
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
    user.verify_csrf(&state, &csrf)?;
    let outcome = match parse(&f) {
        Ok(input) => {
            let txn = state.db.begin().await?;
            match rounds::create(&txn, input).await {
                Ok(r) => {
                    audit::record(
                        &txn,
                        Entry::round(user.id, "round.create", r.id, None, Some(json!(r))),
                    )
                    .await?;
                    txn.commit().await?;
                    return Ok(see_other("/quan-tri/dot-thi"));
                }
                Err(e) => refused(e)?,
            }
        }
        Err(errors) => errors,
    };
    Ok(page(view::form(&user, &csrf, None, &f, Some(&outcome))))
}

async fn update(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let (csrf, f) = read_form(form.into_inner());
    user.verify_csrf(&state, &csrf)?;
    let current = rounds::get(&state.db, *id).await?;
    let outcome = match parse(&f) {
        Ok(input) => {
            let patch = patch_from(&current, input);
            let txn = state.db.begin().await?;
            match rounds::update(&txn, current.id, patch).await {
                Ok((before, after)) => {
                    let e = Entry::round(
                        user.id,
                        "round.update",
                        after.id,
                        Some(json!(before)),
                        Some(json!(after)),
                    );
                    audit::record(&txn, e).await?;
                    txn.commit().await?;
                    state.caches.rounds.forget(after.id);
                    state.public_boards.invalidate();
                    return Ok(see_other("/quan-tri/dot-thi"));
                }
                Err(e) => refused(e)?,
            }
        }
        Err(errors) => errors,
    };
    Ok(page(view::form(
        &user,
        &csrf,
        Some(current.id),
        &f,
        Some(&outcome),
    )))
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
        &user.csrf_token(&state),
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
    user.verify_csrf(&state, get("csrf").unwrap_or(""))?;
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
    let round = rounds::get(&state.db, *id).await?;
    let txn = state.db.begin().await?;
    let (before, after) =
        progress::grant(&txn, &round, &input, state.settings.save_grace_secs).await?;
    audit::record(
        &txn,
        Entry::round(
            user.id,
            "round.override",
            round.id,
            before.map(|b| json!(b)),
            Some(json!(after)),
        ),
    )
    .await?;
    txn.commit().await?;
    // The round's close facts (the largest extra time) changed.
    state.caches.rounds.forget(round.id);
    Ok(see_other(&format!(
        "/quan-tri/dot-thi/{}/tien-do?da-luu=1",
        round.id
    )))
}

fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.to_owned()))
        .finish()
}

fn page(m: Markup) -> HttpResponse {
    HttpResponse::UnprocessableEntity()
        .content_type("text/html; charset=utf-8")
        .body(m.into_string())
}
