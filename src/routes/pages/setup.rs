//! `/khoi-tao/{token}`: the one-time links. A setup token creates the first organiser; a set-password token
//! (printed by `create-user`) sets that person's password. Either signs the person in.
use crate::auth::password::check_new_password;
use crate::auth::session;
use crate::error::{AppError, PageResult};
use crate::routes::pages::login::signed_in;
use crate::startup::AppState;
use crate::store::first_run::{self, Redeem, SETUP};
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
    let first = first_run::find_valid(&state.db, &token).await?.purpose == SETUP;
    let result = async {
        check_new_password(&body.password)?;
        let password_hash = state
            .hash_gate
            .hash(state.hasher, body.password.clone())
            .await?;
        let form = Redeem {
            login: &body.login,
            full_name: &body.full_name,
            password_hash,
        };
        let id = first_run::redeem(&state.db, &token, form).await?;
        state.users.evict(id);
        session::for_user(&state, id).await
    }
    .await;
    match result {
        Ok(s) => Ok(signed_in(&state, &s, if first { "/quan-tri" } else { "/" })),
        Err(AppError::Validation(f)) => {
            let text = f.values().flatten().cloned().collect::<Vec<_>>().join(" ");
            let page = account::one_time(&token, first, Some(&text));
            Ok(HttpResponse::UnprocessableEntity()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
        Err(e) => Err(e.into()),
    }
}
