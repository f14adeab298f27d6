//! Plausibility: reported figures that pass every consistency check and
//! are still most likely mistyped.
//!
//! A consistency check compares a figure with another way of getting it;
//! a figure with nothing to compare it with passes, however wrong. These
//! rules look instead at what a figure is next to: the same indicator's
//! other periods (a level a thousand times off its neighbours, a jump
//! beyond a department's factor, a growth that reads as an index), and
//! what a part of a whole can be (a contribution above the part's own
//! growth, a share outside 0–100). Each finding is a [`Suspicion`] at the
//! place the figure was written, with what to do; none is an error of the
//! data's arithmetic, so the caller decides how loudly to tell it.
//!
//! [`in_series`] reads the dataset alone (levels, growths and indices
//! across periods); [`in_period`] reads one period's figures (parts
//! against their own growth and the whole's).

use std::collections::BTreeMap;

use baocao_dataset::{Dataset, Indicator, Location, Number, Period};
use rust_decimal::Decimal;

use crate::{Figure, Figures};

/// What the plausibility rules may be told by a department.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plausibility {
    /// A level that grows or falls by more than this factor between two
    /// consecutive periods of the same kind is a [`Suspect::Jump`].
    pub jump_factor: Decimal,
}

impl Plausibility {
    /// The rules with a jump factor (a department's `checks.jump_factor`,
    /// whose default `baocao-config` settles).
    pub fn new(jump_factor: u32) -> Self {
        Plausibility {
            jump_factor: Decimal::from(jump_factor),
        }
    }
}

/// Which rule a figure broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Suspect {
    /// A level about 1000 times below a neighbour's: `131.500` typed for
    /// 131 500, read as 131,5.
    ThousandsDot,
    /// A growth above 50 where the indicator's other growths are near
    /// 0–20 and its indices near 100: an index typed as a growth.
    GrowthLikeIndex,
    /// An index below 50 where the indicator's other indices are near 100:
    /// a growth typed as an index.
    IndexLikeGrowth,
    /// A part's contribution above its own growth, both positive.
    ContributionAboveGrowth,
    /// The share of a part that grew, when the whole grew, outside 0–100.
    ShareOutOfRange,
    /// A level that changes by more than [`Plausibility::jump_factor`]
    /// between consecutive periods of the same kind.
    Jump,
    /// The reported structures of the parts of a whole that is not
    /// exhaustive add up to more than the whole (100 at the root): parts
    /// cannot be more than their whole. (Of an exhaustive whole, the
    /// consistency check `structure_sum_of_children` tells any gap.)
    StructureAboveWhole,
}

impl Suspect {
    /// The rule's name, for JSON and tests.
    pub fn as_str(self) -> &'static str {
        match self {
            Suspect::ThousandsDot => "thousands_dot",
            Suspect::GrowthLikeIndex => "growth_like_index",
            Suspect::IndexLikeGrowth => "index_like_growth",
            Suspect::ContributionAboveGrowth => "contribution_above_growth",
            Suspect::ShareOutOfRange => "share_out_of_range",
            Suspect::Jump => "jump",
            Suspect::StructureAboveWhole => "structure_above_whole",
        }
    }
}

/// A reported figure that is most likely mistyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspicion {
    /// The rule it broke.
    pub rule: Suspect,
    /// The indicator whose figure it is.
    pub indicator: String,
    /// The period of the figure.
    pub period: Period,
    /// One line for people: the figure as written and why it is suspicious.
    pub message: String,
    /// What to do about it.
    pub help: String,
    /// Where the figure was written.
    pub at: Location,
}

/// The ratio band of a thousands dot. A dot read as a decimal point
/// divides a level by exactly 1000; neighbouring periods of a real series
/// differ by well under a factor of 2 (a year's growth, a season), so the
/// figure lands between 1000 / 2 and 1000 × 2 of its neighbour. Outside the
/// band the slip is something else, and [`Suspect::Jump`] tells it.
const DOT_LOW: Decimal = Decimal::from_parts(500, 0, 0, false, 0);
const DOT_HIGH: Decimal = Decimal::from_parts(2000, 0, 0, false, 0);

