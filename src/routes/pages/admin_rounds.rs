//! Organiser pages under `/quan-tri/dot-thi`: list, create and edit rounds, watch progress, and give one person
//! extra time or an extra attempt. Every change goes through the same store functions as the API and is
//! recorded in the audit log.
use crate::auth::PageUser;
use crate::error::{AppError, FieldErrors, PageResult};
use crate::startup::AppState;
use crate::store::audit::{self, Entry};
use crate::store::progress::{self, OverrideInput};
use crate::store::rounds::{self, DrawRule, NewRound, RoundPatch, RoundView};
use crate::web::pages::admin_rounds::{self as view, RoundForm};
use actix_web::{HttpResponse, web};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Asia::Ho_Chi_Minh;
use maud::Markup;
use sea_orm::TransactionTrait;
use serde_json::json;
use std::collections::HashMap;

type Fields = web::Form<Vec<(String, String)>>;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/quan-tri/dot-thi", web::get().to(list))
        .route("/quan-tri/dot-thi/moi", web::get().to(new_form))
        .route("/quan-tri/dot-thi/moi", web::post().to(create))
        .route("/quan-tri/dot-thi/{id}", web::get().to(edit_form))
        .route("/quan-tri/dot-thi/{id}", web::post().to(update))
        .route(
            "/quan-tri/dot-thi/{id}/tien-do",
            web::get().to(progress_page),
        )
        .route("/quan-tri/dot-thi/{id}/cong-them", web::post().to(grant));
}

async fn list(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    Ok(view::list(&user, &rounds::list(&state.db).await?))
}

async fn new_form(state: web::Data<AppState>, user: PageUser) -> PageResult<Markup> {
    user.require_organiser()?;
    let f = RoundForm {
        time_limit_minutes: "20".into(),
        question_count: "20".into(),
        max_attempts: "1".into(),
        counting: "best".into(),
        prediction: "none".into(),
        reveal: "after_close".into(),
        ..Default::default()
    };
    Ok(view::form(&user, &user.csrf_token(&state), None, &f, None))
}

async fn edit_form(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let r = rounds::get(&state.db, *id).await?;
    Ok(view::form(
        &user,
        &user.csrf_token(&state),
        Some(r.id),
        &to_form(&r),
        None,
    ))
}

