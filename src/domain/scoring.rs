//! Scoring an attempt. A question scores its points only when the chosen options are exactly the correct ones:
//! for a multiple-answer question, missing one correct option or adding one wrong option scores nothing.
use std::collections::{BTreeSet, HashMap};

/// One drawn question with its answer key.
#[derive(Clone, Debug)]
pub struct KeyedQuestion {
    pub question_id: i64,
    pub points: i32,
    pub correct: BTreeSet<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Outcome {
    pub score: i32,
    pub max_score: i32,
    pub correct_count: i32,
}

impl Outcome {
    pub fn is_full_score(&self) -> bool {
        self.max_score > 0 && self.score == self.max_score
    }
}

pub fn is_correct(chosen: &BTreeSet<i64>, correct: &BTreeSet<i64>) -> bool {
    !chosen.is_empty() && chosen == correct
}

/// `answers` maps question id -> chosen option ids; unanswered questions are simply absent.
pub fn score(questions: &[KeyedQuestion], answers: &HashMap<i64, BTreeSet<i64>>) -> Outcome {
    let mut outcome = Outcome::default();
    for q in questions {
        outcome.max_score += q.points;
        if answers
            .get(&q.question_id)
            .is_some_and(|chosen| is_correct(chosen, &q.correct))
        {
            outcome.score += q.points;
            outcome.correct_count += 1;
        }
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: i64, points: i32, correct: &[i64]) -> KeyedQuestion {
        KeyedQuestion {
            question_id: id,
            points,
            correct: correct.iter().copied().collect(),
        }
    }

    fn answers(pairs: &[(i64, &[i64])]) -> HashMap<i64, BTreeSet<i64>> {
        pairs
            .iter()
            .map(|(q, o)| (*q, o.iter().copied().collect()))
            .collect()
    }

    #[test]
    fn a_right_single_answer_scores_its_points() {
        let out = score(
            &[q(1, 2, &[10]), q(2, 1, &[20])],
            &answers(&[(1, &[10]), (2, &[21])]),
        );
        assert_eq!(
            out,
            Outcome {
                score: 2,
                max_score: 3,
                correct_count: 1
            }
        );
    }

    #[test]
    fn a_multiple_answer_question_needs_exactly_the_correct_set() {
        let qs = [q(1, 1, &[10, 12])];
        assert_eq!(score(&qs, &answers(&[(1, &[10, 12])])).score, 1);
        assert_eq!(
            score(&qs, &answers(&[(1, &[10])])).score,
            0,
            "one correct option missing"
        );
        assert_eq!(
            score(&qs, &answers(&[(1, &[10, 11, 12])])).score,
            0,
            "a wrong option added"
        );
    }

    #[test]
    fn unanswered_questions_score_nothing_but_count_in_the_maximum() {
        let out = score(&[q(1, 1, &[10]), q(2, 1, &[20])], &HashMap::new());
        assert_eq!(
            out,
            Outcome {
                score: 0,
                max_score: 2,
                correct_count: 0
            }
        );
        assert!(!out.is_full_score());
    }
}
