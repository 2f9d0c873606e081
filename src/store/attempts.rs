//! Starting attempts and finding them. Starting is safe under any number of concurrent requests: the attempt
//! number is unique per person and round and only one attempt may be in progress (both enforced by the
//! database), so a losing request rolls back and returns what the winner created.
use super::rounds::RoundView;
use crate::auth::AuthUser;
use crate::domain::{AttemptStatus, draw};
use crate::entities::{
    attempt_questions, attempts, options, question_versions, questions, round_overrides,
};
use crate::error::{AppError, AppResult};
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, SqlErr, TransactionTrait,
};
use std::collections::HashMap;

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Option<attempts::Model>> {
    Ok(attempts::Entity::find_by_id(id).one(db).await?)
}

/// The attempt, if `user` may see it: its owner, or contest staff. Anyone else gets 404, never 403.
pub async fn visible_to<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &AuthUser,
) -> AppResult<attempts::Model> {
    match find(db, id).await? {
        Some(a) if a.user_id == user.id || user.role.is_staff_of_contest() => Ok(a),
        _ => Err(AppError::NotFound),
    }
}

/// The attempt, only for its owner.
pub async fn owned_by<C: ConnectionTrait>(
    db: &C,
    id: i64,
    user: &AuthUser,
) -> AppResult<attempts::Model> {
    match find(db, id).await? {
        Some(a) if a.user_id == user.id => Ok(a),
        _ => Err(AppError::NotFound),
    }
}

pub async fn mine<C: ConnectionTrait>(db: &C, user_id: i64) -> AppResult<Vec<attempts::Model>> {
    Ok(attempts::Entity::find()
        .filter(attempts::Column::UserId.eq(user_id))
        .order_by_desc(attempts::Column::StartedAt)
        .all(db)
        .await?)
}

pub async fn in_progress<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    user_id: i64,
) -> AppResult<Option<attempts::Model>> {
    Ok(attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round_id))
        .filter(attempts::Column::UserId.eq(user_id))
        .filter(attempts::Column::Status.eq(AttemptStatus::InProgress))
        .one(db)
        .await?)
}

pub async fn override_for<C: ConnectionTrait>(
    db: &C,
    round_id: i64,
    user_id: i64,
) -> AppResult<Option<round_overrides::Model>> {
    Ok(round_overrides::Entity::find_by_id((round_id, user_id))
        .one(db)
        .await?)
}

