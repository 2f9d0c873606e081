//! The judges' exports: the same rankings and statistics as the pages, as tables with Vietnamese headers.
//! A round's workbook has four sheets; the contest's has two, under a title block stating how it ranks.
use super::contest::ContestResults;
use super::stats::RoundStats;
use super::table::{Cell, Table, int, yes_no};
use super::{Entry, RoundResults, UnitEntry, UnitRef};
use crate::domain::scoring::is_correct;
use crate::store::attempts::answer_sheets::AnswerSheets;
use crate::store::results::Attempts;
use std::collections::{HashMap, HashSet};

pub const INDIVIDUAL_SHEET: &str = "Xếp hạng cá nhân";
pub const UNITS_SHEET: &str = "Xếp hạng đơn vị";
pub const ANSWERS_SHEET: &str = "Bài thi và câu trả lời";
pub const QUESTIONS_SHEET: &str = "Thống kê câu hỏi";

const LETTERS: [&str; 6] = ["A", "B", "C", "D", "E", "F"];

/// The long-text columns of a ranking: the person's name and unit.
const PERSON_WRAPPED: &[&str] = &["Họ và tên", "Đơn vị"];

/// How the overall ranking is decided, in the contest workbook's title block (`domain::ranking::rank_overall`).
pub const OVERALL_RULE: &str = "Cách xếp hạng cá nhân toàn cuộc thi: cộng điểm bài thi được tính của mỗi người \
    ở mọi đợt thi chính thức (không tính đợt thi thử); tổng điểm cao hơn xếp trên, bằng điểm thì tổng thời gian \
    làm bài ít hơn xếp trên, bằng cả hai thì đồng hạng. Câu hỏi dự đoán không được dùng để xếp hạng toàn cuộc thi.";

/// How the overall unit ranking is decided (`domain::unit_ranking::rank_units`).
pub const OVERALL_UNITS_RULE: &str = "Cách xếp hạng đơn vị toàn cuộc thi: tỷ lệ tham gia là số người đã dự ít \
    nhất một đợt chia cho biên chế, điểm trung bình là trung bình tổng điểm của những người đó; đơn vị đạt tỷ lệ \
    tham gia tối thiểu mới được xếp hạng, theo tỷ lệ tham gia rồi điểm trung bình.";

pub fn individual(entries: &[Entry]) -> Table {
    let headers = vec![
        "Hạng",
        "Họ và tên",
        "Tên đăng nhập",
        "Mã đơn vị",
        "Đơn vị",
        "Điểm",
        "Điểm tối đa",
        "Số câu đúng",
        "Thời gian làm bài",
        "Dự đoán",
        "Chênh lệch dự đoán",
        "Thời điểm nộp bài",
    ];
    let rows = entries
        .iter()
        .map(|e| {
            let mut row = person(e.rank, &e.full_name, e.login.as_deref(), e.unit.as_ref());
            row.extend([
                int(e.score),
                int(e.max_score),
                int(e.correct_count),
                Cell::Duration(e.duration_ms),
                e.prediction.into(),
                e.prediction_distance.into(),
                Cell::Date(e.submitted_at),
            ]);
            row
        })
        .collect();
    Table {
        name: INDIVIDUAL_SHEET,
        slug: "xep-hang-ca-nhan",
        headers,
        wrapped: PERSON_WRAPPED,
        rows,
    }
}

pub fn units(units: &[UnitEntry]) -> Table {
    let headers = vec![
        "Hạng",
        "Mã đơn vị",
        "Tên đơn vị",
        "Biên chế",
        "Số người dự thi",
        "Tỷ lệ tham gia",
        "Điểm trung bình",
        "Được xếp hạng",
    ];
    let rows = units
        .iter()
        .map(|u| {
            vec![
                u.standing.rank.into(),
                u.unit.code.clone().into(),
                u.unit.name.clone().into(),
                int(u.standing.headcount),
                int(u.standing.participants),
                Cell::Percent(u.standing.participation_rate),
                Cell::Float(u.standing.average_score),
                yes_no(u.standing.ranked),
            ]
        })
        .collect();
    Table {
        name: UNITS_SHEET,
        slug: "xep-hang-don-vi",
        headers,
        wrapped: &["Tên đơn vị"],
        rows,
    }
}

