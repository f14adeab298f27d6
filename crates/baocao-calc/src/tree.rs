//! The indicator trees of a dataset, by index.

use std::collections::BTreeMap;

use baocao_dataset::{Dataset, Indicator};

/// Parents, children and roots of every indicator, by position in the dataset.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) children: Vec<Vec<usize>>,
    pub(crate) root: Vec<usize>,
    /// Of a root, every indicator of its tree but itself; of any other, none.
    pub(crate) members: Vec<Vec<usize>>,
    /// Of each indicator, the sum (wrapping) of its children's indices.
    pub(crate) children_sum: Vec<usize>,
}

impl Tree {
    /// Builds the trees. The reader already refuses unknown parents and
    /// cycles; should one slip through, the indicator is treated as a root
    /// rather than looping.
    pub(crate) fn new(ds: &Dataset) -> Self {
        let n = ds.indicators.len();
        let by_id: BTreeMap<&str, usize> = ds
            .indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.id.as_str(), i))
            .collect();
        let parent: Vec<Option<usize>> = ds
            .indicators
            .iter()
            .map(|ind: &Indicator| {
                ind.parent
                    .as_ref()
                    .and_then(|p| by_id.get(p.as_str()).copied())
            })
            .collect();
        let mut children = vec![Vec::new(); n];
        for (i, p) in parent.iter().enumerate() {
            if let Some(p) = p {
                children[*p].push(i);
            }
        }
        let root = roots(&parent);
        let mut members = vec![Vec::new(); n];
        for (i, &r) in root.iter().enumerate() {
            if r != i {
                members[r].push(i);
            }
        }
        let children_sum = children
            .iter()
            .map(|kids| kids.iter().fold(0_usize, |sum, k| sum.wrapping_add(*k)))
            .collect();
        Tree {
            parent,
            children,
            root,
            members,
            children_sum,
        }
    }
}

/// The root of each indicator, given each one's parent.
fn roots(parent: &[Option<usize>]) -> Vec<usize> {
    let n = parent.len();
    // Each root found once: a walk up stops at the first indicator
    // whose root is known, so that a chain n deep costs n steps, not
    // n² / 2. An indicator whose walk never ends at a root (it leads
    // into a cycle, which the reader refuses) is its own root.
    #[derive(Clone, Copy)]
    enum Seen {
        Not,
        OnPath,
        Root(usize),
        InCycle,
    }
    let mut seen = vec![Seen::Not; n];
    let mut path = Vec::new();
    for start in 0..n {
        let mut at = start;
        let end = loop {
            match seen[at] {
                Seen::Root(r) => break Seen::Root(r),
                Seen::InCycle | Seen::OnPath => break Seen::InCycle,
                Seen::Not => {}
            }
            seen[at] = Seen::OnPath;
            path.push(at);
            match parent[at] {
                Some(p) => at = p,
                None => break Seen::Root(at),
            }
        };
        for i in path.drain(..) {
            seen[i] = end;
        }
    }
    seen.iter()
        .enumerate()
        .map(|(i, s)| match s {
            Seen::Root(r) => *r,
            Seen::Not | Seen::OnPath | Seen::InCycle => i,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The walk of old: up to n + 1 steps from each indicator.
    fn roots_walked(parent: &[Option<usize>]) -> Vec<usize> {
        let n = parent.len();
        (0..n)
            .map(|i| {
                let mut at = i;
                for _ in 0..=n {
                    match parent[at] {
                        Some(p) => at = p,
                        None => return at,
                    }
                }
                i
            })
            .collect()
    }

    /// The same roots as walking up from each, for every way 5 indicators
    /// can name parents (chains, trees, cycles and what leads into them).
    #[test]
    fn roots_are_those_of_walking_up() {
        let n = 5;
        let choices = n + 1; // a parent each, or none
        let mut parent = vec![None; n];
        for code in 0..choices.pow(5) {
            let mut c = code;
            for p in parent.iter_mut() {
                *p = (c % choices).checked_sub(1);
                c /= choices;
            }
            assert_eq!(roots(&parent), roots_walked(&parent), "{parent:?}");
        }
    }
}
