//! Starting attempts and finding them. Starting is safe under any number of concurrent requests: the attempt
//! number is unique per person and round and only one attempt may be in progress (both enforced by the
//! database), so a losing request rolls back and returns what the winner created.
//!
//! The folder holds everything stored about attempts: `close` (submit and expiry), `answers` (the save hot path),
//! `drawn` (what an attempt drew), `starts` (new attempts, group-committed), `view` (an attempt as its owner
//! sees it), `key_guard` (keys still withheld),
//! `regrade` and `regrade_log` (key corrections), `answer_sheets` (every answer of a round, for the judges).
pub mod answer_sheets;
pub mod answers;
pub mod close;
pub mod drawn;
pub mod key_guard;
pub mod regrade;
pub mod regrade_log;
pub mod starts;
pub mod view;
use crate::auth::AuthUser;
use crate::domain::{self, AttemptStatus, draw};
use crate::entities::{attempts, round_overrides};
use crate::error::{AppError, AppResult};
use crate::store::attempts::drawn::DrawnQuestion;
use crate::store::attempts::starts::{NewAttempt, StartWriter};
use crate::store::cache::Caches;
use crate::store::cache::content::ContentCache;
use crate::store::rounds::RoundView;
use crate::store::write_gate::WriteGate;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};

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

/// What [`start`] gives: the attempt, and when it was drawn just now, what it drew (so the caller can show it
/// without reading it back).
pub struct Started {
    pub attempt: attempts::Model,
    pub drawn: Option<Vec<DrawnQuestion>>,
}

/// Starts an attempt of `round` for `user`, or returns the one already in progress.
pub async fn start(
    db: &DatabaseConnection,
    caches: &Caches,
    gate: &WriteGate,
    starts: &StartWriter,
    round: &RoundView,
    user: &AuthUser,
    grace_secs: u32,
) -> AppResult<Started> {
    if !round.admits(user) {
        return Err(AppError::conflict(
            "unit_not_admitted",
            "Đơn vị của bạn không thuộc danh sách tham gia đợt thi này.",
        ));
    }
    for _ in 0..5 {
        // One read gives both the attempts used and the one in progress, consistently: a concurrent winner's
        // attempt is either in both or in neither (and then the insert below collides with it).
        let mine = attempts::Entity::find()
            .filter(attempts::Column::RoundId.eq(round.id))
            .filter(attempts::Column::UserId.eq(user.id))
            .all(db)
            .await?;
        let used = mine.len();
        if let Some(a) = mine
            .into_iter()
            .find(|a| a.status == AttemptStatus::InProgress)
        {
            let a = close::expire_if_due(db, caches, gate, a, grace_secs).await?;
            if a.status == AttemptStatus::InProgress {
                return Ok(Started {
                    attempt: a,
                    drawn: None,
                });
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
        if !round.practice && used >= allowed.max(0) as usize {
            return Err(max_attempts_used(allowed));
        }
        let extra_secs = extra.map_or(0, |o| o.extra_time_secs);
        let drawn = draw_questions(db, &caches.content, round).await?;
        let now = Utc::now();
        let new = NewAttempt {
            round_id: round.id,
            user_id: user.id,
            attempt_no: used as i32 + 1,
            started_at: now,
            deadline: domain::close::attempt_deadline(
                now,
                round.time_limit_secs,
                extra_secs,
                round.closes_at,
            ),
            max_score: drawn.iter().map(|d| d.version.points).sum(),
            draw: self::drawn::encode(&drawn)?,
        };
        // None: someone else (a double click, another tab) created it first, so look again.
        if let Some(attempt) = starts.insert(new).await? {
            caches.attempts.remember(&attempt, &drawn);
            return Ok(Started {
                attempt,
                drawn: Some(drawn),
            });
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

/// Draws the questions of a new attempt from the round's pool, with each one's options shuffled.
async fn draw_questions(
    db: &DatabaseConnection,
    content: &ContentCache,
    round: &RoundView,
) -> AppResult<Vec<DrawnQuestion>> {
    let topics: Vec<String> = round.draw_rules.iter().map(|r| r.topic.clone()).collect();
    let pool = content.pool(db, round.bank_id, &topics).await?;
    let rules: Vec<(String, usize)> = round
        .draw_rules
        .iter()
        .map(|r| (r.topic.clone(), r.count.max(0) as usize))
        .collect();
    let mut rng = rand::rng();
    let drawn = draw::draw_apart(&rules, &pool.by_topic, &pool.groups, &mut rng).map_err(|short| {
        AppError::conflict(
            "bank_too_small",
            format!(
                "Chủ đề \"{}\" chỉ rút được {} câu hỏi (tính cả nhóm loại trừ), không đủ {} câu để rút đề. \
                 Vui lòng báo Ban Tổ chức.",
                short.topic, short.available, short.wanted
            ),
        )
    })?;
    let current = &pool.current;
    let version_ids: Vec<i64> = drawn
        .iter()
        .filter_map(|q| current.get(q).copied())
        .collect();
    let versions = content.versions(db, &version_ids).await?;
    let mut out = Vec::with_capacity(drawn.len());
    for qid in drawn {
        let version = current
            .get(&qid)
            .and_then(|vid| versions.get(vid))
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("question {qid} has no current version"))?;
        let ids: Vec<i64> = version.options.iter().map(|o| o.id).collect();
        out.push(DrawnQuestion {
            question_id: qid,
            option_order: draw::shuffled(&ids, &mut rng),
            version,
        });
    }
    Ok(out)
}
