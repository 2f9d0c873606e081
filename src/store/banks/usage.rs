//! How often each question of a bank was drawn into a closed attempt and how often it was answered right: the
//! facility index the judges know from the round statistics, here over every round, for the bank page.
use crate::domain::scoring::is_correct;
use crate::entities::options;
use crate::error::AppResult;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, Statement};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Closed attempts that held the question.
    pub shown: i64,
    /// Of those, the attempts that chose exactly its key (of the version they were shown).
    pub correct: i64,
}

impl Usage {
    /// Share answered right, 0–1; `None` before anyone was shown the question.
    pub fn facility(&self) -> Option<f64> {
        (self.shown > 0).then(|| self.correct as f64 / self.shown as f64)
    }
}

#[derive(Debug, FromQueryResult)]
struct Row {
    question_id: i64,
    question_version_id: i64,
    option_ids: Option<String>,
    n: i64,
}

// One row per distinct answer of each version, so the read stays small however many attempts there were.
const SQL: &str = "SELECT aq.question_id, aq.question_version_id, ans.option_ids, COUNT(*) AS n \
    FROM attempt_questions aq \
    JOIN attempts t ON t.id = aq.attempt_id \
    JOIN questions q ON q.id = aq.question_id \
    LEFT JOIN answers ans ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id \
    WHERE q.bank_id = $1 AND t.status <> $2 \
    GROUP BY aq.question_id, aq.question_version_id, ans.option_ids";

/// Question id -> its usage, for the questions of `bank_id` that closed attempts held.
pub async fn of_bank<C: ConnectionTrait>(db: &C, bank_id: i64) -> AppResult<HashMap<i64, Usage>> {
    let stmt = Statement::from_sql_and_values(
        db.get_database_backend(),
        SQL,
        [bank_id.into(), "in_progress".into()],
    );
    let rows = Row::find_by_statement(stmt).all(db).await?;
    let versions: Vec<i64> = rows.iter().map(|r| r.question_version_id).collect();
    let mut keys: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for o in options::Entity::find()
        .filter(options::Column::QuestionVersionId.is_in(versions))
        .filter(options::Column::IsCorrect.eq(true))
        .all(db)
        .await?
    {
        keys.entry(o.question_version_id).or_default().insert(o.id);
    }
    let mut usage: HashMap<i64, Usage> = HashMap::new();
    for r in rows {
        let chosen: BTreeSet<i64> = r
            .option_ids
            .as_deref()
            .and_then(|s| serde_json::from_str::<Vec<i64>>(s).ok())
            .unwrap_or_default()
            .into_iter()
            .collect();
        let u = usage.entry(r.question_id).or_default();
        u.shown += r.n;
        if keys
            .get(&r.question_version_id)
            .is_some_and(|key| is_correct(&chosen, key))
        {
            u.correct += r.n;
        }
    }
    Ok(usage)
}
