//! Results: leaderboards (round, units, contest), publication, exports, statistics and regrading.
//! Before publication only organisers and judges see a round's rankings (401 anonymous, 403 participants);
//! exports and statistics are for organisers and judges only. Practice rounds answer 409 `practice_round`.
use crate::app::{self, AppState};
use crate::auth::CurrentUser;
use crate::domain::ShowNames;
use crate::entities::rounds;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::results::RoundResults;
use crate::results::contest::ContestResults;
use crate::results::files::{self, Format, TableName};
use crate::results::stats::RoundStats;
use crate::results::{self, contest};
use crate::store::attempts::regrade::Regrade;
use crate::store::results as store;
use crate::store::rounds::publication::Publication;
use actix_web::{HttpResponse, web};
use chrono::Utc;
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
    let value = if staff_view(&round, user)? {
        serde_json::to_value(results::for_round(&state.db, &round, Utc::now()).await?)
    } else {
        serde_json::to_value(&*state.public_boards.round(&state.db, &round).await?)
    };
    Ok(value.map_err(anyhow::Error::from)?)
}

/// A round's individual ranking: public once published, organisers and judges always. Practice rounds: 409.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/leaderboard", tag = "results", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = RoundResults), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn leaderboard(
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

/// A round's unit ranking, with the same visibility as the individual one.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/leaderboard/units", tag = "results", security((), ("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = RoundResults), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unit_leaderboard(
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

/// Staff see every ranked round; everyone else only the published ones (from the public cache).
async fn contest_results(
    state: &AppState,
    user: Option<&CurrentUser>,
) -> AppResult<std::sync::Arc<contest::ContestResults>> {
    if user.is_some_and(|u| u.role.is_staff_of_contest()) {
        Ok(std::sync::Arc::new(
            contest::for_contest(&state.db, false).await?,
        ))
    } else {
        state.public_boards.contest(&state.db).await
    }
}

/// The overall individual ranking: published rounds for the public, every ranked round for organisers and judges.
#[utoipa::path(get, path = "/api/v1/contest/leaderboard", tag = "results", security((), ("bearer" = [])),
    responses((status = 200, body = ContestResults), (status = 401, body = ErrorBody)))]
pub async fn contest_leaderboard(
    state: web::Data<AppState>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let r = contest_results(&state, user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(json!({ "rounds": r.rounds, "entries": r.entries })))
}

/// The overall unit ranking, with the same visibility as the individual one.
#[utoipa::path(get, path = "/api/v1/contest/leaderboard/units", tag = "results", security((), ("bearer" = [])),
    responses((status = 200, body = ContestResults), (status = 401, body = ErrorBody)))]
pub async fn contest_unit_leaderboard(
    state: web::Data<AppState>,
    user: Option<CurrentUser>,
) -> AppResult<HttpResponse> {
    let r = contest_results(&state, user.as_ref()).await?;
    Ok(HttpResponse::Ok().json(json!({
        "rounds": r.rounds, "min_participation_rate": r.min_participation_rate, "units": r.units
    })))
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    pub show_names: ShowNames,
}

/// Publishes a closed round's results (organisers), with names shown in full or masked.
#[utoipa::path(post, path = "/api/v1/rounds/{id}/publish", tag = "results", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = PublishRequest,
    responses((status = 200, body = Publication), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, description = "Đợt thi chưa kết thúc hoặc là thi thử", body = ErrorBody)))]
pub async fn publish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
    body: web::Json<PublishRequest>,
) -> AppResult<HttpResponse> {
    let publication = app::results::publish(&state, &user, *path, body.show_names).await?;
    Ok(HttpResponse::Ok().json(publication))
}

/// Withdraws a round's results from the public (organisers).
#[utoipa::path(post, path = "/api/v1/rounds/{id}/unpublish", tag = "results", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = Publication), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn unpublish(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    let publication = app::results::unpublish(&state, &user, *path).await?;
    Ok(HttpResponse::Ok().json(publication))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// xlsx (default) or csv.
    #[serde(default)]
    #[param(required = false)]
    format: Format,
    /// The table of a CSV: individual (default), units, answers or questions.
    #[serde(default)]
    #[param(required = false)]
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

/// A round's results as an XLSX workbook or one table as CSV (organisers and judges).
#[utoipa::path(get, path = "/api/v1/rounds/{id}/export", tag = "results", security(("bearer" = [])),
    params(("id" = i64, Path), ExportQuery),
    responses((status = 200, description = "Tệp kết quả",
            content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "text/csv"))),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn export_round(
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

/// The contest's results as an XLSX workbook or one table as CSV (organisers and judges).
#[utoipa::path(get, path = "/api/v1/contest/export", tag = "results", security(("bearer" = [])), params(ExportQuery),
    responses((status = 200, description = "Tệp kết quả",
            content((Vec<u8> = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (String = "text/csv"))),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn export_contest(
    state: web::Data<AppState>,
    user: CurrentUser,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    Ok(attachment(
        files::contest_file(&state.db, query.format, query.table, Utc::now()).await?,
    ))
}

/// A round's statistics: per question facility and discrimination, score distribution, participation.
#[utoipa::path(get, path = "/api/v1/rounds/{id}/stats", tag = "results", security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = RoundStats), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn stats(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
) -> AppResult<HttpResponse> {
    user.require_contest_staff()?;
    let round = store::round(&state.db, *path).await?;
    let data = files::round_data(&state.db, &round, Utc::now()).await?;
    Ok(HttpResponse::Ok().json(data.stats))
}

/// The version the key applies to and its correct letters ("A".."F").
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KeyRequest {
    version: i32,
    correct: Vec<String>,
}

/// Corrects the key of one question version and rescores every closed attempt that drew it (organisers).
#[utoipa::path(put, path = "/api/v1/questions/{id}/key", tag = "results", security(("bearer" = [])),
    params(("id" = i64, Path)), request_body = KeyRequest,
    responses((status = 200, body = Regrade), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn correct_key(
    state: web::Data<AppState>,
    path: web::Path<i64>,
    user: CurrentUser,
    body: web::Json<KeyRequest>,
) -> AppResult<HttpResponse> {
    let outcome =
        app::results::correct_key(&state, &user, *path, body.version, &body.correct).await?;
    Ok(HttpResponse::Ok().json(outcome))
}
