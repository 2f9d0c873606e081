//! Regrading: an organiser corrects the answer key of one question version in place, and every closed attempt
//! that drew that version is rescored with the exact-set rule of `domain::scoring`. The caller runs this in one
//! transaction and writes the audit row with the before/after scores returned here.
use crate::domain::scoring::{self, KeyedQuestion};
use crate::entities::{options, question_versions};
use crate::error::{AppError, AppResult};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Statement,
};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, Serialize, PartialEq, utoipa::ToSchema)]
pub struct Rescored {
    pub attempt_id: i64,
    pub round_id: i64,
    pub user_id: i64,
    pub score_before: i32,
    pub score_after: i32,
    pub correct_before: i32,
    pub correct_after: i32,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Regrade {
    pub question_id: i64,
    pub version: i32,
    pub question_version_id: i64,
    pub key_before: Vec<String>,
    pub key_after: Vec<String>,
    /// Closed attempts that drew this version.
    pub affected_attempts: usize,
    /// Those whose score or correct count changed.
    pub changed: Vec<Rescored>,
}

/// `letters` are "A".."F", validated against the version's options.
pub async fn correct_key<C: ConnectionTrait>(
    db: &C,
    question_id: i64,
    version: i32,
    letters: &[String],
) -> AppResult<Regrade> {
    let qv = question_versions::Entity::find()
        .filter(question_versions::Column::QuestionId.eq(question_id))
        .filter(question_versions::Column::Version.eq(version))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let opts = options::Entity::find()
        .filter(options::Column::QuestionVersionId.eq(qv.id))
        .order_by_asc(options::Column::Position)
        .all(db)
        .await?;
    let letter = |o: &options::Model| char::from(b'A' + o.position.clamp(0, 25) as u8).to_string();
    let wanted = parse_letters(
        letters,
        &opts.iter().map(letter).collect::<Vec<_>>(),
        qv.multiple,
    )?;
    let key_before: Vec<String> = opts.iter().filter(|o| o.is_correct).map(letter).collect();
    for o in &opts {
        let correct = wanted.contains(&letter(o));
        if correct != o.is_correct {
            options::Entity::update_many()
                .col_expr(options::Column::IsCorrect, Expr::value(correct))
                .filter(options::Column::Id.eq(o.id))
                .exec(db)
                .await?;
        }
    }
    let (affected_attempts, changed) = rescore_attempts_of_version(db, qv.id).await?;
    Ok(Regrade {
        question_id,
        version,
        question_version_id: qv.id,
        key_before,
        key_after: wanted.into_iter().collect(),
        affected_attempts,
        changed,
    })
}

fn parse_letters(
    given: &[String],
    available: &[String],
    multiple: bool,
) -> AppResult<BTreeSet<String>> {
    let wanted: BTreeSet<String> = given.iter().map(|l| l.trim().to_uppercase()).collect();
    if wanted.is_empty() {
        return Err(AppError::invalid(
            "correct",
            "Cần chọn ít nhất một đáp án đúng.",
        ));
    }
    if let Some(bad) = wanted.iter().find(|l| !available.contains(l)) {
        return Err(AppError::invalid(
            "correct",
            format!("Câu hỏi không có phương án {bad}."),
        ));
    }
    if !multiple && wanted.len() > 1 {
        return Err(AppError::invalid(
            "correct",
            "Câu hỏi một lựa chọn chỉ có đúng một đáp án.",
        ));
    }
    Ok(wanted)
}

#[derive(FromQueryResult)]
struct AttemptRow {
    id: i64,
    round_id: i64,
    user_id: i64,
    score: Option<i32>,
    correct_count: Option<i32>,
}

#[derive(FromQueryResult)]
struct DrawnRow {
    attempt_id: i64,
    question_id: i64,
    question_version_id: i64,
    points: i32,
}

#[derive(FromQueryResult)]
struct KeyRow {
    id: i64,
    question_version_id: i64,
}

#[derive(FromQueryResult)]
struct AnswerRow {
    attempt_id: i64,
    question_id: i64,
    option_ids: String,
}

/// The closed attempts whose draw holds version `$1`: its text `"v":<id>,` appears in the stored draw (see
/// `drawn::encode`), found without parsing every draw.
const AFFECTED: &str = "SELECT d.attempt_id FROM attempt_draws d JOIN attempts a ON a.id = d.attempt_id \
    WHERE d.questions LIKE ('%\"v\":' || $1 || ',%') AND a.status <> 'in_progress'";

/// Rescores every closed attempt that drew `version_id` from its saved answers (four reads, one write per
/// changed attempt).
async fn rescore_attempts_of_version<C: ConnectionTrait>(
    db: &C,
    version_id: i64,
) -> AppResult<(usize, Vec<Rescored>)> {
    let backend = db.get_database_backend();
    let stmt = |sql: String| Statement::from_sql_and_values(backend, sql, [version_id.into()]);
    let attempts = AttemptRow::find_by_statement(stmt(format!(
        "SELECT id, round_id, user_id, score, correct_count FROM attempts WHERE id IN ({AFFECTED})"
    )))
    .all(db)
    .await?;
    let drawn = DrawnRow::find_by_statement(stmt(format!(
        "SELECT aq.attempt_id, aq.question_id, aq.question_version_id, qv.points FROM attempt_questions aq \
         JOIN question_versions qv ON qv.id = aq.question_version_id WHERE aq.attempt_id IN ({AFFECTED})"
    )))
    .all(db)
    .await?;
    let keys = KeyRow::find_by_statement(stmt(format!(
        "SELECT o.id, o.question_version_id FROM options o WHERE o.is_correct = TRUE AND o.question_version_id IN \
         (SELECT aq2.question_version_id FROM attempt_questions aq2 WHERE aq2.attempt_id IN ({AFFECTED}))"
    )))
    .all(db)
    .await?;
    let answers = AnswerRow::find_by_statement(stmt(format!(
        "SELECT attempt_id, question_id, option_ids FROM answers WHERE attempt_id IN ({AFFECTED})"
    )))
    .all(db)
    .await?;
    let mut key_of: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for k in keys {
        key_of
            .entry(k.question_version_id)
            .or_default()
            .insert(k.id);
    }
    let mut questions: HashMap<i64, Vec<KeyedQuestion>> = HashMap::new();
    for d in drawn {
        questions
            .entry(d.attempt_id)
            .or_default()
            .push(KeyedQuestion {
                question_id: d.question_id,
                points: d.points,
                correct: key_of
                    .get(&d.question_version_id)
                    .cloned()
                    .unwrap_or_default(),
            });
    }
    let mut chosen: HashMap<i64, HashMap<i64, BTreeSet<i64>>> = HashMap::new();
    for a in answers {
        let ids: BTreeSet<i64> = serde_json::from_str::<Vec<i64>>(&a.option_ids)
            .unwrap_or_default()
            .into_iter()
            .collect();
        chosen
            .entry(a.attempt_id)
            .or_default()
            .insert(a.question_id, ids);
    }
    let mut changed = Vec::new();
    for a in &attempts {
        let none = HashMap::new();
        let qs = questions.get(&a.id).map(Vec::as_slice).unwrap_or(&[]);
        let outcome = scoring::score(qs, chosen.get(&a.id).unwrap_or(&none));
        let (before, correct_before) = (a.score.unwrap_or(0), a.correct_count.unwrap_or(0));
        if outcome.score != before || outcome.correct_count != correct_before {
            crate::store::attempts::close::write_score(db, a.id, &outcome).await?;
            changed.push(Rescored {
                attempt_id: a.id,
                round_id: a.round_id,
                user_id: a.user_id,
                score_before: before,
                score_after: outcome.score,
                correct_before,
                correct_after: outcome.correct_count,
            });
        }
    }
    Ok((attempts.len(), changed))
}
