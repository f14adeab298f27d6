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

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use baocao_dataset::{ContributionBase, Dataset, Indicator, Kind, Location, Period};
use rust_decimal::Decimal;

use crate::figure::Deps;
use crate::quantity::{Undefined, hundred};
use crate::tree::Tree;
use crate::{Check, CheckStatus, Figure, Measure, Quantity, Rule};

/// How many measures each indicator has: the width of a [`Table`] row.
const MEASURES: usize = Measure::ALL.len();

/// The slot of (indicator index, measure) in a [`Table`]: slots are in
/// (indicator, measure) order.
#[allow(
    clippy::arithmetic_side_effects,
    reason = "i is the index of an indicator, and a table has MEASURES slots for each: \
              i × MEASURES + m is the index of a slot that is in memory"
)]
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
    /// Per slot of a parent, how many of its children have that measure:
    /// whether all of them do is asked on every pass of the fixpoint, for
    /// a sum of children, and whether all but one do for each child, for
    /// a residual; counting them each time would be quadratic in the
    /// number of children.
    children_known: Vec<usize>,
    /// Per slot of a parent, the sum (wrapping) of the indices of those
    /// children: with all but one known, the one missing is the sum of all
    /// less this.
    children_sum: Vec<usize>,
}

impl Table {
    /// An empty table for `n` indicators, with room for `room` figures:
    /// as many as can be found is made at once, as growing the table would
    /// copy every figure found so far.
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "n is the number of indicators of a dataset in memory, each far larger than \
                  MEASURES slots"
    )]
    fn new(n: usize, room: usize) -> Self {
        Table {
            index: vec![None; n * MEASURES],
            figures: Vec::with_capacity(room),
            children_known: vec![0; n * MEASURES],
            children_sum: vec![0; n * MEASURES],
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

    /// Adds the figure of an unknown (i, m), whose parent is `parent`.
    fn insert(&mut self, i: usize, m: Measure, parent: Option<usize>, f: Figure) {
        self.index[slot(i, m)] = Some(self.figures.len());
        self.figures.push(Some(f));
        if let Some(p) = parent {
            // At most the number of its children: no overflow.
            let known = &mut self.children_known[slot(p, m)];
            *known = known.saturating_add(1);
            let sum = &mut self.children_sum[slot(p, m)];
            *sum = sum.wrapping_add(i);
        }
    }

    /// How many children of `p` have measure `m` known.
    fn children_known(&self, p: usize, m: Measure) -> usize {
        self.children_known[slot(p, m)]
    }

    /// The sum (wrapping) of the indices of the children of `p` with
    /// measure `m` known.
    fn children_sum(&self, p: usize, m: Measure) -> usize {
        self.children_sum[slot(p, m)]
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
        (
            Measure::Value | Measure::Previous | Measure::ValueCurrent | Measure::Contribution,
            Rule::SumOfChildren,
        ) => ind.exhaustive && !kids.is_empty() && (m == Measure::Contribution || level),
        // The structures of the parts of an exhaustive parent add up to
        // its own, under the root to 100.
        (Measure::Structure, Rule::SumOfChildren) => ind.exhaustive && !kids.is_empty() && level,
        // Shares are contributions over the root's growth: the children's
        // add up to the parent's, and under the root to 100. Written as a
        // rule so that shares reported side by side are checked against
        // the root's 100 (its share of its own growth) on their own.
        (Measure::Share, Rule::SumOfChildren) => ind.exhaustive && !kids.is_empty(),
        (
            Measure::Value | Measure::Previous | Measure::ValueCurrent | Measure::Contribution,
            Rule::Residual,
        ) => {
            tree.parent[i].is_some_and(|p| ds.indicators[p].exhaustive)
                && (m == Measure::Contribution || level)
        }
        (Measure::Value, Rule::ValueFromPrevious)
        | (Measure::Previous, Rule::PreviousFromGrowth)
        | (Measure::Growth, Rule::GrowthFromLevels) => level,
        (Measure::Index, Rule::IndexFromChildren) => index && !kids.is_empty(),
        (Measure::Index, Rule::IndexFromGrowth) => index,
        // A flow or stock may report its index (format 1.1): its growth is
        // then index − 100, as an index indicator's is.
        (Measure::Growth, Rule::GrowthFromIndex) => index || !ind.index.is_empty(),
        // The points of a dataset of the growth of total value added
        // (`contribution_base = "gva"`) add up to that growth, which is
        // not the root's (GDP's): the root's contribution is then the sum
        // of its parts' alone.
        (Measure::Contribution, Rule::ContributionOfRoot) => {
            root == i && whole(ds, i) == Measure::Growth
        }
        (Measure::Contribution, Rule::ContributionFromLevels) => root != i && level,
        // The root of a tree is 100: the whole its parts are shares of. An
        // indicator alone (no parent, no children) has no structure.
        (Measure::Structure, Rule::Structure | Rule::StructureAtCurrentPrices) => {
            level && (root != i || !kids.is_empty())
        }
        // The root is 100 without its level, for the structures reported
        // under it to be checked against (only in a tree that reports
        // one: a format 1 dataset's figures stay as they were).
        (Measure::Structure, Rule::StructureOfRoot) => {
            level
                && root == i
                && !kids.is_empty()
                && tree.members[i]
                    .iter()
                    .any(|&k| !ds.indicators[k].structure.is_empty())
        }
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

/// The figure of the root `root` that its parts' points add up to and
/// their shares are shares of: its growth; or, in a tree of levels whose
/// points are of the growth of total value added (`contribution_base =
/// "gva"`, the national office's), its contribution: the sum of the
/// parts' points, which is not GDP's growth. (An index's points, the
/// IIP's, are of its own growth whatever the base.)
fn whole(ds: &Dataset, root: usize) -> Measure {
    let levels = matches!(ds.indicators[root].kind, Kind::Flow | Kind::Stock);
    if levels && ds.contribution_base == ContributionBase::ValueAdded {
        Measure::Contribution
    } else {
        Measure::Growth
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
    /// By the slot of a parent's figure, the evidence of it and its
    /// children's (`None` when one is unknown), made once for all the
    /// residuals of its children.
    families: BTreeMap<usize, Option<Family>>,
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
        Measure::Structure => &[
            Rule::Reported,
            Rule::StructureAtCurrentPrices,
            Rule::Structure,
            Rule::StructureOfRoot,
            Rule::SumOfChildren,
        ],
        Measure::ValueCurrent => &[Rule::Reported, Rule::SumOfChildren, Rule::Residual],
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
    problems: RefCell<Problems>,
    /// Slots whose derivation overflowed at least once: each is told if no
    /// rule gives it in the end.
    too_large: RefCell<BTreeSet<usize>>,
    /// Slots of reported figures too large to compute with: absent, told,
    /// and never derived in their stead.
    unusable: RefCell<BTreeSet<usize>>,
    /// Per parent, the sum of its children's weights in the period, made
    /// once: each child's contribution from weights divides by it.
    weight_sums: Vec<OnceCell<Result<Quantity, Miss>>>,
    /// Indicators that can have a figure in this period, in dataset order:
    /// those with an observation for it (or its comparison period), their
    /// ancestors, and the children of an exhaustive active parent
    /// (residuals). Others can derive nothing, so the fixpoint skips them:
    /// most indicators have no quarterly data, and quarters are derived for
    /// every trend.
    active: Vec<usize>,
    /// By indicator, whether it is in `active`.
    is_active: Vec<bool>,
    /// Some level of the period is given at current prices: structures
    /// are then taken from those alone.
    current_prices: bool,
    /// Some figure of the dataset is approximate ("hơn 24000"): the
    /// figures derived are then told whether they rest on one.
    approximate: bool,
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
                    || i.structure.contains_key(&period)
                    || i.value_current.contains_key(&period)
            })
            .collect();
        // Up to the roots, and down to the children of exhaustive parents,
        // from each indicator made active once: linear in the indicators,
        // however deep the trees.
        let mut work: Vec<usize> = (0..active.len()).filter(|i| active[*i]).collect();
        while let Some(i) = work.pop() {
            let up = tree.parent[i].into_iter();
            let down = ds.indicators[i]
                .exhaustive
                .then_some(&tree.children[i])
                .into_iter()
                .flatten()
                .copied();
            for k in up.chain(down) {
                if !active[k] {
                    active[k] = true;
                    work.push(k);
                }
            }
        }
        Deriver {
            ds,
            tree,
            plan,
            period,
            purpose,
            problems: RefCell::new(Problems::default()),
            too_large: RefCell::new(BTreeSet::new()),
            unusable: RefCell::new(BTreeSet::new()),
            weight_sums: (0..active.len()).map(|_| OnceCell::new()).collect(),
            active: (0..active.len()).filter(|i| active[*i]).collect(),
            is_active: active,
            current_prices: ds
                .indicators
                .iter()
                .any(|i| i.value_current.contains_key(&period)),
            approximate: ds.indicators.iter().any(|i| {
                i.observations()
                    .any(|m| m.values().any(|n| n.approx.is_some()))
            }),
        }
    }

    /// The measures derived.
    fn measures(&self) -> &'static [Measure] {
        match self.purpose {
            Purpose::Report => &Measure::ALL,
            Purpose::Growth => &LEVELS,
        }
    }

    /// [`whole`] of the root `root`.
    fn whole(&self, root: usize) -> Measure {
        whole(self.ds, root)
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
        let room = self.active.len().saturating_mul(self.measures().len());
        let mut table = Table::new(self.ds.indicators.len(), room);
        // Every figure is tried in the first round, and with residuals in
        // the first round that has them.
        let mut schedule = Schedule::default();
        for &i in &self.active {
            for &m in self.measures() {
                schedule.next.insert(slot(i, m));
                if self.plan.rules(i, m).any(|r| r == Rule::Residual) {
                    schedule.residual.insert(slot(i, m));
                }
            }
        }
        let mut first = true;
        loop {
            // Direct rules until they stall, then one round with residuals.
            let mut progress = self.round(&mut table, &mut schedule, first, false);
            first = false;
            if !progress {
                progress = self.round(&mut table, &mut schedule, false, true);
            }
            if !progress {
                break;
            }
        }
        // Figures that overflowed every way they could be derived.
        let too_large = self.too_large.take();
        for s in too_large {
            let (i, m) = unslot(s);
            if !table.contains(i, m) && !self.unusable.borrow().contains(&s) {
                self.too_large_problem(i, m, None);
            }
        }
        (table, self.problems.take().list)
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
    ///
    /// A missing figure tried again with none of its inputs changed fails
    /// again, with nothing new to tell (each rule's result, and what it
    /// tells, depend on its inputs only), so a round tries only the
    /// figures `schedule` holds: those with an input found since they were
    /// last tried, and in a round with residuals those whose residual has.
    /// Every figure found schedules the figures that read it: later in
    /// (indicator, measure) order, in this round, else in the next. The
    /// figures found, the rounds and what is told are those of trying every
    /// missing figure in every round, without the cost: a chain of sums
    /// n deep takes n rounds.
    fn round(
        &self,
        table: &mut Table,
        schedule: &mut Schedule,
        first: bool,
        residuals: bool,
    ) -> bool {
        let mut queue = std::mem::take(&mut schedule.next);
        if residuals {
            queue.append(&mut schedule.residual);
        }
        let mut progress = false;
        while let Some(s) = queue.pop_first() {
            let (i, m) = unslot(s);
            if table.contains(i, m) || self.unusable.borrow().contains(&s) {
                continue;
            }
            if let Some(f) = self.first_rule(table, i, m, first, residuals) {
                table.insert(i, m, self.tree.parent[i], f);
                progress = true;
                self.readers(table, i, m, |d, residual| {
                    if d > s && (residuals || !residual) {
                        queue.insert(d);
                    } else if residual {
                        schedule.residual.insert(d);
                    } else {
                        schedule.next.insert(d);
                    }
                });
            }
        }
        progress
    }

    /// The figure of the first rule that gives (i, m), of those the round
    /// allows.
    fn first_rule(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        first: bool,
        residuals: bool,
    ) -> Option<Figure> {
        for rule in self.plan.rules(i, m) {
            if (rule == Rule::Residual && !residuals) || (rule.is_reported() && !first) {
                continue;
            }
            if let Some(f) = self.apply(table, i, m, rule) {
                return Some(f);
            }
            // A reported figure too large to compute with is not
            // replaced by a derived one.
            if rule.is_reported() && self.unusable.borrow().contains(&slot(i, m)) {
                return None;
            }
        }
        None
    }

    /// Calls `f` with the slot of every missing figure that may read the
    /// figure (k, km) just found, and whether only its residual does. A
    /// rule reads its own indicator's figures, its children's (sums) and
    /// its root's (contributions, shares, structure); a residual its
    /// parent's and its siblings', and gives something only when all of
    /// them are known but itself. Calling too many is harmless (the figure
    /// is tried again, as every round once tried everything); too few
    /// would lose a figure.
    fn readers(&self, table: &Table, k: usize, km: Measure, mut f: impl FnMut(usize, bool)) {
        let tree = self.tree;
        let mut direct = |i: usize| {
            if self.is_active[i] {
                for &m in self.measures() {
                    f(slot(i, m), false);
                }
            }
        };
        direct(k);
        if let Some(p) = tree.parent[k] {
            direct(p);
        }
        if tree.root[k] == k
            && (matches!(km, Measure::Value | Measure::Previous | Measure::Growth)
                || km == self.whole(k))
        {
            for &member in &tree.members[k] {
                direct(member);
            }
        }
        // The one child still missing of `p`, once all others are known.
        let missing = |p: usize| {
            let kids = &tree.children[p];
            let known = table.children_known(p, km);
            (known.saturating_add(1) == kids.len())
                .then(|| tree.children_sum[p].wrapping_sub(table.children_sum(p, km)))
        };
        for p in [Some(k), tree.parent[k]].into_iter().flatten() {
            if let Some(child) = missing(p).filter(|c| self.is_active.get(*c) == Some(&true)) {
                f(slot(child, km), true);
            }
        }
    }

    /// The same rounds as [`Deriver::round`], trying every missing figure
    /// in each: what the schedule is tested against.
    #[cfg(test)]
    fn plain_round(&self, table: &mut Table, first: bool, residuals: bool) -> bool {
        let mut progress = false;
        for &i in &self.active {
            for &m in self.measures() {
                if table.contains(i, m) || self.unusable.borrow().contains(&slot(i, m)) {
                    continue;
                }
                if let Some(f) = self.first_rule(table, i, m, first, residuals) {
                    table.insert(i, m, self.tree.parent[i], f);
                    progress = true;
                }
            }
        }
        progress
    }

    /// [`Deriver::run`] with plain rounds.
    #[cfg(test)]
    pub(crate) fn run_plainly(&self) -> (Table, Vec<Check>) {
        let room = self.active.len().saturating_mul(self.measures().len());
        let mut table = Table::new(self.ds.indicators.len(), room);
        let mut first = true;
        loop {
            let mut progress = self.plain_round(&mut table, first, false);
            first = false;
            if !progress {
                progress = self.plain_round(&mut table, false, true);
            }
            if !progress {
                break;
            }
        }
        let too_large = self.too_large.take();
        for s in too_large {
            let (i, m) = unslot(s);
            if !table.contains(i, m) && !self.unusable.borrow().contains(&s) {
                self.too_large_problem(i, m, None);
            }
        }
        (table, self.problems.take().list)
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
            let mut n = 0_usize;
            self.inputs(i, m, fig.rule, |_, _| n = n.saturating_add(1));
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
        for rule in self.plan.rules(i, m) {
            if rule == fig.rule || rule.is_reported() {
                continue;
            }
            let new = if rule == Rule::Residual {
                self.residual_identity(table, i, m, fig, seen)
            } else {
                self.identity(table, i, m, rule, fig, seen)
            };
            if !new {
                continue;
            }
            let quantity = self.quantity(table, i, m, rule);
            if rule == Rule::Residual
                && let Some(Some(family)) =
                    self.tree.parent[i].and_then(|p| seen.families.get_mut(&slot(p, m)))
            {
                family.tried(quantity.is_ok());
            }
            let Ok(quantity) = quantity else {
                continue;
            };
            seen.identities.insert(seen.identity.clone());
            out.push(Alternative {
                quantity,
                rule,
                formula: self.formula(i, m, rule),
            });
        }
        out
    }

    /// Whether (i, m) by `rule` is independent evidence for `fig` (every
    /// input known, resting on reported figures none of which `fig` rests
    /// on) for an identity not yet checked, which it leaves in
    /// `seen.identity`.
    fn identity(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        rule: Rule,
        fig: &Figure,
        seen: &mut Seen,
    ) -> bool {
        let Seen {
            identities,
            deps,
            identity,
            ..
        } = seen;
        // Without every input, the rule gives nothing.
        deps.clear();
        let mut known = true;
        self.inputs(i, m, rule, |k, km| match table.get(k, km) {
            Some(f) => deps.extend_from_slice(f.deps.as_slice()),
            None => known = false,
        });
        if !known {
            return false;
        }
        deps.sort_unstable();
        deps.dedup();
        if deps.is_empty() || !fig.deps.is_disjoint(deps) {
            return false; // the same evidence twice proves nothing
        }
        identity.clear();
        identity.extend_from_slice(fig.deps.as_slice());
        identity.extend_from_slice(deps);
        identity.sort_unstable();
        // Not seen from another side.
        !identities.contains(identity.as_slice())
    }

    /// [`Deriver::identity`] for the residual of `i`, its parent less its
    /// siblings, without reading them all for each child. The evidence of
    /// the parent and of every child, counted once per parent: a child's
    /// own figure rests on nothing the others rest on when each slot of it
    /// is counted once; then the identity is all of that evidence (the
    /// same for every child, so checked once in all).
    fn residual_identity(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        fig: &Figure,
        seen: &mut Seen,
    ) -> bool {
        let Some(p) = self.tree.parent[i] else {
            return false;
        };
        let family = seen
            .families
            .entry(slot(p, m))
            .or_insert_with(|| self.family(table, p, m));
        let Some(family) = family else {
            return false; // the parent or a sibling is unknown
        };
        if family.done {
            return false;
        }
        let own = fig.deps.as_slice();
        let alone = |s: &usize| family.count.get(s) == Some(&1);
        // Its evidence only its own, and the others' not empty.
        if !own.iter().all(alone) || family.all.len() == own.len() {
            return false;
        }
        if seen.identities.contains(family.all.as_slice()) {
            family.done = true;
            return false;
        }
        seen.identity.clear();
        seen.identity.extend_from_slice(&family.all);
        true
    }

    /// The evidence of `p`'s `m` and of its children's, when all are known.
    fn family(&self, table: &Table, p: usize, m: Measure) -> Option<Family> {
        let mut count: BTreeMap<usize, usize> = BTreeMap::new();
        let kids = &self.tree.children[p];
        for k in std::iter::once(&p).chain(kids) {
            for &s in table.get(*k, m)?.deps.as_slice() {
                let n = count.entry(s).or_insert(0);
                *n = n.saturating_add(1);
            }
        }
        Some(Family {
            all: count.keys().copied().collect(),
            count,
            done: false,
            failed: 0,
        })
    }

    /// A figure of (i, m) by `rule`, with the table as it is: its value and
    /// evidence, not yet described.
    fn apply(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Option<Figure> {
        if rule.is_reported() {
            return self.reported(i, m, rule);
        }
        let quantity = match self.quantity(table, i, m, rule) {
            Ok(quantity) => quantity,
            Err(Miss::TooLarge) => {
                self.too_large.borrow_mut().insert(slot(i, m));
                return None;
            }
            Err(Miss::Nothing) => return None,
        };
        Some(Figure {
            quantity,
            rule,
            at: None,
            // An exact constant (the root's 100) is exact whatever it
            // was derived from.
            approx: if quantity.lo == quantity.hi {
                None
            } else {
                self.approx(table, i, m, rule)
            },
            formula: String::new(),
            from: Vec::new(),
            deps: self.deps(table, i, m, rule),
        })
    }

    /// [`Approx::About`](baocao_dataset::Approx::About) when an input of
    /// (i, m) by `rule` is approximate, reported so or derived from one:
    /// derived from an approximate figure, a figure is approximate too.
    /// Read from the inputs rather than from the evidence, which a
    /// derivation of growth alone (a quarter's, seen from its year) does
    /// not keep.
    fn approx(
        &self,
        table: &Table,
        i: usize,
        m: Measure,
        rule: Rule,
    ) -> Option<baocao_dataset::Approx> {
        if !self.approximate {
            return None;
        }
        let mut approximate = false;
        self.inputs(i, m, rule, |k, km| {
            approximate |= table.get(k, km).is_some_and(|f| f.approx.is_some());
        });
        approximate.then_some(baocao_dataset::Approx::About)
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
                n = d.as_slice().len().saturating_add(n);
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
        let n = self.written(i, m)?;
        let Some(quantity) = Quantity::of(n) else {
            self.unusable.borrow_mut().insert(slot(i, m));
            self.too_large_problem(i, m, Some(&n.at));
            return None;
        };
        Some(Figure {
            quantity,
            rule,
            at: Some(n.at.clone()),
            approx: n.approx,
            formula: String::new(),
            from: Vec::new(),
            deps: Deps::One(slot(i, m)),
        })
    }

    /// The number written for (i, m) in the period, if any.
    fn written(&self, i: usize, m: Measure) -> Option<&'a baocao_dataset::Number> {
        let ind = self.ind(i);
        let t = self.period;
        match m {
            Measure::Value => ind.value.get(&t),
            Measure::Previous => ind.value.get(&t.previous()),
            Measure::Index => ind.index.get(&t),
            Measure::Growth => ind.growth.get(&t),
            Measure::Contribution => ind.contribution.get(&t),
            Measure::Share => ind.share.get(&t),
            Measure::Structure => ind.structure.get(&t),
            Measure::ValueCurrent => ind.value_current.get(&t),
        }
    }

    fn weight(&self, i: usize) -> Result<Quantity, Miss> {
        let w = &self.ind(i).weight;
        let n = w
            .get(&self.period)
            .or_else(|| w.get(&Period::Year(self.period.year())))
            .ok_or(Miss::Nothing)?;
        Quantity::of(n).ok_or(Miss::TooLarge)
    }

    /// The sum of the weights of `p`'s children, in their order.
    fn weight_sum(&self, p: usize) -> Result<Quantity, Miss> {
        let cell = self.weight_sums.get(p).ok_or(Miss::Nothing)?;
        *cell.get_or_init(|| {
            let mut sum = Quantity::exact(Decimal::ZERO);
            for &k in &self.tree.children[p] {
                sum = sum.add(self.weight(k)?)?;
            }
            Ok(sum)
        })
    }

    /// A figure too large to compute with: written at `at`, or derived
    /// from figures whose arithmetic overflows.
    fn too_large_problem(&self, i: usize, m: Measure, at: Option<&Location>) {
        let message = format!(
            "`{}` for {} is too large to compute with (more than 28 digits)",
            self.name(i, m),
            self.period
        );
        self.problem(format!("too_large_{m}"), i, message, at.cloned());
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
            None,
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
            None,
        );
    }

    /// A problem of the data, as a failed check of indicator `i`; told
    /// once however many times the fixpoint meets it.
    fn problem(&self, rule: String, i: usize, message: String, at: Option<Location>) {
        let mut problems = self.problems.borrow_mut();
        let id = self.ind(i).id.as_str().to_owned();
        if !problems.seen.insert((id.clone(), rule.clone())) {
            return;
        }
        problems.list.push(Check {
            rule,
            indicator: id,
            period: self.period,
            status: CheckStatus::Failed,
            expected: None,
            found: None,
            gap: None,
            message,
            at,
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
                Measure::Value
                | Measure::Previous
                | Measure::ValueCurrent
                | Measure::Contribution
                | Measure::Share
                | Measure::Structure,
                Rule::SumOfChildren,
            ) => {
                for &k in &self.tree.children[i] {
                    f(k, m);
                }
            }
            (
                Measure::Value | Measure::Previous | Measure::ValueCurrent | Measure::Contribution,
                Rule::Residual,
            ) => {
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
                f(root, self.whole(root));
            }
            (Measure::Share, Rule::ShareFromContribution) => {
                f(i, Measure::Contribution);
                f(root, self.whole(root));
            }
            (Measure::Structure, Rule::Structure) => {
                f(i, Measure::Value);
                if root != i {
                    f(root, Measure::Value);
                }
            }
            (Measure::Structure, Rule::StructureAtCurrentPrices) => {
                f(i, Measure::ValueCurrent);
                if root != i {
                    f(root, Measure::ValueCurrent);
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
            Rule::ContributionFromShare => [
                id,
                ".share × ",
                root_id,
                ".",
                self.whole(self.tree.root[i]).as_str(),
                " / 100",
            ]
            .concat(),
            Rule::ShareFromContribution => [
                id,
                ".contribution / ",
                root_id,
                ".",
                self.whole(self.tree.root[i]).as_str(),
                " × 100",
            ]
            .concat(),
            Rule::Structure if id == root_id => [id, ".value is the whole: 100"].concat(),
            Rule::Structure => [id, ".value / ", root_id, ".value × 100"].concat(),
            Rule::StructureAtCurrentPrices if id == root_id => {
                [id, ".value_current is the whole: 100"].concat()
            }
            Rule::StructureAtCurrentPrices => {
                [id, ".value_current / ", root_id, ".value_current × 100"].concat()
            }
            Rule::StructureOfRoot => [id, " is the whole: 100"].concat(),
            // Made outside the table, with its formula (`parts_of_year`).
            Rule::Reported | Rule::ReportedPrevious | Rule::ContributionToYear => String::new(),
        }
    }

    /// The value of (i, m) by `rule`, with the table as it is, or why
    /// there is none: an input is unknown or the rule does not hold for
    /// these values ([`Miss::Nothing`]), or the arithmetic overflows
    /// ([`Miss::TooLarge`]). The rule must be one the [`Plan`] lets run:
    /// whether it applies to the indicator at all is not asked again here.
    /// Every input is looked up before any arithmetic: most attempts of
    /// the fixpoint miss one.
    fn quantity(&self, table: &Table, i: usize, m: Measure, rule: Rule) -> Result<Quantity, Miss> {
        debug_assert!(applies(self.ds, self.tree, i, m, rule));
        let root = self.tree.root[i];
        let g = |j: usize, mm: Measure| table.quantity(j, mm).ok_or(Miss::Nothing);
        let hundred = hundred();
        match (m, rule) {
            (
                Measure::Value
                | Measure::Previous
                | Measure::ValueCurrent
                | Measure::Contribution
                | Measure::Share
                | Measure::Structure,
                Rule::SumOfChildren,
            ) => {
                let kids = &self.tree.children[i];
                if table.children_known(i, m) != kids.len() {
                    return Err(Miss::Nothing);
                }
                let mut sum = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    sum = sum.add(g(k, m)?)?;
                }
                Ok(sum)
            }
            (
                Measure::Value | Measure::Previous | Measure::ValueCurrent | Measure::Contribution,
                Rule::Residual,
            ) => {
                let p = self.tree.parent[i].ok_or(Miss::Nothing)?;
                let siblings = &self.tree.children[p];
                // Every sibling known but `i`, whether `i` is or not.
                let others = table
                    .children_known(p, m)
                    .saturating_sub(usize::from(table.contains(i, m)));
                if others.saturating_add(1) != siblings.len() {
                    return Err(Miss::Nothing);
                }
                let mut rest = g(p, m)?;
                for &k in siblings {
                    if k != i {
                        rest = rest.sub(g(k, m)?)?;
                    }
                }
                // A level cannot be below zero: parts above their whole are
                // an inconsistency of the data, not a negative sector.
                if m != Measure::Contribution && rest.value < Decimal::ZERO {
                    if rest.hi < Decimal::ZERO {
                        self.parts_above_whole(i, m, p);
                    }
                    return Err(Miss::Nothing);
                }
                Ok(rest)
            }
            (Measure::Value, Rule::ValueFromPrevious) => {
                let prev = g(i, Measure::Previous)?;
                let gr = g(i, Measure::Growth)?;
                Ok(prev.mul(hundred.add(gr)?)?.div(hundred)?)
            }
            (Measure::Previous, Rule::PreviousFromGrowth) => {
                let v = g(i, Measure::Value)?;
                let gr = g(i, Measure::Growth)?;
                let one_plus = Quantity::exact(Decimal::ONE).add(gr.div(hundred)?)?;
                if one_plus.value.is_zero() {
                    self.divide_by_zero(i, m, "1 + growth / 100");
                    return Err(Miss::Nothing);
                }
                Ok(v.div(one_plus)?)
            }
            (Measure::Index, Rule::IndexFromChildren) => {
                let kids = &self.tree.children[i];
                if table.children_known(i, Measure::Index) != kids.len() {
                    return Err(Miss::Nothing);
                }
                let mut num = Quantity::exact(Decimal::ZERO);
                let mut den = Quantity::exact(Decimal::ZERO);
                for &k in kids {
                    let w = self.weight(k)?;
                    num = num.add(w.mul(g(k, Measure::Index)?)?)?;
                    den = den.add(w)?;
                }
                Ok(num.div(den)?)
            }
            (Measure::Index, Rule::IndexFromGrowth) => Ok(hundred.add(g(i, Measure::Growth)?)?),
            (Measure::Growth, Rule::GrowthFromIndex) => Ok(g(i, Measure::Index)?.sub(hundred)?),
            (Measure::Growth, Rule::GrowthFromLevels) => {
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                if p.value.is_zero() {
                    self.divide_by_zero(i, m, "the previous level");
                    return Err(Miss::Nothing);
                }
                Ok(v.div(p)?.mul(hundred)?.sub(hundred)?)
            }
            (Measure::Contribution, Rule::ContributionOfRoot) => g(i, Measure::Growth),
            (Measure::Contribution, Rule::ContributionFromLevels) => {
                let v = g(i, Measure::Value)?;
                let p = g(i, Measure::Previous)?;
                let rp = g(root, Measure::Previous)?;
                if rp.value.is_zero() {
                    self.divide_by_zero(i, m, "the root's previous level");
                    return Err(Miss::Nothing);
                }
                Ok(v.sub(p)?.div(rp)?.mul(hundred)?)
            }
            (Measure::Contribution, Rule::ContributionFromWeights) => {
                let index = g(i, Measure::Index)?;
                let p = self.tree.parent[i].ok_or(Miss::Nothing)?;
                let den = self.weight_sum(p)?;
                let w = self.weight(i)?;
                let gi = index.sub(hundred)?;
                Ok(w.mul(gi)?.div(den)?)
            }
            (Measure::Contribution, Rule::ContributionFromShare) => {
                let s = g(i, Measure::Share)?;
                let gr = g(root, self.whole(root))?;
                Ok(s.mul(gr)?.div(hundred)?)
            }
            (Measure::Share, Rule::ShareFromContribution) => {
                let c = g(i, Measure::Contribution)?;
                let gr = g(root, self.whole(root))?;
                if gr.value.is_zero() {
                    // No growth to share out: the share is undefined, not an error.
                    return Err(Miss::Nothing);
                }
                let share = c.div(gr)?.mul(hundred)?;
                // The root's share of its own growth is 100 exactly (when a
                // growth near zero allows a share at all), not the interval
                // of g / g: its children's shares are checked against 100.
                Ok(if i == root {
                    Quantity::exact(Decimal::ONE_HUNDRED)
                } else {
                    share
                })
            }
            // With levels at current prices for the period, the structure
            // is theirs alone: constant prices would weigh the sectors by
            // the prices of the base year.
            (Measure::Structure, Rule::Structure) if self.current_prices => Err(Miss::Nothing),
            (Measure::Structure, Rule::Structure | Rule::StructureAtCurrentPrices) => {
                let level = if rule == Rule::Structure {
                    Measure::Value
                } else {
                    Measure::ValueCurrent
                };
                let v = g(i, level)?;
                if root == i {
                    // Exactly 100, not the interval of v / v.
                    return if v.value.is_zero() {
                        Err(Miss::Nothing)
                    } else {
                        Ok(Quantity::exact(Decimal::ONE_HUNDRED))
                    };
                }
                let rv = g(root, level)?;
                if rv.value.is_zero() {
                    return Err(Miss::Nothing);
                }
                Ok(v.div(rv)?.mul(hundred)?)
            }
            (Measure::Structure, Rule::StructureOfRoot) => {
                Ok(Quantity::exact(Decimal::ONE_HUNDRED))
            }
            _ => Err(Miss::Nothing),
        }
    }
}

/// The missing figures the next rounds try, by slot.
#[derive(Default)]
struct Schedule {
    /// The next round's: an input of theirs was found since they were
    /// last tried.
    next: BTreeSet<usize>,
    /// The next round with residuals': an input of their residual was
    /// found since it was last tried.
    residual: BTreeSet<usize>,
}

/// Why a rule gives no figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Miss {
    /// An input is unknown, or the rule does not hold for these values (a
    /// divisor that is or may be zero, parts above their whole): nothing
    /// to tell here (a division by zero and parts above their whole are
    /// told where they are met).
    Nothing,
    /// The arithmetic overflows: told when no rule gives the figure.
    TooLarge,
}

