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

/// Depth-first order of a tree given as `(id, parent)` in sibling order: `(index, depth)` pairs. Units whose
/// parent is missing are shown at the top level rather than hidden.
pub fn tree_order(items: &[(i64, Option<i64>)]) -> Vec<(usize, usize)> {
    let known: std::collections::HashSet<i64> = items.iter().map(|(id, _)| *id).collect();
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    for (i, (_, parent)) in items.iter().enumerate() {
        let parent = parent.filter(|p| known.contains(p));
        children.entry(parent).or_default().push(i);
    }
    let mut out = Vec::with_capacity(items.len());
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .into_iter()
        .flatten()
        .rev()
        .map(|i| (*i, 0))
        .collect();
    while let Some((i, depth)) = stack.pop() {
        if out.len() > items.len() {
            break;
        }
        out.push((i, depth));
        let kids = children.get(&Some(items[i].0)).into_iter().flatten().rev();
        stack.extend(kids.map(|k| (*k, depth + 1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_lists_each_unit_under_its_parent() {
        let items = [(1, None), (2, None), (3, Some(1)), (4, Some(99))];
        assert_eq!(tree_order(&items), vec![(0, 0), (2, 1), (1, 0), (3, 0)]);
    }

    #[test]
    fn a_unit_cannot_move_under_its_own_descendant() {
        // 1 <- 2 <- 3
        let parents = HashMap::from([(1, None), (2, Some(1)), (3, Some(2))]);
        assert!(would_cycle(&parents, 1, 3));
        assert!(would_cycle(&parents, 2, 2));
        assert!(!would_cycle(&parents, 3, 1));
    }
}
