//! `/quan-tri/nhat-ky`: the audit log in words, filtered by person, kind and date (organisers).
use crate::app::AppState;
use crate::auth::PageUser;
use crate::error::PageResult;
use crate::store::audit::{self, AuditFilter};
use crate::web::pages::audit::{self as view, Filter, KINDS, LogPage};
use actix_web::web;
use chrono::{NaiveDate, TimeZone};
use chrono_tz::Asia::Ho_Chi_Minh;
use maud::Markup;
use serde::Deserialize;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/nhat-ky", web::get().to(log));
}

#[derive(Deserialize)]
pub struct LogQuery {
    page: Option<u64>,
    #[serde(default)]
    nguoi: String,
    #[serde(default)]
    loai: String,
    #[serde(default)]
    tu: String,
    #[serde(default)]
    den: String,
}

/// The start of a Vietnam calendar day, `days` after `date`.
fn day_start(date: &str, days: u64) -> Option<(String, chrono::DateTime<chrono::Utc>)> {
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let start = d
        .checked_add_days(chrono::Days::new(days))?
        .and_hms_opt(0, 0, 0)?;
    let at = Ho_Chi_Minh.from_local_datetime(&start).earliest()?;
    Some((d.format("%Y-%m-%d").to_string(), at.to_utc()))
}

async fn log(
    state: web::Data<AppState>,
    user: PageUser,
    query: web::Query<LogQuery>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let people = audit::actors(&state.db).await?;
    // Only values that mean something are kept (and put back in the form and the page links).
    let actor = people
        .iter()
        .find(|(_, login, _)| *login == query.nguoi.trim());
    let kind = KINDS
        .iter()
        .find(|(k, _)| *k == query.loai.trim())
        .map(|(k, _)| *k);
    let from = day_start(&query.tu, 0);
    let to = day_start(&query.den, 1);
    let filter = AuditFilter {
        actor_id: actor.map(|(id, _, _)| *id),
        kind: kind.map(str::to_owned),
        from: from.as_ref().map(|(_, at)| *at),
        until: to.as_ref().map(|(_, at)| *at),
    };
    let page = query.page.unwrap_or(1).max(1);
    let (items, total) = audit::page_where(&state.db, &filter, page, PER_PAGE).await?;
    let typed = Filter {
        actor: actor.map(|(_, login, _)| login.clone()).unwrap_or_default(),
        kind: kind.unwrap_or_default().to_owned(),
        from: from.map(|(d, _)| d).unwrap_or_default(),
        to: to.map(|(d, _)| d).unwrap_or_default(),
    };
    let actors: Vec<(String, String)> = people
        .into_iter()
        .map(|(_, login, name)| (login, name))
        .collect();
    let shown = LogPage {
        items: &items,
        page,
        pages: total.div_ceil(PER_PAGE),
        total,
        filter: &typed,
        actors: &actors,
    };
    Ok(view::render(
        &user.user,
        &user.csrf_token(&state.keys),
        &shown,
    ))
}
