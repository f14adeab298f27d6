//! The calculation engine: a dataset and a period in, every figure out.
//!
//! This is the pure centre of baocao. Given a [`Dataset`] and a [`Period`], it
//! derives every figure the spec's table names (growth, previous level,
//! contribution in percentage points of the root's growth, share of that
//! growth, structure, parent levels and indices, residuals), the quarterly
//! trend, counts of children that grew, top-n rankings, and the status of
//! targets; and it checks every identity it can by rounding intervals.
//! Beside the checks, it points out reported figures that pass them but
//! are most likely mistyped ([`in_series`], [`in_period`]).
//!
//! Rules it keeps (see `../shared/spec/dataset.md`):
//! - a reported figure is never altered, and a derived one never replaces it;
//! - arithmetic is exact decimal (`rust_decimal`), never binary floating point;
//!   nothing is rounded here: rounding happens when a figure is written out;
//! - a figure that cannot be derived is absent (`None`), never a made-up 0;
//!   one whose arithmetic would pass the 28 digits of an exact decimal is
//!   absent too, with a failed check (`too_large_<measure>`) naming it:
//!   no input panics, and `clippy::arithmetic_side_effects` is denied;
//! - every figure records its origin ([`Figure::rule`], [`Figure::from`]).
//!
//! It knows nothing of templates, formats, files or threads, and must never
//! depend on any baocao crate but `baocao-dataset`.
//!
//! ```
//! let ds = baocao_dataset::read_str(r#"
//! format = 1
//! [dataset]
//! region = "Hà Nội"
//! [[indicator]]
//! id = "grdp"
//! name = "GRDP"
//! kind = "flow"
//! unit = "tỷ đồng"
//! growth = { 2024 = 6.52 }
//! [[indicator]]
//! id = "industry"
//! name = "ngành công nghiệp"
//! kind = "flow"
//! unit = "tỷ đồng"
//! parent = "grdp"
//! contribution = { 2024 = 0.82 }
//! "#, "hanoi.toml").unwrap();
//! let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
//! let share = figures.get("industry").unwrap().share.as_ref().unwrap();
//! assert_eq!(share.value().round_dp(1).to_string(), "12.6");
//! assert_eq!(share.formula, "industry.contribution / grdp.growth × 100");
//! ```

#![deny(clippy::arithmetic_side_effects)]

mod derive;
mod figure;
mod json;
mod plausible;
mod quantity;
mod tree;

use std::collections::BTreeMap;

pub use baocao_dataset::{Better, Dataset, Op, Period, TargetMeasure};
use baocao_dataset::{Indicator, Kind, Target};
use rust_decimal::Decimal;

use derive::{Deriver, Plan, Purpose, Seen, Table};
pub use figure::{Figure, Measure, Rule};
pub use plausible::{Plausibility, Suspect, Suspicion, in_period, in_series};
pub use quantity::Quantity;
use tree::Tree;

/// Every figure of one indicator in one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorFigures {
    /// The indicator's id.
    pub id: String,
    /// Vietnamese label.
    pub name: String,
    /// English label, when the dataset gives one.
    pub name_en: Option<String>,
    /// What it measures.
    pub kind: Kind,
    /// Unit of its levels.
    pub unit: Option<String>,
    /// Its parent's id.
    pub parent: Option<String>,
    /// Its children's ids, in dataset order.
    pub children: Vec<String>,
    /// The root of its tree (itself for a root).
    pub root: String,
    /// Level in the period.
    pub value: Option<Figure>,
    /// Level in the comparison period.
    pub previous: Option<Figure>,
    /// Index (same period a year earlier = 100).
    pub index: Option<Figure>,
    /// Growth, %.
    pub growth: Option<Figure>,
    /// Contribution to the root's growth, percentage points.
    pub contribution: Option<Figure>,
    /// Share of the root's growth, %.
    pub share: Option<Figure>,
    /// Share of the root's level, %.
    pub structure: Option<Figure>,
    /// Level in the period at current prices (format 1.1).
    pub value_current: Option<Figure>,
    /// In a year's figures, each quarter's growth and contribution to the
    /// year's growth, as far as they are known (Q1 to Q4, those with
    /// neither left out).
    pub quarters: Vec<PartOfYear>,
    /// The quarterly trend of its growth, when every quarter so far is known.
    pub trend: Option<Trend>,
    /// How many children grew, when every child's growth is known.
    pub count: Option<Count>,
}

