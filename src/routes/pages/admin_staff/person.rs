//! `/quan-tri/can-bo/{id}`: one person's page and its edit form, and locking or unlocking their account
//! (organisers). Every change goes through `app::people::update`, the same use case as `PATCH /api/v1/staff/{id}`.
use crate::app::{self, AppState};
use crate::auth::PageUser;
use crate::domain::Role;
use crate::error::{AppError, PageResult};
use crate::routes::pages::{CsrfForm, html, see_other};
use crate::store::people::accounts::{self, StaffView};
use crate::store::people::edits::StaffChange;
use crate::store::units;
use crate::web::pages::admin_staff::person::{self, PersonForm, PersonPage, person_path};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/can-bo/{id}", web::get().to(show))
        .route("/quan-tri/can-bo/{id}", web::post().to(save))
        .route("/quan-tri/can-bo/{id}/khoa", web::get().to(confirm_lock))
        .route("/quan-tri/can-bo/{id}/khoa", web::post().to(lock))
        .route(
            "/quan-tri/can-bo/{id}/mo-khoa",
            web::get().to(confirm_unlock),
        )
        .route("/quan-tri/can-bo/{id}/mo-khoa", web::post().to(unlock));
}

/// `?thong-bao=...`: what the last action did, shown once above the form.
#[derive(Deserialize)]
pub struct Shown {
    #[serde(rename = "thong-bao")]
    notice: Option<String>,
}

fn notice_text(key: &str) -> Option<&'static str> {
    match key {
        "da-luu" => Some("Đã lưu thay đổi."),
        "da-khoa" => {
            Some("Đã khoá tài khoản. Người này đã bị đăng xuất và không đăng nhập được nữa.")
        }
        "da-mo-khoa" => Some("Đã mở khoá tài khoản. Người này đăng nhập lại được."),
        _ => None,
    }
}

async fn show(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    query: web::Query<Shown>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let person = StaffView::from(accounts::find(&state.db, *path).await?);
    let all_units = units::list(&state.db).await?;
    let form = PersonForm::of(&person);
    let data = PersonPage {
        person: &person,
        units: &all_units,
        form: &form,
        errors: None,
        notice: query
            .notice
            .as_deref()
            .and_then(notice_text)
            .map(|t| ("ok", t)),
    };
    Ok(person::page(
        &user.user,
        &user.csrf_token(&state.keys),
        &data,
    ))
}

/// The form as a change: every field is sent, so every field is set (an empty position or contact clears it).
fn change_of(form: &PersonForm) -> Result<StaffChange, AppError> {
    let unit_id = match form.unit_id.trim() {
        "" => None,
        s => Some(
            s.parse()
                .map_err(|_| AppError::invalid("unit_id", "Đơn vị không tồn tại."))?,
        ),
    };
    let role: Role = form
        .role
        .parse()
        .map_err(|_| AppError::invalid("role", "Vui lòng chọn một vai trò trong danh sách."))?;
    Ok(StaffChange {
        full_name: Some(form.full_name.clone()),
        unit_id,
        role: Some(role),
        active: None,
        position: Some(form.position.clone()),
        email: Some(form.email.clone()),
        phone: Some(form.phone.clone()),
    })
}

async fn save(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<PersonForm>,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let id = path.into_inner();
    let result = match change_of(&form) {
        Ok(change) => app::people::update(&state, &user, id, &change).await,
        Err(e) => Err(e),
    };
    let (status, errors, refusal) = match result {
        Ok(_) => return Ok(see_other(format!("{}?thong-bao=da-luu", person_path(id)))),
        Err(AppError::Validation(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, Some(errors), None),
        Err(e @ AppError::Conflict { .. }) => (StatusCode::CONFLICT, None, Some(e.message())),
        Err(e) => return Err(e.into()),
    };
    let person = StaffView::from(accounts::find(&state.db, id).await?);
    let all_units = units::list(&state.db).await?;
    let data = PersonPage {
        person: &person,
        units: &all_units,
        form: &form,
        errors: errors.as_ref(),
        notice: refusal.as_deref().map(|m| ("error", m)),
    };
    let page = person::page(&user.user, &user.csrf_token(&state.keys), &data);
    Ok(html(status, page))
}

async fn confirm_lock(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
) -> PageResult<Markup> {
    confirm(&state, &user, *path, true).await
}

async fn confirm_unlock(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
) -> PageResult<Markup> {
    confirm(&state, &user, *path, false).await
}

async fn confirm(state: &AppState, user: &PageUser, id: i64, lock: bool) -> PageResult<Markup> {
    user.require_organiser()?;
    let person = StaffView::from(accounts::find(&state.db, id).await?);
    let csrf = user.csrf_token(&state.keys);
    Ok(person::confirm_active(
        &user.user, &csrf, &person, lock, None,
    ))
}

async fn lock(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    set_active(&state, &user, *path, &form, false).await
}

async fn unlock(
    state: web::Data<AppState>,
    user: PageUser,
    path: web::Path<i64>,
    form: web::Form<CsrfForm>,
) -> PageResult<HttpResponse> {
    set_active(&state, &user, *path, &form, true).await
}

/// Locks or unlocks; a refusal (an organiser locking themselves) is shown on the confirmation page.
async fn set_active(
    state: &AppState,
    user: &PageUser,
    id: i64,
    form: &CsrfForm,
    active: bool,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    user.verify_csrf(&state.keys, &form.csrf)?;
    let change = StaffChange {
        active: Some(active),
        ..StaffChange::default()
    };
    match app::people::update(state, user, id, &change).await {
        Ok(_) => {
            let done = if active { "da-mo-khoa" } else { "da-khoa" };
            Ok(see_other(format!("{}?thong-bao={done}", person_path(id))))
        }
        Err(e @ AppError::Conflict { .. }) => {
            let person = StaffView::from(accounts::find(&state.db, id).await?);
            let csrf = user.csrf_token(&state.keys);
            let page =
                person::confirm_active(&user.user, &csrf, &person, !active, Some(&e.message()));
            Ok(html(StatusCode::CONFLICT, page))
        }
        Err(e) => Err(e.into()),
    }
}
