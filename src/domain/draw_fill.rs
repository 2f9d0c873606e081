//! Whether one attempt can hold every topic's count at once under the exclusion groups, and one way it can.
//!
//! A group may span topics and gives at most one question to the whole attempt, so counting topic by topic
//! overstates what an attempt can hold (topic a and topic b may each "have" the same group's question). This is
//! an assignment problem: each topic needs its count, each group supplies at most one question. When every
//! question has at most one group it is a max flow (source -> topic: its count; topic -> sink: its questions
//! without a group; topic -> group: 1 if the group has a question there; group -> sink: 1), exact.
//! A question in several groups uses all of them at once, which a flow cannot say; for those the search below
//! branches (take the question, or leave it), pruned by two flows:
//! - a relaxation (each question keeps only its first group): if it fails, nothing can succeed;
//! - a restriction (groups joined by a shared question merged into one): if it succeeds, its answer is valid.
//!
//! The answer is exact unless the search passes [`MAX_NODES`]; it then refuses, so validation may refuse a
//! round the draw could fill, but never accepts one the draw cannot: the draw falls back on [`fill`] itself.
use super::max_flow::Net;
use std::collections::{HashMap, HashSet};

/// Question id -> the exclusion groups it belongs to (questions without groups need no entry).
pub type Groups = HashMap<i64, Vec<String>>;

/// Search nodes tried before refusing. Shipped banks settle at the first node; this only bounds a pathological
/// bank (each node runs two small max flows).
const MAX_NODES: usize = 1_000;

/// Topics that cannot all be filled in one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfillable {
    /// The topics that together ask for more than they can give, in the rules' order.
    pub topics: Vec<String>,
    /// How many questions those topics ask for together.
    pub wanted: usize,
    /// The most those topics can give together in one attempt.
    pub available: usize,
}

#[derive(Debug, Clone)]
struct Cand {
    id: i64,
    topic: usize,
    groups: Vec<usize>,
}

/// One set of question ids meeting every rule with no group twice, taken in the pool's order (shuffle the pool
/// first for a random one); or the topics that cannot be filled together.
pub fn fill(
    rules: &[(String, usize)],
    pool: &HashMap<String, Vec<i64>>,
    groups: &Groups,
) -> Result<Vec<i64>, Unfillable> {
    let mut needs = Vec::new();
    let mut topic_of: HashMap<&str, usize> = HashMap::new();
    for (topic, count) in rules {
        let t = *topic_of.entry(topic.as_str()).or_insert_with(|| {
            needs.push(0);
            needs.len() - 1
        });
        needs[t] += count;
    }
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut cands = Vec::new();
    let mut seen = HashSet::new();
    // In the rules' order, so that the same pool order always gives the same answer.
    for (topic, _) in rules {
        let t = topic_of[topic.as_str()];
        for id in pool.get(topic).into_iter().flatten() {
            if !seen.insert(*id) {
                continue;
            }
            let mut mine: Vec<usize> = groups
                .get(id)
                .into_iter()
                .flatten()
                .map(|g| {
                    let next = group_of.len();
                    *group_of.entry(g.as_str()).or_insert(next)
                })
                .collect();
            mine.sort_unstable();
            mine.dedup();
            cands.push(Cand {
                id: *id,
                topic: t,
                groups: mine,
            });
        }
    }
    let mut nodes = 0;
    if let Some(found) = search(&mut needs.clone(), cands.clone(), &mut nodes) {
        return Ok(found);
    }
    let names: Vec<&str> = rules.iter().map(|(t, _)| t.as_str()).collect();
    let cut = flow(&needs, &cands, relaxed)
        .err()
        .or_else(|| flow(&needs, &cands, merged(&cands)).err())
        .unwrap_or_else(|| Cut {
            topics: (0..needs.len()).collect(),
            wanted: needs.iter().sum(),
            available: 0,
        });
    let mut topics: Vec<String> = Vec::new();
    for name in names {
        if cut.topics.iter().any(|t| topic_of.get(name) == Some(t))
            && !topics.iter().any(|n| n == name)
        {
            topics.push(name.to_owned());
        }
    }
    Err(Unfillable {
        topics,
        wanted: cut.wanted,
        available: cut.available,
    })
}

