//! Every question drawn into the closed attempts of a round, with what was chosen and the answer keys, in three
//! queries (for the judges' export and the question statistics).
use crate::error::AppResult;
use crate::time::Timestamp;
use sea_orm::{ConnectionTrait, FromQueryResult, Statement};
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, FromQueryResult)]
pub struct DrawnRow {
    pub attempt_id: i64,
    pub position: i32,
    pub question_id: i64,
    pub question_version_id: i64,
    /// JSON array of chosen option ids; `None` when unanswered.
    pub option_ids: Option<String>,
    /// When the question was first answered.
    pub first_saved_at: Option<Timestamp>,
    /// When the choice last changed.
    pub saved_at: Option<Timestamp>,
}

impl DrawnRow {
    pub fn chosen(&self) -> BTreeSet<i64> {
        self.option_ids
            .as_deref()
            .and_then(|s| serde_json::from_str::<Vec<i64>>(s).ok())
            .unwrap_or_default()
            .into_iter()
            .collect()
    }
}

#[derive(Clone, Debug, FromQueryResult)]
pub struct VersionRow {
    pub id: i64,
    pub question_id: i64,
    pub external_id: String,
    pub text: String,
    pub points: i32,
    pub bank_slug: String,
}

#[derive(Clone, Debug, FromQueryResult)]
pub struct OptionRow {
    pub id: i64,
    pub question_version_id: i64,
    pub position: i32,
    pub text: String,
    pub is_correct: bool,
}

impl OptionRow {
    /// "A".."F".
    pub fn letter(&self) -> char {
        char::from(b'A' + self.position.clamp(0, 25) as u8)
    }
}

#[derive(Debug, Default)]
pub struct AnswerSheets {
    pub drawn: Vec<DrawnRow>,
    pub versions: HashMap<i64, VersionRow>,
    pub options: HashMap<i64, OptionRow>,
    /// Question version id -> its correct option ids.
    pub keys: HashMap<i64, BTreeSet<i64>>,
}

const DRAWN_VERSIONS: &str = "SELECT aq.question_version_id FROM attempt_questions aq \
    JOIN attempts a ON a.id = aq.attempt_id WHERE a.round_id = $1 AND a.status <> 'in_progress'";

pub async fn of_round<C: ConnectionTrait>(db: &C, round_id: i64) -> AppResult<AnswerSheets> {
    let backend = db.get_database_backend();
    let stmt = |sql: String| Statement::from_sql_and_values(backend, sql, [round_id.into()]);
    let drawn = DrawnRow::find_by_statement(stmt(
        "SELECT aq.attempt_id, aq.position, aq.question_id, aq.question_version_id, ans.option_ids, ans.first_saved_at, \
         ans.saved_at \
         FROM attempt_questions aq JOIN attempts a ON a.id = aq.attempt_id \
         LEFT JOIN answers ans ON ans.attempt_id = aq.attempt_id AND ans.question_id = aq.question_id \
         WHERE a.round_id = $1 AND a.status <> 'in_progress' ORDER BY aq.attempt_id, aq.position"
            .to_owned(),
    ))
    .all(db)
    .await?;
    let versions = VersionRow::find_by_statement(stmt(format!(
        "SELECT qv.id, qv.question_id, q.external_id, qv.text, qv.points, b.slug AS bank_slug \
         FROM question_versions qv JOIN questions q ON q.id = qv.question_id \
         JOIN question_banks b ON b.id = q.bank_id WHERE qv.id IN ({DRAWN_VERSIONS})"
    )))
    .all(db)
    .await?;
    let options = OptionRow::find_by_statement(stmt(format!(
        "SELECT o.id, o.question_version_id, o.position, o.text, o.is_correct FROM options o \
         WHERE o.question_version_id IN ({DRAWN_VERSIONS})"
    )))
    .all(db)
    .await?;
    let mut keys: HashMap<i64, BTreeSet<i64>> = HashMap::new();
    for o in options.iter().filter(|o| o.is_correct) {
        keys.entry(o.question_version_id).or_default().insert(o.id);
    }
    Ok(AnswerSheets {
        keys,
        drawn,
        versions: versions.into_iter().map(|v| (v.id, v)).collect(),
        options: options.into_iter().map(|o| (o.id, o)).collect(),
    })
}
