//! The counts `check-questions` prints per bank and in total, and the targets of issue 16 it can require.
//!
//! A question "only asks a date, a number or a signer" when its stem asks for one ("ngày nào", "năm nào",
//! "bao nhiêu", "số hiệu", "ai ký"…), or when every option is a date, a year, a number or a document number
//! (what is left of the option once numbers and document numbers are removed is at most a few filler words
//! such as "ngày", "năm", "Luật số", "chương", "điều").
use super::text::{cites_article, doc_numbers, norm};
use crate::banks::{ParsedBank, QuestionDraft};
use std::collections::BTreeSet;

/// The targets of issue 16.
pub const MIN_ACTIVE: usize = 250;
pub const MIN_TOPICS: usize = 9;
pub const MIN_SITUATIONAL_SHARE: f64 = 0.15;
pub const MAX_METADATA_SHARE: f64 = 0.20;
pub const MIN_ARTICLE_SHARE: f64 = 0.90;

const METADATA_ASKS: [&str; 14] = [
    "ngay nao",
    "nam nao",
    "thang nao",
    "bao nhieu",
    "so hieu",
    "so may",
    "ai ky",
    "nguoi ky",
    "ky ban hanh",
    "do ai ky",
    "ky hop thu may",
    "thoi diem nao",
    "giai doan nao",
    "ngay thang nam nao",
];

const FILLER: [&str; 24] = [
    "ngay", "thang", "nam", "so", "luat", "nghi", "dinh", "quyet", "thong", "tu", "chuong", "dieu",
    "khoan", "ky", "hop", "thu", "lan", "lam", "viec", "gio", "tuan", "tu", "giai", "doan",
];

/// Whether `q` only asks a date, a number or a signer (the heuristic in this module's doc).
pub fn asks_only_metadata(q: &QuestionDraft) -> bool {
    let stem = norm(&q.text);
    if METADATA_ASKS.iter().any(|a| stem.contains(a)) {
        return true;
    }
    !q.options.is_empty() && q.options.iter().all(|o| is_figure(o))
}

fn is_figure(option: &str) -> bool {
    let mut rest = option.to_owned();
    for n in doc_numbers(option) {
        rest = rest.replace(&n, " ").replace(&n.to_lowercase(), " ");
    }
    let rest = norm(&rest);
    let has_number = option.chars().any(|c| c.is_ascii_digit());
    let words: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    has_number && words.iter().all(|w| FILLER.contains(w)) && words.len() <= 4
}

/// The counts of one bank or of all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub active: usize,
    pub topics: BTreeSet<String>,
    pub situational: usize,
    pub metadata: usize,
    pub with_article: usize,
}

impl Counts {
    pub fn of(bank: &ParsedBank) -> Counts {
        let mut c = Counts::default();
        for q in &bank.questions {
            c.active += 1;
            c.topics.insert(q.topic.clone());
            c.situational += usize::from(q.situational);
            c.metadata += usize::from(asks_only_metadata(q));
            c.with_article += usize::from(q.legal_basis.as_deref().is_some_and(cites_article));
        }
        c
    }

    pub fn add(&mut self, other: &Counts) {
        self.active += other.active;
        self.topics.extend(other.topics.iter().cloned());
        self.situational += other.situational;
        self.metadata += other.metadata;
        self.with_article += other.with_article;
    }

    pub fn share(&self, n: usize) -> f64 {
        if self.active == 0 {
            0.0
        } else {
            n as f64 / self.active as f64
        }
    }

    /// One line of the table: active, topics, and the three shares in percent.
    pub fn line(&self, name: &str) -> String {
        format!(
            "{:>5} {:>7} {:>10.0}% {:>11.0}% {:>9.0}%  {name}",
            self.active,
            self.topics.len(),
            self.share(self.situational) * 100.0,
            self.share(self.metadata) * 100.0,
            self.share(self.with_article) * 100.0,
        )
    }

    /// The targets not met, in Vietnamese (empty when all are met).
    pub fn unmet_targets(&self) -> Vec<String> {
        let pct = |x: f64| format!("{:.0}%", x * 100.0);
        let mut out = Vec::new();
        if self.active < MIN_ACTIVE {
            out.push(format!(
                "có {} câu hỏi đang dùng, cần ít nhất {MIN_ACTIVE}",
                self.active
            ));
        }
        if self.topics.len() < MIN_TOPICS {
            out.push(format!(
                "có {} chủ đề, cần ít nhất {MIN_TOPICS}",
                self.topics.len()
            ));
        }
        let situational = self.share(self.situational);
        if situational < MIN_SITUATIONAL_SHARE {
            out.push(format!(
                "câu tình huống chiếm {}, cần ít nhất {}",
                pct(situational),
                pct(MIN_SITUATIONAL_SHARE)
            ));
        }
        let metadata = self.share(self.metadata);
        if metadata > MAX_METADATA_SHARE {
            out.push(format!(
                "câu chỉ hỏi ngày, con số, số hiệu hoặc người ký chiếm {}, tối đa {}",
                pct(metadata),
                pct(MAX_METADATA_SHARE)
            ));
        }
        let article = self.share(self.with_article);
        if article < MIN_ARTICLE_SHARE {
            out.push(format!(
                "câu có căn cứ ghi điều, khoản chiếm {}, cần ít nhất {}",
                pct(article),
                pct(MIN_ARTICLE_SHARE)
            ));
        }
        out
    }
}

/// The header of the table [`Counts::line`] fills.
pub const HEADER: &str = "  Câu Chủ đề Tình huống  Ngày/số/ký  Có điều  Ngân hàng";

#[cfg(test)]
mod tests {
    use super::super::fixtures::q;
    use super::*;

    #[test]
    fn date_number_and_signer_questions_are_recognised() {
        assert!(asks_only_metadata(&q(
            "a",
            "Luật có hiệu lực từ ngày nào?",
            &["01/7/2025", "01/01/2026"],
            0
        )));
        assert!(asks_only_metadata(&q(
            "b",
            "Ai ký Nghị định 118/2025/NĐ-CP?",
            &["Ông A", "Bà B"],
            0
        )));
        assert!(asks_only_metadata(&q(
            "c",
            "Luật Thanh tra hiện hành là luật nào?",
            &["Luật số 84/2025/QH15", "Luật số 11/2022/QH15"],
            0
        )));
        assert!(asks_only_metadata(&q(
            "d",
            "Luật gồm mấy chương?",
            &["9 chương", "8 chương"],
            0
        )));
        assert!(!asks_only_metadata(&q(
            "e",
            "Công dân A gửi đơn khiếu nại, ai giải quyết lần đầu?",
            &["Chủ tịch UBND xã", "Thanh tra tỉnh"],
            0
        )));
    }

    #[test]
    fn targets_name_what_is_missing() {
        let mut c = Counts {
            active: 300,
            with_article: 290,
            situational: 60,
            metadata: 30,
            ..Default::default()
        };
        c.topics = (0..9).map(|i| i.to_string()).collect();
        assert!(c.unmet_targets().is_empty());
        c.situational = 10;
        assert_eq!(c.unmet_targets().len(), 1);
    }
}
