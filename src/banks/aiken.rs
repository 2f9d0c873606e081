//! Aiken (.txt), as Moodle documents it: the question on one line, options `A.` or `A)` on the following
//! lines, then `ANSWER: B`; a blank line between questions. Aiken has no topic or id: the topic is the bank's
//! title and the id is generated from the text.
use super::validate::{BankHeader, finish, one_letter};
use super::{Parsed, Problem, QuestionDraft, Source};

pub fn parse(source: &Source<'_>, text: &str) -> Parsed {
    let file = source.file;
    let header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    let mut drafts = Vec::new();
    let mut rejected = Vec::new();
    let mut current: Option<QuestionDraft> = None;
    let mut broken = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        let q = current.get_or_insert_with(|| {
            broken = false;
            QuestionDraft {
                topic: header.title.clone(),
                line,
                ..Default::default()
            }
        });
        if let Some(answer) = l
            .strip_prefix("ANSWER:")
            .or_else(|| l.strip_prefix("ANSWER :"))
        {
            let mut q = current.take().unwrap_or_default();
            match one_letter(answer) {
                Ok(c) => q.correct = vec![c],
                Err(m) => {
                    rejected.push(Problem::new(file, line, m));
                    continue;
                }
            }
            if !broken {
                drafts.push(q);
            }
        } else if let Some(option) = option_text(l, q.options.len()) {
            q.options.push(option.to_owned());
        } else if q.options.is_empty() {
            // Moodle accepts a question text over several lines before the first option.
            q.text = if q.text.is_empty() {
                l.to_owned()
            } else {
                format!("{} {l}", q.text)
            };
        } else if !broken {
            broken = true;
            rejected.push(Problem::new(
                file,
                line,
                format!(
                    "Dòng không đúng dạng Aiken: cần phương án \"{}. ...\" hoặc \"ANSWER: X\".",
                    super::letter(q.options.len())
                ),
            ));
        }
    }
    if let Some(q) = current {
        rejected.push(Problem::new(
            file,
            q.line,
            "Câu hỏi thiếu dòng \"ANSWER: X\" ở cuối.",
        ));
    }
    finish(file, header, drafts, rejected, Vec::new(), Some("AK"))
}

/// `B. text` or `B) text`, when B is the next expected letter.
fn option_text(line: &str, count: usize) -> Option<&str> {
    let expected = super::letter(count);
    let rest = line.strip_prefix(expected)?;
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    rest.starts_with(' ').then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source<'static> {
        Source {
            file: "aiken.txt",
            bank: Some("Tiếp công dân"),
        }
    }

    #[test]
    fn the_moodle_example_reads_with_a_stable_id() {
        let text = include_str!("../../tests/fixtures/aiken.txt");
        let p = parse(&source(), text);
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        assert_eq!(p.bank.questions.len(), 3);
        let q = &p.bank.questions[0];
        assert_eq!(q.topic, "Tiếp công dân");
        assert_eq!(q.correct, vec![1]);
        assert_eq!(
            parse(&source(), text).bank.questions[0].external_id,
            q.external_id
        );
    }

    #[test]
    fn a_question_without_answer_or_with_a_bad_line_is_reported_and_the_rest_read() {
        let text = "Câu một?\nA. X\nB. Y\nANSWER: K\n\nCâu hai?\nA. X\nlạc dòng\nANSWER: A\n\nCâu ba?\nA) X\nB) Y\nANSWER: B\n\nCâu bốn?\nA. X\n";
        let p = parse(&source(), text);
        assert_eq!(p.bank.questions.len(), 1);
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![4, 8, 16], "{:?}", p.rejected);
    }
}