fn local(t: DateTime<Utc>) -> String {
    t.with_timezone(&Ho_Chi_Minh)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

fn to_form(r: &RoundView) -> RoundForm {
    let text = |v: serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    RoundForm {
        title: r.title.clone(),
        opens_at: local(r.opens_at),
        closes_at: local(r.closes_at),
        time_limit_minutes: (r.time_limit_secs / 60).to_string(),
        question_count: r.question_count.to_string(),
        max_attempts: r.max_attempts.to_string(),
        counting: text(json!(r.counting)),
        prediction: text(json!(r.prediction)),
        reveal: text(json!(r.reveal)),
        practice: r.practice,
        draw_rules: r
            .draw_rules
            .iter()
            .map(|d| format!("{}: {}", d.topic, d.count))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn read_form(fields: Vec<(String, String)>) -> (String, RoundForm) {
    let mut map: HashMap<String, String> = HashMap::new();
    for (k, v) in fields {
        map.insert(k, v);
    }
    let mut take = |k: &str| map.remove(k).unwrap_or_default();
    let csrf = take("csrf");
    let f = RoundForm {
        title: take("title"),
        opens_at: take("opens_at"),
        closes_at: take("closes_at"),
        time_limit_minutes: take("time_limit_minutes"),
        question_count: take("question_count"),
        max_attempts: take("max_attempts"),
        counting: take("counting"),
        prediction: take("prediction"),
        reveal: take("reveal"),
        practice: !take("practice").is_empty(),
        draw_rules: take("draw_rules"),
    };
    (csrf, f)
}

/// Turns the typed values into a round input, or the errors per field.
fn parse(f: &RoundForm) -> Result<NewRound, FieldErrors> {
    let mut errors = FieldErrors::new();
    let mut fail =
        |field: &str, msg: &str| errors.entry(field.into()).or_default().push(msg.into());
    let time = |s: &str| {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|n| Ho_Chi_Minh.from_local_datetime(&n).earliest())
            .map(|t| t.with_timezone(&Utc))
    };
    let opens_at = time(&f.opens_at);
    let closes_at = time(&f.closes_at);
    if opens_at.is_none() {
        fail("opens_at", "Vui lòng nhập thời điểm bắt đầu.");
    }
    if closes_at.is_none() {
        fail("closes_at", "Vui lòng nhập thời điểm kết thúc.");
    }
    let int = |s: &str| s.trim().parse::<i32>().ok();
    let minutes = int(&f.time_limit_minutes);
    if minutes.is_none() {
        fail("time_limit_minutes", "Vui lòng nhập số phút.");
    }
    let count = int(&f.question_count);
    if count.is_none() {
        fail("question_count", "Vui lòng nhập số câu hỏi.");
    }
    let max = int(&f.max_attempts);
    if max.is_none() {
        fail("max_attempts", "Vui lòng nhập số lượt thi.");
    }
    let mut rules = Vec::new();
    for line in f
        .draw_rules
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        match line
            .rsplit_once(':')
            .and_then(|(t, n)| Some((t.trim(), n.trim().parse::<i32>().ok()?)))
        {
            Some((topic, n)) if !topic.is_empty() => rules.push(DrawRule {
                topic: topic.to_owned(),
                count: n,
            }),
            _ => fail("draw_rules", "Mỗi dòng phải có dạng \"chủ đề: số câu\"."),
        }
    }
    match (opens_at, closes_at, minutes, count, max) {
        (Some(opens_at), Some(closes_at), Some(m), Some(c), Some(max)) if errors.is_empty() => {
            Ok(NewRound {
                title: f.title.clone(),
                opens_at,
                closes_at,
                time_limit_secs: m.saturating_mul(60),
                question_count: c,
                max_attempts: max,
                counting: choice(&f.counting),
                prediction: choice(&f.prediction),
                practice: f.practice,
                reveal: choice(&f.reveal),
                bank_id: None,
                draw_rules: rules,
                unit_ids: Vec::new(),
            })
        }
        _ => Err(errors),
    }
}

fn choice<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(json!(s)).ok()
}

fn refused(e: AppError) -> Result<FieldErrors, AppError> {
    match e {
        AppError::Validation(f) => Ok(f),
        AppError::Conflict { message, .. } => {
            Ok(FieldErrors::from([("round".to_owned(), vec![message])]))
        }
        other => Err(other),
    }
}

async fn create(
    state: web::Data<AppState>,
    user: PageUser,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let (csrf, f) = read_form(form.into_inner());
    user.verify_csrf(&state, &csrf)?;
    let outcome = match parse(&f) {
        Ok(input) => {
            let txn = state.db.begin().await?;
            match rounds::create(&txn, input).await {
                Ok(r) => {
                    audit::record(
                        &txn,
                        entry(&user, "round.create", r.id, None, Some(json!(r))),
                    )
                    .await?;
                    txn.commit().await?;
                    return Ok(see_other("/quan-tri/dot-thi"));
                }
                Err(e) => refused(e)?,
            }
        }
        Err(errors) => errors,
    };
    Ok(page(view::form(&user, &csrf, None, &f, Some(&outcome))))
}

