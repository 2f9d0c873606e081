//! `/khoi-tao/{token}`: the one-time links. A setup token creates the first organiser; a set-password token
//! (printed by `create-user`) sets that person's password. Either signs the person in.
use crate::auth::session;
use crate::domain::Role;
use crate::error::{AppError, PageResult};
use crate::routes::pages::login::signed_in;
use crate::startup::AppState;
use crate::store::first_run::{self, SETUP};
use crate::store::users::{self, NewUser};
use crate::web::pages::account;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/khoi-tao/{token}", web::get().to(form))
        .route("/khoi-tao/{token}", web::post().to(submit));
}

async fn form(state: web::Data<AppState>, path: web::Path<String>) -> PageResult<Markup> {
    let token = path.into_inner();
    let found = first_run::find_valid(&state.db, &token).await?;
    Ok(account::one_time(&token, found.purpose == SETUP, None))
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    full_name: String,
    password: String,
}

async fn submit(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Form<SetupForm>,
) -> PageResult<HttpResponse> {
    let token = path.into_inner();
    let found = first_run::find_valid(&state.db, &token).await?;
    let first = found.purpose == SETUP;
    let result = if first {
        create_organiser(&state, &body).await
    } else {
        Ok(found.user_id.unwrap_or_default())
    };
    let user_id = match result {
        Ok(id) => id,
        Err(AppError::Validation(f)) => {
            let text = f.values().flatten().cloned().collect::<Vec<_>>().join(" ");
            let page = account::one_time(&token, first, Some(&text));
            return Ok(HttpResponse::UnprocessableEntity()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()));
        }
        Err(e) => return Err(e.into()),
    };
    let s = match session::set_password(&state, user_id, &body.password, "password").await {
        Ok(s) => s,
        Err(AppError::Validation(f)) => {
            let text = f.values().flatten().cloned().collect::<Vec<_>>().join(" ");
            let page = account::one_time(&token, first, Some(&text));
            return Ok(HttpResponse::UnprocessableEntity()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()));
        }
        Err(e) => return Err(e.into()),
    };
    first_run::consume(&state.db, found.id).await?;
    Ok(signed_in(&state, &s, if first { "/quan-tri" } else { "/" }))
}

async fn create_organiser(state: &AppState, form: &SetupForm) -> Result<i64, AppError> {
    crate::auth::password::check_new_password(&form.password)?;
    if form.login.trim().is_empty() || form.full_name.trim().is_empty() {
        return Err(AppError::invalid(
            "login",
            "Vui lòng nhập tên đăng nhập và họ tên.",
        ));
    }
    let user = users::insert(
        &state.db,
        NewUser {
            login: form.login.clone(),
            full_name: form.full_name.clone(),
            role: Role::Organiser,
            unit_id: None,
            position: None,
            email: None,
            phone: None,
            cccd: None,
            password_hash: None,
        },
    )
    .await?;
    Ok(user.id)
}
