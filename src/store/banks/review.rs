//! Importing a parsed bank through the checker: the bank is reviewed together with the other banks in the
//! database and the register of the questions folder; questions with an error finding (a replaced document
//! cited as current, a historical question that does not say so) are rejected like malformed ones, and the
//! report lists every finding about the imported file. Used by the API import and `import-questions`.
use super::upsert_bank_with;
use crate::banks::review::{self, BankFile, Finding, Register, Severity};
use crate::banks::{ImportReport, Parsed, ParsedBank, Problem};
use crate::entities::question_banks;
use crate::error::AppResult;
use sea_orm::{DatabaseConnection, EntityTrait};
use std::path::Path;

/// Reviews `parsed` (read from `file`), imports what passes, and answers the report with its findings.
pub async fn import_reviewed(
    db: &DatabaseConnection,
    questions_dir: &Path,
    file: &str,
    source: &str,
    mut parsed: Parsed,
) -> AppResult<ImportReport> {
    let findings = findings_for(db, questions_dir, file, &parsed.bank).await?;
    reject_errors(&mut parsed, file, &findings);
    let mut report = if parsed.bank.questions.is_empty() {
        ImportReport {
            bank: parsed.bank.slug.clone(),
            ..Default::default()
        }
    } else {
        let retire_missing = parsed.rejected.is_empty();
        upsert_bank_with(db, &parsed.bank, source, retire_missing).await?
    };
    report.rejected = parsed.rejected;
    report.skipped = parsed.skipped;
    report.findings = findings;
    Ok(report)
}

/// The findings about `bank` (read from `file`) when read together with every other bank in the database.
pub async fn findings_for(
    db: &DatabaseConnection,
    questions_dir: &Path,
    file: &str,
    bank: &ParsedBank,
) -> AppResult<Vec<Finding>> {
    let (register, _) = Register::load(questions_dir);
    let mut others: Vec<(String, ParsedBank)> = Vec::new();
    for row in question_banks::Entity::find().all(db).await? {
        if row.slug != bank.slug {
            others.push((
                row.source.clone(),
                super::bank_as_parsed(db, &row.slug).await?,
            ));
        }
    }
    let mut files = vec![BankFile { file, bank }];
    files.extend(others.iter().map(|(f, b)| BankFile { file: f, bank: b }));
    Ok(review::review(&files, &register)
        .into_iter()
        .filter(|f| f.file == file || f.other_file.as_deref() == Some(file))
        .collect())
}

/// Moves every question of the imported file with an error finding to the rejected list.
fn reject_errors(parsed: &mut Parsed, file: &str, findings: &[Finding]) {
    let blocked: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.severity == Severity::Error && f.file == file && f.question.is_some())
        .collect();
    parsed.bank.questions.retain(|q| {
        let mine: Vec<&&Finding> = blocked
            .iter()
            .filter(|f| f.question.as_deref() == Some(q.external_id.as_str()) && f.line == q.line)
            .collect();
        for f in &mine {
            parsed
                .rejected
                .push(Problem::new(file, f.line, f.message.clone()));
        }
        mine.is_empty()
    });
    parsed.rejected.sort_by_key(|p| p.line);
}