async fn update(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let (csrf, f) = read_form(form.into_inner());
    user.verify_csrf(&state, &csrf)?;
    let current = rounds::get(&state.db, *id).await?;
    let outcome = match parse(&f) {
        Ok(input) => {
            let patch = patch_from(&current, input);
            let txn = state.db.begin().await?;
            match rounds::update(&txn, current.id, patch).await {
                Ok((before, after)) => {
                    let e = entry(
                        &user,
                        "round.update",
                        after.id,
                        Some(json!(before)),
                        Some(json!(after)),
                    );
                    audit::record(&txn, e).await?;
                    txn.commit().await?;
                    return Ok(see_other("/quan-tri/dot-thi"));
                }
                Err(e) => refused(e)?,
            }
        }
        Err(errors) => errors,
    };
    Ok(page(view::form(
        &user,
        &csrf,
        Some(current.id),
        &f,
        Some(&outcome),
    )))
}

/// The form shows minutes only: a time left as shown keeps its seconds, so it does not count as a change.
fn patch_from(current: &RoundView, n: NewRound) -> RoundPatch {
    let keep =
        |old: DateTime<Utc>, new: DateTime<Utc>| if local(old) == local(new) { old } else { new };
    let keep_secs = if current.time_limit_secs / 60 == n.time_limit_secs / 60 {
        current.time_limit_secs
    } else {
        n.time_limit_secs
    };
    RoundPatch {
        title: Some(n.title),
        opens_at: Some(keep(current.opens_at, n.opens_at)),
        closes_at: Some(keep(current.closes_at, n.closes_at)),
        time_limit_secs: Some(keep_secs),
        question_count: Some(n.question_count),
        max_attempts: Some(n.max_attempts),
        counting: n.counting,
        prediction: n.prediction,
        practice: Some(n.practice),
        reveal: n.reveal,
        draw_rules: Some(n.draw_rules),
        unit_ids: None,
    }
}

async fn progress_page(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    q: web::Query<HashMap<String, String>>,
) -> PageResult<Markup> {
    user.require_organiser()?;
    let round = rounds::get(&state.db, *id).await?;
    let p = progress::of_round(&state.db, &round).await?;
    let done = q
        .contains_key("da-luu")
        .then_some("Đã ghi nhận thời gian/lượt thi cộng thêm.");
    Ok(view::progress(
        &user,
        &user.csrf_token(&state),
        &round,
        &p,
        done,
    ))
}

async fn grant(
    state: web::Data<AppState>,
    user: PageUser,
    id: web::Path<i64>,
    form: Fields,
) -> PageResult<HttpResponse> {
    user.require_organiser()?;
    let fields: HashMap<String, String> = form.into_inner().into_iter().collect();
    let get = |k: &str| fields.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
    user.verify_csrf(&state, get("csrf").unwrap_or(""))?;
    let number = |k: &str| {
        get(k).map(|s| {
            s.parse::<i32>()
                .map_err(|_| AppError::invalid(k, "Vui lòng nhập một số nguyên."))
        })
    };
    let input = OverrideInput {
        user_id: get("user_id")
            .and_then(|s| s.parse().ok())
            .ok_or(AppError::NotFound)?,
        extra_time_secs: number("extra_minutes")
            .transpose()?
            .map(|m| m.saturating_mul(60)),
        extra_attempts: number("extra_attempts").transpose()?,
    };
    let round = rounds::get(&state.db, *id).await?;
    let txn = state.db.begin().await?;
    let (before, after) = progress::grant(&txn, &round, &input).await?;
    audit::record(
        &txn,
        entry(
            &user,
            "round.override",
            round.id,
            before.map(|b| json!(b)),
            Some(json!(after)),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(see_other(&format!(
        "/quan-tri/dot-thi/{}/tien-do?da-luu=1",
        round.id
    )))
}

fn entry(
    user: &PageUser,
    action: &'static str,
    id: i64,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Entry<'static> {
    Entry {
        actor_id: Some(user.id),
        action,
        entity: "round",
        entity_id: Some(id.to_string()),
        before,
        after,
    }
}

fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header(("Location", to.to_owned()))
        .finish()
}

fn page(m: Markup) -> HttpResponse {
    HttpResponse::UnprocessableEntity()
        .content_type("text/html; charset=utf-8")
        .body(m.into_string())
}
