//! GIFT (.gift), as Moodle documents it. Multiple-choice questions are read (`=` right, `~` wrong, `~%50%`
//! weights: every positive weight is a correct option); other types (true/false, short answer, matching,
//! numerical, essay, description) are reported as skipped with their line. `// comments`, `::title::`,
//! `$CATEGORY:` (sets the topic) and the escapes `\~ \= \# \{ \} \:` are understood.
use super::validate::{BankHeader, finish};
use super::{Parsed, Problem, QuestionDraft, Source};

/// A character and whether it was escaped with `\`.
type Chars = Vec<(char, bool)>;

pub fn parse(source: &Source<'_>, text: &str) -> Parsed {
    let file = source.file;
    let header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    let mut topic = header.title.clone();
    let (mut drafts, mut rejected, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
    for (line, block) in blocks(text) {
        if let Some(category) = block.trim().strip_prefix("$CATEGORY:") {
            let last = category
                .trim()
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim();
            if !last.is_empty() {
                topic = last.to_owned();
            }
            continue;
        }
        match question(&block) {
            Ok(mut q) => {
                q.topic = topic.clone();
                q.line = line;
                drafts.push(q);
            }
            Err(Outcome::Skipped(why)) => skipped.push(Problem::new(file, line, why)),
            Err(Outcome::Rejected(why)) => rejected.push(Problem::new(file, line, why)),
        }
    }
    finish(
        file,
        header,
        drafts,
        rejected,
        std::mem::take(&mut skipped),
        Some("GIFT"),
    )
}

enum Outcome {
    Skipped(String),
    Rejected(String),
}

/// Questions are separated by blank lines; comment lines are dropped. Yields (first line, text).
fn blocks(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with("//") {
            continue;
        }
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        if trimmed.starts_with("$CATEGORY:") {
            out.extend(current.take());
            out.push((i + 1, trimmed.to_owned()));
            continue;
        }
        match &mut current {
            Some((_, s)) => {
                s.push('\n');
                s.push_str(line);
            }
            None => current = Some((i + 1, line.to_owned())),
        }
    }
    out.extend(current);
    out
}

fn unescape(s: &str) -> Chars {
    let mut out = Vec::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match (c, it.peek()) {
            ('\\', Some(&n)) if "~=#{}:\\".contains(n) => {
                out.push((n, true));
                it.next();
            }
            ('\\', Some('n')) => {
                out.push(('\n', true));
                it.next();
            }
            _ => out.push((c, false)),
        }
    }
    out
}

fn find(s: &[(char, bool)], pat: &str, from: usize) -> Option<usize> {
    let pat: Vec<char> = pat.chars().collect();
    (from..s.len()).find(|&i| {
        i + pat.len() <= s.len() && pat.iter().enumerate().all(|(k, p)| s[i + k] == (*p, false))
    })
}

fn text_of(s: &[(char, bool)]) -> String {
    s.iter()
        .map(|(c, _)| c)
        .collect::<String>()
        .trim()
        .to_owned()
}

fn question(block: &str) -> Result<QuestionDraft, Outcome> {
    let chars = unescape(block);
    let mut start = 0;
    if find(&chars, "::", 0) == Some(0) {
        start = find(&chars, "::", 2).map(|i| i + 2).unwrap_or(0);
    }
    let open =
        find(&chars, "{", start).ok_or_else(|| skip("đoạn mô tả, không có phần đáp án {...}"))?;
    let close = find(&chars, "}", open)
        .ok_or_else(|| Outcome::Rejected("Thiếu dấu \"}\" đóng phần đáp án.".into()))?;
    let before = strip_format(&text_of(&chars[start..open]));
    let after = text_of(&chars[close + 1..]);
    let text = if after.is_empty() {
        before
    } else {
        format!("{before} _____ {after}")
    };
    let mut body = &chars[open + 1..close];
    let mut explanation = None;
    if let Some(g) = find(body, "####", 0) {
        explanation = Some(text_of(&body[g + 4..]));
        body = &body[..g];
    }
    let trimmed = text_of(body);
    if trimmed.is_empty() {
        return Err(skip("câu hỏi tự luận (essay)"));
    }
    if ["T", "F", "TRUE", "FALSE"].contains(&trimmed.split('#').next().unwrap_or("").trim()) {
        return Err(skip("câu hỏi đúng/sai (true/false)"));
    }
    if trimmed.starts_with('#') {
        return Err(skip("câu hỏi dạng số (numerical)"));
    }
    if find(body, "->", 0).is_some() {
        return Err(skip("câu hỏi ghép cặp (matching)"));
    }
    let answers = answers(body)?;
    if !answers.iter().any(|(wrong, _, _)| *wrong) {
        return Err(skip("câu hỏi trả lời ngắn (short answer)"));
    }
    Ok(QuestionDraft {
        text,
        options: answers.iter().map(|(_, _, t)| t.clone()).collect(),
        correct: answers
            .iter()
            .enumerate()
            .filter(|(_, (_, ok, _))| *ok)
            .map(|(i, _)| i)
            .collect(),
        explanation,
        ..Default::default()
    })
}

