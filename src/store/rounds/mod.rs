//! Rounds (đợt thi) in the database: create, read, list and change them, with their draw rules and admitted
//! units. Settings that decide what an attempt is cannot change once anyone has started an attempt.
//!
//! The folder holds the rest of a round: `shapes` (its input, patch and view types), `patch` (applying a change),
//! `close` (when results may be shown), `progress` (live progress and per-person overrides), `roster_progress`
//! (who of the roster has started, per unit), `publication`.
pub mod close;
pub mod patch;
pub mod progress;
pub mod publication;
pub mod roster_progress;
pub mod shapes;
use crate::auth::AuthUser;
use crate::domain::{self, Counting, PredictionKind, Reveal};
use crate::entities::{attempts, round_draw_rules, round_units, rounds};
use crate::error::{AppError, AppResult};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, Set,
};
use std::collections::HashMap;

pub use crate::store::rounds::shapes::{DrawRule, NewRound, Prizes, RoundPatch, RoundView};

#[derive(Debug, sea_orm::FromQueryResult)]
struct TopicCount {
    topic: String,
    n: i64,
}

/// Topic -> number of questions in use (not retired), in one bank or in all.
pub async fn topic_counts<C: ConnectionTrait>(
    db: &C,
    bank_id: Option<i64>,
) -> AppResult<HashMap<String, i64>> {
    let mut sql = "SELECT topic, COUNT(*) AS n FROM questions WHERE retired = $1".to_owned();
    let mut values: Vec<sea_orm::Value> = vec![false.into()];
    if let Some(bank) = bank_id {
        sql.push_str(" AND bank_id = $2");
        values.push(bank.into());
    }
    sql.push_str(" GROUP BY topic");
    let stmt = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    let rows = TopicCount::find_by_statement(stmt).all(db).await?;
    Ok(rows.into_iter().map(|r| (r.topic, r.n)).collect())
}

