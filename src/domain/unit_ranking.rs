//! Ranking units (giải tập thể). Per unit: headcount, participants (people with a counting attempt),
//! participation rate = participants / headcount (0 when the headcount is 0), and the average counting score.
//! Order: participation rate desc, then average score desc; equal in both means the same rank. A unit below the
//! organiser-set minimum participation rate, or with nobody taking part, is listed after the ranked ones with
//! `ranked: false` and no rank.
//!
//! Across the contest `scores` holds one row per person and round: a participant is a person with a counting
//! attempt in at least one ranked round, the participation rate is distinct participants / headcount, and the
//! average is the mean of each participant's total over all ranked rounds.
use super::ranking::shared_ranks;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};

/// A unit as the ranking needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitInfo {
    pub unit_id: i64,
    pub headcount: i32,
    pub retired: bool,
}

/// One person's counting score (for a round, or their total across rounds) and their unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UnitScore {
    pub unit_id: i64,
    pub user_id: i64,
    pub score: i64,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UnitStanding {
    pub unit_id: i64,
    pub rank: Option<u32>,
    pub ranked: bool,
    pub headcount: i32,
    pub participants: u32,
    pub participation_rate: f64,
    pub average_score: f64,
    /// More participants than the unit's headcount: the headcount is out of date or accounts were padded; an
    /// organiser should look before the ranking is published.
    pub over_headcount: bool,
}

/// Lists every non-retired unit plus any unit with participants. `scores` has one row per person (a person
/// listed twice is counted once, with the sum of their rows).
pub fn rank_units(units: &[UnitInfo], scores: &[UnitScore], min_rate: f64) -> Vec<UnitStanding> {
    let mut per_unit: HashMap<i64, (HashSet<i64>, i64)> = HashMap::new();
    for s in scores {
        let entry = per_unit.entry(s.unit_id).or_default();
        entry.0.insert(s.user_id);
        entry.1 += s.score;
    }
    let mut listed: Vec<UnitStanding> = units
        .iter()
        .filter(|u| !u.retired || per_unit.contains_key(&u.unit_id))
        .map(|u| standing(u, per_unit.get(&u.unit_id), min_rate))
        .collect();
    // Ranked first, by rate then average; the unit id keeps equal units in a stable order.
    listed.sort_by(|a, b| {
        b.ranked
            .cmp(&a.ranked)
            .then(b.participation_rate.total_cmp(&a.participation_rate))
            .then(b.average_score.total_cmp(&a.average_score))
            .then(a.unit_id.cmp(&b.unit_id))
    });
    let ranked_count = listed.iter().filter(|u| u.ranked).count();
    let keys: Vec<(Reverse<u64>, Reverse<u64>)> = listed[..ranked_count]
        .iter()
        .map(|u| {
            (
                Reverse(u.participation_rate.to_bits()),
                Reverse(u.average_score.to_bits()),
            )
        })
        .collect();
    let key_refs: Vec<&(Reverse<u64>, Reverse<u64>)> = keys.iter().collect();
    for (unit, rank) in listed.iter_mut().zip(shared_ranks(&key_refs)) {
        unit.rank = Some(rank);
    }
    listed
}