/// Every closed attempt with every drawn question, in attempt then question order.
pub fn answers(results: &RoundResults, attempts: &Attempts, sheets: &AnswerSheets) -> Table {
    let headers = vec![
        "Mã bài thi",
        "Tên đăng nhập",
        "Họ và tên",
        "Lần thi",
        "Điểm bài thi",
        "Tính xếp hạng",
        "Câu số",
        "Mã câu hỏi",
        "Câu hỏi",
        "Phương án đã chọn",
        "Đáp án đúng",
        "Đúng",
        "Điểm câu",
        "Lưu lần đầu",
        "Lưu lần cuối",
    ];
    let counting: HashSet<i64> = results.entries.iter().map(|e| e.attempt_id).collect();
    let by_id: HashMap<i64, _> = attempts
        .closed
        .iter()
        .map(|(_, a)| (a.attempt_id, a))
        .collect();
    let letters = |ids: &mut dyn Iterator<Item = &i64>| -> String {
        ids.filter_map(|id| sheets.options.get(id))
            .map(|o| o.letter().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let rows = sheets
        .drawn
        .iter()
        .filter_map(|d| {
            let a = by_id.get(&d.attempt_id)?;
            let person = attempts.people.get(&a.user_id)?;
            let version = sheets.versions.get(&d.question_version_id)?;
            let key = sheets
                .keys
                .get(&d.question_version_id)
                .cloned()
                .unwrap_or_default();
            let chosen = d.chosen();
            let right = is_correct(&chosen, &key);
            Some(vec![
                int(a.attempt_id),
                person.login.clone().into(),
                person.full_name.clone().into(),
                int(a.attempt_no),
                int(a.score),
                yes_no(counting.contains(&a.attempt_id)),
                int(d.position + 1),
                version.external_id.clone().into(),
                version.text.clone().into(),
                letters(&mut chosen.iter()).into(),
                letters(&mut key.iter()).into(),
                yes_no(right),
                int(if right { version.points } else { 0 }),
                d.first_saved_at.map_or(Cell::Empty, Cell::Date),
                d.saved_at.map_or(Cell::Empty, Cell::Date),
            ])
        })
        .collect();
    Table {
        name: ANSWERS_SHEET,
        slug: "bai-thi-va-cau-tra-loi",
        headers,
        wrapped: &["Họ và tên", "Câu hỏi"],
        rows,
    }
}

pub fn questions(stats: &RoundStats) -> Table {
    let mut headers = vec![
        "Mã câu hỏi",
        "Câu hỏi",
        "Số lượt ra đề",
        "Số lượt trả lời",
        "Số lượt đúng",
        "Tỷ lệ đúng",
        "Độ phân biệt",
    ];
    headers.extend(["Chọn A", "Chọn B", "Chọn C", "Chọn D", "Chọn E", "Chọn F"]);
    let rows = stats
        .questions
        .iter()
        .map(|q| {
            let mut row = vec![
                q.external_id.clone().into(),
                q.text.clone().into(),
                int(q.stat.drawn),
                int(q.stat.answered),
                int(q.stat.correct),
                Cell::Percent(q.stat.facility),
                q.stat.discrimination.map_or(Cell::Empty, Cell::Float),
            ];
            row.extend(LETTERS.iter().map(|l| {
                q.options
                    .iter()
                    .find(|o| o.letter == *l)
                    .map_or(Cell::Empty, |o| int(o.chosen))
            }));
            row
        })
        .collect();
    Table {
        name: QUESTIONS_SHEET,
        slug: "thong-ke-cau-hoi",
        headers,
        wrapped: &["Câu hỏi"],
        rows,
    }
}

pub fn contest_individual(results: &ContestResults) -> Table {
    let headers = vec![
        "Hạng",
        "Họ và tên",
        "Tên đăng nhập",
        "Mã đơn vị",
        "Đơn vị",
        "Tổng điểm",
        "Tổng điểm tối đa",
        "Tổng thời gian làm bài",
        "Số đợt đã thi",
    ];
    let rows = results
        .entries
        .iter()
        .map(|e| {
            let mut row = person(e.rank, &e.full_name, e.login.as_deref(), e.unit.as_ref());
            row.extend([
                int(e.total_score),
                int(e.total_max_score),
                Cell::Duration(e.total_duration_ms),
                int(e.rounds),
            ]);
            row
        })
        .collect();
    Table {
        name: INDIVIDUAL_SHEET,
        slug: "xep-hang-ca-nhan-toan-cuoc-thi",
        headers,
        wrapped: PERSON_WRAPPED,
        rows,
    }
}

/// The first five columns of a ranking row: rank, name, login, unit code, unit name.
fn person(rank: u32, full_name: &str, login: Option<&str>, unit: Option<&UnitRef>) -> Vec<Cell> {
    vec![
        int(rank),
        full_name.to_owned().into(),
        login.unwrap_or_default().to_owned().into(),
        unit.map(|u| u.code.clone()).unwrap_or_default().into(),
        unit.map(|u| u.name.clone()).unwrap_or_default().into(),
    ]
}
