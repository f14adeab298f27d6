//! Deriving every figure of one period: the spec's table of formulas applied
//! until nothing new can be derived.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use baocao_dataset::{Dataset, Indicator, Kind, Number, Period};
use rust_decimal::Decimal;

use crate::quantity::hundred;
use crate::tree::Tree;
use crate::{Check, CheckStatus, Figure, Measure, Quantity, Rule};

/// Every known figure of one period, by (indicator index, measure).
pub(crate) type Table = BTreeMap<(usize, Measure), Figure>;

/// The rules that can give each measure, in order of preference. Residuals
/// come last and only run when nothing else makes progress, so that a direct
/// derivation always wins over a difference of aggregates.
fn rules(m: Measure) -> &'static [Rule] {
    match m {
        Measure::Value => &[
            Rule::Reported,
            Rule::SumOfChildren,
            Rule::ValueFromPrevious,
            Rule::Residual,
        ],
        Measure::Previous => &[
            Rule::ReportedPrevious,
            Rule::SumOfChildren,
            Rule::PreviousFromGrowth,
            Rule::Residual,
        ],
        Measure::Index => &[
            Rule::Reported,
            Rule::IndexFromChildren,
            Rule::IndexFromGrowth,
        ],
        Measure::Growth => &[
            Rule::Reported,
            Rule::GrowthFromIndex,
            Rule::GrowthFromLevels,
        ],
        Measure::Contribution => &[
            Rule::Reported,
            Rule::ContributionOfRoot,
            Rule::ContributionFromLevels,
            Rule::ContributionFromWeights,
            Rule::ContributionFromShare,
            Rule::SumOfChildren,
            Rule::Residual,
        ],
        Measure::Share => &[Rule::Reported, Rule::ShareFromContribution],
        Measure::Structure => &[Rule::Structure],
    }
}

pub(crate) struct Deriver<'a> {
    ds: &'a Dataset,
    tree: &'a Tree,
    period: Period,
    problems: RefCell<Vec<Check>>,
    /// Indicators that can have a figure in this period: those with an
    /// observation for it (or its comparison period), their ancestors, and
    /// the children of an exhaustive active parent (residuals). Others can
    /// derive nothing, so the fixpoint skips them: most indicators have no
    /// quarterly data, and quarters are derived for every trend.
    active: Vec<bool>,
}

/// A derived figure under construction: value, formula and inputs.
struct Derived {
    quantity: Quantity,
    formula: String,
    inputs: Vec<(usize, Measure)>,
}