async fn validate<C: ConnectionTrait>(db: &C, view: &RoundView) -> AppResult<()> {
    let available = topic_counts(db, view.bank_id).await?;
    let rules = view.rule_pairs();
    let topics: Vec<String> = rules.iter().map(|(t, _)| t.clone()).collect();
    // The draw pool itself, read fresh, so validation judges exactly what a start will draw from.
    let pool = crate::store::cache::content::load_pool(db, view.bank_id, &topics).await?;
    let errors = domain::rounds::validate(
        &view.settings(&rules),
        &available,
        &pool.by_topic,
        &pool.groups,
    );
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// Every round that has not ended can still draw its attempts from the questions in use: checked after a change
/// to what is in use (a question withdrawn), inside the change's transaction, so a refused change writes nothing.
/// The refusal names the first round that could no longer draw and why.
pub async fn check_still_drawable<C: ConnectionTrait>(db: &C) -> AppResult<()> {
    for round in list(db).await?.iter().filter(|r| r.state != "closed") {
        if let Err(AppError::Validation(errors)) = validate(db, round).await {
            let why = errors.into_values().flatten().next().unwrap_or_default();
            return Err(AppError::conflict(
                "round_needs_question",
                format!(
                    "Đợt thi «{}» sẽ không còn đủ câu hỏi để rút đề: {why}",
                    round.title
                ),
            ));
        }
    }
    Ok(())
}

pub async fn find<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<Option<RoundView>> {
    let Some(round) = rounds::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let rules = round_draw_rules::Entity::find()
        .filter(round_draw_rules::Column::RoundId.eq(id))
        .order_by_asc(round_draw_rules::Column::Topic)
        .all(db)
        .await?;
    let units = round_units::Entity::find()
        .filter(round_units::Column::RoundId.eq(id))
        .all(db)
        .await?;
    let rules = rules
        .into_iter()
        .map(|r| DrawRule {
            topic: r.topic,
            count: r.count,
        })
        .collect();
    let facts = crate::store::rounds::close::facts(db, id, round.closes_at).await?;
    let mut view = RoundView::new(round, rules, units.into_iter().map(|u| u.unit_id).collect());
    view.close = facts;
    Ok(Some(view))
}

pub async fn get<C: ConnectionTrait>(db: &C, id: i64) -> AppResult<RoundView> {
    find(db, id).await?.ok_or(AppError::NotFound)
}

/// Every round, newest opening first.
pub async fn list<C: ConnectionTrait>(db: &C) -> AppResult<Vec<RoundView>> {
    let ids: Vec<i64> = rounds::Entity::find()
        .order_by_desc(rounds::Column::OpensAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.extend(find(db, id).await?);
    }
    Ok(out)
}

/// The rounds `user` may take.
pub async fn list_for<C: ConnectionTrait>(db: &C, user: &AuthUser) -> AppResult<Vec<RoundView>> {
    Ok(list(db)
        .await?
        .into_iter()
        .filter(|r| r.admits(user))
        .collect())
}

pub async fn create<C: ConnectionTrait>(db: &C, input: NewRound) -> AppResult<RoundView> {
    let now = Utc::now();
    let model = rounds::Model {
        id: 0,
        title: input.title.trim().to_owned(),
        opens_at: input.opens_at,
        closes_at: input.closes_at,
        time_limit_secs: input.time_limit_secs,
        question_count: input.question_count,
        max_attempts: input.max_attempts,
        counting: input.counting.unwrap_or(Counting::Best),
        prediction: input.prediction.unwrap_or(PredictionKind::None),
        practice: input.practice,
        reveal: input.reveal.unwrap_or(Reveal::AfterClose),
        bank_id: input.bank_id,
        published_at: None,
        show_names: domain::ShowNames::Full,
        rules: input.rules.trim().to_owned(),
        prize_first: input.prizes.first,
        prize_second: input.prizes.second,
        prize_third: input.prizes.third,
        prize_consolation: input.prizes.consolation,
        prize_units: input.prizes.units,
        created_at: now,
        updated_at: now,
    };
    let view = RoundView::new(model.clone(), input.draw_rules, input.unit_ids);
    validate(db, &view).await?;
    let mut active: rounds::ActiveModel = model.into();
    active.id = sea_orm::NotSet;
    let saved = active.insert(db).await?;
    write_children(db, saved.id, &view.draw_rules, &view.unit_ids).await?;
    get(db, saved.id).await
}

async fn write_children<C: ConnectionTrait>(
    db: &C,
    id: i64,
    rules: &[DrawRule],
    unit_ids: &[i64],
) -> AppResult<()> {
    round_draw_rules::Entity::delete_many()
        .filter(round_draw_rules::Column::RoundId.eq(id))
        .exec(db)
        .await?;
    round_units::Entity::delete_many()
        .filter(round_units::Column::RoundId.eq(id))
        .exec(db)
        .await?;
    for r in rules {
        let rule = round_draw_rules::ActiveModel {
            round_id: Set(id),
            topic: Set(r.topic.clone()),
            count: Set(r.count),
        };
        rule.insert(db).await.map_err(|e| {
            AppError::on_unique(e, "draw_rules", "Mỗi chủ đề chỉ được khai báo một lần.")
        })?;
    }
    for unit in unit_ids {
        let row = round_units::ActiveModel {
            round_id: Set(id),
            unit_id: Set(*unit),
        };
        row.insert(db)
            .await
            .map_err(|e| AppError::on_unique(e, "unit_ids", "Mỗi đơn vị chỉ được chọn một lần."))?;
    }
    Ok(())
}

pub async fn attempt_count<C: ConnectionTrait>(db: &C, round_id: i64) -> AppResult<u64> {
    Ok(attempts::Entity::find()
        .filter(attempts::Column::RoundId.eq(round_id))
        .count(db)
        .await?)
}

/// Applies `patch`; returns the round before and after.
pub async fn update<C: ConnectionTrait>(
    db: &C,
    id: i64,
    patch: RoundPatch,
) -> AppResult<(RoundView, RoundView)> {
    let before = get(db, id).await?;
    let mut after = before.clone();
    crate::store::rounds::patch::apply(&mut after, patch);
    if crate::store::rounds::patch::changes_attempts(&before, &after)
        && attempt_count(db, id).await? > 0
    {
        return Err(AppError::conflict(
            "round_has_attempts",
            "Đợt thi đã có người làm bài nên không thể thay đổi số câu hỏi, cơ cấu chủ đề, thời gian làm \
             bài, thời điểm bắt đầu, cách tính lượt thi, câu hỏi dự đoán hay chế độ thi thử. Chỉ có thể sửa tên, thời điểm \
             kết thúc, số lượt thi, đơn vị dự thi và thời điểm xem đáp án.",
        ));
    }
    validate(db, &after).await?;
    let mut active: rounds::ActiveModel = rounds::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?
        .into();
    crate::store::rounds::patch::set_columns(&mut active, &after);
    active.update(db).await?;
    // An early close ends the attempts in progress with it, in this same transaction.
    if after.closes_at < before.closes_at {
        crate::store::rounds::close::cut_deadlines(db, id, after.closes_at).await?;
    }
    write_children(db, id, &after.draw_rules, &after.unit_ids).await?;
    Ok((before, get(db, id).await?))
}