/// A growth (%) beyond this is no ordinary change of a provincial series
/// and may be an index; an index below it may be a growth.
const FIFTY: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
/// Growths "near 0–20": what an index typed as a growth stands out from.
/// Real series of the releases stay within ±30 (the widest, exports of a
/// new plant's year, 25,3).
const GROWTH_NEAR: (Decimal, Decimal) = (
    Decimal::from_parts(30, 0, 0, true, 0),
    Decimal::from_parts(30, 0, 0, false, 0),
);
/// Indices "near 100", the same band seen as indices.
const INDEX_NEAR: (Decimal, Decimal) = (
    Decimal::from_parts(70, 0, 0, false, 0),
    Decimal::from_parts(130, 0, 0, false, 0),
);

/// The rules over the dataset's series: a thousands dot, a jump, a growth
/// that reads as an index and an index that reads as a growth. Sorted by
/// place.
pub fn in_series(ds: &Dataset, options: &Plausibility) -> Vec<Suspicion> {
    let mut out = Vec::new();
    for ind in &ds.indicators {
        levels(ind, options, &mut out);
        growth_like_index(ind, &mut out);
        index_like_growth(ind, &mut out);
    }
    sorted(out)
}

/// The rules over one period's figures: a contribution above the part's
/// own growth, a share outside 0–100 for a part that grew when the
/// whole grew, and parts whose structures add up to more than their
/// whole. Sorted by place.
pub fn in_period(ds: &Dataset, figures: &Figures) -> Vec<Suspicion> {
    let mut out = Vec::new();
    structure_above_whole(ds, figures, &mut out);
    for ind in &ds.indicators {
        let Some(f) = figures.get(ind.id.as_str()) else {
            continue;
        };
        if f.parent.is_none() {
            continue;
        }
        let growth = f.growth.as_ref();
        if let (Some(c), Some(g)) = (reported(f.contribution.as_ref()), growth)
            && let Some(s) = contribution_above_growth(ind, figures.period, c, g)
        {
            out.push(s);
        }
        if let (Some(s), Some(g)) = (reported(f.share.as_ref()), growth)
            && let Some(s) = share_out_of_range(ds, figures, ind, s, g)
        {
            out.push(s);
        }
    }
    sorted(out)
}

fn sorted(mut out: Vec<Suspicion>) -> Vec<Suspicion> {
    out.sort_by(|a, b| a.at.cmp(&b.at).then(a.rule.cmp(&b.rule)));
    out.dedup_by(|a, b| a.at == b.at && a.rule == b.rule);
    out
}

/// A figure that was written in the dataset, with its place.
fn reported(f: Option<&Figure>) -> Option<(&Figure, &Location)> {
    let f = f?;
    if f.rule != crate::Rule::Reported {
        return None;
    }
    Some((f, f.at.as_ref()?))
}

/// A figure in a message: as written when it was, else its value to six
/// decimals.
fn written(f: &Figure) -> String {
    if f.is_reported() {
        f.value().to_string()
    } else {
        crate::json::short(f.value())
    }
}

/// Which periods follow one another in a series: the same variant, and
/// for cumulative months the same number of months (9M after 9M).
fn series_of(p: Period) -> (u8, u8) {
    match p {
        Period::Year(_) => (0, 0),
        Period::Half(..) => (1, 0),
        Period::Quarter(..) => (2, 0),
        Period::Months(_, n) => (3, n),
        Period::Month(..) => (4, 0),
    }
}

/// `hi / lo` of two positive levels; `None` when either is not positive.
fn ratio(a: Decimal, b: Decimal) -> Option<(Decimal, bool)> {
    if a <= Decimal::ZERO || b <= Decimal::ZERO {
        return None;
    }
    if a >= b {
        Some((a.checked_div(b)?, true))
    } else {
        Some((b.checked_div(a)?, false))
    }
}

/// A thousands dot and jumps, over each series of an indicator's levels
/// (at constant prices and at current prices, each apart).
fn levels(ind: &Indicator, options: &Plausibility, out: &mut Vec<Suspicion>) {
    for (name, series) in [("value", &ind.value), ("value_current", &ind.value_current)] {
        series_levels(ind.id.as_str(), name, series, options, out);
    }
}

