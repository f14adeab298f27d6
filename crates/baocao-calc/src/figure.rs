//! Figures and where they came from.

use std::fmt;

use baocao_dataset::{Approx, Location};
use rust_decimal::Decimal;

use crate::Quantity;

/// Which figure of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// The level in the period (flow: over it; stock: at its end).
    Value,
    /// The level in the comparison period (the same period a year earlier).
    Previous,
    /// The level in the period at current prices (format 1.1); `value` is
    /// then at constant prices. Before the measures read from it.
    ValueCurrent,
    /// The index, same period a year earlier = 100.
    Index,
    /// Growth, %.
    Growth,
    /// Contribution to the root's growth, percentage points.
    Contribution,
    /// Share of the root's growth, %.
    Share,
    /// Share of the root's level, %: at current prices when the dataset
    /// gives them for the period, else of `value`.
    Structure,
}

impl Measure {
    /// Every measure, in the order they are derived and printed.
    pub const ALL: [Measure; 8] = [
        Measure::Value,
        Measure::Previous,
        Measure::ValueCurrent,
        Measure::Index,
        Measure::Growth,
        Measure::Contribution,
        Measure::Share,
        Measure::Structure,
    ];

    /// Its position in [`Measure::ALL`]: the column of the engine's table.
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The key used in JSON and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Value => "value",
            Measure::Previous => "previous",
            Measure::Index => "index",
            Measure::Growth => "growth",
            Measure::Contribution => "contribution",
            Measure::Share => "share",
            Measure::Structure => "structure",
            Measure::ValueCurrent => "value_current",
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a figure was obtained: one row of the spec's "What the engine derives".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Written in the dataset for this period.
    Reported,
    /// The comparison period's level, written in the dataset.
    ReportedPrevious,
    /// g = I − 100.
    GrowthFromIndex,
    /// g = V_t / V_t−1 × 100 − 100.
    GrowthFromLevels,
    /// I = 100 + g.
    IndexFromGrowth,
    /// I = Σ w I / Σ w over the children.
    IndexFromChildren,
    /// V_t−1 = V_t / (1 + g/100).
    PreviousFromGrowth,
    /// V_t = V_t−1 × (1 + g/100).
    ValueFromPrevious,
    /// An exhaustive parent is the sum of its children.
    SumOfChildren,
    /// The one missing child of an exhaustive parent.
    Residual,
    /// At the root, the contribution is the growth.
    ContributionOfRoot,
    /// c = (V_t − V_t−1) / V_R,t−1 × 100.
    ContributionFromLevels,
    /// c = w (I − 100) / Σ w over the child and its siblings.
    ContributionFromWeights,
    /// c = s × g_R / 100.
    ContributionFromShare,
    /// s = c / g_R × 100.
    ShareFromContribution,
    /// k = V / V_R × 100.
    Structure,
    /// k = V_current / V_R,current × 100 (format 1.1): structure is a
    /// matter of current prices, as statistics offices compute it.
    StructureAtCurrentPrices,
    /// The root of a tree is the whole: 100, whatever its level.
    StructureOfRoot,
    /// (V_q − V_q,t−1) / V_year,t−1 × 100: a quarter's part of its
    /// year's growth.
    ContributionToYear,
}

impl Rule {
    /// A stable snake_case name, used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Reported => "reported",
            Rule::ReportedPrevious => "reported_previous",
            Rule::GrowthFromIndex => "growth_from_index",
            Rule::GrowthFromLevels => "growth_from_levels",
            Rule::IndexFromGrowth => "index_from_growth",
            Rule::IndexFromChildren => "index_from_children",
            Rule::PreviousFromGrowth => "previous_from_growth",
            Rule::ValueFromPrevious => "value_from_previous",
            Rule::SumOfChildren => "sum_of_children",
            Rule::Residual => "residual",
            Rule::ContributionOfRoot => "contribution_of_root",
            Rule::ContributionFromLevels => "contribution_from_levels",
            Rule::ContributionFromWeights => "contribution_from_weights",
            Rule::ContributionFromShare => "contribution_from_share",
            Rule::ShareFromContribution => "share_from_contribution",
            Rule::Structure => "structure",
            Rule::StructureAtCurrentPrices => "structure_at_current_prices",
            Rule::StructureOfRoot => "structure_of_root",
            Rule::ContributionToYear => "contribution_to_year",
        }
    }

    /// Whether the figure was written in the dataset.
    pub fn is_reported(self) -> bool {
        matches!(self, Rule::Reported | Rule::ReportedPrevious)
    }
}

/// One figure: its exact value, the interval it stands for, and its origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// Exact value and interval.
    pub quantity: Quantity,
    /// How it was obtained.
    pub rule: Rule,
    /// Where it was written, for reported figures.
    pub at: Option<Location>,
    /// The word of an approximate figure: as reported ("hơn"), or
    /// [`Approx::About`] for a figure derived from an approximate one.
    pub approx: Option<Approx>,
    /// The formula with the figures it used, for derived figures
    /// ("industry.contribution / grdp.growth × 100").
    pub formula: String,
    /// The figures it was derived from ("industry.contribution").
    pub from: Vec<String>,
    /// The reported figures it rests on: two derivations are independent
    /// evidence only when these are disjoint.
    pub(crate) deps: Deps,
}