fn standing(unit: &UnitInfo, scores: Option<&(HashSet<i64>, i64)>, min_rate: f64) -> UnitStanding {
    let (participants, total) =
        scores.map_or((0, 0), |(people, total)| (people.len() as u32, *total));
    let participation_rate = if unit.headcount > 0 {
        f64::from(participants) / f64::from(unit.headcount)
    } else {
        0.0
    };
    let average_score = if participants > 0 {
        total as f64 / f64::from(participants)
    } else {
        0.0
    };
    UnitStanding {
        unit_id: unit.unit_id,
        rank: None,
        ranked: participants > 0 && participation_rate >= min_rate,
        headcount: unit.headcount,
        participants,
        participation_rate,
        average_score,
        over_headcount: i64::from(participants) > i64::from(unit.headcount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_participants_than_the_headcount_is_flagged() {
        let scores = [s(1, 1, 5), s(1, 2, 5), s(1, 3, 5), s(2, 4, 5)];
        let listed = rank_units(&[unit(1, 2), unit(2, 2)], &scores, 0.0);
        let flag = |id: i64| {
            listed
                .iter()
                .find(|u| u.unit_id == id)
                .map(|u| u.over_headcount)
        };
        assert_eq!(flag(1), Some(true));
        assert_eq!(flag(2), Some(false));
    }

    fn unit(id: i64, headcount: i32) -> UnitInfo {
        UnitInfo {
            unit_id: id,
            headcount,
            retired: false,
        }
    }

    fn s(unit_id: i64, user_id: i64, score: i64) -> UnitScore {
        UnitScore {
            unit_id,
            user_id,
            score,
        }
    }

    fn order(standings: &[UnitStanding]) -> Vec<(i64, Option<u32>)> {
        standings.iter().map(|u| (u.unit_id, u.rank)).collect()
    }

    #[test]
    fn units_rank_by_participation_rate_then_average_score() {
        let units = [unit(1, 4), unit(2, 2), unit(3, 4)];
        // Unit 1: 2 of 4 (50%), average 9. Unit 2: 2 of 2 (100%), average 5. Unit 3: 2 of 4, average 10.
        let scores = [
            s(1, 10, 8),
            s(1, 11, 10),
            s(2, 20, 5),
            s(2, 21, 5),
            s(3, 30, 10),
            s(3, 31, 10),
        ];
        let out = rank_units(&units, &scores, 0.0);
        assert_eq!(order(&out), vec![(2, Some(1)), (3, Some(2)), (1, Some(3))]);
        assert_eq!(out[2].participation_rate, 0.5);
        assert_eq!(out[2].average_score, 9.0);
    }

    #[test]
    fn units_equal_in_rate_and_average_share_a_rank() {
        let units = [unit(1, 2), unit(2, 4), unit(3, 1)];
        let scores = [s(1, 10, 6), s(2, 20, 6), s(2, 21, 6), s(3, 30, 1)];
        let out = rank_units(&units, &scores, 0.0);
        assert_eq!(order(&out), vec![(3, Some(1)), (1, Some(2)), (2, Some(2))]);
    }

    #[test]
    fn a_unit_below_the_minimum_rate_is_listed_but_not_ranked() {
        let units = [unit(1, 10), unit(2, 2)];
        let scores = [s(1, 10, 10), s(2, 20, 1)];
        let out = rank_units(&units, &scores, 0.3);
        assert_eq!(order(&out), vec![(2, Some(1)), (1, None)]);
        assert!(!out[1].ranked);
        assert_eq!(out[1].participants, 1);
    }

    #[test]
    fn a_unit_without_headcount_has_rate_zero_and_retired_units_appear_only_with_participants() {
        let units = [
            unit(1, 0),
            UnitInfo {
                unit_id: 2,
                headcount: 5,
                retired: true,
            },
            UnitInfo {
                unit_id: 3,
                headcount: 5,
                retired: true,
            },
        ];
        let out = rank_units(&units, &[s(1, 10, 3), s(2, 20, 4)], 0.0);
        let ids: Vec<i64> = out.iter().map(|u| u.unit_id).collect();
        assert_eq!(ids, vec![2, 1], "retired unit 3 had nobody and is left out");
        assert_eq!(out[1].participation_rate, 0.0);
    }

    #[test]
    fn a_person_listed_in_several_rounds_counts_once_with_the_sum_of_their_scores() {
        let rows = [s(1, 10, 8), s(1, 10, 9), s(1, 11, 5)];
        let out = rank_units(&[unit(1, 4)], &rows, 0.0);
        assert_eq!(out[0].participants, 2);
        assert_eq!(out[0].average_score, 11.0);
    }
}
