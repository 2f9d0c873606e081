//! The shipped banks (`questions/`) under the real draw: seeded attempts of a realistic 20-question round never
//! hold two questions of one exclusion group, nor a pair the checker finds answer-revealing.
use super::Item;
use super::revealing::pairs;
use crate::banks::{ParsedBank, native};
use crate::domain::draw::{Groups, draw_apart};
use crate::domain::draw_fill::fill;
use rand::SeedableRng;
use rand::rngs::StdRng;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

const ATTEMPTS: usize = 2_000;
const QUESTIONS: usize = 20;

/// Every bank file of `questions/` (not the legal register), by file name.
fn shipped() -> Vec<(String, ParsedBank)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("questions/ is readable")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml") && !super::register::is_register(p))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let name = p.display().to_string();
            let text = std::fs::read_to_string(p).expect("a bank file is readable");
            let parsed = native::parse(&name, &text);
            assert!(parsed.rejected.is_empty(), "{:?}", parsed.rejected);
            (name, parsed.bank)
        })
        .collect()
}

/// A round an inspection-sector organiser would set: 20 questions, weighted toward its own laws, over eight
/// topics. (Two from "Tiết kiệm, chống lãng phí" would be refused: its six questions share one group.)
const ROUND: [(&str, usize); 8] = [
    ("Thanh tra", 5),
    ("Phòng, chống tham nhũng", 4),
    ("Tiếp công dân, khiếu nại, tố cáo", 4),
    ("Chế độ công vụ", 2),
    ("Chính quyền địa phương hai cấp, tổ chức bộ máy", 2),
    ("Một cửa, dịch vụ công trực tuyến", 1),
    ("Tiết kiệm, chống lãng phí", 1),
    ("Nghị quyết 76/NQ-CP", 1),
];

#[test]
fn no_shipped_draw_holds_two_questions_of_a_group_or_a_revealing_pair() {
    let banks = shipped();
    let items: Vec<Item<'_>> = banks
        .iter()
        .flat_map(|(file, bank)| bank.questions.iter().map(move |q| Item { file, bank, q }))
        .collect();
    let id = |i: usize| i64::try_from(i).expect("a small index");
    let mut pool: HashMap<String, Vec<i64>> = HashMap::new();
    let mut groups = Groups::new();
    for (i, item) in items.iter().enumerate() {
        pool.entry(item.q.topic.clone()).or_default().push(id(i));
        if !item.q.exclusion_groups.is_empty() {
            groups.insert(id(i), item.q.exclusion_groups.clone());
        }
    }
    let revealing: Vec<(i64, i64)> = pairs(&items)
        .into_iter()
        .map(|p| (id(p.giver), id(p.exposed)))
        .collect();
    assert!(
        !revealing.is_empty(),
        "the checker finds revealing pairs in the shipped banks (all covered by groups), or this test proves nothing"
    );
    let rules: Vec<(String, usize)> = ROUND.iter().map(|(t, n)| (t.to_string(), *n)).collect();
    assert_eq!(rules.iter().map(|(_, n)| n).sum::<usize>(), QUESTIONS);
    if let Err(cannot) = fill(&rules, &pool, &groups) {
        panic!("the round must pass validation: {rules:?}: {cannot:?}");
    }

    let name = |i: i64| &items[usize::try_from(i).expect("an index")].q.external_id;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut seen_together: BTreeMap<String, usize> = BTreeMap::new();
    for _ in 0..ATTEMPTS {
        let drawn =
            draw_apart(&rules, &pool, &groups, &mut rng).expect("a validated round always starts");
        assert_eq!(drawn.len(), QUESTIONS);
        let held: HashSet<i64> = drawn.iter().copied().collect();
        let mut used: HashMap<&str, i64> = HashMap::new();
        for q in &drawn {
            for g in groups.get(q).into_iter().flatten() {
                if let Some(other) = used.insert(g.as_str(), *q) {
                    *seen_together
                        .entry(format!("nhóm {g}: {} và {}", name(other), name(*q)))
                        .or_default() += 1;
                }
            }
        }
        for (giver, exposed) in &revealing {
            if held.contains(giver) && held.contains(exposed) {
                let pair = format!("{} để lộ đáp án của {}", name(*giver), name(*exposed));
                *seen_together.entry(pair).or_default() += 1;
            }
        }
    }
    assert!(
        seen_together.is_empty(),
        "in {ATTEMPTS} attempts: {seen_together:#?}"
    );
}
