//! Reading banks back: the summaries, the organisers' question list, and a bank as a [`ParsedBank`] for
//! export. Questions in use (not retired) unless retired ones are asked for, each at its current version.
use crate::banks::{ParsedBank, QuestionDraft, letter};
use crate::entities::{
    options, question_banks, question_version_groups, question_versions, questions,
};
use crate::error::{AppError, AppResult};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A bank as the landing page and `GET /api/v1/banks` show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BankSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub valid_as_of: Option<String>,
    pub active_questions: i64,
    pub topics: Vec<String>,
    /// Questions in use per topic, in topic order.
    pub per_topic: Vec<TopicCount>,
    /// Questions no longer drawn: withdrawn by hand or no longer in the bank's file.
    pub retired_questions: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct TopicCount {
    pub topic: String,
    pub questions: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OptionView {
    pub letter: String,
    pub text: String,
    pub correct: bool,
}

/// One question at its current version, with its key, for organisers and judges.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct QuestionView {
    pub id: i64,
    pub bank: String,
    pub external_id: String,
    pub topic: String,
    pub version: i32,
    pub text: String,
    pub options: Vec<OptionView>,
    pub multiple: bool,
    pub explanation: Option<String>,
    pub legal_basis: Option<String>,
    pub points: i32,
    pub exclusion_groups: Vec<String>,
    pub situational: bool,
    pub historical: bool,
    /// No longer drawn into new attempts (old attempts still show it).
    pub retired: bool,
    /// Withdrawn by an organiser; restored only by hand (an import keeps it retired).
    pub withdrawn: bool,
}

/// Which questions to read.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuestionFilter<'a> {
    /// Bank slug; an unknown bank is a 404.
    pub bank: Option<&'a str>,
    pub topic: Option<&'a str>,
    pub include_retired: bool,
}

pub async fn summaries(db: &DatabaseConnection) -> AppResult<Vec<BankSummary>> {
    let banks = question_banks::Entity::find()
        .order_by_asc(question_banks::Column::Title)
        .all(db)
        .await?;
    let all = questions::Entity::find().all(db).await?;
    Ok(banks
        .into_iter()
        .map(|b| {
            let mine = all.iter().filter(|q| q.bank_id == b.id);
            let (retired, active): (Vec<&questions::Model>, Vec<&questions::Model>) =
                mine.partition(|q| q.retired);
            let mut per_topic: BTreeMap<String, i64> = BTreeMap::new();
            for q in &active {
                *per_topic.entry(q.topic.clone()).or_default() += 1;
            }
            BankSummary {
                id: b.id,
                slug: b.slug,
                title: b.title,
                valid_as_of: b.valid_as_of,
                active_questions: active.len() as i64,
                topics: per_topic.keys().cloned().collect(),
                per_topic: per_topic
                    .into_iter()
                    .map(|(topic, questions)| TopicCount { topic, questions })
                    .collect(),
                retired_questions: retired.len() as i64,
            }
        })
        .collect())
}

/// One bank's summary by slug; an unknown bank is a 404.
pub async fn summary(db: &DatabaseConnection, slug: &str) -> AppResult<BankSummary> {
    summaries(db)
        .await?
        .into_iter()
        .find(|b| b.slug == slug)
        .ok_or(AppError::NotFound)
}

/// Questions in use, optionally of one bank (by slug) and one topic. An unknown bank is a 404.
pub async fn questions(
    db: &DatabaseConnection,
    bank: Option<&str>,
    topic: Option<&str>,
) -> AppResult<Vec<QuestionView>> {
    let filter = QuestionFilter {
        bank,
        topic,
        include_retired: false,
    };
    questions_where(db, &filter).await
}

