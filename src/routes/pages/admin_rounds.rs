//! Organiser pages under `/quan-tri/dot-thi`: list, create and edit rounds, watch progress, and give one person
//! extra time or an extra attempt. Every change is the same use case as the API's (`app::rounds`).
use super::admin_round_form::{parse, patch_from, read_form, to_form};
use super::{CsrfForm, html, see_other};
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::error::{AppError, AppResult, FieldErrors, PageResult};
use crate::store::rounds::progress;
use crate::store::rounds::{self, RoundPatch, RoundView};
use crate::store::units::{self, UnitView};
use crate::web::pages::admin_rounds::{self as view, FormContext, RoundForm};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use maud::Markup;

pub(super) type Fields = web::Form<Vec<(String, String)>>;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/dot-thi", web::get().to(list))
        .route("/quan-tri/dot-thi/moi", web::get().to(new_form))
        .route("/quan-tri/dot-thi/moi", web::post().to(create))
        .route("/quan-tri/dot-thi/{id}", web::get().to(edit_form))
        .route("/quan-tri/dot-thi/{id}", web::post().to(update))
        .route(
            "/quan-tri/dot-thi/{id}/ket-thuc-som",
            web::get().to(confirm_end),
        )
        .route("/quan-tri/dot-thi/{id}/ket-thuc-som", web::post().to(end));
}

/// What the form shows besides its values: the topics in use, the units, the round edited and its attempts.
struct Context {
    topics: Vec<(String, i64)>,
    units: Vec<UnitView>,
    editing: Option<(RoundView, u64)>,
}

impl Context {
    async fn load(state: &AppState, editing: Option<RoundView>) -> AppResult<Context> {
        let mut topics: Vec<(String, i64)> = rounds::topic_counts(&state.db, None)
            .await?
            .into_iter()
            .collect();
        topics.sort();
        let units = units::list(&state.db).await?;
        let editing = match editing {
            Some(r) => {
                let made = rounds::attempt_count(&state.db, r.id).await?;
                Some((r, made))
            }
            None => None,
        };
        Ok(Context {
            topics,
            units,
            editing,
        })
    }

    fn view(&self) -> FormContext<'_> {
        FormContext {
            topics: &self.topics,
            units: &self.units,
            editing: self.editing.as_ref().map(|(r, n)| (r, *n)),
        }
    }
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
        all_units: true,
        ..Default::default()
    };
    let ctx = Context::load(&state, None).await?;
    Ok(view::form(
        &user,
        &user.csrf_token(&state.keys),
        &ctx.view(),
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
    let f = to_form(&r);
    let ctx = Context::load(&state, Some(r)).await?;
    Ok(view::form(
        &user,
        &user.csrf_token(&state.keys),
        &ctx.view(),
        &f,
        None,
    ))
}

pub(super) fn refused(e: AppError) -> Result<FieldErrors, AppError> {
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
    let ctx = Context::load(&state, None).await?;
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::form(&user, &csrf, &ctx.view(), &f, Some(&outcome)),
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
    let ctx = Context::load(&state, Some(current)).await?;
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        view::form(&user, &csrf, &ctx.view(), &f, Some(&outcome)),
    ))
}

async fn confirm_end(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let round = rounds::get(&state.db, *id).await?;
    let p = progress::of_round(&state.db, &round).await?;
    Ok(view::end_early(
        &user,
        &user.csrf_token(&state.keys),
        &round,
        p.in_progress,
    ))
}

/// Ends a round now: the same change of the close time as the form's, so running attempts are cut to it.
async fn end(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let round = rounds::get(&state.db, *id).await?;
    if !round.is_open() {
        return Err(AppError::conflict(
            "round_not_open",
            "Đợt thi này không đang mở nên không kết thúc sớm được.",
        )
        .into());
    }
    let patch = RoundPatch {
        closes_at: Some(Utc::now()),
        ..Default::default()
    };
    app::rounds::update(&state, &user, round.id, patch).await?;
    Ok(see_other(format!(
        "/quan-tri/dot-thi/{}/tien-do?da-ket-thuc=1",
        round.id
    )))
}