impl Figure {
    /// The exact value.
    pub fn value(&self) -> Decimal {
        self.quantity.value
    }

    /// Whether the figure was written in the dataset.
    pub fn is_reported(&self) -> bool {
        self.rule.is_reported()
    }

    /// Whether the figure, of measure `m`, is at current prices: a level
    /// given so, or a structure of such levels or of a release's (a
    /// reported structure, and what sums or bounds reported ones, 100 at
    /// the root); not a structure of `value`'s levels, which may be at the
    /// prices of a base year. The figures JSON and the templates both ask
    /// this.
    pub fn at_current_prices(&self, m: Measure) -> bool {
        match m {
            Measure::ValueCurrent => true,
            Measure::Structure => self.rule != Rule::Structure,
            _ => false,
        }
    }

    /// One line saying where the figure came from, for readers who check
    /// ("reported, data/hanoi.toml:12:30" or
    /// "derived: industry.contribution / grdp.growth × 100").
    pub fn provenance(&self) -> String {
        match (&self.at, self.rule.is_reported()) {
            (Some(at), true) => format!("reported, {at}"),
            (None, true) => "reported".to_owned(),
            _ => format!("derived: {}", self.formula),
        }
    }
}

/// A set of figures by their slot in the engine's table (indicator index ×
/// 7 + [`Measure::index`], so that slot order is (indicator, measure)
/// order), sorted, without repeats. A figure rests on a handful of reported
/// figures, and the checks only ask whether two sets are disjoint and what
/// their union is: a sorted vector answers both in one merge and is one
/// allocation, where a `BTreeSet` is a tree of them; and a set of one slot
/// (every reported figure, and what is derived from one alone) needs none.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Deps {
    /// One slot.
    One(usize),
    /// No slot, or two and more: never one, so that equal sets are equal.
    Many(Vec<usize>),
}

impl Default for Deps {
    fn default() -> Self {
        Deps::Many(Vec::new())
    }
}

impl Deps {
    /// The set of the slots given, in any order, with repeats.
    pub(crate) fn from_unsorted(mut slots: Vec<usize>) -> Self {
        slots.sort_unstable();
        slots.dedup();
        match slots.as_slice() {
            [one] => Deps::One(*one),
            _ => Deps::Many(slots),
        }
    }

    /// The slots, in order.
    pub(crate) fn as_slice(&self) -> &[usize] {
        match self {
            Deps::One(slot) => std::slice::from_ref(slot),
            Deps::Many(slots) => slots,
        }
    }

    /// Whether no slot is in both sets (`other` sorted).
    pub(crate) fn is_disjoint(&self, other: &[usize]) -> bool {
        let (mut a, mut b) = (self.as_slice().iter().peekable(), other.iter().peekable());
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => return false,
            }
        }
        true
    }
}

/// Printed as the set of (indicator index, measure) it stands for.
impl fmt::Debug for Deps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const N: usize = Measure::ALL.len();
        f.debug_set()
            .entries(self.as_slice().iter().map(|s| (s / N, Measure::ALL[s % N])))
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// A reported figure says where it was written, when that is known; a
    /// derived one shows its formula.
    #[test]
    fn provenance_of_each_origin() {
        let fig = |rule, at| Figure {
            quantity: Quantity::exact(Decimal::ONE),
            rule,
            at,
            approx: None,
            formula: "a.value − b.value".to_owned(),
            from: Vec::new(),
            deps: Deps::default(),
        };
        assert_eq!(fig(Rule::Reported, None).provenance(), "reported");
        assert_eq!(fig(Rule::ReportedPrevious, None).provenance(), "reported");
        let at = Location {
            file: "d.toml".into(),
            line: 3,
            column: 7,
        };
        let reported = fig(Rule::Reported, Some(at.clone()));
        assert_eq!(reported.provenance(), "reported, d.toml:3:7");
        let derived = fig(Rule::Residual, Some(at));
        assert_eq!(derived.provenance(), "derived: a.value − b.value");
    }

    /// One set, one value, and it prints as the set of (indicator,
    /// measure) it stands for.
    #[test]
    fn deps_are_sets_of_figures() {
        // The slot of (1, growth): one row of measures on.
        let g1 = Measure::ALL.len() + Measure::Growth.index();
        let g0 = Measure::Growth.index();
        let deps = Deps::from_unsorted(vec![g1, 0, g1, g0]);
        assert_eq!(deps.as_slice(), &[0, g0, g1]);
        assert_eq!(Deps::from_unsorted(vec![4, 4]), Deps::One(4));
        assert_eq!(Deps::from_unsorted(Vec::new()), Deps::default());
        assert!(deps.is_disjoint(&[1, 2, g1 + 1]));
        assert!(!deps.is_disjoint(&[2, g1]));
        let set = BTreeSet::from([
            (0, Measure::Value),
            (0, Measure::Growth),
            (1, Measure::Growth),
        ]);
        assert_eq!(format!("{deps:?}"), format!("{set:?}"));
    }
}