impl IndicatorFigures {
    /// The figure of one measure.
    pub fn figure(&self, m: Measure) -> Option<&Figure> {
        match m {
            Measure::Value => self.value.as_ref(),
            Measure::Previous => self.previous.as_ref(),
            Measure::Index => self.index.as_ref(),
            Measure::Growth => self.growth.as_ref(),
            Measure::Contribution => self.contribution.as_ref(),
            Measure::Share => self.share.as_ref(),
            Measure::Structure => self.structure.as_ref(),
            Measure::ValueCurrent => self.value_current.as_ref(),
        }
    }

    /// Whether nothing at all is known of the indicator in the period.
    pub fn is_empty(&self) -> bool {
        Measure::ALL.iter().all(|m| self.figure(*m).is_none())
            && self.trend.is_none()
            && self.count.is_none()
    }
}

/// A quarter seen from its year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartOfYear {
    /// The quarter.
    pub period: Period,
    /// Its growth over the same quarter a year earlier, %.
    pub growth: Option<Figure>,
    /// What its rise adds to the year's growth, percentage points:
    /// (V_q − V_q,t−1) / V_year,t−1 × 100, reported (format 1.1
    /// `contribution_to_year`) or derived from levels. The four quarters'
    /// add up to the year's growth.
    pub contribution_to_year: Option<Figure>,
}

/// The direction of growth over the quarters so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    /// Each quarter strictly higher than the one before ("quý sau cao hơn quý trước").
    Rising,
    /// Each quarter strictly lower than the one before.
    Falling,
    /// Neither.
    Mixed,
}

impl Trend {
    /// The spelling used in JSON and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Trend::Rising => "rising",
            Trend::Falling => "falling",
            Trend::Mixed => "mixed",
        }
    }
}

/// How many children grew (growth > 0) out of how many.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    /// Children with growth above 0.
    pub grew: usize,
    /// All children.
    pub of: usize,
}

/// Whether a consistency check held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CheckStatus {
    /// Some values within the written precision satisfy the identity.
    Ok,
    /// No values within the written precision satisfy it.
    Failed,
}

/// One consistency check: a figure against an independent way of getting it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// What was compared (`contribution_sum_of_children`, `growth_from_levels`, …).
    pub rule: String,
    /// The indicator whose figure was checked.
    pub indicator: String,
    /// The period.
    pub period: Period,
    /// Whether it held.
    pub status: CheckStatus,
    /// What the independent derivation gives.
    pub expected: Option<Decimal>,
    /// The figure as known (reported, or derived another way).
    pub found: Option<Decimal>,
    /// found − expected.
    pub gap: Option<Decimal>,
    /// One line for people.
    pub message: String,
    /// Where the checked figure was written, when it was reported (else
    /// the indicator is the place to look).
    pub at: Option<baocao_dataset::Location>,
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetStatus {
    /// A target for a later year (or for the year in progress).
    Pending,
    /// Beyond the plan in the good direction ("vượt"): above the floor of
    /// a `>=` or `>` target, or above a range, of an indicator where higher
    /// is better; below a range where lower is better. A cap (`<`, `<=`) is
    /// held or not: a CPI held below its cap is met, not exceeded.
    Exceeded,
    /// Met ("đạt").
    Met,
    /// Not met ("không đạt").
    NotMet,
    /// The figure it needs is absent.
    NoData,
}

impl TargetStatus {
    /// The spelling used in JSON and templates.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Pending => "pending",
            TargetStatus::Exceeded => "exceeded",
            TargetStatus::Met => "met",
            TargetStatus::NotMet => "not_met",
            TargetStatus::NoData => "no_data",
        }
    }
}