fn series_levels(
    id: &str,
    name: &str,
    series: &BTreeMap<Period, Number>,
    options: &Plausibility,
    out: &mut Vec<Suspicion>,
) {
    // The level before each one: the previous of its series and, for a
    // period shorter than a year, the same period a year earlier (which
    // the series may not hold next to it: 2024-Q1 follows 2023-Q4).
    for (&p, n) in series {
        let before = series
            .range(..p)
            .rev()
            .find(|(q, _)| series_of(**q) == series_of(p));
        let year_ago = series.get_key_value(&p.previous());
        let mut pairs = Vec::new();
        if let Some(b) = before {
            pairs.push((b, true));
        }
        if let Some(y) = year_ago
            && Some(*y.0) != before.map(|b| *b.0)
        {
            pairs.push((y, false));
        }
        for ((&q, m), consecutive) in pairs {
            let Some((r, later_larger)) = ratio(n.value, m.value) else {
                continue;
            };
            if (DOT_LOW..=DOT_HIGH).contains(&r) {
                // The dot makes a figure smaller: the smaller one is told.
                let (small, sp, large, lp) = if later_larger {
                    (m, q, n, p)
                } else {
                    (n, p, m, q)
                };
                out.push(thousands_dot(id, name, (small, sp), (large, lp)));
            } else if consecutive && r > options.jump_factor {
                out.push(jump(id, name, (n, p), (m, q), later_larger, options));
            }
        }
    }
}

fn thousands_dot(
    id: &str,
    name: &str,
    (small, sp): (&Number, Period),
    (large, lp): (&Number, Period),
) -> Suspicion {
    let meant = small
        .value
        .checked_mul(Decimal::ONE_THOUSAND)
        .map_or_else(|| small.value.to_string(), |m| m.normalize().to_string());
    Suspicion {
        rule: Suspect::ThousandsDot,
        indicator: id.to_owned(),
        period: sp,
        message: format!(
            "{name} of `{id}` for {sp} is {}, about 1000 times less than {} for {lp}: a thousands separator read as a decimal point?",
            small.value, large.value
        ),
        help: format!("if you meant {meant}, write `{meant}` (TOML has no thousands separator)"),
        at: small.at.clone(),
    }
}

fn jump(
    id: &str,
    name: &str,
    (n, p): (&Number, Period),
    (m, q): (&Number, Period),
    grew: bool,
    options: &Plausibility,
) -> Suspicion {
    let factor = options.jump_factor.normalize();
    let how = if grew {
        format!("more than {factor} times")
    } else {
        format!("less than 1/{factor} of")
    };
    Suspicion {
        rule: Suspect::Jump,
        indicator: id.to_owned(),
        period: p,
        message: format!(
            "{name} of `{id}` for {p} is {}, {how} {} for {q}",
            n.value, m.value
        ),
        help: "check the figure and its unit against the release".to_owned(),
        at: n.at.clone(),
    }
}

/// Whether every figure lies in `band`, and there is at least one.
fn all_near<'a>(
    mut figures: impl Iterator<Item = &'a Number>,
    band: (Decimal, Decimal),
) -> Option<bool> {
    let first = figures.next()?;
    let near = |n: &Number| (band.0..=band.1).contains(&n.value);
    Some(near(first) && figures.all(near))
}

/// The growths and indices an indicator reports, but for the one of
/// `skip` in its period.
fn others(ind: &Indicator, skip: (Observed, Period)) -> (Vec<&Number>, Vec<&Number>) {
    fn but(
        map: &BTreeMap<Period, Number>,
        which: Observed,
        skip: (Observed, Period),
    ) -> Vec<&Number> {
        map.iter()
            .filter(|(p, _)| (which, **p) != skip)
            .map(|(_, n)| n)
            .collect()
    }
    (
        but(&ind.growth, Observed::Growth, skip),
        but(&ind.index, Observed::Index, skip),
    )
}

/// The two observations that may be typed one for the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Observed {
    Growth,
    Index,
}

/// Whether the rest of an indicator reads as growths near 0–20 and
/// indices near 100, with at least one figure to say so.
fn rest_is_ordinary(growths: &[&Number], indices: &[&Number]) -> bool {
    let g = all_near(growths.iter().copied(), GROWTH_NEAR);
    let i = all_near(indices.iter().copied(), INDEX_NEAR);
    match (g, i) {
        (None, None) => false,
        (g, i) => g.unwrap_or(true) && i.unwrap_or(true),
    }
}

