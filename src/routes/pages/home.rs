use crate::app::AppState;
use crate::auth::MaybeUser;
use crate::error::AppError;
use crate::error::PageResult;
use crate::store;
use crate::web::pages::home;
use crate::web::slips::qr_svg;
use actix_web::{HttpResponse, web};
use maud::Markup;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing))
        .route("/ma-qr.svg", web::get().to(qr_code));
}

async fn landing(state: web::Data<AppState>, user: MaybeUser) -> PageResult<Markup> {
    let banks = store::banks::summaries(&state.db).await?;
    let mut rounds: Vec<_> = store::rounds::list(&state.db)
        .await?
        .into_iter()
        .filter(|r| r.state != "closed")
        .collect();
    rounds.sort_by_key(|r| r.opens_at);
    let mut published = store::results::published_rounds(&state.db).await?;
    published.sort_by_key(|r| std::cmp::Reverse(r.published_at));
    let contact = store::settings::get(&state.db, store::settings::CONTACT)
        .await?
        .unwrap_or_default();
    Ok(home::render(&home::Home {
        user: user.0.as_ref().map(|u| &u.user),
        rounds: &rounds,
        published: &published,
        banks: &banks,
        contact: &contact,
    }))
}

/// A QR code of the site's public address, for the login slips.
async fn qr_code(state: web::Data<AppState>) -> PageResult<HttpResponse> {
    let svg = qr_svg(&state.settings.public_url(state.port)).ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "public, max-age=3600"))
        .body(svg))
}
