//! Moodle XML (.xml): `multichoice` questions with `fraction` weights (every positive fraction is a correct
//! option); `<question type="category">` sets the topic of the questions after it; other types are skipped.
//! HTML in texts is reduced to plain text.
use super::validate::{BankHeader, finish};
use super::{Parsed, Problem, QuestionDraft, Source, line_of};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

#[derive(Default)]
struct Current {
    kind: String,
    line: usize,
    text: String,
    explanation: String,
    category: String,
    answers: Vec<(bool, String)>,
}

pub fn parse(source: &Source<'_>, xml: &str) -> Result<Parsed, Problem> {
    let file = source.file;
    let header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    let mut topic = header.title.clone();
    let (mut drafts, mut skipped) = (Vec::new(), Vec::new());
    let mut reader = Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut q: Option<Current> = None;
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let line = line_of(xml, reader.error_position() as usize);
            Problem::new(
                file,
                line,
                format!("Tệp XML không hợp lệ ở dòng {line}: {e}."),
            )
        })?;
        match event {
            Event::Start(e) => {
                let name = local(&e);
                if name == "question" {
                    q = Some(Current {
                        kind: attr(&e, "type"),
                        line: line_of(xml, at),
                        ..Default::default()
                    });
                }
                if name == "answer"
                    && let Some(q) = q.as_mut()
                {
                    let fraction = attr(&e, "fraction").parse::<f64>().unwrap_or(0.0);
                    q.answers.push((fraction > 0.0, String::new()));
                }
                path.push(name);
            }
            Event::End(_) => {
                if path.pop().as_deref() == Some("question")
                    && let Some(done) = q.take()
                {
                    match finish_question(done, &mut topic) {
                        Some(Ok(d)) => drafts.push(d),
                        Some(Err((line, why))) => skipped.push(Problem::new(file, line, why)),
                        None => {}
                    }
                }
            }
            Event::Text(t) => append(
                &mut q,
                &path,
                &t.xml_content(quick_xml::XmlVersion::Implicit1_0),
            ),
            Event::CData(t) => append(&mut q, &path, &t.into_inner()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => entity(&r.into_inner()).to_owned(),
                };
                append(&mut q, &path, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(finish(
        file,
        header,
        drafts,
        Vec::new(),
        skipped,
        Some("XML"),
    ))
}

fn local(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_owned()
}

fn attr(e: &BytesStart<'_>, name: &str) -> String {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

fn entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        _ => "",
    }
}

/// Text inside `<text>` goes to the part its parent names.
fn append(q: &mut Option<Current>, path: &[String], s: &str) {
    let Some(q) = q.as_mut() else { return };
    let n = path.len();
    if n < 2 || path[n - 1] != "text" {
        return;
    }
    let target = match path[n - 2].as_str() {
        "questiontext" => &mut q.text,
        "generalfeedback" => &mut q.explanation,
        "category" => &mut q.category,
        "answer" => match q.answers.last_mut() {
            Some((_, t)) => t,
            None => return,
        },
        _ => return,
    };
    target.push_str(s);
}

fn finish_question(
    q: Current,
    topic: &mut String,
) -> Option<Result<QuestionDraft, (usize, String)>> {
    match q.kind.as_str() {
        "category" => {
            let last = q
                .category
                .trim()
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            if !last.is_empty() {
                *topic = last;
            }
            None
        }
        "multichoice" => Some(Ok(QuestionDraft {
            topic: topic.clone(),
            text: plain(&q.text),
            options: q.answers.iter().map(|(_, t)| plain(t)).collect(),
            correct: q
                .answers
                .iter()
                .enumerate()
                .filter(|(_, (ok, _))| *ok)
                .map(|(i, _)| i)
                .collect(),
            explanation: Some(plain(&q.explanation)),
            line: q.line,
            ..Default::default()
        })),
        other => Some(Err((
            q.line,
            format!(
                "Bỏ qua câu hỏi loại \"{other}\": chỉ nhập câu hỏi nhiều lựa chọn (multichoice)."
            ),
        ))),
    }
}

/// HTML to plain text: tags dropped, the few common entities resolved.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source<'static> {
        Source {
            file: "moodle.xml",
            bank: None,
        }
    }

    #[test]
    fn the_moodle_example_reads_multichoice_with_fractions_and_categories() {
        let p = parse(&source(), include_str!("../../tests/fixtures/moodle.xml")).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let q = &p.bank.questions;
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].topic, "Phòng, chống tham nhũng");
        assert_eq!(
            q[0].text,
            "Luật Phòng, chống tham nhũng hiện hành được Quốc hội thông qua năm nào?"
        );
        assert_eq!(q[0].correct, vec![2]);
        assert_eq!(q[1].correct, vec![0, 1]);
        assert_eq!(q[1].options[1], "Kê khai tài sản & thu nhập");
        assert_eq!(p.skipped.len(), 1);
        assert!(p.skipped[0].message.contains("truefalse"));
    }

    #[test]
    fn broken_xml_is_refused_with_its_line() {
        let err = parse(
            &source(),
            "<quiz>\n<question type=\"multichoice\">\n</quiz>",
        )
        .unwrap_err();
        assert!(err.message.contains("XML không hợp lệ"), "{err}");
        assert!(err.line >= 2, "{err}");
    }
}