impl From<Undefined> for Miss {
    fn from(u: Undefined) -> Self {
        match u {
            Undefined::TooLarge => Miss::TooLarge,
            Undefined::ZeroDivisor => Miss::Nothing,
        }
    }
}

/// The problems met while deriving, each told once.
#[derive(Default)]
struct Problems {
    list: Vec<Check>,
    /// (indicator id, rule) of each in `list`.
    seen: BTreeSet<(String, String)>,
}

/// The evidence of a parent's figure and its children's, for the checks
/// of residuals.
struct Family {
    /// Every reported figure any of them rests on, sorted: the identity
    /// the residual of any child checks.
    all: Vec<usize>,
    /// For each, how many of them rest on it.
    count: BTreeMap<usize, usize>,
    /// Whether no more residual of a child is to be tried: the identity is
    /// checked, or too many were tried in vain.
    done: bool,
    /// How many residuals were tried in vain (parts above their whole, or
    /// an overflow): each costs a pass over the children.
    failed: usize,
}

impl Family {
    /// The most residuals of one parent's children tried in vain before
    /// the rest are left untried: past it, a parent with thousands of
    /// children, listed after them and smaller than their sum, would cost
    /// a pass over them for each. The identity is then the parent's sum of
    /// children, checked when the parent's turn comes.
    const MAX_FAILED: usize = 64;

