//! The unit tree: organisers define it freely, so the only rule the code holds is that it stays a tree.
use std::collections::HashMap;

/// Would making `new_parent` the parent of `unit` close a loop? `parents` maps each unit to its parent.
pub fn would_cycle(parents: &HashMap<i64, Option<i64>>, unit: i64, new_parent: i64) -> bool {
    let mut cursor = Some(new_parent);
    let mut steps = 0;
    while let Some(id) = cursor {
        if id == unit || steps > parents.len() {
            return true;
        }
        cursor = parents.get(&id).copied().flatten();
        steps += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_cannot_move_under_its_own_descendant() {
        // 1 <- 2 <- 3
        let parents = HashMap::from([(1, None), (2, Some(1)), (3, Some(2))]);
        assert!(would_cycle(&parents, 1, 3));
        assert!(would_cycle(&parents, 2, 2));
        assert!(!would_cycle(&parents, 3, 1));
    }
}