/// A target and how it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetResult {
    /// The target as written.
    pub target: Target,
    /// Its label (the target's own, else the indicator's name).
    pub label: String,
    /// Where it stands.
    pub status: TargetStatus,
    /// Which way is better for its indicator.
    pub better: Better,
    /// The figure it was judged on.
    pub actual: Option<Figure>,
    /// How far the figure is on the good side of the bound it is judged
    /// against (negative: on the wrong side), in the target's unit (points
    /// for a growth target): the floor of `>=`/`>`, the cap of `<=`/`<`;
    /// for a range, the bound the figure is beyond, or inside it the bound
    /// on the bad side (how far above the floor, how far under the cap).
    pub margin: Option<Decimal>,
    /// A value target's actual ÷ plan × 100 ("% so KH"); the plan of a
    /// range is its lower bound. `None` for growth and index targets, and
    /// for a plan of 0.
    pub percent_of_plan: Option<Decimal>,
}

impl TargetResult {
    /// Whether the target was reached: exceeded or met.
    pub fn reached(&self) -> bool {
        matches!(self.status, TargetStatus::Exceeded | TargetStatus::Met)
    }
}

/// Every figure of one period, with checks and targets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figures {
    /// The period.
    pub period: Period,
    /// The dataset's region.
    pub region: String,
    /// Some level of the period is given at current prices: the figures
    /// JSON then says the prices of each level, growth and structure.
    pub current_prices: bool,
    /// The dataset's format: the figures JSON of a format 1 dataset is
    /// the one it always was (no `quarters`).
    pub format: baocao_dataset::Format,
    /// What contributions are points of (the dataset's `contribution_base`).
    pub contribution_base: baocao_dataset::ContributionBase,
    /// Every indicator of the dataset, by id (those with nothing known have
    /// every figure `None`).
    pub indicators: BTreeMap<String, IndicatorFigures>,
    /// Every check made, in a stable order.
    pub checks: Vec<Check>,
    /// Targets for the next year (pending) and for this year (evaluated).
    pub targets: Vec<TargetResult>,
}

impl Figures {
    /// One indicator's figures.
    pub fn get(&self, id: &str) -> Option<&IndicatorFigures> {
        self.indicators.get(id)
    }

    /// The children of `id` with a known growth, ranked by growth, highest
    /// first; ties by id. At most `n`.
    pub fn top(&self, id: &str, n: usize) -> Vec<&IndicatorFigures> {
        let Some(parent) = self.get(id) else {
            return Vec::new();
        };
        let mut kids: Vec<(&IndicatorFigures, Decimal)> = parent
            .children
            .iter()
            .filter_map(|c| self.get(c))
            .filter_map(|c| c.growth.as_ref().map(|g| (c, g.value())))
            .collect();
        kids.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
        kids.into_iter().take(n).map(|(c, _)| c).collect()
    }

    /// Failed checks only.
    pub fn failed_checks(&self) -> impl Iterator<Item = &Check> {
        self.checks
            .iter()
            .filter(|c| c.status == CheckStatus::Failed)
    }

    /// The spec's JSON: exact decimals as strings, sorted keys, one
    /// trailing newline; byte-identical for the same input.
    pub fn to_json(&self) -> String {
        json::to_json(self)
    }
}

/// Computes every figure of `period`.
pub fn compute(ds: &Dataset, period: Period) -> Figures {
    compute_with(ds, period, Scope::Full)
}

/// How much [`compute_with`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scope {
    /// Every figure, the consistency checks, the quarterly trends, counts
    /// and targets: what a report needs.
    Full,
    /// Figures, counts and targets only, without checks and trends: what
    /// a table that looks back at last year needs, at a fraction of the cost.
    FiguresOnly,
}

