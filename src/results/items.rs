//! The item table of a round's statistics: the orders a judge can sort it in, and the questions worth a second
//! look (most people got them wrong, or the best scorers did worse on them than the weakest).
use super::stats::QuestionLine;
use std::cmp::Ordering;

/// A numeric column of the item table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Drawn,
    Facility,
    Discrimination,
}

impl Column {
    pub const ALL: [Column; 3] = [Column::Drawn, Column::Facility, Column::Discrimination];

    /// Its name in the page's address (`?sap-xep=ty-le-dung`).
    pub const fn key(self) -> &'static str {
        match self {
            Column::Drawn => "so-luot",
            Column::Facility => "ty-le-dung",
            Column::Discrimination => "do-phan-biet",
        }
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.key() == key)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

impl Direction {
    /// Its name in the page's address (`?chieu=tang`).
    pub const fn key(self) -> &'static str {
        match self {
            Direction::Ascending => "tang",
            Direction::Descending => "giam",
        }
    }

    pub fn from_key(key: &str) -> Option<Direction> {
        [Direction::Ascending, Direction::Descending]
            .into_iter()
            .find(|d| d.key() == key)
    }
}

/// `None` keeps the questions in the order of the statistics (question order of the bank).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Order {
    pub column: Option<Column>,
    pub direction: Direction,
}

/// The questions in `order`; ties keep the default order, and a question without a discrimination index
/// (too few attempts) comes last either way.
pub fn sorted(questions: &[QuestionLine], order: Order) -> Vec<&QuestionLine> {
    let mut out: Vec<&QuestionLine> = questions.iter().collect();
    let Some(column) = order.column else {
        return out;
    };
    out.sort_by(|a, b| {
        let (x, y) = (value(a, column), value(b, column));
        match (x, y) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                match order.direction {
                    Direction::Ascending => o,
                    Direction::Descending => o.reverse(),
                }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    });
    out
}

fn value(q: &QuestionLine, column: Column) -> Option<f64> {
    match column {
        Column::Drawn => Some(f64::from(q.stat.drawn)),
        Column::Facility => Some(q.stat.facility),
        Column::Discrimination => q.stat.discrimination,
    }
}

/// Below this facility, fewer than half of the attempts answered the question right.
pub const LOW_FACILITY: f64 = 0.5;
/// At most this many questions are listed for their low facility (the lowest first).
pub const LOW_FACILITY_LIMIT: usize = 5;

/// A question to check and why.
pub struct Review<'a> {
    pub question: &'a QuestionLine,
    pub low_facility: bool,
    pub negative_discrimination: bool,
}

/// The (at most five) questions of lowest facility under 50%, lowest first, then every other question with a
/// negative discrimination index, most negative first. A question appears once, with all its reasons.
pub fn to_review(questions: &[QuestionLine]) -> Vec<Review<'_>> {
    let mut low: Vec<&QuestionLine> = questions
        .iter()
        .filter(|q| q.stat.drawn > 0 && q.stat.facility < LOW_FACILITY)
        .collect();
    low.sort_by(|a, b| {
        a.stat
            .facility
            .partial_cmp(&b.stat.facility)
            .unwrap_or(Ordering::Equal)
    });
    low.truncate(LOW_FACILITY_LIMIT);
    let negative = |q: &QuestionLine| q.stat.discrimination.is_some_and(|d| d < 0.0);
    let mut rest: Vec<&QuestionLine> = questions
        .iter()
        .filter(|q| negative(q) && !low.iter().any(|l| l.stat.question_id == q.stat.question_id))
        .collect();
    rest.sort_by(|a, b| {
        let (x, y) = (a.stat.discrimination, b.stat.discrimination);
        x.partial_cmp(&y).unwrap_or(Ordering::Equal)
    });
    low.into_iter()
        .map(|q| (q, true))
        .chain(rest.into_iter().map(|q| (q, false)))
        .map(|(question, low_facility)| Review {
            question,
            low_facility,
            negative_discrimination: negative(question),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stats::QuestionStat;

    fn line(id: i64, facility: f64, discrimination: Option<f64>) -> QuestionLine {
        QuestionLine {
            external_id: format!("Q{id}"),
            text: String::new(),
            bank_slug: String::new(),
            stat: QuestionStat {
                question_id: id,
                drawn: 10 + id as u32,
                answered: 10,
                correct: 0,
                facility,
                discrimination,
                option_counts: Default::default(),
            },
            options: Vec::new(),
        }
    }

    fn ids<'a>(qs: impl IntoIterator<Item = &'a QuestionLine>) -> Vec<i64> {
        qs.into_iter().map(|q| q.stat.question_id).collect()
    }

    #[test]
    fn address_keys_read_back_and_unknown_ones_are_none() {
        for c in Column::ALL {
            assert_eq!(Column::from_key(c.key()), Some(c));
        }
        assert_eq!(Direction::from_key("giam"), Some(Direction::Descending));
        assert_eq!(Column::from_key("ma"), None);
    }

    #[test]
    fn sorting_by_discrimination_puts_questions_without_an_index_last_both_ways() {
        let qs = [
            line(1, 0.5, Some(0.2)),
            line(2, 0.9, None),
            line(3, 0.1, Some(-0.1)),
        ];
        let up = Order {
            column: Some(Column::Discrimination),
            direction: Direction::Ascending,
        };
        assert_eq!(ids(sorted(&qs, up)), [3, 1, 2]);
        let down = Order {
            direction: Direction::Descending,
            ..up
        };
        assert_eq!(ids(sorted(&qs, down)), [1, 3, 2]);
        assert_eq!(ids(sorted(&qs, Order::default())), [1, 2, 3]);
    }

    #[test]
    fn the_review_lists_the_five_hardest_under_half_then_negative_discrimination() {
        let mut qs: Vec<QuestionLine> = (1..=7)
            .map(|i| line(i, 0.05 * i as f64, Some(0.3)))
            .collect();
        qs.push(line(8, 0.9, Some(-0.2)));
        qs.push(line(9, 0.8, Some(0.4)));
        qs[0].stat.discrimination = Some(-0.5);
        let review = to_review(&qs);
        assert_eq!(ids(review.iter().map(|r| r.question)), [1, 2, 3, 4, 5, 8]);
        assert!(review[0].low_facility && review[0].negative_discrimination);
        assert!(!review[5].low_facility && review[5].negative_discrimination);
    }
}
