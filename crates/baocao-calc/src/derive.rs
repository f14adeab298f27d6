//! Deriving every figure of one period: the spec's table of formulas applied
//! until nothing new can be derived.
//!
//! A derivation is made in two steps: its value and the figures it rests on
//! first ([`Deriver::run`], [`Deriver::alternatives`]), its description (the
//! formula and its inputs by name) only for the figures that are kept
//! ([`Deriver::describe`]). The description depends on the indicator, the
//! measure, the rule and the tree, never on values, and most attempts are
//! never kept (the fixpoint tries every rule of every missing figure on
//! each pass, the checks try every alternative and keep few), so building
//! its strings on each attempt would cost more than the arithmetic.

use std::cell::RefCell;
use std::collections::BTreeSet;

use baocao_dataset::{Dataset, Indicator, Kind, Period};
use rust_decimal::Decimal;

use crate::figure::Deps;
use crate::quantity::hundred;
use crate::tree::Tree;
use crate::{Check, CheckStatus, Figure, Measure, Quantity, Rule};

/// How many measures each indicator has: the width of a [`Table`] row.
const MEASURES: usize = Measure::ALL.len();

/// The slot of (indicator index, measure) in a [`Table`]: slots are in
/// (indicator, measure) order.
fn slot(i: usize, m: Measure) -> usize {
    i * MEASURES + m.index()
}

/// The (indicator index, measure) of a slot.
fn unslot(s: usize) -> (usize, Measure) {
    (s / MEASURES, Measure::ALL[s % MEASURES])
}

/// Every known figure of one period, by (indicator index, measure).
///
/// An index by slot rather than a map: the fixpoint looks figures up far
/// more often than it adds them, and a dataset has a few dozen indicators.
/// The figures themselves are kept apart, in the order they were found,
/// because most slots stay empty (a flow has no index, and a quarter knows
/// a few figures of a few indicators). It iterates in (indicator, measure)
/// order, the order the checks are made in.
pub(crate) struct Table {
    /// Per slot, where its figure is in `figures`.
    index: Vec<Option<usize>>,
    /// `None` once taken out.
    figures: Vec<Option<Figure>>,
}

impl Table {
    /// An empty table for `n` indicators, with room for `room` figures:
    /// as many as can be found is made at once, as growing the table would
    /// copy every figure found so far.
    fn new(n: usize, room: usize) -> Self {
        Table {
            index: vec![None; n * MEASURES],
            figures: Vec::with_capacity(room),
        }
    }

    /// The figure in slot `s`, when known.
    fn at(&self, s: usize) -> Option<&Figure> {
        self.figures[self.index[s]?].as_ref()
    }

    /// The figure of (i, m), when known.
    pub(crate) fn get(&self, i: usize, m: Measure) -> Option<&Figure> {
        self.at(slot(i, m))
    }

    /// The quantity of (i, m), when known.
    fn quantity(&self, i: usize, m: Measure) -> Option<Quantity> {
        self.get(i, m).map(|f| f.quantity)
    }

    /// Whether (i, m) is known (or was, before it was taken out).
    fn contains(&self, i: usize, m: Measure) -> bool {
        self.index[slot(i, m)].is_some()
    }

    /// Adds the figure of an unknown (i, m).
    fn insert(&mut self, i: usize, m: Measure, f: Figure) {
        self.index[slot(i, m)] = Some(self.figures.len());
        self.figures.push(Some(f));
    }

    /// Takes the figure of (i, m) out: the figures of the report are moved
    /// out once the checks are made, not copied.
    pub(crate) fn take(&mut self, i: usize, m: Measure) -> Option<Figure> {
        self.figures[self.index[slot(i, m)]?].take()
    }

    /// Every known figure, in (indicator, measure) order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, Measure, &Figure)> {
        (0..self.index.len()).filter_map(|s| {
            let (i, m) = unslot(s);
            self.at(s).map(|f| (i, m, f))
        })
    }
}