/// Questions as `filter` asks, in bank then creation order.
pub async fn questions_where(
    db: &DatabaseConnection,
    filter: &QuestionFilter<'_>,
) -> AppResult<Vec<QuestionView>> {
    let QuestionFilter {
        bank,
        topic,
        include_retired,
    } = *filter;
    let banks: HashMap<i64, String> = question_banks::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.slug))
        .collect();
    let mut query = questions::Entity::find();
    if !include_retired {
        query = query.filter(questions::Column::Retired.eq(false));
    }
    if let Some(slug) = bank {
        let id = banks
            .iter()
            .find(|(_, s)| s.as_str() == slug)
            .map(|(id, _)| *id)
            .ok_or(AppError::NotFound)?;
        query = query.filter(questions::Column::BankId.eq(id));
    }
    if let Some(topic) = topic {
        query = query.filter(questions::Column::Topic.eq(topic));
    }
    let qs = query
        .order_by_asc(questions::Column::BankId)
        .order_by_asc(questions::Column::Id)
        .all(db)
        .await?;
    let versions = current_versions(db, &qs).await?;
    let version_ids: Vec<i64> = versions.values().map(|v| v.id).collect();
    let mut opts: HashMap<i64, Vec<options::Model>> = HashMap::new();
    for o in options::Entity::find()
        .filter(options::Column::QuestionVersionId.is_in(version_ids.clone()))
        .order_by_asc(options::Column::Position)
        .all(db)
        .await?
    {
        opts.entry(o.question_version_id).or_default().push(o);
    }
    let mut groups = groups_of(db, &version_ids).await?;
    Ok(qs
        .into_iter()
        .filter_map(|q| {
            let v = versions.get(&q.id)?;
            let options = opts.remove(&v.id).unwrap_or_default();
            Some(QuestionView {
                id: q.id,
                bank: banks.get(&q.bank_id).cloned().unwrap_or_default(),
                external_id: q.external_id,
                topic: q.topic,
                version: v.version,
                text: v.text.clone(),
                options: options
                    .into_iter()
                    .map(|o| OptionView {
                        letter: letter(o.position as usize).to_string(),
                        text: o.text,
                        correct: o.is_correct,
                    })
                    .collect(),
                multiple: v.multiple,
                explanation: v.explanation.clone(),
                legal_basis: v.legal_basis.clone(),
                points: v.points,
                exclusion_groups: groups.remove(&v.id).unwrap_or_default(),
                situational: v.situational,
                historical: v.historical,
                retired: q.retired,
                withdrawn: q.withdrawn,
            })
        })
        .collect())
}

/// Version id -> its exclusion groups, sorted.
pub async fn groups_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    version_ids: &[i64],
) -> AppResult<HashMap<i64, Vec<String>>> {
    let mut out: HashMap<i64, Vec<String>> = HashMap::new();
    for g in question_version_groups::Entity::find()
        .filter(question_version_groups::Column::QuestionVersionId.is_in(version_ids.to_vec()))
        .order_by_asc(question_version_groups::Column::Slug)
        .all(db)
        .await?
    {
        out.entry(g.question_version_id).or_default().push(g.slug);
    }
    Ok(out)
}

async fn current_versions(
    db: &DatabaseConnection,
    qs: &[questions::Model],
) -> AppResult<HashMap<i64, question_versions::Model>> {
    let current: HashMap<i64, i32> = qs.iter().map(|q| (q.id, q.current_version)).collect();
    Ok(question_versions::Entity::find()
        .filter(
            question_versions::Column::QuestionId
                .is_in(current.keys().copied().collect::<Vec<_>>()),
        )
        .all(db)
        .await?
        .into_iter()
        .filter(|v| current.get(&v.question_id) == Some(&v.version))
        .map(|v| (v.question_id, v))
        .collect())
}

/// A bank from the database as the file formats see it (questions in use, current versions).
pub async fn bank_as_parsed(db: &DatabaseConnection, slug: &str) -> AppResult<ParsedBank> {
    let bank = question_banks::Entity::find()
        .filter(question_banks::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let questions = questions(db, Some(slug), None).await?;
    Ok(ParsedBank {
        slug: bank.slug,
        title: bank.title,
        valid_as_of: bank.valid_as_of,
        amendments_checked: crate::banks::tabular::groups_of(&bank.amendments_checked),
        questions: questions
            .into_iter()
            .map(|q| QuestionDraft {
                external_id: q.external_id,
                topic: q.topic,
                text: q.text,
                correct: q
                    .options
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.correct)
                    .map(|(i, _)| i)
                    .collect(),
                options: q.options.into_iter().map(|o| o.text).collect(),
                explanation: q.explanation,
                legal_basis: q.legal_basis,
                points: Some(q.points),
                exclusion_groups: q.exclusion_groups,
                situational: q.situational,
                historical: q.historical,
                line: 0,
            })
            .collect(),
    })
}
