//! Export files for the judges: a round's workbook (four sheets) or one of its tables as CSV; the same for the
//! contest (two sheets). Every sheet of a workbook opens with the same title block; a CSV is the bare table.
use super::export;
use super::table::{self, Table};
use super::workbook::{self, Heading};
use super::{RoundResults, contest, for_round, stats};
use crate::domain::CONTEST_TITLE;
use crate::entities::rounds;
use crate::error::{AppError, AppResult};
use crate::store::attempts::answer_sheets;
use crate::store::results as store;
use crate::time::Timestamp;
use sea_orm::ConnectionTrait;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    #[default]
    Xlsx,
    Csv,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum TableName {
    #[default]
    Individual,
    Units,
    Answers,
    Questions,
}

pub struct File {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub file_name: String,
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const CSV: &str = "text/csv; charset=utf-8";

/// Everything a round's statistics and exports need, from one set of queries.
pub struct RoundData {
    pub results: RoundResults,
    pub attempts: store::Attempts,
    pub sheets: answer_sheets::AnswerSheets,
    pub stats: stats::RoundStats,
    /// When the data was read: the export time in the title block.
    pub read_at: Timestamp,
}

pub async fn round_data<C: ConnectionTrait>(
    db: &C,
    round: &rounds::Model,
    now: Timestamp,
) -> AppResult<RoundData> {
    let results = for_round(db, round, now).await?;
    let attempts = store::closed_attempts_of_round(db, round.id).await?;
    let sheets = answer_sheets::of_round(db, round.id).await?;
    let stats = stats::build(&results, &sheets);
    Ok(RoundData {
        results,
        attempts,
        sheets,
        stats,
        read_at: now,
    })
}

pub fn round_file(data: &RoundData, format: Format, table: TableName) -> AppResult<File> {
    let stem = format!("ket-qua-dot-{}", data.results.round_id);
    match format {
        Format::Xlsx => {
            let tables = [
                export::individual(&data.results.entries),
                export::units(&data.results.units),
                export::answers(&data.results, &data.attempts, &data.sheets),
                export::questions(&data.stats),
            ];
            let heading = Heading {
                contest: CONTEST_TITLE.to_owned(),
                subject: format!("Đợt thi: {}", data.results.title),
                exported_at: data.read_at,
                notes: Vec::new(),
            };
            xlsx(&heading, &tables, stem)
        }
        Format::Csv => {
            let t = match table {
                TableName::Individual => export::individual(&data.results.entries),
                TableName::Units => export::units(&data.results.units),
                TableName::Answers => export::answers(&data.results, &data.attempts, &data.sheets),
                TableName::Questions => export::questions(&data.stats),
            };
            csv(&t, stem)
        }
    }
}

/// The contest's overall rankings (staff view: every ranked round), read at `now`.
pub async fn contest_file<C: ConnectionTrait>(
    db: &C,
    format: Format,
    table: TableName,
    now: Timestamp,
) -> AppResult<File> {
    let results = contest::for_contest(db, false).await?;
    let stem = "ket-qua-toan-cuoc-thi".to_owned();
    match (format, table) {
        (Format::Xlsx, _) => xlsx(
            &contest_heading(&results, now),
            &[
                export::contest_individual(&results),
                export::units(&results.units),
            ],
            stem,
        ),
        (Format::Csv, TableName::Individual) => csv(&export::contest_individual(&results), stem),
        (Format::Csv, TableName::Units) => csv(&export::units(&results.units), stem),
        (Format::Csv, _) => Err(AppError::bad_request(
            "Bảng toàn cuộc thi chỉ có: individual (cá nhân) hoặc units (đơn vị).",
        )),
    }
}

/// The contest workbook states which rounds it counts and how it ranks (the CSV stays a bare table: a line
/// above the header row would break its column structure).
fn contest_heading(results: &contest::ContestResults, now: Timestamp) -> Heading {
    let titles: Vec<&str> = results.rounds.iter().map(|r| r.title.as_str()).collect();
    Heading {
        contest: CONTEST_TITLE.to_owned(),
        subject: format!(
            "Kết quả toàn cuộc thi; các đợt được tính: {}",
            titles.join(", ")
        ),
        exported_at: now,
        notes: vec![
            export::OVERALL_RULE.to_owned(),
            export::OVERALL_UNITS_RULE.to_owned(),
        ],
    }
}

fn xlsx(heading: &Heading, tables: &[Table], stem: String) -> AppResult<File> {
    Ok(File {
        bytes: workbook::to_xlsx(heading, tables)?,
        content_type: XLSX,
        file_name: format!("{stem}.xlsx"),
    })
}

fn csv(t: &Table, stem: String) -> AppResult<File> {
    Ok(File {
        bytes: table::to_csv(t)?,
        content_type: CSV,
        file_name: format!("{stem}-{}.csv", t.slug),
    })
}
