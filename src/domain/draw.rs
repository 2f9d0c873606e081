//! Drawing an attempt's questions: for each topic of the round's draw rules, that many distinct questions picked
//! at random from the topic's pool, then the whole list shuffled, and each question's options shuffled too.
//! Pure functions over ids; the caller loads the pool and stores the result.
use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};
use std::collections::HashMap;

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
    let mut drawn = Vec::new();
    for (topic, wanted) in rules {
        let ids = pool.get(topic).map(Vec::as_slice).unwrap_or(&[]);
        if ids.len() < *wanted {
            return Err(ShortTopic {
                topic: topic.clone(),
                wanted: *wanted,
                available: ids.len(),
            });
        }
        drawn.extend(ids.sample(rng, *wanted).copied());
    }
    drawn.shuffle(rng);
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
