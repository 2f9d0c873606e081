//! Question banks written straight into a test's database (no file, no loader), for tests about rounds,
//! attempts and results rather than about banks. Every question has four options, "Phương án 0" to
//! "Phương án 3"; a question with more than one correct option is a multiple-answer one.
use cchc_quiz::entities::{options, question_banks, question_versions, questions};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use std::collections::BTreeSet;

/// A question to write: its topic, id in the bank, text, points and the positions (0-3) of its correct options.
#[derive(Clone, Debug)]
pub struct QuestionSpec {
    pub topic: String,
    pub external_id: String,
    pub text: String,
    pub points: i32,
    pub correct: Vec<usize>,
    pub explanation: Option<String>,
    pub legal_basis: Option<String>,
}

impl QuestionSpec {
    /// One point, option 0 correct, no explanation.
    pub fn new(topic: &str, external_id: &str, text: &str) -> Self {
        QuestionSpec {
            topic: topic.to_owned(),
            external_id: external_id.to_owned(),
            text: text.to_owned(),
            points: 1,
            correct: vec![0],
            explanation: None,
            legal_basis: None,
        }
    }

    pub fn points(mut self, points: i32) -> Self {
        self.points = points;
        self
    }

    /// The positions (0-3) of the correct options.
    pub fn correct(mut self, positions: &[usize]) -> Self {
        self.correct = positions.to_vec();
        self
    }

    pub fn explained(mut self, explanation: &str, legal_basis: &str) -> Self {
        self.explanation = Some(explanation.to_owned());
        self.legal_basis = Some(legal_basis.to_owned());
        self
    }
}

/// A question as written: its ids, its points, its option ids in position order and the correct ones.
#[derive(Clone, Debug)]
pub struct Question {
    pub question_id: i64,
    pub version_id: i64,
    pub points: i32,
    pub options: Vec<i64>,
    pub correct: BTreeSet<i64>,
}

/// `count` questions per topic, "Câu hỏi {n} của chủ đề {topic}?" with an explanation; option 0 is correct,
/// and every third question is a multiple-answer one whose options 0 and 1 are correct.
pub fn topics(topics: &[(&str, usize)]) -> Vec<QuestionSpec> {
    let mut specs = Vec::new();
    for (topic, count) in topics {
        for n in 0..*count {
            let text = format!("Câu hỏi {n} của chủ đề {topic}?");
            let correct: &[usize] = if n % 3 == 2 { &[0, 1] } else { &[0] };
            specs.push(
                QuestionSpec::new(topic, &format!("{topic}-{n}"), &text)
                    .correct(correct)
                    .explained("Giải thích", "Điều 1"),
            );
        }
    }
    specs
}

/// Writes a bank titled "Ngân hàng thử" under `slug` with `specs`, in order.
pub async fn insert(db: &DatabaseConnection, slug: &str, specs: &[QuestionSpec]) -> Vec<Question> {
    let now = Utc::now();
    let bank = question_banks::ActiveModel {
        slug: Set(slug.to_owned()),
        title: Set("Ngân hàng thử".into()),
        source: Set("test".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert test bank");
    let mut written = Vec::with_capacity(specs.len());
    for spec in specs {
        written.push(question(db, bank.id, slug, spec).await);
    }
    written
}

async fn question(
    db: &DatabaseConnection,
    bank_id: i64,
    slug: &str,
    spec: &QuestionSpec,
) -> Question {
    let now = Utc::now();
    let q = questions::ActiveModel {
        bank_id: Set(bank_id),
        external_id: Set(spec.external_id.clone()),
        topic: Set(spec.topic.clone()),
        current_version: Set(1),
        retired: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert test question");
    let v = question_versions::ActiveModel {
        question_id: Set(q.id),
        version: Set(1),
        text: Set(spec.text.clone()),
        explanation: Set(spec.explanation.clone()),
        legal_basis: Set(spec.legal_basis.clone()),
        points: Set(spec.points),
        multiple: Set(spec.correct.len() > 1),
        content_hash: Set(format!("{slug}/{}", spec.external_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert test question version");
    let mut ids = Vec::with_capacity(4);
    for pos in 0..4 {
        let option = options::ActiveModel {
            question_version_id: Set(v.id),
            position: Set(pos as i32),
            text: Set(format!("Phương án {pos}")),
            is_correct: Set(spec.correct.contains(&pos)),
            ..Default::default()
        }
        .insert(db)
        .await
        .expect("insert test option");
        ids.push(option.id);
    }
    Question {
        question_id: q.id,
        version_id: v.id,
        points: spec.points,
        correct: spec.correct.iter().map(|p| ids[*p]).collect(),
        options: ids,
    }
}