/// Whether `rule` can ever give (i, m), whatever the period and the values:
/// the kind of the indicator and its place in the tree allow it.
fn applies(ds: &Dataset, tree: &Tree, i: usize, m: Measure, rule: Rule) -> bool {
    let ind = &ds.indicators[i];
    let level = matches!(ind.kind, Kind::Flow | Kind::Stock);
    let index = ind.kind == Kind::Index;
    let root = tree.root[i];
    let kids = &tree.children[i];
    match (m, rule) {
        (_, Rule::Reported | Rule::ReportedPrevious) => true,
        (Measure::Value | Measure::Previous | Measure::Contribution, Rule::SumOfChildren) => {
            ind.exhaustive && !kids.is_empty() && (m == Measure::Contribution || level)
        }
        // Shares are contributions over the root's growth: the children's
        // add up to the parent's, and under the root to 100. Written as a
        // rule so that shares reported side by side are checked against
        // the root's 100 (its share of its own growth) on their own.
        (Measure::Share, Rule::SumOfChildren) => ind.exhaustive && !kids.is_empty(),
        (Measure::Value | Measure::Previous | Measure::Contribution, Rule::Residual) => {
            tree.parent[i].is_some_and(|p| ds.indicators[p].exhaustive)
                && (m == Measure::Contribution || level)
        }
        (Measure::Value, Rule::ValueFromPrevious)
        | (Measure::Previous, Rule::PreviousFromGrowth)
        | (Measure::Growth, Rule::GrowthFromLevels) => level,
        (Measure::Index, Rule::IndexFromChildren) => index && !kids.is_empty(),
        (Measure::Index, Rule::IndexFromGrowth) | (Measure::Growth, Rule::GrowthFromIndex) => index,
        (Measure::Contribution, Rule::ContributionOfRoot) => root == i,
        (Measure::Contribution, Rule::ContributionFromLevels) => root != i && level,
        // The root of a tree is 100: the whole its parts are shares of. An
        // indicator alone (no parent, no children) has no structure.
        (Measure::Structure, Rule::Structure) => level && (root != i || !kids.is_empty()),
        // The weighted formula gives the contribution to the parent's
        // growth; it is the root's only when the parent is the root.
        (Measure::Contribution, Rule::ContributionFromWeights) => {
            index && tree.parent[i] == Some(root)
        }
        (Measure::Contribution, Rule::ContributionFromShare) => root != i,
        (Measure::Share, Rule::ShareFromContribution) => true,
        _ => false,
    }
}

/// The bit of a rule in a [`Plan`] mask.
fn bit(rule: Rule) -> u32 {
    1 << (rule as u32)
}

/// The rules of each figure of a dataset that [`applies`] lets run, as a
/// mask of [`bit`]s by slot: made once per dataset and shared by the
/// derivations of every period, so that the fixpoint, which retries every
/// missing figure on each pass, never tries a rule that cannot apply (an
/// index of a flow, a structure of a root, …).
pub(crate) struct Plan {
    masks: Vec<u32>,
}

impl Plan {
    pub(crate) fn new(ds: &Dataset, tree: &Tree) -> Self {
        let masks = (0..ds.indicators.len())
            .flat_map(|i| {
                Measure::ALL.map(|m| {
                    rules(m)
                        .iter()
                        .filter(|r| applies(ds, tree, i, m, **r))
                        .fold(0, |mask, r| mask | bit(*r))
                })
            })
            .collect();
        Plan { masks }
    }

    /// The rules of (i, m) that can apply, in order of preference.
    fn rules(&self, i: usize, m: Measure) -> impl Iterator<Item = Rule> {
        let mask = self.masks[slot(i, m)];
        rules(m)
            .iter()
            .copied()
            .filter(move |r| mask & bit(*r) != 0)
    }
}

/// Identities already checked, each as the sorted slots of the reported
/// figures on both of its sides; with room to weigh the next one.
#[derive(Default)]
pub(crate) struct Seen {
    identities: BTreeSet<Vec<usize>>,
    /// Scratch: the evidence of an alternative.
    deps: Vec<usize>,
    /// Scratch: an identity.
    identity: Vec<usize>,
}

/// Another way of obtaining a figure, for a consistency check.
pub(crate) struct Alternative {
    /// What it gives.
    pub(crate) quantity: Quantity,
    /// How.
    pub(crate) rule: Rule,
    /// Its formula, as a derived figure's.
    pub(crate) formula: String,
}

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
        Measure::Share => &[
            Rule::Reported,
            Rule::ShareFromContribution,
            Rule::SumOfChildren,
        ],
        Measure::Structure => &[Rule::Structure],
    }
}

