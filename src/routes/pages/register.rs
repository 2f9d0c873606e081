//! `/dang-ky`: self-registration, when an organiser has opened it.
use super::html;
use crate::app::AppState;
use crate::app::session::{self, Registration};
use crate::error::{AppError, PageResult};
use crate::routes::api::auth::client_ip;
use crate::routes::pages::login::signed_in;
use crate::store::{settings, units};
use crate::web::pages::register;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/dang-ky", web::get().to(form))
        .route("/dang-ky", web::post().to(submit));
}

async fn form(state: web::Data<AppState>) -> PageResult<Markup> {
    let open = settings::self_registration_open(&state.db).await?;
    Ok(register::render(open, &units::list(&state.db).await?, None))
}

#[derive(Deserialize)]
pub struct RegisterForm {
    full_name: String,
    #[serde(default)]
    unit_id: String,
    phone: String,
    cccd: String,
    password: String,
}

async fn submit(
    state: web::Data<AppState>,
    req: HttpRequest,
    form: web::Form<RegisterForm>,
) -> PageResult<HttpResponse> {
    let input = Registration {
        full_name: form.full_name.clone(),
        unit_id: form.unit_id.trim().parse().unwrap_or_default(),
        phone: form.phone.clone(),
        cccd: form.cccd.clone(),
        password: form.password.clone(),
    };
    match session::register(&state, client_ip(&req), &input).await {
        // The account page shows the generated login, which the person needs next time.
        Ok(s) => Ok(signed_in(&state, &s, "/tai-khoan")),
        Err(AppError::Validation(f)) => {
            let text = f.values().flatten().cloned().collect::<Vec<_>>().join(" ");
            let page = register::render(true, &units::list(&state.db).await?, Some(&text));
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e.into()),
    }
}
