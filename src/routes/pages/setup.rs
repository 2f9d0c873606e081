//! `/khoi-tao/{token}`: the one-time links. A setup token creates the first organiser; a set-password token
//! (printed by `create-user`) sets that person's password. Either signs the person in.
use super::html;
use crate::app::AppState;
use crate::app::first_run::{self, SETUP};
use crate::error::{AppError, PageResult};
use crate::routes::pages::login::signed_in;
use crate::web::pages::account;
use actix_web::http::StatusCode;
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
    let first = first_run::find_valid(&state.db, &token).await?.purpose == SETUP;
    let result =
        first_run::use_link(&state, &token, &body.login, &body.full_name, &body.password).await;
    match result {
        Ok(s) => Ok(signed_in(&state, &s, if first { "/quan-tri" } else { "/" })),
        Err(AppError::Validation(f)) => {
            let text = f.values().flatten().cloned().collect::<Vec<_>>().join(" ");
            let page = account::one_time(&token, first, Some(&text));
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e.into()),
    }
}
