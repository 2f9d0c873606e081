//! The column template shared by XLSX and CSV: Mã câu hỏi (optional), Chủ đề, Câu hỏi, A..F, Đáp án ("B" or
//! "A,C"), Giải thích, Căn cứ, Điểm (optional), Nhóm loại trừ (slugs separated by commas), Tình huống and
//! Lịch sử ("x", "có" or empty). Headers match without regard to case or diacritics.
use super::validate::{BankHeader, finish, letters};
use super::{Parsed, Problem, QuestionDraft, Source};
use crate::domain::text::fold;

/// The template's headers, in order.
pub const HEADERS: [&str; 16] = [
    "Mã câu hỏi",
    "Chủ đề",
    "Câu hỏi",
    "A",
    "B",
    "C",
    "D",
    "E",
    "F",
    "Đáp án",
    "Giải thích",
    "Căn cứ",
    "Điểm",
    "Nhóm loại trừ",
    "Tình huống",
    "Lịch sử",
];

#[derive(Default)]
struct Columns {
    id: Option<usize>,
    topic: Option<usize>,
    text: Option<usize>,
    options: Vec<(usize, usize)>,
    answer: Option<usize>,
    explanation: Option<usize>,
    legal_basis: Option<usize>,
    points: Option<usize>,
    groups: Option<usize>,
    situational: Option<usize>,
    historical: Option<usize>,
}

fn columns(header: &[String]) -> Columns {
    let mut c = Columns::default();
    for (i, h) in header.iter().enumerate() {
        match fold(h).as_str() {
            "ma cau hoi" | "ma" | "id" => c.id = Some(i),
            "chu de" => c.topic = Some(i),
            "cau hoi" | "noi dung cau hoi" => c.text = Some(i),
            "dap an" | "dap an dung" => c.answer = Some(i),
            "giai thich" => c.explanation = Some(i),
            "can cu" | "can cu phap ly" => c.legal_basis = Some(i),
            "diem" => c.points = Some(i),
            "nhom loai tru" => c.groups = Some(i),
            "tinh huong" => c.situational = Some(i),
            "lich su" => c.historical = Some(i),
            l if l.len() == 1 && ("a"..="f").contains(&l) => {
                c.options.push(((l.as_bytes()[0] - b'a') as usize, i))
            }
            _ => {}
        }
    }
    c.options.sort();
    c
}

/// Rows as read from a sheet or a CSV file: (row number, cells). The first row is the header.
pub fn parse_rows(
    source: &Source<'_>,
    header: BankHeader,
    rows: Vec<(usize, Vec<String>)>,
) -> Result<Parsed, Problem> {
    let file = source.file;
    let mut rows = rows.into_iter();
    let (_, head) = rows.next().ok_or_else(|| {
        Problem::new(
            file,
            1,
            "Tệp không có dòng tiêu đề và không có câu hỏi nào.",
        )
    })?;
    let c = columns(&head);
    let (Some(text_col), Some(answer_col)) = (c.text, c.answer) else {
        return Err(Problem::new(
            file,
            1,
            "Dòng đầu phải là tiêu đề theo mẫu: Chủ đề, Câu hỏi, A, B, C, D, E, F, Đáp án, Giải thích, Căn cứ.",
        ));
    };
    if c.options.len() < 2 {
        return Err(Problem::new(
            file,
            1,
            "Thiếu các cột phương án A, B (tối thiểu hai cột).",
        ));
    }
    let mut drafts = Vec::new();
    let mut rejected = Vec::new();
    for (row, cells) in rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        if cells.iter().all(|s| s.trim().is_empty()) {
            continue;
        }
        let opt = |s: String| Some(s).filter(|s| !s.is_empty());
        let last = c
            .options
            .iter()
            .rposition(|(_, i)| !cell(Some(*i)).is_empty())
            .map_or(0, |p| p + 1);
        let options = c.options[..last]
            .iter()
            .map(|(_, i)| cell(Some(*i)))
            .collect();
        let correct = match letters(&cell(Some(answer_col))) {
            Ok(c) => c,
            Err(m) => {
                rejected.push(Problem::new(file, row, format!("Dòng {row}: {m}")));
                continue;
            }
        };
        let points = match opt(cell(c.points)) {
            None => None,
            Some(p) => match p.trim_end_matches(".0").parse::<i32>() {
                Ok(p) => Some(p),
                Err(_) => {
                    rejected.push(Problem::new(
                        file,
                        row,
                        format!("Dòng {row}: điểm \"{p}\" không phải số nguyên."),
                    ));
                    continue;
                }
            },
        };
        drafts.push(QuestionDraft {
            external_id: cell(c.id),
            topic: cell(c.topic),
            text: cell(Some(text_col)),
            options,
            correct,
            explanation: opt(cell(c.explanation)),
            legal_basis: opt(cell(c.legal_basis)),
            points,
            exclusion_groups: groups_of(&cell(c.groups)),
            situational: is_yes(&cell(c.situational)),
            historical: is_yes(&cell(c.historical)),
            line: row,
        });
    }
    let default_topic = header.title.clone();
    for d in drafts.iter_mut().filter(|d| d.topic.is_empty()) {
        d.topic = default_topic.clone();
    }
    Ok(finish(
        file,
        header,
        drafts,
        rejected,
        Vec::new(),
        Some("BG"),
    ))
}

/// "a, b; c" -> ["a", "b", "c"].
pub fn groups_of(cell: &str) -> Vec<String> {
    cell.split([',', ';', ' '])
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A yes/no cell: "x", "có", "1", "true" (any case, with or without diacritics) mean yes.
pub fn is_yes(cell: &str) -> bool {
    matches!(
        fold(cell).as_str(),
        "x" | "co" | "1" | "true" | "yes" | "dung"
    )
}

/// One example row for the downloadable template.
pub fn example_row() -> [&'static str; 16] {
    [
        "",
        "Tiếp công dân",
        "Luật Tiếp công dân được Quốc hội thông qua năm nào?",
        "2011",
        "2013",
        "2018",
        "2022",
        "",
        "",
        "B",
        "Luật Tiếp công dân số 42/2013/QH13 được thông qua ngày 25/11/2013.",
        "Luật Tiếp công dân số 42/2013/QH13",
        "1",
        "",
        "",
        "",
    ]
}