impl<'a> Deriver<'a> {
    pub(crate) fn new(ds: &'a Dataset, tree: &'a Tree, period: Period) -> Self {
        let prev = period.previous();
        let mut active: Vec<bool> = ds
            .indicators
            .iter()
            .map(|i| {
                i.value.contains_key(&period)
                    || i.value.contains_key(&prev)
                    || i.index.contains_key(&period)
                    || i.growth.contains_key(&period)
                    || i.contribution.contains_key(&period)
                    || i.share.contains_key(&period)
            })
            .collect();
        // Up to the roots, then down to the children of exhaustive parents,
        // until nothing changes (trees are shallow: a few rounds).
        loop {
            let mut changed = false;
            for i in 0..active.len() {
                if !active[i] {
                    continue;
                }
                if let Some(p) = tree.parent[i]
                    && !active[p]
                {
                    active[p] = true;
                    changed = true;
                }
                if ds.indicators[i].exhaustive {
                    for &k in &tree.children[i] {
                        if !active[k] {
                            active[k] = true;
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Deriver {
            ds,
            tree,
            period,
            problems: RefCell::new(Vec::new()),
            active,
        }
    }

    fn ind(&self, i: usize) -> &'a Indicator {
        &self.ds.indicators[i]
    }

    fn name(&self, i: usize, m: Measure) -> String {
        format!("{}.{}", self.ind(i).id, m)
    }

    /// Derives everything derivable for the period; returns the table and
    /// the problems met on the way (division by zero).
    pub(crate) fn run(&self) -> (Table, Vec<Check>) {
        let mut table = Table::new();
        let n = self.ds.indicators.len();
        loop {
            // Direct rules until they stall, then one round with residuals.
            let mut progress = self.pass(&mut table, n, false);
            if !progress {
                progress = self.pass(&mut table, n, true);
            }
            if !progress {
                break;
            }
        }
        (table, self.problems.take())
    }

    fn pass(&self, table: &mut Table, n: usize, residuals: bool) -> bool {
        let mut progress = false;
        for i in (0..n).filter(|i| self.active[*i]) {
            for m in Measure::ALL {
                if table.contains_key(&(i, m)) {
                    continue;
                }
                for &rule in rules(m) {
                    if rule == Rule::Residual && !residuals {
                        continue;
                    }
                    if let Some(f) = self.apply(table, i, m, rule) {
                        table.insert((i, m), f);
                        progress = true;
                        break;
                    }
                }
            }
        }
        progress
    }

    /// Every way the figure (i, m) can be obtained other than `except`,
    /// with the table as it is: what the consistency checks compare.
    pub(crate) fn alternatives(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        except: Rule,
    ) -> Vec<Figure> {
        rules(m)
            .iter()
            .filter(|r| **r != except && !r.is_reported())
            .filter_map(|r| self.apply(table, i, m, *r))
            .collect()
    }

    fn reported(&self, n: Option<&Number>, rule: Rule, key: (usize, Measure)) -> Option<Figure> {
        let n = n?;
        Some(Figure {
            quantity: Quantity::written(n.value, n.scale),
            rule,
            at: Some(n.at.clone()),
            formula: String::new(),
            from: Vec::new(),
            deps: BTreeSet::from([key]),
        })
    }

    fn finish(&self, table: &Table, rule: Rule, d: Derived) -> Figure {
        let mut deps = BTreeSet::new();
        let mut from = Vec::new();
        for key in &d.inputs {
            if let Some(f) = table.get(key) {
                deps.extend(f.deps.iter().copied());
            }
            from.push(self.name(key.0, key.1));
        }
        Figure {
            quantity: d.quantity,
            rule,
            at: None,
            formula: d.formula,
            from,
            deps,
        }
    }

    fn get(&self, table: &Table, i: usize, m: Measure) -> Option<Quantity> {
        table.get(&(i, m)).map(|f| f.quantity)
    }

    fn weight(&self, i: usize) -> Option<Quantity> {
        let w = &self.ind(i).weight;
        let n = w
            .get(&self.period)
            .or_else(|| w.get(&Period::Year(self.period.year())))?;
        Some(Quantity::written(n.value, n.scale))
    }

    fn is_level_kind(&self, i: usize) -> bool {
        matches!(self.ind(i).kind, Kind::Flow | Kind::Stock)
    }

    fn divide_by_zero(&self, i: usize, m: Measure, what: &str) {
        let ind = self.ind(i);
        let mut problems = self.problems.borrow_mut();
        if problems
            .iter()
            .any(|c| c.indicator == ind.id.as_str() && c.rule.ends_with(m.as_str()))
        {
            return;
        }
        problems.push(Check {
            rule: format!("division_by_zero_{m}"),
            indicator: ind.id.as_str().to_owned(),
            period: self.period,
            status: CheckStatus::Failed,
            expected: None,
            found: None,
            gap: None,
            message: format!(
                "cannot derive {m} of `{}` for {}: {what} is zero ({})",
                ind.id, self.period, ind.at
            ),
        });
    }

    fn apply(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Option<Figure> {
        let ind = self.ind(i);
        let t = self.period;
        let key = (i, m);
        if rule.is_reported() {
            let n = match (m, rule) {
                (Measure::Value, _) => ind.value.get(&t),
                (Measure::Previous, _) => ind.value.get(&t.previous()),
                (Measure::Index, _) => ind.index.get(&t),
                (Measure::Growth, _) => ind.growth.get(&t),
                (Measure::Contribution, _) => ind.contribution.get(&t),
                (Measure::Share, _) => ind.share.get(&t),
                (Measure::Structure, _) => None,
            };
            return self.reported(n, rule, key);
        }
        let d = self.derive(table, i, m, rule)?;
        Some(self.finish(table, rule, d))
    }

    fn derive(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Option<Derived> {
        let ind = self.ind(i);
        let id = ind.id.as_str();
        let root = self.tree.root[i];
        let root_id = self.ind(root).id.as_str();
        let g = |j: usize, mm: Measure| self.get(table, j, mm);
        match (m, rule) {
            (Measure::Value | Measure::Previous | Measure::Contribution, Rule::SumOfChildren) => {
                let kids = &self.tree.children[i];
                if !ind.exhaustive || kids.is_empty() {
                    return None;
                }
                if m != Measure::Contribution && !self.is_level_kind(i) {
                    return None;
                }
                let mut sum = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    sum = sum.checked_add(g(k, m)?)?;
                }
                let names: Vec<String> = kids.iter().map(|&k| self.name(k, m)).collect();
                Some(Derived {
                    quantity: sum,
                    formula: names.join(" + "),
                    inputs: kids.iter().map(|&k| (k, m)).collect(),
                })
            }
            (Measure::Value | Measure::Previous | Measure::Contribution, Rule::Residual) => {
                let p = self.tree.parent[i]?;
                if !self.ind(p).exhaustive {
                    return None;
                }
                if m != Measure::Contribution && !self.is_level_kind(i) {
                    return None;
                }
                let mut rest = g(p, m)?;
                let mut inputs = vec![(p, m)];
                let mut formula = self.name(p, m);
                for &k in &self.tree.children[p] {
                    if k != i {
                        rest = rest.checked_sub(g(k, m)?)?;
                        inputs.push((k, m));
                        formula.push_str(" − ");
                        formula.push_str(&self.name(k, m));
                    }
                }
                Some(Derived {
                    quantity: rest,
                    formula,
                    inputs,
                })
            }
            (Measure::Value, Rule::ValueFromPrevious) => {
                if !self.is_level_kind(i) {
                    return None;
                }
                let prev = g(i, Measure::Previous)?;
                let gr = g(i, Measure::Growth)?;
                let q = prev
                    .checked_mul(hundred().checked_add(gr)?)?
                    .checked_div(hundred())?;
                Some(Derived {
                    quantity: q,
                    formula: format!("{id}.previous × (1 + {id}.growth / 100)"),
                    inputs: vec![(i, Measure::Previous), (i, Measure::Growth)],
                })
            }
            (Measure::Previous, Rule::PreviousFromGrowth) => {
                if !self.is_level_kind(i) {
                    return None;
                }
                let v = g(i, Measure::Value)?;
                let gr = g(i, Measure::Growth)?;
                let one_plus =
                    Quantity::exact(Decimal::ONE).checked_add(gr.checked_div(hundred())?)?;
                if one_plus.value.is_zero() {
                    self.divide_by_zero(i, m, "1 + growth / 100");
                    return None;
                }
                Some(Derived {
                    quantity: v.checked_div(one_plus)?,
                    formula: format!("{id}.value / (1 + {id}.growth / 100)"),
                    inputs: vec![(i, Measure::Value), (i, Measure::Growth)],
                })
            }
            (Measure::Index, Rule::IndexFromChildren) => {
                let kids = &self.tree.children[i];
                if ind.kind != Kind::Index || kids.is_empty() {
                    return None;
                }
                let mut num = Quantity::exact(Decimal::ZERO);
                let mut den = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    let w = self.weight(k)?;
                    num = num.checked_add(w.checked_mul(g(k, Measure::Index)?)?)?;
                    den = den.checked_add(w)?;
                }
                let names: Vec<String> = kids.iter().map(|&k| self.ind(k).id.to_string()).collect();
                Some(Derived {
                    quantity: num.checked_div(den)?,
                    formula: format!("Σ weight × index / Σ weight over {}", names.join(", ")),
                    inputs: kids.iter().map(|&k| (k, Measure::Index)).collect(),
                })
            }
            (Measure::Index, Rule::IndexFromGrowth) => {
                if ind.kind != Kind::Index {
                    return None;
                }
                Some(Derived {
                    quantity: hundred().checked_add(g(i, Measure::Growth)?)?,
                    formula: format!("100 + {id}.growth"),
                    inputs: vec![(i, Measure::Growth)],
                })
            }
            (Measure::Growth, Rule::GrowthFromIndex) => {
                if ind.kind != Kind::Index {
                    return None;
                }
                Some(Derived {
                    quantity: g(i, Measure::Index)?.checked_sub(hundred())?,
                    formula: format!("{id}.index − 100"),
                    inputs: vec![(i, Measure::Index)],
                })
            }
            (Measure::Growth, Rule::GrowthFromLevels) => {
                if !self.is_level_kind(i) {
                    return None;
                }
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                if p.value.is_zero() {
                    self.divide_by_zero(i, m, "the previous level");
                    return None;
                }
                Some(Derived {
                    quantity: v
                        .checked_div(p)?
                        .checked_mul(hundred())?
                        .checked_sub(hundred())?,
                    formula: format!("{id}.value / {id}.previous × 100 − 100"),
                    inputs: vec![(i, Measure::Value), (i, Measure::Previous)],
                })
            }
            (Measure::Contribution, Rule::ContributionOfRoot) => {
                if root != i {
                    return None;
                }
                Some(Derived {
                    quantity: g(i, Measure::Growth)?,
                    formula: format!("{id}.growth (the root's contribution is its growth)"),
                    inputs: vec![(i, Measure::Growth)],
                })
            }
            (Measure::Contribution, Rule::ContributionFromLevels) => {
                if root == i || !self.is_level_kind(i) {
                    return None;
                }
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                let rp = g(root, Measure::Previous)?;
                if rp.value.is_zero() {
                    self.divide_by_zero(i, m, "the root's previous level");
                    return None;
                }
                Some(Derived {
                    quantity: v.checked_sub(p)?.checked_div(rp)?.checked_mul(hundred())?,
                    formula: format!("({id}.value − {id}.previous) / {root_id}.previous × 100"),
                    inputs: vec![
                        (i, Measure::Value),
                        (i, Measure::Previous),
                        (root, Measure::Previous),
                    ],
                })
            }
            (Measure::Contribution, Rule::ContributionFromWeights) => {
                // The weighted formula gives the contribution to the parent's
                // growth; it is the root's only when the parent is the root.
                let p = self.tree.parent[i]?;
                if ind.kind != Kind::Index || p != root {
                    return None;
                }
                let mut den = Quantity::exact(Decimal::ZERO);
                for &k in &self.tree.children[p] {
                    den = den.checked_add(self.weight(k)?)?;
                }
                let w = self.weight(i)?;
                let gi = g(i, Measure::Index)?.checked_sub(hundred())?;
                Some(Derived {
                    quantity: w.checked_mul(gi)?.checked_div(den)?,
                    formula: format!(
                        "{id}.weight × ({id}.index − 100) / Σ weight of {root_id}'s children"
                    ),
                    inputs: vec![(i, Measure::Index)],
                })
            }
            (Measure::Contribution, Rule::ContributionFromShare) => {
                if root == i {
                    return None;
                }
                let s = g(i, Measure::Share)?;
                let gr = g(root, Measure::Growth)?;
                Some(Derived {
                    quantity: s.checked_mul(gr)?.checked_div(hundred())?,
                    formula: format!("{id}.share × {root_id}.growth / 100"),
                    inputs: vec![(i, Measure::Share), (root, Measure::Growth)],
                })
            }
            (Measure::Share, Rule::ShareFromContribution) => {
                let c = g(i, Measure::Contribution)?;
                let gr = g(root, Measure::Growth)?;
                if gr.value.is_zero() {
                    // No growth to share out: the share is undefined, not an error.
                    return None;
                }
                Some(Derived {
                    quantity: c.checked_div(gr)?.checked_mul(hundred())?,
                    formula: format!("{id}.contribution / {root_id}.growth × 100"),
                    inputs: vec![(i, Measure::Contribution), (root, Measure::Growth)],
                })
            }
            (Measure::Structure, Rule::Structure) => {
                if root == i || !self.is_level_kind(i) {
                    return None;
                }
                let v = g(i, Measure::Value)?;
                let rv = g(root, Measure::Value)?;
                if rv.value.is_zero() {
                    return None;
                }
                Some(Derived {
                    quantity: v.checked_div(rv)?.checked_mul(hundred())?,
                    formula: format!("{id}.value / {root_id}.value × 100"),
                    inputs: vec![(i, Measure::Value), (root, Measure::Value)],
                })
            }
            _ => None,
        }
    }
}
