//! Figures and where they came from.

use std::collections::BTreeSet;
use std::fmt;

use baocao_dataset::Location;
use rust_decimal::Decimal;

use crate::Quantity;

/// Which figure of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// The level in the period (flow: over it; stock: at its end).
    Value,
    /// The level in the comparison period (the same period a year earlier).
    Previous,
    /// The index, same period a year earlier = 100.
    Index,
    /// Growth, %.
    Growth,
    /// Contribution to the root's growth, percentage points.
    Contribution,
    /// Share of the root's growth, %.
    Share,
    /// Share of the root's level, %.
    Structure,
}

impl Measure {
    /// Every measure, in the order they are derived and printed.
    pub const ALL: [Measure; 7] = [
        Measure::Value,
        Measure::Previous,
        Measure::Index,
        Measure::Growth,
        Measure::Contribution,
        Measure::Share,
        Measure::Structure,
    ];

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
    /// The formula with the figures it used, for derived figures
    /// ("industry.contribution / grdp.growth × 100").
    pub formula: String,
    /// The figures it was derived from ("industry.contribution").
    pub from: Vec<String>,
    /// The reported figures it rests on, by (indicator index, measure):
    /// two derivations are independent evidence only when these are disjoint.
    pub(crate) deps: BTreeSet<(usize, Measure)>,
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
