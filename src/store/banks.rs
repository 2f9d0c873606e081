//! Question banks in the database: loading parsed banks idempotently (new versions for edits, retirement for
//! removals) and reading them back.
mod load;
mod read;
mod review;
pub mod usage;
mod withdraw;

pub use load::load_folder_at_startup;
pub use review::{findings_for, import_reviewed};

pub use read::{
    BankSummary, OptionView, QuestionFilter, QuestionView, TopicCount, bank_as_parsed, questions,
    questions_where, summaries, summary,
};
pub use withdraw::{QuestionState, set_withdrawn};

use crate::banks::{ImportReport, ParsedBank, QuestionDraft};
use crate::entities::{
    options, question_banks, question_version_groups, question_versions, questions,
};
use crate::error::AppResult;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// What identifies a version's content: any change here makes a new version. The issue-16 fields join the key
/// only when set, so that banks without them keep the hashes (and versions) they had before.
pub fn content_hash(q: &QuestionDraft) -> String {
    let mut key = serde_json::json!([
        q.topic,
        q.text,
        q.options,
        q.correct,
        q.explanation,
        q.legal_basis,
        q.points.unwrap_or(1)
    ]);
    if !q.exclusion_groups.is_empty() || q.situational || q.historical {
        let mut groups = q.exclusion_groups.clone();
        groups.sort();
        if let Some(parts) = key.as_array_mut() {
            parts.push(serde_json::json!([groups, q.situational, q.historical]));
        }
    }
    let digest = Sha256::digest(key.to_string().as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes a bank in one transaction: new questions, new versions of edited ones, retirement of missing ones.
pub async fn upsert_bank(
    db: &DatabaseConnection,
    bank: &ParsedBank,
    source: &str,
) -> AppResult<ImportReport> {
    upsert_bank_with(db, bank, source, true).await
}

/// As [`upsert_bank`]; with `retire_missing` false, questions absent from `bank` are left as they are (used
/// when part of a file was rejected: a question with a typo must not be retired for it).
pub async fn upsert_bank_with(
    db: &DatabaseConnection,
    bank: &ParsedBank,
    source: &str,
    retire_missing: bool,
) -> AppResult<ImportReport> {
    let txn = db.begin().await?;
    let bank_id = upsert_bank_row(&txn, bank, source).await?;
    let existing: HashMap<String, questions::Model> = questions::Entity::find()
        .filter(questions::Column::BankId.eq(bank_id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|q| (q.external_id.clone(), q))
        .collect();
    let ids: Vec<i64> = existing.values().map(|q| q.id).collect();
    let current_hash: HashMap<i64, String> = question_versions::Entity::find()
        .filter(question_versions::Column::QuestionId.is_in(ids))
        .all(&txn)
        .await?
        .into_iter()
        .filter(|v| {
            existing
                .values()
                .any(|q| q.id == v.question_id && q.current_version == v.version)
        })
        .map(|v| (v.question_id, v.content_hash))
        .collect();
    let mut report = ImportReport {
        bank: bank.slug.clone(),
        ..Default::default()
    };
    let now = Utc::now();
    for draft in &bank.questions {
        let hash = content_hash(draft);
        match existing.get(&draft.external_id) {
            None => {
                let q = questions::ActiveModel {
                    bank_id: Set(bank_id),
                    external_id: Set(draft.external_id.clone()),
                    topic: Set(draft.topic.clone()),
                    current_version: Set(1),
                    retired: Set(false),
                    withdrawn: Set(false),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
                insert_version(&txn, q.id, 1, draft, &hash).await?;
                report.imported += 1;
            }
            // A withdrawn question stays retired whatever the file says; only "Khôi phục" brings it back.
            Some(q) if current_hash.get(&q.id) == Some(&hash) && q.retired == q.withdrawn => {
                report.unchanged += 1
            }
            Some(q) => {
                let same = current_hash.get(&q.id) == Some(&hash);
                let version = if same {
                    q.current_version
                } else {
                    q.current_version + 1
                };
                if !same {
                    insert_version(&txn, q.id, version, draft, &hash).await?;
                }
                let mut active: questions::ActiveModel = q.clone().into();
                active.topic = Set(draft.topic.clone());
                active.current_version = Set(version);
                active.retired = Set(q.withdrawn);
                active.updated_at = Set(now);
                active.update(&txn).await?;
                report.updated += 1;
            }
        }
    }
    let in_file: HashSet<&str> = bank
        .questions
        .iter()
        .map(|q| q.external_id.as_str())
        .collect();
    let to_retire: Vec<i64> = existing
        .values()
        .filter(|q| retire_missing && !q.retired && !in_file.contains(q.external_id.as_str()))
        .map(|q| q.id)
        .collect();
    report.retired = to_retire.len();
    if !to_retire.is_empty() {
        questions::Entity::update_many()
            .col_expr(questions::Column::Retired, Expr::value(true))
            .col_expr(questions::Column::UpdatedAt, Expr::value(now))
            .filter(questions::Column::Id.is_in(to_retire))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(report)
}

async fn upsert_bank_row(
    txn: &DatabaseTransaction,
    bank: &ParsedBank,
    source: &str,
) -> AppResult<i64> {
    let now = Utc::now();
    let found = question_banks::Entity::find()
        .filter(question_banks::Column::Slug.eq(&bank.slug))
        .one(txn)
        .await?;
    let amendments = bank.amendments_checked.join(", ");
    if let Some(row) = found {
        if row.title != bank.title
            || row.valid_as_of != bank.valid_as_of
            || row.source != source
            || row.amendments_checked != amendments
        {
            let mut active: question_banks::ActiveModel = row.clone().into();
            active.title = Set(bank.title.clone());
            active.valid_as_of = Set(bank.valid_as_of.clone());
            active.amendments_checked = Set(amendments);
            active.source = Set(source.to_owned());
            active.updated_at = Set(now);
            active.update(txn).await?;
        }
        return Ok(row.id);
    }
    let row = question_banks::ActiveModel {
        slug: Set(bank.slug.clone()),
        title: Set(bank.title.clone()),
        valid_as_of: Set(bank.valid_as_of.clone()),
        amendments_checked: Set(amendments),
        source: Set(source.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

async fn insert_version(
    txn: &DatabaseTransaction,
    question_id: i64,
    version: i32,
    q: &QuestionDraft,
    hash: &str,
) -> AppResult<()> {
    let v = question_versions::ActiveModel {
        question_id: Set(question_id),
        version: Set(version),
        text: Set(q.text.clone()),
        explanation: Set(q.explanation.clone()),
        legal_basis: Set(q.legal_basis.clone()),
        points: Set(q.points.unwrap_or(1)),
        multiple: Set(q.correct.len() > 1),
        content_hash: Set(hash.to_owned()),
        situational: Set(q.situational),
        historical: Set(q.historical),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    if !q.exclusion_groups.is_empty() {
        let groups = q
            .exclusion_groups
            .iter()
            .map(|g| question_version_groups::ActiveModel {
                question_version_id: Set(v.id),
                slug: Set(g.clone()),
            });
        question_version_groups::Entity::insert_many(groups)
            .exec(txn)
            .await?;
    }
    let rows = q
        .options
        .iter()
        .enumerate()
        .map(|(i, text)| options::ActiveModel {
            question_version_id: Set(v.id),
            position: Set(i as i32),
            text: Set(text.clone()),
            is_correct: Set(q.correct.contains(&i)),
            ..Default::default()
        });
    options::Entity::insert_many(rows).exec(txn).await?;
    Ok(())
}
