//! A small max-flow network (Edmonds-Karp) for the draw's feasibility check; banks give graphs of a few
//! hundred edges, so the plain algorithm is fast enough and keeps the domain free of a graph crate.
use std::collections::VecDeque;

/// A small flow network (Edmonds-Karp): edge `e` and its reverse `e ^ 1`.
pub struct Net {
    adj: Vec<Vec<usize>>,
    to: Vec<usize>,
    cap: Vec<usize>,
    original: Vec<usize>,
}

impl Net {
    pub fn new(n: usize) -> Self {
        Net {
            adj: vec![Vec::new(); n],
            to: Vec::new(),
            cap: Vec::new(),
            original: Vec::new(),
        }
    }

    pub fn add(&mut self, from: usize, to: usize, cap: usize) -> usize {
        let e = self.to.len();
        for (a, b, c) in [(from, to, cap), (to, from, 0)] {
            self.adj[a].push(self.to.len());
            self.to.push(b);
            self.cap.push(c);
            self.original.push(c);
        }
        e
    }

    pub fn flow_on(&self, e: usize) -> usize {
        self.original[e] - self.cap[e]
    }

    pub fn max_flow(&mut self, s: usize, t: usize) -> usize {
        let mut total = 0;
        loop {
            let mut via: Vec<Option<usize>> = vec![None; self.adj.len()];
            let mut queue = VecDeque::from([s]);
            while let Some(u) = queue.pop_front() {
                for &e in &self.adj[u] {
                    let v = self.to[e];
                    if self.cap[e] > 0 && v != s && via[v].is_none() {
                        via[v] = Some(e);
                        queue.push_back(v);
                    }
                }
            }
            if via[t].is_none() {
                return total;
            }
            let mut path = Vec::new();
            let mut v = t;
            while let Some(e) = via[v] {
                path.push(e);
                v = self.to[e ^ 1];
            }
            let push = path.iter().map(|e| self.cap[*e]).min().unwrap_or(0);
            for e in path {
                self.cap[e] -= push;
                self.cap[e ^ 1] += push;
            }
            total += push;
        }
    }

    pub fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.adj.len()];
        seen[s] = true;
        let mut queue = VecDeque::from([s]);
        while let Some(u) = queue.pop_front() {
            for &e in &self.adj[u] {
                let v = self.to[e];
                if self.cap[e] > 0 && !seen[v] {
                    seen[v] = true;
                    queue.push_back(v);
                }
            }
        }
        seen
    }
}