/// Computes the figures of `period`, as much as `scope` asks.
pub fn compute_with(ds: &Dataset, period: Period, scope: Scope) -> Figures {
    let tree = Tree::new(ds);
    let plan = Plan::new(ds, &tree);
    let deriver = Deriver::new(ds, &tree, &plan, period, Purpose::Report);
    let (mut table, problems) = deriver.run();
    deriver.describe(&mut table);
    let full = scope == Scope::Full;
    let mut checks = if full {
        check(ds, &deriver, period, &table)
    } else {
        Vec::new()
    };
    checks.extend(problems);

    // Growth of each quarter so far, for the trends.
    let quarter_periods = if full {
        period.quarters_so_far()
    } else {
        Vec::new()
    };
    let quarters: Vec<Table> = quarter_periods
        .iter()
        .map(|q| {
            let deriver = Deriver::new(ds, &tree, &plan, *q, Purpose::Growth);
            let mut quarter = deriver.run().0;
            deriver.describe(&mut quarter);
            quarter
        })
        .collect();
    let mut parts = if period.is_year() {
        parts_of_year(ds, &table, &quarter_periods, &quarters, &mut checks)
    } else {
        Vec::new()
    };

    // Counts read the children's growth, so all are made before any figure
    // is moved out of the table.
    let mut counts: Vec<Option<Count>> = tree
        .children
        .iter()
        .map(|kids| count(&table, kids))
        .collect();
    // Inserted by id, so that each goes at the end of the map: in dataset
    // order, each would shift the large values after it in its node. The
    // sort is stable, so of two indicators with one id the later one still
    // wins.
    let mut order: Vec<usize> = (0..ds.indicators.len()).collect();
    order.sort_by_key(|&i| ds.indicators[i].id.as_str());
    let mut indicators = BTreeMap::new();
    for i in order {
        let ind = &ds.indicators[i];
        let mut fig = |m: Measure| table.take(i, m);
        let trend = trend(&quarters, i);
        let kids = &tree.children[i];
        let figures = IndicatorFigures {
            id: ind.id.as_str().to_owned(),
            name: ind.name.clone(),
            name_en: ind.name_en.clone(),
            kind: ind.kind,
            unit: ind.unit.clone(),
            parent: ind.parent.as_ref().map(|p| p.as_str().to_owned()),
            children: kids
                .iter()
                .map(|&k| ds.indicators[k].id.as_str().to_owned())
                .collect(),
            root: ds.indicators[tree.root[i]].id.as_str().to_owned(),
            value: fig(Measure::Value),
            previous: fig(Measure::Previous),
            index: fig(Measure::Index),
            growth: fig(Measure::Growth),
            contribution: fig(Measure::Contribution),
            share: fig(Measure::Share),
            structure: fig(Measure::Structure),
            value_current: fig(Measure::ValueCurrent),
            quarters: parts.get_mut(i).map(std::mem::take).unwrap_or_default(),
            trend,
            count: counts[i].take(),
        };
        indicators.insert(figures.id.clone(), figures);
    }
    let mut figures = Figures {
        period,
        region: ds.region.clone(),
        format: ds.format,
        current_prices: ds
            .indicators
            .iter()
            .any(|i| i.value_current.contains_key(&period)),
        contribution_base: ds.contribution_base,
        indicators,
        checks,
        targets: Vec::new(),
    };
    figures.targets = targets(ds, &figures);
    figures
}

/// Each indicator's quarters seen from the year (by indicator index):
/// growth and contribution to the year's growth, reported or derived;
/// with the checks of each reported contribution against the levels, and
/// of the four quarters' against the year's growth. The year's previous
/// level (`table`) is what every quarter's rise is measured against.
fn parts_of_year(
    ds: &Dataset,
    table: &Table,
    periods: &[Period],
    quarters: &[Table],
    checks: &mut Vec<Check>,
) -> Vec<Vec<PartOfYear>> {
    let mut all = Vec::with_capacity(ds.indicators.len());
    for (i, ind) in ds.indicators.iter().enumerate() {
        let id = ind.id.as_str();
        let year_before = table.get(i, Measure::Previous);
        let mut parts = Vec::new();
        for (q, quarter) in periods.iter().zip(quarters) {
            let derived = quarter_contribution(id, *q, quarter, i, year_before);
            let reported = ind.contribution_to_year.get(q).and_then(|n| {
                Some(Figure {
                    quantity: Quantity::of(n)?,
                    rule: Rule::Reported,
                    at: Some(n.at.clone()),
                    approx: n.approx,
                    formula: String::new(),
                    from: Vec::new(),
                    deps: figure::Deps::default(),
                })
            });
            if let (Some(r), Some(d)) = (&reported, &derived) {
                checks.push(compare(
                    "contribution_to_year_from_levels",
                    id,
                    *q,
                    r,
                    d.quantity,
                    &d.formula,
                    &format!("contribution to the year of `{id}` for {q}"),
                ));
            }
            let growth = quarter.get(i, Measure::Growth).cloned();
            let contribution_to_year = reported.or(derived);
            if growth.is_some() || contribution_to_year.is_some() {
                parts.push(PartOfYear {
                    period: *q,
                    growth,
                    contribution_to_year,
                });
            }
        }
        // The four quarters' rises are the year's: their points add up to
        // its growth. Checked where some were reported (derived from
        // levels alone, they would check the quarters' levels against the
        // year's, which the levels' own checks do).
        let points: Option<Vec<&Figure>> = (parts.len() == 4)
            .then(|| {
                parts
                    .iter()
                    .map(|p| p.contribution_to_year.as_ref())
                    .collect()
            })
            .flatten();
        if let (Some(points), Some(growth)) = (points, table.get(i, Measure::Growth))
            && points.iter().any(|p| p.is_reported())
        {
            let sum = points
                .iter()
                .try_fold(Quantity::exact(Decimal::ZERO), |sum, p| {
                    sum.checked_add(p.quantity)
                });
            if let Some(sum) = sum {
                checks.push(compare(
                    "growth_sum_of_quarters",
                    id,
                    Period::Year(table_year(periods)),
                    growth,
                    sum,
                    &format!("Σ {id}.contribution_to_year of Q1 … Q4"),
                    &format!("growth of `{id}` for {}", table_year(periods)),
                ));
            }
        }
        all.push(parts);
    }
    all
}

