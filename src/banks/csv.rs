//! CSV in the column template (see `tabular`): UTF-8 with or without BOM, CRLF or LF, `,` or `;` separated, read
//! by `crate::spreadsheet`.
use super::validate::BankHeader;
use super::{Parsed, Problem, Source, tabular, utf8};
use crate::spreadsheet;

pub fn parse(source: &Source<'_>, bytes: &[u8]) -> Result<Parsed, Problem> {
    let text = utf8(source.file, bytes)?;
    let rows = spreadsheet::csv_rows(text).map_err(|e| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        Problem::new(
            source.file,
            line,
            format!("Tệp CSV không đọc được ở dòng {line}."),
        )
    })?;
    let header = BankHeader {
        slug: source.slug(),
        title: source.title(),
        valid_as_of: None,
        ..Default::default()
    };
    tabular::parse_rows(source, header, rows)
}

/// The downloadable template: the header row and one example row, with a BOM so that Excel reads UTF-8.
pub fn template() -> Vec<u8> {
    let mut writer = ::csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written = writer
        .write_record(tabular::HEADERS)
        .and_then(|_| writer.write_record(tabular::example_row()));
    match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source<'static> {
        Source {
            file: "ngan-hang.csv",
            bank: None,
        }
    }

    #[test]
    fn a_csv_with_bom_and_crlf_keeps_vietnamese_exactly() {
        let text = "\u{feff}Chủ đề,Câu hỏi,A,B,C,Đáp án,Giải thích,Căn cứ\r\n\
                    Tiếp công dân,\"Ai tiếp công dân, định kỳ?\",Chủ tịch UBND,Thư ký,Văn thư,\"A,C\",,Luật 42/2013\r\n";
        let p = parse(&source(), text.as_bytes()).unwrap();
        assert!(p.rejected.is_empty(), "{:?}", p.rejected);
        let q = &p.bank.questions[0];
        assert_eq!(q.text, "Ai tiếp công dân, định kỳ?");
        assert_eq!(q.options[0], "Chủ tịch UBND");
        assert_eq!(q.correct, vec![0, 2]);
        assert_eq!(q.legal_basis.as_deref(), Some("Luật 42/2013"));
        assert!(q.external_id.starts_with("BG-"));
        assert_eq!(p.bank.slug, "ngan-hang");
    }

    #[test]
    fn decomposed_vietnamese_is_stored_composed() {
        let text = "Chủ đề,Câu hỏi,A,B,Đáp án\nVie\u{302}\u{323}t,Ho\u{300}i?,Co\u{301},Không,A\n";
        let q = &parse(&source(), text.as_bytes()).unwrap().bank.questions[0];
        assert_eq!(
            (q.topic.as_str(), q.text.as_str(), q.options[0].as_str()),
            ("Việt", "Hòi?", "Có")
        );
    }

    #[test]
    fn headers_match_without_diacritics_and_semicolons_work() {
        let text = "chu de;cau hoi;a;b;dap an\nThanh tra;Câu?;X;Y;b\nThanh tra;;X;Y;C\n";
        let p = parse(&source(), text.as_bytes()).unwrap();
        assert_eq!(p.bank.questions.len(), 1);
        assert_eq!(p.bank.questions[0].correct, vec![1]);
        let lines: Vec<usize> = p.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 3], "{:?}", p.rejected);
    }

    #[test]
    fn binary_and_invalid_utf8_are_refused_clearly() {
        let binary = parse(&source(), b"\x00\x01\x02PK").unwrap_err();
        assert!(binary.message.contains("nhị phân"));
        let latin1 = parse(&source(), b"Ch\xe7 \xf0\xe8\n").unwrap_err();
        assert!(latin1.message.contains("UTF-8"));
    }

    #[test]
    fn the_template_reads_back_as_one_question() {
        let p = parse(&source(), &template()).unwrap();
        assert_eq!(p.bank.questions.len(), 1, "{:?}", p.rejected);
    }
}
