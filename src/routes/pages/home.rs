use crate::app::AppState;
use crate::auth::MaybeUser;
use crate::error::PageResult;
use crate::store;
use crate::web::pages::home;
use actix_web::web;
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing));
}

async fn landing(state: web::Data<AppState>, user: MaybeUser) -> PageResult<Markup> {
    let banks = store::banks::summaries(&state.db).await?;
    Ok(home::render(user.0.as_ref().map(|u| &u.user), &banks))
}