/// The year of a year's quarters.
fn table_year(quarters: &[Period]) -> i32 {
    quarters.first().map_or(0, |q| q.year())
}

/// (V_q − V_q,t−1) / V_year,t−1 × 100: what a quarter's rise adds to the
/// year's growth, from the quarter's levels and the year before's.
fn quarter_contribution(
    id: &str,
    q: Period,
    quarter: &Table,
    i: usize,
    year_before: Option<&Figure>,
) -> Option<Figure> {
    let v = quarter.get(i, Measure::Value)?;
    let p = quarter.get(i, Measure::Previous)?;
    let y = year_before?;
    let quantity = v
        .quantity
        .checked_sub(p.quantity)?
        .checked_div(y.quantity)?
        .checked_mul(Quantity::exact(Decimal::ONE_HUNDRED))?;
    let approx = [v, p, y]
        .iter()
        .any(|f| f.approx.is_some())
        .then_some(baocao_dataset::Approx::About);
    let year = q.year();
    let before = year.saturating_sub(1);
    Some(Figure {
        quantity,
        rule: Rule::ContributionToYear,
        at: None,
        approx,
        formula: format!("({id}.value − {id}.previous) of {q} / {id}.value of {before} × 100"),
        from: vec![
            format!("{id}.value of {q}"),
            format!("{id}.previous of {q}"),
            format!("{id}.value of {before}"),
        ],
        deps: figure::Deps::default(),
    })
}

/// A check of `fig` against `alt` (obtained by `formula`), as the
/// engine's checks are told.
fn compare(
    rule: &str,
    id: &str,
    period: Period,
    fig: &Figure,
    alt: Quantity,
    formula: &str,
    what: &str,
) -> Check {
    let ok = fig.quantity.overlaps(alt);
    let found = fig.value();
    let expected = alt.value;
    let gap = found.checked_sub(expected);
    let origin = if fig.is_reported() {
        "reported".to_owned()
    } else {
        format!("derived: {}", fig.formula)
    };
    let message = if ok {
        format!(
            "{what}: {} ({origin}) agrees with {formula} = {}",
            json::short(found),
            json::short(expected),
        )
    } else {
        format!(
            "{what} is {} ({origin}) but {formula} = {}: a gap of {} beyond the written precision",
            json::short(found),
            json::short(expected),
            gap.map_or_else(|| "?".to_owned(), json::short),
        )
    };
    Check {
        rule: rule.to_owned(),
        indicator: id.to_owned(),
        period,
        status: if ok {
            CheckStatus::Ok
        } else {
            CheckStatus::Failed
        },
        expected: Some(expected),
        found: Some(found),
        gap,
        message,
        at: fig.at.clone(),
    }
}

