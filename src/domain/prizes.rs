//! Prize tiers of a round (Giải Nhất, Nhì, Ba, Khuyến khích) decided by rank: with counts 1, 2, 3 and 5, ranks 1
//! win Nhất, ranks 2–3 Nhì, 4–6 Ba and 7–11 Khuyến khích. A shared rank wins the tier its rank falls in, so people
//! tied at a boundary all win the higher prize.

/// The most prizes of one tier.
pub const MAX_PER_TIER: i32 = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    First,
    Second,
    Third,
    Consolation,
}

impl Tier {
    /// From the highest prize down.
    pub const ALL: [Tier; 4] = [Tier::First, Tier::Second, Tier::Third, Tier::Consolation];

    pub fn label(self) -> &'static str {
        match self {
            Tier::First => "Giải Nhất",
            Tier::Second => "Giải Nhì",
            Tier::Third => "Giải Ba",
            Tier::Consolation => "Giải Khuyến khích",
        }
    }
}

/// How many prizes of each tier, highest first (`[Nhất, Nhì, Ba, Khuyến khích]`).
pub fn tier_of(rank: u32, counts: [i32; 4]) -> Option<Tier> {
    let mut upto: i64 = 0;
    for (tier, count) in Tier::ALL.into_iter().zip(counts) {
        upto += i64::from(count.max(0));
        if i64::from(rank) <= upto && count > 0 {
            return Some(tier);
        }
    }
    None
}

/// Whether every count is within 0..=[`MAX_PER_TIER`].
pub fn counts_valid(counts: &[i32]) -> bool {
    counts.iter().all(|c| (0..=MAX_PER_TIER).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_fall_into_tiers_by_the_cumulative_counts() {
        let counts = [1, 2, 3, 5];
        let tiers: Vec<Option<Tier>> = (1..=12).map(|r| tier_of(r, counts)).collect();
        assert_eq!(tiers[0], Some(Tier::First));
        assert_eq!(tiers[1..3], [Some(Tier::Second); 2]);
        assert_eq!(tiers[3..6], [Some(Tier::Third); 3]);
        assert_eq!(tiers[6..11], [Some(Tier::Consolation); 5]);
        assert_eq!(tiers[11], None);
    }

    #[test]
    fn a_tier_of_none_is_skipped() {
        assert_eq!(tier_of(1, [0, 2, 0, 1]), Some(Tier::Second));
        assert_eq!(tier_of(3, [0, 2, 0, 1]), Some(Tier::Consolation));
        assert_eq!(tier_of(1, [0, 0, 0, 0]), None);
    }

    #[test]
    fn counts_are_bounded() {
        assert!(counts_valid(&[0, 1, 1000]));
        assert!(!counts_valid(&[-1]));
        assert!(!counts_valid(&[1001]));
    }
}
