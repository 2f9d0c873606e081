use super::*;

fn pool(topics: &[(&str, &[i64])]) -> HashMap<String, Vec<i64>> {
    topics
        .iter()
        .map(|(t, ids)| (t.to_string(), ids.to_vec()))
        .collect()
}

fn groups(of: &[(i64, &[&str])]) -> Groups {
    of.iter()
        .map(|(id, gs)| (*id, gs.iter().map(|g| g.to_string()).collect()))
        .collect()
}

fn rules(of: &[(&str, usize)]) -> Vec<(String, usize)> {
    of.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

fn assert_apart(ids: &[i64], groups: &Groups) {
    let mut used = HashSet::new();
    for id in ids {
        for g in groups.get(id).into_iter().flatten() {
            assert!(used.insert(g.clone()), "group {g} twice in {ids:?}");
        }
    }
}

#[test]
fn a_group_spanning_two_topics_gives_one_question_to_the_whole_attempt() {
    // a: 1, 2 and b: 3, 4 all reveal one another; a and b each "have" one, but not both at once.
    let p = pool(&[("a", &[1, 2]), ("b", &[3, 4])]);
    let g = groups(&[(1, &["x"]), (2, &["x"]), (3, &["x"]), (4, &["x"])]);
    let err = fill(&rules(&[("a", 1), ("b", 1)]), &p, &g).unwrap_err();
    assert_eq!(err.topics, vec!["a".to_owned(), "b".to_owned()]);
    assert_eq!((err.wanted, err.available), (2, 1));
}

#[test]
fn a_spanning_group_is_fine_when_each_topic_has_room_elsewhere() {
    let p = pool(&[("a", &[1, 2]), ("b", &[3, 4])]);
    let g = groups(&[(1, &["x"]), (3, &["x"])]);
    let ids = fill(&rules(&[("a", 2), ("b", 1)]), &p, &g).unwrap();
    assert_eq!(ids.len(), 3);
    assert_apart(&ids, &g);
    // a takes 1 and 2, so b must take 4, not 3.
    assert!(ids.contains(&4), "{ids:?}");
}

#[test]
fn only_the_topics_that_cannot_be_filled_are_named() {
    let p = pool(&[("a", &[1, 2]), ("b", &[3]), ("c", &[5, 6, 7])]);
    let g = groups(&[(1, &["x"]), (2, &["x"]), (3, &["x"])]);
    let err = fill(&rules(&[("c", 2), ("a", 1), ("b", 1)]), &p, &g).unwrap_err();
    assert_eq!(err.topics, vec!["a".to_owned(), "b".to_owned()]);
}

#[test]
fn a_question_in_two_groups_is_taken_only_when_it_leaves_room() {
    // 2 is in x and y; taking it would block 1 (x) and 3 (y). a needs 1 and b needs 2: b must take 3 and 4,
    // a must take 1 (not 2, which would block 3).
    let p = pool(&[("a", &[2, 1]), ("b", &[3, 4])]);
    let g = groups(&[(1, &["x"]), (2, &["x", "y"]), (3, &["y"])]);
    let ids = fill(&rules(&[("a", 1), ("b", 2)]), &p, &g).unwrap();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, vec![1, 3, 4]);
    // Merging x and y (1, 2, 3 as one group) would refuse this round too; one from x and one from y is fine.
    let p = pool(&[("a", &[2, 1]), ("b", &[3])]);
    let ids = fill(&rules(&[("a", 1), ("b", 1)]), &p, &g).unwrap();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(sorted, vec![1, 3]);
}

#[test]
fn a_question_in_two_groups_cannot_stand_in_for_both() {
    // Only 2 can serve a, and it blocks both 1 and 3, which are all b has.
    let p = pool(&[("a", &[2]), ("b", &[1, 3])]);
    let g = groups(&[(1, &["x"]), (2, &["x", "y"]), (3, &["y"])]);
    assert!(fill(&rules(&[("a", 1), ("b", 1)]), &p, &g).is_err());
}

#[test]
fn a_topic_with_too_few_questions_is_named() {
    let p = pool(&[("a", &[1, 2])]);
    let err = fill(&rules(&[("a", 3)]), &p, &Groups::new()).unwrap_err();
    assert_eq!(err.topics, vec!["a".to_owned()]);
    assert_eq!((err.wanted, err.available), (3, 2));
}