/// Whether a failed check of a level against a growth (or the growth
/// against the levels) fails the way levels at current prices beside a
/// growth at constant prices do: the levels rise faster than the growth
/// by what prices could add in a year (at most 15%; a wider gap is a
/// mistyped figure, not a price basis).
fn prices_of_levels(m: Measure, rule: Rule, check: &Check) -> bool {
    let (Some(found), Some(expected)) = (check.found, check.expected) else {
        return false;
    };
    let hundred = Decimal::ONE_HUNDRED;
    // How much faster the levels rise than the growth: (1 + g_levels) / (1 + g).
    let ratio = match (m, rule) {
        (Measure::Value, Rule::ValueFromPrevious) => found.checked_div(expected),
        (Measure::Previous, Rule::PreviousFromGrowth) => expected.checked_div(found),
        (Measure::Growth, Rule::GrowthFromLevels) => hundred
            .checked_add(expected)
            .zip(hundred.checked_add(found))
            .and_then(|(a, b)| a.checked_div(b)),
        _ => None,
    };
    ratio.is_some_and(|r| r > Decimal::ONE && r <= Decimal::new(115, 2))
}

/// How many of `kids` grew, when every one's growth is known.
fn count(table: &Table, kids: &[usize]) -> Option<Count> {
    if kids.is_empty() {
        return None;
    }
    let growth: Vec<Decimal> = kids
        .iter()
        .map(|&k| table.get(k, Measure::Growth).map(Figure::value))
        .collect::<Option<_>>()?;
    Some(Count {
        grew: growth.iter().filter(|g| **g > Decimal::ZERO).count(),
        of: kids.len(),
    })
}

fn trend(quarters: &[Table], i: usize) -> Option<Trend> {
    if quarters.len() < 2 {
        return None;
    }
    let growth: Vec<Decimal> = quarters
        .iter()
        .map(|t| t.get(i, Measure::Growth).map(Figure::value))
        .collect::<Option<_>>()?;
    let pairs = growth.windows(2);
    if pairs.clone().all(|w| w[1] > w[0]) {
        Some(Trend::Rising)
    } else if pairs.clone().all(|w| w[1] < w[0]) {
        Some(Trend::Falling)
    } else {
        Some(Trend::Mixed)
    }
}

/// Compares every figure (of the described `table`) with every
/// independent way of deriving it, each identity once.
fn check(ds: &Dataset, deriver: &Deriver<'_>, period: Period, table: &Table) -> Vec<Check> {
    let mut seen = Seen::default();
    let mut checks = Vec::new();
    for (i, m, fig) in table.iter() {
        for alt in deriver.alternatives(table, i, m, fig, &mut seen) {
            let id = ds.indicators[i].id.as_str();
            let mut check = compare(
                &format!("{m}_{}", alt.rule.as_str()),
                id,
                period,
                fig,
                alt.quantity,
                &alt.formula,
                &format!("{m} of `{id}` for {period}"),
            );
            if check.status == CheckStatus::Failed && prices_of_levels(m, alt.rule, &check) {
                check.message.push_str(
                    "; the levels grow faster than the growth says: if they are at current prices, give them in `value_current` (format 1.1), as growth is measured at constant prices",
                );
            }
            checks.push(check);
        }
    }
    checks
}

fn targets(ds: &Dataset, figures: &Figures) -> Vec<TargetResult> {
    let year = figures.period.year();
    let mut out = Vec::new();
    if ds.targets.is_empty() {
        return out;
    }
    // The first indicator of each id, as `Dataset::indicator` finds it,
    // but without a search through them all for each target.
    let mut by_id: BTreeMap<&str, &Indicator> = BTreeMap::new();
    for ind in &ds.indicators {
        by_id.entry(ind.id.as_str()).or_insert(ind);
    }
    // This year's targets first (judged, or pending while the year runs),
    // then next year's (pending).
    for t in ds.targets.iter().filter(|t| t.year == year) {
        out.push(judge(&by_id, t, figures));
    }
    if figures.period.is_year() {
        let next = year.checked_add(1);
        for t in ds.targets.iter().filter(|t| Some(t.year) == next) {
            out.push(result(
                &by_id,
                t,
                Verdict::only(TargetStatus::Pending),
                None,
            ));
        }
    }
    out
}

/// The indicators of a dataset by id.
type ById<'d> = BTreeMap<&'d str, &'d Indicator>;

