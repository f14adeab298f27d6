//! The indicator trees of a dataset, by index.

use std::collections::BTreeMap;

use baocao_dataset::{Dataset, Indicator};

/// Parents, children and roots of every indicator, by position in the dataset.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub(crate) parent: Vec<Option<usize>>,
    pub(crate) children: Vec<Vec<usize>>,
    pub(crate) root: Vec<usize>,
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
        let root = (0..n)
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
            .collect();
        Tree {
            parent,
            children,
            root,
        }
    }
}
