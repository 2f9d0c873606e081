//! Results: leaderboards (round, units, contest), publication, exports, statistics and regrading.
//! Before publication only organisers and judges see a round's rankings (401 anonymous, 403 participants);
//! exports and statistics are for organisers and judges only. Practice rounds answer 409 `practice_round`.
use crate::auth::CurrentUser;
use crate::domain::ShowNames;
use crate::entities::rounds;
use crate::error::{AppError, AppResult};
use crate::results::files::{self, Format, TableName};
use crate::results::{self, contest};
use crate::startup::AppState;
use crate::store::{audit, publication, regrade, results as store};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use sea_orm::TransactionTrait;
use serde::Deserialize;
use serde_json::{Value, json};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/rounds/{id}/leaderboard", web::get().to(leaderboard))
        .route(
            "/rounds/{id}/leaderboard/units",
            web::get().to(unit_leaderboard),
        )
        .route("/contest/leaderboard", web::get().to(contest_leaderboard))
        .route(
            "/contest/leaderboard/units",
            web::get().to(contest_unit_leaderboard),
        )
        .route("/rounds/{id}/publish", web::post().to(publish))
        .route("/rounds/{id}/unpublish", web::post().to(unpublish))
        .route("/rounds/{id}/export", web::get().to(export_round))
        .route("/contest/export", web::get().to(export_contest))
        .route("/rounds/{id}/stats", web::get().to(stats))
        .route("/questions/{id}/key", web::put().to(correct_key));
}

/// Whether the viewer sees the staff view (`true`) or the public one; refuses an unpublished round.
pub fn staff_view(round: &rounds::Model, user: Option<&CurrentUser>) -> AppResult<bool> {
    match user {
        Some(u) if u.role.is_staff_of_contest() => Ok(true),
        _ if round.published_at.is_some() => Ok(false),
        None => Err(AppError::Unauthorized),
        Some(_) => Err(AppError::Forbidden),
    }
}

async fn round_results(state: &AppState, id: i64, user: Option<&CurrentUser>) -> AppResult<Value> {
    let round = store::round(&state.db, id).await?;
    let staff = staff_view(&round, user)?;
    let mut results = results::for_round(&state.db, &round, Utc::now()).await?;
    if !staff {
        results = results.for_public();
    }
    Ok(serde_json::to_value(results).map_err(anyhow::Error::from)?)
}

async fn leaderboard(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let mut body = round_results(&state, *path, user.as_ref()).await?;
    if let Some(o) = body.as_object_mut() {
        o.remove("units");
    }
    Ok(HttpResponse::Ok().json(body))
}

async fn unit_leaderboard(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let mut body = round_results(&state, *path, user.as_ref()).await?;
    if let Some(o) = body.as_object_mut() {
        o.remove("entries");
    }
    Ok(HttpResponse::Ok().json(body))
}

/// Staff see every ranked round; everyone else only the published ones.
async fn contest_results(
    state: &AppState,
    user: Option<&CurrentUser>,
) -> AppResult<contest::ContestResults> {
    let staff = user.is_some_and(|u| u.role.is_staff_of_contest());
    contest::for_contest(&state.db, !staff).await
}

async fn contest_leaderboard(
    state: web::Data<AppState>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let r = contest_results(&state, user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(json!({ "rounds": r.rounds, "entries": r.entries })))
}

async fn contest_unit_leaderboard(
    state: web::Data<AppState>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let r = contest_results(&state, user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(json!({
        "rounds": r.rounds, "min_participation_rate": r.min_participation_rate, "units": r.units
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    pub show_names: ShowNames,
}

async fn publish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
    body: web::Json<PublishRequest>,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    let round = publication::set(&state.db, *path, user.id, Some(body.show_names)).await?;
    Ok(HttpResponse::Ok().json(publication::to_json(&round)))
}

async fn unpublish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    let round = publication::set(&state.db, *path, user.id, None).await?;
    Ok(HttpResponse::Ok().json(publication::to_json(&round)))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    #[serde(default)]
    format: Format,
    #[serde(default)]
    table: TableName,
}

fn attachment(file: files::File) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(file.content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", file.file_name),
        ))
        .body(file.bytes)
}

async fn export_round(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    let data = files::round_data(&state.db, &round, Utc::now()).await?;
    Ok(attachment(files::round_file(
        &data,
        query.format,
        query.table,
    )?))
}

async fn export_contest(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    Ok(attachment(
        files::contest_file(&state.db, query.format, query.table).await?,
    ))
}

async fn stats(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    let data = files::round_data(&state.db, &round, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(data.stats))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeyRequest {
    version: i32,
    correct: Vec<String>,
}

async fn correct_key(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
    body: web::Json<KeyRequest>,
) -> AppResult<HttpResponse> {
    user.require_organiser()?;
    let txn = state.db.begin().await?;
    let outcome = regrade::correct_key(&txn, *path, body.version, &body.correct).await?;
    let entry = outcome.audit_entry(user.id);
    audit::record(&txn, entry).await?;
    txn.commit().await?;
    Ok(HttpResponse::Ok().json(outcome))
}