fn result(by_id: &ById<'_>, t: &Target, verdict: Verdict, actual: Option<Figure>) -> TargetResult {
    let indicator = by_id.get(t.indicator.as_str()).copied();
    let label = t.label.clone().unwrap_or_else(|| {
        indicator
            .map(|i| i.name.clone())
            .unwrap_or_else(|| t.indicator.to_string())
    });
    TargetResult {
        target: t.clone(),
        label,
        status: verdict.status,
        better: indicator.map_or_else(|| Better::default_for(t.indicator.as_str()), |i| i.better()),
        actual,
        margin: verdict.margin,
        percent_of_plan: verdict.percent_of_plan,
    }
}

/// A target's status with its margin and "% so KH".
#[derive(Debug, Clone, Copy)]
struct Verdict {
    status: TargetStatus,
    margin: Option<Decimal>,
    percent_of_plan: Option<Decimal>,
}

impl Verdict {
    fn only(status: TargetStatus) -> Self {
        Verdict {
            status,
            margin: None,
            percent_of_plan: None,
        }
    }
}

/// Judges `actual` against a target: the status and the margin (see
/// [`TargetResult::margin`]). `None` only when the arithmetic overflows.
pub fn judge_value(
    actual: Decimal,
    op: Op,
    value: Decimal,
    upper: Option<Decimal>,
    better: Better,
) -> Option<(TargetStatus, Decimal)> {
    use TargetStatus::{Exceeded, Met, NotMet};
    let (a, v) = (actual, value);
    Some(match (op, better) {
        (Op::AtLeast, Better::Higher) => {
            let m = a.checked_sub(v)?;
            (
                if a > v {
                    Exceeded
                } else if a == v {
                    Met
                } else {
                    NotMet
                },
                m,
            )
        }
        (Op::Above, Better::Higher) => (if a > v { Exceeded } else { NotMet }, a.checked_sub(v)?),
        (Op::AtLeast, Better::Lower) => (if a >= v { Met } else { NotMet }, a.checked_sub(v)?),
        (Op::Above, Better::Lower) => (if a > v { Met } else { NotMet }, a.checked_sub(v)?),
        (Op::AtMost, _) => (if a <= v { Met } else { NotMet }, v.checked_sub(a)?),
        (Op::Below, _) => (if a < v { Met } else { NotMet }, v.checked_sub(a)?),
        (Op::Between, better) => {
            // A range written upside down is read as the range it means.
            let hi = upper.unwrap_or(v);
            let (lo, hi) = if hi < v { (hi, v) } else { (v, hi) };
            match better {
                Better::Higher if a > hi => (Exceeded, a.checked_sub(hi)?),
                Better::Higher if a < lo => (NotMet, a.checked_sub(lo)?),
                Better::Higher => (Met, a.checked_sub(lo)?),
                Better::Lower if a < lo => (Met, lo.checked_sub(a)?),
                Better::Lower if a > hi => (NotMet, hi.checked_sub(a)?),
                Better::Lower => (Met, hi.checked_sub(a)?),
            }
        }
    })
}

fn judge(by_id: &ById<'_>, t: &Target, figures: &Figures) -> TargetResult {
    if !figures.period.is_year() {
        return result(by_id, t, Verdict::only(TargetStatus::Pending), None);
    }
    let m = match t.measure {
        TargetMeasure::Growth => Measure::Growth,
        TargetMeasure::Value => Measure::Value,
        TargetMeasure::Index => Measure::Index,
    };
    let Some(actual) = figures
        .get(t.indicator.as_str())
        .and_then(|f| f.figure(m))
        .cloned()
    else {
        return result(by_id, t, Verdict::only(TargetStatus::NoData), None);
    };
    let better = by_id
        .get(t.indicator.as_str())
        .map_or_else(|| Better::default_for(t.indicator.as_str()), |i| i.better());
    let a = actual.value();
    let v = t.value.value;
    let Some((status, margin)) = judge_value(a, t.op, v, t.upper.as_ref().map(|u| u.value), better)
    else {
        return result(by_id, t, Verdict::only(TargetStatus::NoData), Some(actual));
    };
    let percent_of_plan = match t.measure {
        TargetMeasure::Value if !v.is_zero() => a
            .checked_div(v)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED)),
        _ => None,
    };
    let verdict = Verdict {
        status,
        margin: Some(margin),
        percent_of_plan,
    };
    result(by_id, t, verdict, Some(actual))
}