/// What a derivation is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// Every figure of a report, with the evidence each rests on, for the
    /// checks.
    Report,
    /// The growth of each indicator, for a quarterly trend: no evidence,
    /// and only the measures a growth can be derived from.
    Growth,
}

/// The measures a growth can be derived from, through any chain of rules:
/// no rule of these reads a contribution, a share or a structure.
const LEVELS: [Measure; 4] = [
    Measure::Value,
    Measure::Previous,
    Measure::Index,
    Measure::Growth,
];

pub(crate) struct Deriver<'a> {
    ds: &'a Dataset,
    tree: &'a Tree,
    plan: &'a Plan,
    period: Period,
    purpose: Purpose,
    problems: RefCell<Vec<Check>>,
    /// Indicators that can have a figure in this period, in dataset order:
    /// those with an observation for it (or its comparison period), their
    /// ancestors, and the children of an exhaustive active parent
    /// (residuals). Others can derive nothing, so the fixpoint skips them:
    /// most indicators have no quarterly data, and quarters are derived for
    /// every trend.
    active: Vec<usize>,
}

impl<'a> Deriver<'a> {
    /// A derivation of `period`, with the rules `plan` lets run.
    pub(crate) fn new(
        ds: &'a Dataset,
        tree: &'a Tree,
        plan: &'a Plan,
        period: Period,
        purpose: Purpose,
    ) -> Self {
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
            plan,
            period,
            purpose,
            problems: RefCell::new(Vec::new()),
            active: (0..active.len()).filter(|i| active[*i]).collect(),
        }
    }

    /// The measures derived.
    fn measures(&self) -> &'static [Measure] {
        match self.purpose {
            Purpose::Report => &Measure::ALL,
            Purpose::Growth => &LEVELS,
        }
    }

    fn ind(&self, i: usize) -> &'a Indicator {
        &self.ds.indicators[i]
    }

    /// "industry.growth". Names and formulas are made for every derived
    /// figure of a report, so they are concatenated rather than formatted.
    fn name(&self, i: usize, m: Measure) -> String {
        [self.ind(i).id.as_str(), ".", m.as_str()].concat()
    }

    /// Derives everything derivable for the period; returns the table and
    /// the problems met on the way (division by zero). The figures are not
    /// described yet: see [`Deriver::describe`].
    ///
    /// The problems are taken out here: a division by zero met later, by
    /// [`Deriver::alternatives`], is not reported (the checks compare
    /// figures, they do not make them).
    pub(crate) fn run(&self) -> (Table, Vec<Check>) {
        let room = self.active.len() * self.measures().len();
        let mut table = Table::new(self.ds.indicators.len(), room);
        let mut first = true;
        loop {
            // Direct rules until they stall, then one round with residuals.
            let mut progress = self.pass(&mut table, first, false);
            first = false;
            if !progress {
                progress = self.pass(&mut table, false, true);
            }
            if !progress {
                break;
            }
        }
        (table, self.problems.take())
    }

    /// One round over every missing figure, in (indicator, measure) order,
    /// each taking the first rule that gives it, with the figures derived
    /// earlier in the round. Reported figures are only looked for in the
    /// first round: the reported rule comes first for its measure, so every
    /// reported figure is in the table after it, and a later lookup could
    /// only fail again.
    ///
    /// For [`Purpose::Growth`], only the [`LEVELS`] are derived, and the
    /// growths come out as they would with every measure: the rules of the
    /// levels read only levels, so the other measures only decide whether
    /// a round made progress. A round of direct rules in which the levels
    /// make none leaves them as they are however often it is repeated, so
    /// the round with residuals that follows (here at once, otherwise once
    /// the other measures stall too) starts from the same levels and gives
    /// them the same figures; and after a round with residuals in which the
    /// levels make none, nothing more happens to them either way.
    fn pass(&self, table: &mut Table, first: bool, residuals: bool) -> bool {
        let mut progress = false;
        for &i in &self.active {
            for &m in self.measures() {
                if table.contains(i, m) {
                    continue;
                }
                for rule in self.plan.rules(i, m) {
                    if (rule == Rule::Residual && !residuals) || (rule.is_reported() && !first) {
                        continue;
                    }
                    if let Some(f) = self.apply(table, i, m, rule) {
                        table.insert(i, m, f);
                        progress = true;
                        break;
                    }
                }
            }
        }
        progress
    }

    /// Fills in the formula and the inputs of every derived figure of the
    /// table: done once, for the figures of the report only.
    pub(crate) fn describe(&self, table: &mut Table) {
        for (s, at) in table.index.iter().enumerate() {
            let Some(fig) = at.and_then(|at| table.figures[at].as_mut()) else {
                continue;
            };
            if fig.rule.is_reported() {
                continue;
            }
            let (i, m) = unslot(s);
            fig.formula = self.formula(i, m, fig.rule);
            let mut n = 0;
            self.inputs(i, m, fig.rule, |_, _| n += 1);
            let mut from = Vec::with_capacity(n);
            self.inputs(i, m, fig.rule, |k, km| from.push(self.name(k, km)));
            fig.from = from;
        }
    }

    /// Every way the figure (i, m) can be obtained other than its own rule,
    /// with the table as it is, that is independent evidence (rests on no
    /// reported figure `fig` rests on) for an identity not in `seen`, in
    /// the order of the rules: what the consistency checks compare. Each
    /// identity returned is added to `seen`.
    ///
    /// The evidence is weighed before any arithmetic, and the formula
    /// written only for what is returned: most alternatives rest on the
    /// figure's own evidence, or close an identity already checked.
    pub(crate) fn alternatives(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        fig: &Figure,
        seen: &mut Seen,
    ) -> Vec<Alternative> {
        let mut out = Vec::new();
        let Seen {
            identities,
            deps,
            identity,
        } = seen;
        for rule in self.plan.rules(i, m) {
            if rule == fig.rule || rule.is_reported() {
                continue;
            }
            // Without every input, the rule gives nothing.
            deps.clear();
            let mut known = true;
            self.inputs(i, m, rule, |k, km| match table.get(k, km) {
                Some(f) => deps.extend_from_slice(f.deps.as_slice()),
                None => known = false,
            });
            if !known {
                continue;
            }
            deps.sort_unstable();
            deps.dedup();
            if deps.is_empty() || !fig.deps.is_disjoint(deps) {
                continue; // the same evidence twice proves nothing
            }
            identity.clear();
            identity.extend_from_slice(fig.deps.as_slice());
            identity.extend_from_slice(deps);
            identity.sort_unstable();
            if identities.contains(identity.as_slice()) {
                continue; // the same identity seen from another side
            }
            let Some(quantity) = self.quantity(table, i, m, rule) else {
                continue;
            };
            identities.insert(identity.clone());
            out.push(Alternative {
                quantity,
                rule,
                formula: self.formula(i, m, rule),
            });
        }
        out
    }

    /// A figure of (i, m) by `rule`, with the table as it is: its value and
    /// evidence, not yet described.
    fn apply(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Option<Figure> {
        if rule.is_reported() {
            return self.reported(i, m, rule);
        }
        let quantity = self.quantity(table, i, m, rule)?;
        Some(Figure {
            quantity,
            rule,
            at: None,
            formula: String::new(),
            from: Vec::new(),
            deps: self.deps(table, i, m, rule),
        })
    }

    /// The union of the evidence of the inputs of (i, m) by `rule`; none
    /// when only the growth is wanted.
    fn deps(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Deps {
        if self.purpose == Purpose::Growth {
            return Deps::default();
        }
        let deps_of = |k, km| table.get(k, km).map(|f: &Figure| &f.deps);
        // Most figures rest on one reported figure: then its set is taken
        // as it is, without collecting.
        let (mut n, mut last) = (0, None);
        self.inputs(i, m, rule, |k, km| {
            if let Some(d) = deps_of(k, km).filter(|d| !d.as_slice().is_empty()) {
                n += d.as_slice().len();
                last = Some(d);
            }
        });
        if let (1, Some(one)) = (n, last) {
            return one.clone();
        }
        let mut deps = Vec::with_capacity(n);
        self.inputs(i, m, rule, |k, km| {
            if let Some(d) = deps_of(k, km) {
                deps.extend_from_slice(d.as_slice());
            }
        });
        Deps::from_unsorted(deps)
    }

    fn reported(&self, i: usize, m: Measure, rule: Rule) -> Option<Figure> {
        let ind = self.ind(i);
        let t = self.period;
        let n = match m {
            Measure::Value => ind.value.get(&t),
            Measure::Previous => ind.value.get(&t.previous()),
            Measure::Index => ind.index.get(&t),
            Measure::Growth => ind.growth.get(&t),
            Measure::Contribution => ind.contribution.get(&t),
            Measure::Share => ind.share.get(&t),
            Measure::Structure => None,
        }?;
        Some(Figure {
            quantity: Quantity::written(n.value, n.scale),
            rule,
            at: Some(n.at.clone()),
            formula: String::new(),
            from: Vec::new(),
            deps: Deps::One(slot(i, m)),
        })
    }

    fn weight(&self, i: usize) -> Option<Quantity> {
        let w = &self.ind(i).weight;
        let n = w
            .get(&self.period)
            .or_else(|| w.get(&Period::Year(self.period.year())))?;
        Some(Quantity::written(n.value, n.scale))
    }

    fn divide_by_zero(&self, i: usize, m: Measure, what: &str) {
        let ind = self.ind(i);
        self.problem(
            format!("division_by_zero_{m}"),
            i,
            format!(
                "cannot derive {m} of `{}` for {}: {what} is zero ({})",
                ind.id, self.period, ind.at
            ),
        );
    }

    /// The known parts of an exhaustive parent add up to more than the
    /// parent: the one missing part would be negative.
    fn parts_above_whole(&self, i: usize, m: Measure, parent: usize) {
        let whole = self.ind(parent);
        self.problem(
            format!("parts_above_whole_{m}"),
            parent,
            format!(
                "the {m} of the other parts of `{}` for {} add up to more than its own, so `{}` would be negative: a part or the whole is mistyped ({})",
                whole.id,
                self.period,
                self.ind(i).id,
                whole.at
            ),
        );
    }

    /// A problem of the data, as a failed check of indicator `i`; told
    /// once however many times the fixpoint meets it.
    fn problem(&self, rule: String, i: usize, message: String) {
        let id = self.ind(i).id.as_str();
        let mut problems = self.problems.borrow_mut();
        if problems.iter().any(|c| c.indicator == id && c.rule == rule) {
            return;
        }
        problems.push(Check {
            rule,
            indicator: id.to_owned(),
            period: self.period,
            status: CheckStatus::Failed,
            expected: None,
            found: None,
            gap: None,
            message,
            at: None,
        });
    }

    /// Calls `f` with every figure the derivation of (i, m) by `rule` reads,
    /// in the order of its formula: the figure's `from`. The derivation
    /// ([`Deriver::quantity`]) reads exactly these, and gives nothing
    /// without any of them.
    fn inputs(&self, i: usize, m: Measure, rule: Rule, mut f: impl FnMut(usize, Measure)) {
        let root = self.tree.root[i];
        match (m, rule) {
            (
                Measure::Value | Measure::Previous | Measure::Contribution | Measure::Share,
                Rule::SumOfChildren,
            ) => {
                for &k in &self.tree.children[i] {
                    f(k, m);
                }
            }
            (Measure::Value | Measure::Previous | Measure::Contribution, Rule::Residual) => {
                if let Some(p) = self.tree.parent[i] {
                    f(p, m);
                    for &k in &self.tree.children[p] {
                        if k != i {
                            f(k, m);
                        }
                    }
                }
            }
            (Measure::Value, Rule::ValueFromPrevious) => {
                f(i, Measure::Previous);
                f(i, Measure::Growth);
            }
            (Measure::Previous, Rule::PreviousFromGrowth) => {
                f(i, Measure::Value);
                f(i, Measure::Growth);
            }
            (Measure::Index, Rule::IndexFromChildren) => {
                for &k in &self.tree.children[i] {
                    f(k, Measure::Index);
                }
            }
            (Measure::Index, Rule::IndexFromGrowth)
            | (Measure::Contribution, Rule::ContributionOfRoot) => f(i, Measure::Growth),
            (Measure::Growth, Rule::GrowthFromIndex)
            | (Measure::Contribution, Rule::ContributionFromWeights) => f(i, Measure::Index),
            (Measure::Growth, Rule::GrowthFromLevels) => {
                f(i, Measure::Value);
                f(i, Measure::Previous);
            }
            (Measure::Contribution, Rule::ContributionFromLevels) => {
                f(i, Measure::Value);
                f(i, Measure::Previous);
                f(root, Measure::Previous);
            }
            (Measure::Contribution, Rule::ContributionFromShare) => {
                f(i, Measure::Share);
                f(root, Measure::Growth);
            }
            (Measure::Share, Rule::ShareFromContribution) => {
                f(i, Measure::Contribution);
                f(root, Measure::Growth);
            }
            (Measure::Structure, Rule::Structure) => {
                f(i, Measure::Value);
                if root != i {
                    f(root, Measure::Value);
                }
            }
            _ => {}
        }
    }

    /// The formula of (i, m) by `rule`, as a derived figure shows it.
    fn formula(&self, i: usize, m: Measure, rule: Rule) -> String {
        let id = self.ind(i).id.as_str();
        let root_id = self.ind(self.tree.root[i]).id.as_str();
        match rule {
            Rule::SumOfChildren | Rule::Residual => {
                let sep = if rule == Rule::Residual {
                    " − "
                } else {
                    " + "
                };
                let mut formula = String::new();
                self.inputs(i, m, rule, |k, km| {
                    if !formula.is_empty() {
                        formula.push_str(sep);
                    }
                    formula.push_str(self.ind(k).id.as_str());
                    formula.push('.');
                    formula.push_str(km.as_str());
                });
                formula
            }
            Rule::ValueFromPrevious => [id, ".previous × (1 + ", id, ".growth / 100)"].concat(),
            Rule::PreviousFromGrowth => [id, ".value / (1 + ", id, ".growth / 100)"].concat(),
            Rule::IndexFromChildren => {
                let mut formula = String::from("Σ weight × index / Σ weight over ");
                for (n, &k) in self.tree.children[i].iter().enumerate() {
                    if n > 0 {
                        formula.push_str(", ");
                    }
                    formula.push_str(self.ind(k).id.as_str());
                }
                formula
            }
            Rule::IndexFromGrowth => ["100 + ", id, ".growth"].concat(),
            Rule::GrowthFromIndex => [id, ".index − 100"].concat(),
            Rule::GrowthFromLevels => [id, ".value / ", id, ".previous × 100 − 100"].concat(),
            Rule::ContributionOfRoot => {
                [id, ".growth (the root's contribution is its growth)"].concat()
            }
            Rule::ContributionFromLevels => [
                "(",
                id,
                ".value − ",
                id,
                ".previous) / ",
                root_id,
                ".previous × 100",
            ]
            .concat(),
            Rule::ContributionFromWeights => [
                id,
                ".weight × (",
                id,
                ".index − 100) / Σ weight of ",
                root_id,
                "'s children",
            ]
            .concat(),
            Rule::ContributionFromShare => [id, ".share × ", root_id, ".growth / 100"].concat(),
            Rule::ShareFromContribution => {
                [id, ".contribution / ", root_id, ".growth × 100"].concat()
            }
            Rule::Structure if id == root_id => [id, ".value is the whole: 100"].concat(),
            Rule::Structure => [id, ".value / ", root_id, ".value × 100"].concat(),
            Rule::Reported | Rule::ReportedPrevious => String::new(),
        }
    }

    /// The value of (i, m) by `rule`, with the table as it is; `None` when
    /// an input is unknown or the arithmetic fails. The rule must be one
    /// the [`Plan`] lets run: whether it applies to the indicator at all is
    /// not asked again here. Every input is looked up before any
    /// arithmetic: most attempts of the fixpoint miss one.
    fn quantity(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Option<Quantity> {
        debug_assert!(applies(self.ds, self.tree, i, m, rule));
        let root = self.tree.root[i];
        let g = |j: usize, mm: Measure| table.quantity(j, mm);
        match (m, rule) {
            (
                Measure::Value | Measure::Previous | Measure::Contribution | Measure::Share,
                Rule::SumOfChildren,
            ) => {
                let kids = &self.tree.children[i];
                if !kids.iter().all(|&k| table.contains(k, m)) {
                    return None;
                }
                let mut sum = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    sum = sum.checked_add(g(k, m)?)?;
                }
                Some(sum)
            }
            (Measure::Value | Measure::Previous | Measure::Contribution, Rule::Residual) => {
                let p = self.tree.parent[i]?;
                let siblings = &self.tree.children[p];
                if !siblings.iter().all(|&k| k == i || table.contains(k, m)) {
                    return None;
                }
                let mut rest = g(p, m)?;
                for &k in siblings {
                    if k != i {
                        rest = rest.checked_sub(g(k, m)?)?;
                    }
                }
                // A level cannot be below zero: parts above their whole are
                // an inconsistency of the data, not a negative sector.
                if m != Measure::Contribution && rest.value < Decimal::ZERO {
                    if rest.hi < Decimal::ZERO {
                        self.parts_above_whole(i, m, p);
                    }
                    return None;
                }
                Some(rest)
            }
            (Measure::Value, Rule::ValueFromPrevious) => {
                let prev = g(i, Measure::Previous)?;
                let gr = g(i, Measure::Growth)?;
                prev.checked_mul(hundred().checked_add(gr)?)?
                    .checked_div(hundred())
            }
            (Measure::Previous, Rule::PreviousFromGrowth) => {
                let v = g(i, Measure::Value)?;
                let gr = g(i, Measure::Growth)?;
                let one_plus =
                    Quantity::exact(Decimal::ONE).checked_add(gr.checked_div(hundred())?)?;
                if one_plus.value.is_zero() {
                    self.divide_by_zero(i, m, "1 + growth / 100");
                    return None;
                }
                v.checked_div(one_plus)
            }
            (Measure::Index, Rule::IndexFromChildren) => {
                let kids = &self.tree.children[i];
                if !kids.iter().all(|&k| table.contains(k, Measure::Index)) {
                    return None;
                }
                let mut num = Quantity::exact(Decimal::ZERO);
                let mut den = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    let w = self.weight(k)?;
                    num = num.checked_add(w.checked_mul(g(k, Measure::Index)?)?)?;
                    den = den.checked_add(w)?;
                }
                num.checked_div(den)
            }
            (Measure::Index, Rule::IndexFromGrowth) => {
                hundred().checked_add(g(i, Measure::Growth)?)
            }
            (Measure::Growth, Rule::GrowthFromIndex) => {
                g(i, Measure::Index)?.checked_sub(hundred())
            }
            (Measure::Growth, Rule::GrowthFromLevels) => {
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                if p.value.is_zero() {
                    self.divide_by_zero(i, m, "the previous level");
                    return None;
                }
                v.checked_div(p)?
                    .checked_mul(hundred())?
                    .checked_sub(hundred())
            }
            (Measure::Contribution, Rule::ContributionOfRoot) => g(i, Measure::Growth),
            (Measure::Contribution, Rule::ContributionFromLevels) => {
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                let rp = g(root, Measure::Previous)?;
                if rp.value.is_zero() {
                    self.divide_by_zero(i, m, "the root's previous level");
                    return None;
                }
                v.checked_sub(p)?.checked_div(rp)?.checked_mul(hundred())
            }
            (Measure::Contribution, Rule::ContributionFromWeights) => {
                let index = g(i, Measure::Index)?;
                let p = self.tree.parent[i]?;
                let mut den = Quantity::exact(Decimal::ZERO);
                for &k in &self.tree.children[p] {
                    den = den.checked_add(self.weight(k)?)?;
                }
                let w = self.weight(i)?;
                let gi = index.checked_sub(hundred())?;
                w.checked_mul(gi)?.checked_div(den)
            }
            (Measure::Contribution, Rule::ContributionFromShare) => {
                let s = g(i, Measure::Share)?;
                let gr = g(root, Measure::Growth)?;
                s.checked_mul(gr)?.checked_div(hundred())
            }
            (Measure::Share, Rule::ShareFromContribution) => {
                let c = g(i, Measure::Contribution)?;
                let gr = g(root, Measure::Growth)?;
                if gr.value.is_zero() {
                    // No growth to share out: the share is undefined, not an error.
                    return None;
                }
                let share = c.checked_div(gr)?.checked_mul(hundred())?;
                // The root's share of its own growth is 100 exactly (when a
                // growth near zero allows a share at all), not the interval
                // of g / g: its children's shares are checked against 100.
                Some(if i == root {
                    Quantity::exact(Decimal::ONE_HUNDRED)
                } else {
                    share
                })
            }
            (Measure::Structure, Rule::Structure) => {
                let v = g(i, Measure::Value)?;
                if root == i {
                    // Exactly 100, not the interval of v / v.
                    return (!v.value.is_zero()).then_some(Quantity::exact(Decimal::ONE_HUNDRED));
                }
                let rv = g(root, Measure::Value)?;
                if rv.value.is_zero() {
                    return None;
                }
                v.checked_div(rv)?.checked_mul(hundred())
            }
            _ => None,
        }
    }
}