    /// Records a residual tried: made, or in vain.
    fn tried(&mut self, made: bool) {
        if made {
            self.done = true;
        } else {
            self.failed = self.failed.saturating_add(1);
            self.done = self.failed >= Self::MAX_FAILED;
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use std::path::Path;

    use baocao_datagen::shape::Shape;

    use super::*;

    /// Everything a derivation gives, slot by slot, and what it tells.
    fn outcome(table: &Table, problems: &[Check]) -> String {
        let mut out = String::new();
        for (i, m, f) in table.iter() {
            out.push_str(&format!("{i} {m}: {f:?}\n"));
        }
        out.push_str(&format!("{problems:#?}"));
        out
    }

    /// Derives every period of `ds` (and the quarters of its years) both
    /// ways, for a report and for a trend: the same figures, rules,
    /// evidence and problems.
    fn same_both_ways(ds: &Dataset, what: &str) {
        let tree = Tree::new(ds);
        let plan = Plan::new(ds, &tree);
        let mut periods = ds.periods();
        periods.extend(periods.clone().iter().flat_map(|p| p.quarters_so_far()));
        for period in periods {
            for purpose in [Purpose::Report, Purpose::Growth] {
                let (t, p) = Deriver::new(ds, &tree, &plan, period, purpose).run();
                let (u, q) = Deriver::new(ds, &tree, &plan, period, purpose).run_plainly();
                assert_eq!(
                    outcome(&t, &p),
                    outcome(&u, &q),
                    "{what}, {period}, {purpose:?}"
                );
            }
        }
    }

    /// The scheduled rounds find what trying every figure in every round
    /// finds: on every dataset of the repository, on datasets of every
    /// shape, and on deep and wide trees.
    #[test]
    fn scheduled_rounds_find_what_plain_rounds_find() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut files = Vec::new();
        for folder in [
            "crates/baocao-calc/tests/fixtures",
            "tests/datasets/real",
            "tests/datasets/cases",
            "tests/fuzz/dataset",
            "config/hanoi/data",
        ] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "toml") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut unread = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            // The fixtures end with what they expect, which is no dataset.
            let text = text.split("\n[expected").next().unwrap();
            match baocao_dataset::read_str(text, "f.toml") {
                Ok(ds) => same_both_ways(&ds, &path.display().to_string()),
                // The fuzz corpus holds broken files on purpose.
                Err(_) if path.to_string_lossy().contains("tests/fuzz/") => {}
                Err(_) => unread.push(path.display().to_string()),
            }
        }
        // notes.toml alone has no [dataset]: every other file must read.
        assert!(unread.len() <= 1, "unread: {unread:?}");
        for seed in 0..150 {
            let sample = Shape::draw(seed).dataset(seed);
            let ds = baocao_dataset::read_str(&sample.text, "s.toml").unwrap();
            same_both_ways(&ds, &format!("shape {seed}"));
        }
        for text in [
            baocao_datagen::stress::deep_chain(40),
            baocao_datagen::stress::many_children(30),
        ] {
            let ds = baocao_dataset::read_str(&text, "stress.toml").unwrap();
            same_both_ways(&ds, "stress");
        }
    }
}