fn search(needs: &mut [usize], cands: Vec<Cand>, nodes: &mut usize) -> Option<Vec<i64>> {
    *nodes += 1;
    if *nodes > MAX_NODES {
        return None;
    }
    let cands: Vec<Cand> = cands.into_iter().filter(|c| needs[c.topic] > 0).collect();
    flow(needs, &cands, relaxed).ok()?;
    if let Ok(found) = flow(needs, &cands, merged(&cands)) {
        return Some(found);
    }
    // The relaxation succeeds and the restriction fails, so some question has two groups: branch on it.
    let pick = cands.iter().position(|c| c.groups.len() > 1)?;
    let q = cands[pick].clone();
    needs[q.topic] -= 1;
    let taking: Vec<Cand> = cands
        .iter()
        .filter(|c| c.id != q.id && c.groups.iter().all(|g| !q.groups.contains(g)))
        .cloned()
        .collect();
    let taken = search(needs, taking, nodes);
    needs[q.topic] += 1;
    if let Some(mut found) = taken {
        found.push(q.id);
        return Some(found);
    }
    let leaving: Vec<Cand> = cands.into_iter().filter(|c| c.id != q.id).collect();
    search(needs, leaving, nodes)
}

/// The relaxation: a question counts under its first group only.
fn relaxed(c: &Cand) -> Option<usize> {
    c.groups.first().copied()
}

/// The restriction: groups sharing a question become one (a union-find over the candidates' groups).
fn merged(cands: &[Cand]) -> impl Fn(&Cand) -> Option<usize> {
    let mut parent: HashMap<usize, usize> = HashMap::new();
    fn root(parent: &mut HashMap<usize, usize>, g: usize) -> usize {
        let mut r = g;
        while let Some(&p) = parent.get(&r).filter(|p| **p != r) {
            r = p;
        }
        parent.insert(g, r);
        r
    }
    for c in cands {
        for pair in c.groups.windows(2) {
            let (a, b) = (root(&mut parent, pair[0]), root(&mut parent, pair[1]));
            parent.insert(a, b);
        }
    }
    let roots: HashMap<usize, usize> = cands
        .iter()
        .flat_map(|c| c.groups.iter().copied())
        .collect::<HashSet<_>>()
        .into_iter()
        .map(|g| (g, root(&mut parent, g)))
        .collect();
    move |c: &Cand| c.groups.first().and_then(|g| roots.get(g).copied())
}

/// The topics (by index) of a minimum cut: together they want `wanted` and can give `available`.
struct Cut {
    topics: Vec<usize>,
    wanted: usize,
    available: usize,
}

/// Max flow with each candidate under the one group `key` gives it (or none). On success, the ids it uses.
fn flow(
    needs: &[usize],
    cands: &[Cand],
    key: impl Fn(&Cand) -> Option<usize>,
) -> Result<Vec<i64>, Cut> {
    let keys: Vec<Option<usize>> = cands.iter().map(&key).collect();
    let mut key_node: HashMap<usize, usize> = HashMap::new();
    let first_key = 1 + needs.len();
    for k in keys.iter().flatten() {
        let next = first_key + key_node.len();
        key_node.entry(*k).or_insert(next);
    }
    let sink = first_key + key_node.len();
    let mut net = Net::new(sink + 1);
    let source_edges: Vec<usize> = needs
        .iter()
        .enumerate()
        .map(|(t, n)| net.add(0, 1 + t, *n))
        .collect();
    let mut free = vec![0; needs.len()];
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (c, k) in cands.iter().zip(&keys) {
        match k {
            None => free[c.topic] += 1,
            Some(k) => {
                pairs.insert((c.topic, key_node[k]));
            }
        }
    }
    let free_edges: Vec<usize> = free
        .iter()
        .enumerate()
        .map(|(t, n)| net.add(1 + t, sink, *n))
        .collect();
    let mut pair_edges: Vec<((usize, usize), usize)> = pairs
        .into_iter()
        .map(|(t, g)| ((t, g), net.add(1 + t, g, 1)))
        .collect();
    pair_edges.sort_unstable();
    for node in key_node.values() {
        net.add(*node, sink, 1);
    }
    let total = net.max_flow(0, sink);
    if total < needs.iter().sum::<usize>() {
        let reach = net.reachable(0);
        let topics: Vec<usize> = (0..needs.len()).filter(|t| reach[1 + t]).collect();
        return Err(Cut {
            wanted: topics.iter().map(|t| needs[*t]).sum(),
            available: topics.iter().map(|t| net.flow_on(source_edges[*t])).sum(),
            topics,
        });
    }
    let mut out = Vec::with_capacity(total);
    for (t, e) in free_edges.iter().enumerate() {
        let n = net.flow_on(*e);
        let ids = cands
            .iter()
            .zip(&keys)
            .filter(|(c, k)| c.topic == t && k.is_none());
        out.extend(ids.take(n).map(|(c, _)| c.id));
    }
    for ((t, g), e) in pair_edges {
        if net.flow_on(e) == 1 {
            let one = cands
                .iter()
                .zip(&keys)
                .find(|(c, k)| c.topic == t && k.map(|k| key_node[&k]) == Some(g));
            out.extend(one.map(|(c, _)| c.id));
        }
    }
    Ok(out)
}

#[cfg(test)]
#[path = "draw_fill_tests.rs"]
mod tests;