/// What the rest of an indicator is, in words: "its other growths are
/// 5.1 to 8.3, its indices are 104.2 to 106" (`other`: the observation
/// the figure told about is one of).
fn rest_in_words(growths: &[&Number], indices: &[&Number], other: Observed) -> String {
    let span = |list: &[&Number]| -> Option<String> {
        let lo = list.iter().map(|n| n.value).min()?;
        let hi = list.iter().map(|n| n.value).max()?;
        Some(if lo == hi {
            lo.to_string()
        } else {
            format!("{lo} to {hi}")
        })
    };
    let its = |o: Observed| if o == other { "its other" } else { "its" };
    let mut parts = Vec::new();
    if let Some(g) = span(growths) {
        parts.push(format!("{} growths are {g}", its(Observed::Growth)));
    }
    if let Some(i) = span(indices) {
        parts.push(format!("{} indices are {i}", its(Observed::Index)));
    }
    parts.join(", ")
}

const GROWTH_OR_INDEX: &str =
    "growth is the change in % (9.2), index is the level against the base (109.2)";

fn growth_like_index(ind: &Indicator, out: &mut Vec<Suspicion>) {
    let id = ind.id.as_str();
    for (&p, n) in ind.growth.iter().filter(|(_, n)| n.value > FIFTY) {
        let (growths, indices) = others(ind, (Observed::Growth, p));
        if rest_is_ordinary(&growths, &indices) {
            out.push(Suspicion {
                rule: Suspect::GrowthLikeIndex,
                indicator: id.to_owned(),
                period: p,
                message: format!(
                    "growth of `{id}` for {p} is {}, which reads as an index: {}",
                    n.value,
                    rest_in_words(&growths, &indices, Observed::Growth)
                ),
                help: format!(
                    "{GROWTH_OR_INDEX}: if {} is an index, the growth is {}",
                    n.value,
                    n.value.checked_sub(Decimal::ONE_HUNDRED).unwrap_or(n.value)
                ),
                at: n.at.clone(),
            });
        }
    }
}

fn index_like_growth(ind: &Indicator, out: &mut Vec<Suspicion>) {
    let id = ind.id.as_str();
    for (&p, n) in ind.index.iter().filter(|(_, n)| n.value < FIFTY) {
        let (growths, indices) = others(ind, (Observed::Index, p));
        if rest_is_ordinary(&growths, &indices) {
            let rest = rest_in_words(&growths, &indices, Observed::Index);
            out.push(Suspicion {
                rule: Suspect::IndexLikeGrowth,
                indicator: id.to_owned(),
                period: p,
                message: format!(
                    "index of `{id}` for {p} is {}, which reads as a growth: {rest}",
                    n.value
                ),
                help: format!(
                    "{GROWTH_OR_INDEX}: if {} is a growth, the index is {}",
                    n.value,
                    n.value.checked_add(Decimal::ONE_HUNDRED).unwrap_or(n.value)
                ),
                at: n.at.clone(),
            });
        }
    }
}

/// A part's contribution is its growth times its weight in the whole
/// (its previous level over the root's, or its index weight over its
/// siblings'), a weight of at most 1 when every part is positive, which
/// levels and index weights always are: so, both positive, it cannot
/// exceed the growth. Told only beyond the written precision of both.
fn contribution_above_growth(
    ind: &Indicator,
    period: Period,
    (c, at): (&Figure, &Location),
    g: &Figure,
) -> Option<Suspicion> {
    let growth = g;
    let (c, g) = (c.quantity, g.quantity);
    if !(g.lo > Decimal::ZERO && c.lo > g.hi) {
        return None;
    }
    let id = ind.id.as_str();
    Some(Suspicion {
        rule: Suspect::ContributionAboveGrowth,
        indicator: id.to_owned(),
        period,
        message: format!(
            "contribution of `{id}` for {period} is {} points, more than its own growth of {}%: a part adds at most its own growth, in points, to the whole's",
            c.value,
            written(growth)
        ),
        help: "check both figures against the release: the points may belong to another sector, or the growth be mistyped".to_owned(),
        at: at.clone(),
    })
}

