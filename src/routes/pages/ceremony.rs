//! `/ket-qua/{id}/le-trao-giai`, the awards ceremony screen (everyone once the results are published; organisers
//! and judges before, to rehearse), and `/giam-khao/dot-thi/{id}/giay-chung-nhan`, the winners' certificates
//! (organisers and judges).
use super::results::public_board;
use crate::app::AppState;
use crate::auth::{MaybeUser, PageUser};
use crate::error::{AppError, PageResult};
use crate::results;
use crate::store::results as store;
use crate::store::rounds::Prizes;
use crate::store::settings;
use crate::web::pages::ceremony;
use actix_web::web;
use chrono::Utc;
use maud::Markup;
use std::sync::Arc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ket-qua/{id}/le-trao-giai", web::get().to(show))
        .route(
            "/giam-khao/dot-thi/{id}/giay-chung-nhan",
            web::get().to(certificates),
        );
}

async fn show(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: MaybeUser,
) -> PageResult<Markup> {
    let staff = user
        .0
        .as_ref()
        .is_some_and(|u| u.user.role.is_staff_of_contest());
    let round = store::round(&state.db, *path).await?;
    let results = if staff {
        if round.practice {
            return Err(AppError::NotFound.into());
        }
        Arc::new(results::for_round(&state.db, &round, Utc::now()).await?)
    } else {
        public_board(&state, &round).await?
    };
    Ok(ceremony::show(&results, &Prizes::from(&round), staff))
}

async fn certificates(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: PageUser,
) -> PageResult<Markup> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    if round.practice {
        return Err(AppError::NotFound.into());
    }
    let results = results::for_round(&state.db, &round, Utc::now()).await?;
    let contest = settings::load(&state.db).await?;
    let signed_at = round.published_at.unwrap_or_else(Utc::now);
    Ok(ceremony::certificates(
        &results,
        &Prizes::from(&round),
        &contest,
        signed_at,
    ))
}
