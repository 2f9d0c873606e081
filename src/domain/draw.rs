//! Drawing an attempt's questions: for each topic of the round's draw rules, that many distinct questions picked
//! at random from the topic's pool, then the whole list shuffled, and each question's options shuffled too.
//! Exclusion groups: no attempt ever holds two questions sharing a group (questions that give each other away).
//! Pure functions over ids; the caller loads the pool and stores the result.
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use std::collections::{HashMap, HashSet};

pub use super::draw_fill::Groups;

/// A random greedy pass can paint itself into a corner when groups span topics; it tries again this often
/// before falling back on [`super::draw_fill::fill`].
const TRIES: usize = 20;

/// A topic asked for more questions than its pool holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortTopic {
    pub topic: String,
    pub wanted: usize,
    pub available: usize,
}

/// Picks `count` distinct question ids per topic from `pool` (topic -> ids) and shuffles the combined list.
pub fn draw<R: Rng + ?Sized>(
    rules: &[(String, usize)],
    pool: &HashMap<String, Vec<i64>>,
    rng: &mut R,
) -> Result<Vec<i64>, ShortTopic> {
    draw_apart(rules, pool, &Groups::new(), rng)
}

/// As [`draw`], and no two drawn questions share an exclusion group. When the groups leave a topic short,
/// `available` says how many it could give.
pub fn draw_apart<R: Rng + ?Sized>(
    rules: &[(String, usize)],
    pool: &HashMap<String, Vec<i64>>,
    groups: &Groups,
    rng: &mut R,
) -> Result<Vec<i64>, ShortTopic> {
    for _ in 0..TRIES {
        match one_pass(rules, pool, groups, rng) {
            Ok(mut drawn) => {
                drawn.shuffle(rng);
                return Ok(drawn);
            }
            // Too few questions at all: trying again cannot help.
            Err(short) if short.available < short.wanted && groups.is_empty() => return Err(short),
            Err(_) => {}
        }
    }
    // The random passes failed; if the rules can be met at all, `fill` finds a way (round validation accepts
    // exactly the rules `fill` meets, so a validated round always starts).
    let mut shuffled_pool = pool.clone();
    for ids in shuffled_pool.values_mut() {
        ids.shuffle(rng);
    }
    match super::draw_fill::fill(rules, &shuffled_pool, groups) {
        Ok(mut drawn) => {
            drawn.shuffle(rng);
            Ok(drawn)
        }
        Err(cannot) => Err(ShortTopic {
            topic: cannot.topics.join("\", \""),
            wanted: cannot.wanted,
            available: cannot.available,
        }),
    }
}

fn one_pass<R: Rng + ?Sized>(
    rules: &[(String, usize)],
    pool: &HashMap<String, Vec<i64>>,
    groups: &Groups,
    rng: &mut R,
) -> Result<Vec<i64>, ShortTopic> {
    let mut drawn = Vec::new();
    let mut used: HashSet<&str> = HashSet::new();
    for (topic, wanted) in rules {
        let ids = pool.get(topic).map(Vec::as_slice).unwrap_or(&[]);
        let short = |available| ShortTopic {
            topic: topic.clone(),
            wanted: *wanted,
            available,
        };
        if ids.len() < *wanted {
            return Err(short(ids.len()));
        }
        if groups.is_empty() {
            drawn.extend(ids.sample(rng, *wanted).copied());
            continue;
        }
        let mut order = ids.to_vec();
        order.shuffle(rng);
        let mut taken = 0;
        for id in order {
            if taken == *wanted {
                break;
            }
            let mine = groups.get(&id).map(Vec::as_slice).unwrap_or(&[]);
            if mine.iter().any(|g| used.contains(g.as_str())) {
                continue;
            }
            used.extend(mine.iter().map(String::as_str));
            drawn.push(id);
            taken += 1;
        }
        if taken < *wanted {
            return Err(short(taken));
        }
    }
    Ok(drawn)
}

/// The options of one question in a fresh random order.
pub fn shuffled<R: Rng + ?Sized>(ids: &[i64], rng: &mut R) -> Vec<i64> {
    let mut out = ids.to_vec();
    out.shuffle(rng);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::HashSet;

    fn pool() -> HashMap<String, Vec<i64>> {
        HashMap::from([
            ("a".to_owned(), (1..=10).collect()),
            ("b".to_owned(), (100..=104).collect()),
        ])
    }

    #[test]
    fn each_topic_gives_exactly_its_count_and_no_question_twice() {
        let mut rng = StdRng::seed_from_u64(7);
        let rules = [("a".to_owned(), 4), ("b".to_owned(), 5)];
        for _ in 0..50 {
            let ids = draw(&rules, &pool(), &mut rng).unwrap();
            assert_eq!(ids.iter().filter(|id| **id < 100).count(), 4);
            assert_eq!(ids.iter().filter(|id| **id >= 100).count(), 5);
            assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len());
        }
    }

    #[test]
    fn a_topic_with_too_few_questions_is_refused() {
        let mut rng = StdRng::seed_from_u64(1);
        let err = draw(&[("b".to_owned(), 6)], &pool(), &mut rng).unwrap_err();
        assert_eq!(err.available, 5);
        assert!(draw(&[("z".to_owned(), 1)], &pool(), &mut rng).is_err());
    }

    fn grouped() -> Groups {
        // 1-4 reveal one another, 5-6 too, 7 and 100 (another topic) too.
        let mut g = Groups::new();
        for id in 1..=4 {
            g.insert(id, vec!["so-hieu".to_owned()]);
        }
        g.insert(5, vec!["ngay".to_owned()]);
        g.insert(6, vec!["ngay".to_owned(), "so-hieu".to_owned()]);
        g.insert(7, vec!["cheo".to_owned()]);
        g.insert(100, vec!["cheo".to_owned()]);
        g
    }

    #[test]
    fn no_attempt_ever_holds_two_questions_of_one_group() {
        let mut rng = StdRng::seed_from_u64(11);
        let groups = grouped();
        let rules = [("a".to_owned(), 5), ("b".to_owned(), 4)];
        let mut seen = HashSet::new();
        for _ in 0..5_000 {
            let ids = draw_apart(&rules, &pool(), &groups, &mut rng).unwrap();
            assert_eq!(ids.len(), 9);
            let mut used = HashSet::new();
            for id in &ids {
                for g in groups.get(id).into_iter().flatten() {
                    assert!(used.insert(g.clone()), "group {g} twice in {ids:?}");
                }
            }
            seen.extend(ids);
        }
        // Every question still gets drawn sometimes: the groups restrict, they do not starve.
        assert_eq!(seen.len(), 15, "{seen:?}");
    }

    #[test]
    fn a_topic_the_groups_leave_short_is_refused_with_what_it_can_give() {
        let mut rng = StdRng::seed_from_u64(5);
        // Topic a: 10 questions, but 1-6 hold only two at once (so-hieu, ngay): 4 + 2 = 6 drawable.
        let err = draw_apart(&[("a".to_owned(), 7)], &pool(), &grouped(), &mut rng).unwrap_err();
        assert_eq!((err.wanted, err.available), (7, 6));
    }

    #[test]
    fn two_draws_usually_differ_in_order() {
        let mut rng = StdRng::seed_from_u64(3);
        let rules = [("a".to_owned(), 10)];
        let first = draw(&rules, &pool(), &mut rng).unwrap();
        let second = draw(&rules, &pool(), &mut rng).unwrap();
        assert_ne!(first, second);
        assert_ne!(shuffled(&first, &mut rng), first);
    }
}