/// A part that grew, in a whole that grew, adds points of the same sign:
/// its share is above 0. It is below 100 too when it is one of the root's
/// own children, the root is exhaustive and every child grew (the
/// children's points add up to the root's growth). Told beyond the
/// written precision only.
fn share_out_of_range(
    ds: &Dataset,
    figures: &Figures,
    ind: &Indicator,
    (s, at): (&Figure, &Location),
    g: &Figure,
) -> Option<Suspicion> {
    let f = figures.get(ind.id.as_str())?;
    let root = figures.get(&f.root)?;
    let whole = root.growth.as_ref()?;
    if !(g.quantity.lo > Decimal::ZERO && whole.quantity.lo > Decimal::ZERO) {
        return None;
    }
    let below = s.quantity.hi < Decimal::ZERO;
    let all_grew = root.count.is_some_and(|c| c.of >= 2 && c.grew == c.of)
        && ds.indicator(&f.root).is_some_and(|r| r.exhaustive)
        && f.parent.as_deref() == Some(root.id.as_str());
    let above = all_grew && s.quantity.lo > Decimal::ONE_HUNDRED;
    if !(below || above) {
        return None;
    }
    let id = ind.id.as_str();
    let period = figures.period;
    let why = if below {
        format!(
            "it grew {}% and `{}` grew {}%",
            written(g),
            root.id,
            written(whole)
        )
    } else {
        format!(
            "every part of `{}` grew, so none adds more than its growth of {}%",
            root.id,
            written(whole)
        )
    };
    Some(Suspicion {
        rule: Suspect::ShareOutOfRange,
        indicator: id.to_owned(),
        period,
        message: format!(
            "share of `{id}` in the growth of `{}` for {period} is {}%, outside 0–100: {why}",
            root.id,
            s.value()
        ),
        help: "check the share against the release: a part's share of the whole's growth is its points over the whole's growth × 100".to_owned(),
        at: at.clone(),
    })
}

/// Parts of a whole that is not exhaustive (other parts may be missing)
/// whose reported structures add up to more than the whole's, 100 at the
/// root, beyond the written precision of every one: the structures are
/// shares of one level, and parts cannot be more than their whole. Told
/// at the first part's structure.
fn structure_above_whole(ds: &Dataset, figures: &Figures, out: &mut Vec<Suspicion>) {
    let period = figures.period;
    for parent in ds.indicators.iter().filter(|i| !i.exhaustive) {
        let Some(p) = figures.get(parent.id.as_str()) else {
            continue;
        };
        let whole = if p.parent.is_none() {
            Decimal::ONE_HUNDRED
        } else {
            match &p.structure {
                Some(f) => f.quantity.hi,
                None => continue,
            }
        };
        let parts: Vec<(&str, &Figure, &Location)> = p
            .children
            .iter()
            .filter_map(|c| {
                let f = figures.get(c)?;
                let (s, at) = reported(f.structure.as_ref())?;
                Some((f.id.as_str(), s, at))
            })
            .collect();
        if parts.len() < 2 {
            continue;
        }
        let Some(lo) = parts.iter().try_fold(Decimal::ZERO, |sum, (_, s, _)| {
            sum.checked_add(s.quantity.lo)
        }) else {
            continue;
        };
        if lo <= whole {
            continue;
        }
        let sum = parts
            .iter()
            .try_fold(Decimal::ZERO, |sum, (_, s, _)| sum.checked_add(s.value()))
            .unwrap_or(lo);
        let names: Vec<String> = parts
            .iter()
            .map(|(id, s, _)| format!("`{id}` {}", written(s)))
            .collect();
        let (first, _, at) = parts[0];
        let id = parent.id.as_str();
        out.push(Suspicion {
            rule: Suspect::StructureAboveWhole,
            indicator: first.to_owned(),
            period,
            message: format!(
                "the structures of the parts of `{id}` for {period} add up to {}%, more than the whole's {}%: {}",
                sum.normalize(),
                whole.normalize(),
                names.join(", ")
            ),
            help: "check the structures against the release: each is the part's level over the whole's × 100, at current prices".to_owned(),
            at: at.clone(),
        });
    }
}