fn skip(kind: &str) -> Outcome {
    Outcome::Skipped(format!("Bỏ qua {kind}: chỉ nhập câu hỏi nhiều lựa chọn."))
}

/// `[html]`, `[markdown]`, `[plain]`, `[moodle]` format markers are not part of the text.
fn strip_format(text: &str) -> String {
    for marker in ["[html]", "[markdown]", "[plain]", "[moodle]"] {
        if let Some(rest) = text.strip_prefix(marker) {
            return rest.trim().to_owned();
        }
    }
    text.to_owned()
}

/// (was marked `~`, counts as correct, text) for each answer.
fn answers(body: &[(char, bool)]) -> Result<Vec<(bool, bool, String)>, Outcome> {
    let starts: Vec<usize> = (0..body.len())
        .filter(|&i| matches!(body[i], ('=', false) | ('~', false)))
        .collect();
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(body.len());
        let mut part = &body[s + 1..end];
        if let Some(f) = find(part, "#", 0) {
            part = &part[..f];
        }
        let mut weight: Option<f64> = None;
        let raw = text_of(part);
        let mut answer = raw.clone();
        if let Some(rest) = raw.strip_prefix('%')
            && let Some((w, t)) = rest.split_once('%')
        {
            let w = w
                .trim()
                .parse::<f64>()
                .map_err(|_| Outcome::Rejected(format!("Trọng số \"%{w}%\" không phải là số.")))?;
            weight = Some(w);
            answer = t.trim().to_owned();
        }
        let tilde = body[s].0 == '~';
        let correct = match weight {
            Some(w) => w > 0.0,
            None => !tilde,
        };
        out.push((tilde, correct, answer));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source<'static> {
        Source {
            file: "moodle.gift",
            bank: None,
        }
    }

    #[test]
    fn the_moodle_examples_read_as_multiple_choice_and_other_types_are_skipped() {
        let p = parse(&source(), include_str!("../../tests/fixtures/moodle.gift"));
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let q = &p.bank.questions;
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(q[0].options.len(), 4);
        assert_eq!(q[0].correct, vec![1]);
        assert_eq!(q[0].topic, "Tiếp công dân");
        assert_eq!(
            q[1].correct,
            vec![1, 2],
            "weights ~%50% make two correct options"
        );
        assert_eq!(q[1].topic, "Khiếu nại");
        assert!(
            q[2].text.contains("{") && q[2].options[0].contains("="),
            "escapes are kept: {:?}",
            q[2]
        );
        let skipped: Vec<(usize, bool)> = p
            .skipped
            .iter()
            .map(|s| (s.line, s.message.contains("Bỏ qua")))
            .collect();
        assert_eq!(skipped.len(), 4, "{:?}", p.skipped);
        assert!(skipped.iter().all(|(line, said)| *line > 0 && *said));
    }

    #[test]
    fn an_unclosed_answer_block_is_rejected_with_its_line() {
        let p = parse(&source(), "Câu một? {=A ~B}\n\nCâu hai? {=A ~B\n");
        assert_eq!(p.bank.questions.len(), 1);
        assert_eq!(p.rejected[0].line, 3);
        assert!(p.rejected[0].message.contains("}"));
    }
}