/// Starts an attempt of `round` for `user`, or returns the one already in progress.
pub async fn start(
    db: &DatabaseConnection,
    round: &RoundView,
    user: &AuthUser,
    grace_secs: u32,
) -> AppResult<attempts::Model> {
    if !round.admits(user) {
        return Err(AppError::conflict(
            "unit_not_admitted",
            "Đơn vị của bạn không thuộc danh sách tham gia đợt thi này.",
        ));
    }
    for _ in 0..5 {
        // Count before looking for the attempt in progress: a count that includes a concurrent winner's
        // attempt guarantees the look-up sees it too.
        let used = attempts::Entity::find()
            .filter(attempts::Column::RoundId.eq(round.id))
            .filter(attempts::Column::UserId.eq(user.id))
            .count(db)
            .await?;
        if let Some(a) = in_progress(db, round.id, user.id).await? {
            let a = super::attempt_close::expire_if_due(db, a, grace_secs).await?;
            if a.status == AttemptStatus::InProgress {
                return Ok(a);
            }
        }
        if !round.is_open() {
            return Err(AppError::conflict(
                "round_not_open",
                "Đợt thi chưa mở hoặc đã kết thúc, không thể bắt đầu làm bài.",
            ));
        }
        let extra = override_for(db, round.id, user.id).await?;
        let allowed = round.max_attempts + extra.as_ref().map_or(0, |o| o.extra_attempts);
        if !round.practice && used >= allowed as u64 {
            return Err(max_attempts_used(allowed));
        }
        let extra_secs = extra.map_or(0, |o| o.extra_time_secs);
        match insert_new(db, round, user.id, used as i32 + 1, extra_secs).await {
            Ok(a) => return Ok(a),
            // Someone else (a double click, another tab) created it first: look again.
            Err(e) if is_unique_violation(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Err(AppError::conflict(
        "busy",
        "Hệ thống đang bận, vui lòng thử bắt đầu lại sau giây lát.",
    ))
}

fn max_attempts_used(allowed: i32) -> AppError {
    AppError::conflict(
        "max_attempts",
        format!("Bạn đã dùng hết {allowed} lượt thi của đợt thi này."),
    )
}

struct Prepared {
    /// (question id, version id, option order)
    rows: Vec<(i64, i64, Vec<i64>)>,
    max_score: i32,
}

async fn prepare_draw(db: &DatabaseConnection, round: &RoundView) -> AppResult<Prepared> {
    let topics: Vec<String> = round.draw_rules.iter().map(|r| r.topic.clone()).collect();
    let mut query = questions::Entity::find()
        .filter(questions::Column::Retired.eq(false))
        .filter(questions::Column::Topic.is_in(topics));
    if let Some(bank) = round.bank_id {
        query = query.filter(questions::Column::BankId.eq(bank));
    }
    let candidates = query.all(db).await?;
    let mut pool: HashMap<String, Vec<i64>> = HashMap::new();
    for q in &candidates {
        pool.entry(q.topic.clone()).or_default().push(q.id);
    }
    let rules: Vec<(String, usize)> = round
        .draw_rules
        .iter()
        .map(|r| (r.topic.clone(), r.count.max(0) as usize))
        .collect();
    let drawn = draw::draw(&rules, &pool, &mut rand::rng()).map_err(|short| {
        AppError::conflict(
            "bank_too_small",
            format!(
                "Chủ đề \"{}\" chỉ còn {} câu hỏi, không đủ {} câu để rút đề. Vui lòng báo Ban Tổ chức.",
                short.topic, short.available, short.wanted
            ),
        )
    })?;
    let current: HashMap<i64, i32> = candidates
        .iter()
        .map(|q| (q.id, q.current_version))
        .collect();
    let versions: HashMap<i64, question_versions::Model> = question_versions::Entity::find()
        .filter(question_versions::Column::QuestionId.is_in(drawn.clone()))
        .all(db)
        .await?
        .into_iter()
        .filter(|v| current.get(&v.question_id) == Some(&v.version))
        .map(|v| (v.question_id, v))
        .collect();
    let version_ids: Vec<i64> = versions.values().map(|v| v.id).collect();
    let mut opts: HashMap<i64, Vec<i64>> = HashMap::new();
    for o in options::Entity::find()
        .filter(options::Column::QuestionVersionId.is_in(version_ids))
        .order_by_asc(options::Column::Position)
        .all(db)
        .await?
    {
        opts.entry(o.question_version_id).or_default().push(o.id);
    }
    let mut rng = rand::rng();
    let mut prepared = Prepared {
        rows: Vec::new(),
        max_score: 0,
    };
    for qid in drawn {
        let v = versions
            .get(&qid)
            .ok_or_else(|| anyhow::anyhow!("question {qid} has no current version"))?;
        let order = draw::shuffled(opts.get(&v.id).map(Vec::as_slice).unwrap_or(&[]), &mut rng);
        prepared.max_score += v.points;
        prepared.rows.push((qid, v.id, order));
    }
    Ok(prepared)
}

async fn insert_new(
    db: &DatabaseConnection,
    round: &RoundView,
    user_id: i64,
    attempt_no: i32,
    extra_secs: i32,
) -> AppResult<attempts::Model> {
    let prepared = prepare_draw(db, round).await?;
    let now = Utc::now();
    let limit = Duration::seconds(i64::from(round.time_limit_secs) + i64::from(extra_secs));
    let deadline = (now + limit).min(round.closes_at);
    let txn = db.begin().await?;
    // The first statement writes, so SQLite takes the write lock at once (waiting, not failing, when busy).
    let attempt = attempts::ActiveModel {
        round_id: Set(round.id),
        user_id: Set(user_id),
        attempt_no: Set(attempt_no),
        status: Set(AttemptStatus::InProgress),
        started_at: Set(now),
        deadline: Set(deadline),
        max_score: Set(prepared.max_score),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rows = prepared
        .rows
        .into_iter()
        .enumerate()
        .map(|(pos, (qid, vid, order))| attempt_questions::ActiveModel {
            attempt_id: Set(attempt.id),
            position: Set(pos as i32),
            question_id: Set(qid),
            question_version_id: Set(vid),
            option_order: Set(serde_json::Value::from(order).to_string()),
        });
    attempt_questions::Entity::insert_many(rows)
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(attempt)
}

fn is_unique_violation(e: &AppError) -> bool {
    matches!(e, AppError::Db(db) if matches!(db.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))))
}
