//! The dataset model: what a dataset file means once it has been read.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::Period;

/// Where something was written: file, 1-based line and 1-based column
/// (counted in characters, as editors count them). Line 0 is a place
/// that the file string names by itself: a dataset imported from a
/// spreadsheet puts each figure at its cell (`bieu.xlsx: Sheet1!C7`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file as the user named it (relative paths stay relative).
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            return f.write_str(&self.file);
        }
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// An indicator id: `[a-z0-9_]+`, unique within a dataset.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(String);

impl IndicatorId {
    /// Checks the spelling of an id; `None` when it is not `[a-z0-9_]+`.
    pub fn new(id: &str) -> Option<Self> {
        let ok = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        ok.then(|| IndicatorId(id.to_owned()))
    }

    /// The id as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::borrow::Borrow<str> for IndicatorId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// A number as written in the dataset: its exact value, how many decimals
/// were written (6.20 has 2: it stands for 6.195 … 6.205) and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The exact value as written.
    pub value: Decimal,
    /// Decimals written after the dot; the figure stands for ±½ unit of the last one.
    pub scale: u32,
    /// Where it was written.
    pub at: Location,
}

/// What an indicator measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A value over a period (value added, sales, exports).
    Flow,
    /// A value at the end of a period (inventories).
    Stock,
    /// A volume or price index; the same period a year earlier is 100.
    Index,
}

impl Kind {
    /// The spelling used in dataset files.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Flow => "flow",
            Kind::Stock => "stock",
            Kind::Index => "index",
        }
    }
}

/// Which way an indicator is better, for judging targets: above a range of
/// GRDP growth is "vượt" (beyond the plan), above a range of CPI is "không
/// đạt" (not held down).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Better {
    /// More is better (growth, production, sales, exports).
    Higher,
    /// Less is better (prices, inventories).
    Lower,
}

impl Better {
    /// The spelling used in dataset files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Better::Higher => "higher",
            Better::Lower => "lower",
        }
    }

    /// The default of a standard id: lower for `cpi` and `inventory`,
    /// higher for every other id (a dataset's own ids included).
    pub fn default_for(id: &str) -> Better {
        crate::standard(id).map_or(Better::Higher, |s| s.better)
    }
}

/// One indicator and everything reported for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indicator {
    /// Unique id.
    pub id: IndicatorId,
    /// Vietnamese label used inside sentences (NFC).
    pub name: String,
    /// English label, when given (NFC).
    pub name_en: Option<String>,
    /// What it measures.
    pub kind: Kind,
    /// Unit of `value` (flows and stocks).
    pub unit: Option<String>,
    /// The aggregate this is a component of.
    pub parent: Option<IndicatorId>,
    /// On a parent: its listed children add up to it.
    pub exhaustive: bool,
    /// Which way is better, as written (`better = "lower"`); `None` means
    /// the default of its id ([`Indicator::better`]).
    pub better: Option<Better>,
    /// Index kinds: weight inside the parent, per period.
    pub weight: BTreeMap<Period, Number>,
    /// Reported levels.
    pub value: BTreeMap<Period, Number>,
    /// Reported indices (same period a year earlier = 100).
    pub index: BTreeMap<Period, Number>,
    /// Reported growth, %.
    pub growth: BTreeMap<Period, Number>,
    /// Reported contribution to the root's growth, percentage points.
    pub contribution: BTreeMap<Period, Number>,
    /// Reported share of the root's growth, %.
    pub share: BTreeMap<Period, Number>,
    /// Where the `[[indicator]]` entry starts.
    pub at: Location,
}

impl Indicator {
    /// Which way is better: as written, else the default of its id.
    pub fn better(&self) -> Better {
        self.better
            .unwrap_or_else(|| Better::default_for(self.id.as_str()))
    }
}

/// What a target is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetMeasure {
    /// Growth, %.
    Growth,
    /// A level in the indicator's unit.
    Value,
    /// An index.
    Index,
}

impl TargetMeasure {
    /// The spelling used in dataset files.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetMeasure::Growth => "growth",
            TargetMeasure::Value => "value",
            TargetMeasure::Index => "index",
        }
    }
}

/// How a target compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    /// At least (`>=`): "phấn đấu tăng từ X% trở lên".
    AtLeast,
    /// More than (`>`).
    Above,
    /// At most (`<=`).
    AtMost,
    /// Less than (`<`): "kiểm soát tăng dưới X%".
    Below,
    /// Between `value` and `upper`, both included.
    Between,
}

impl Op {
    /// The spelling used in dataset files.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::AtLeast => ">=",
            Op::Above => ">",
            Op::AtMost => "<=",
            Op::Below => "<",
            Op::Between => "between",
        }
    }
}

/// A target set for a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The year the target is for.
    pub year: i32,
    /// The indicator it is about.
    pub indicator: IndicatorId,
    /// Which figure is compared.
    pub measure: TargetMeasure,
    /// How it is compared.
    pub op: Op,
    /// The threshold (the lower bound for `between`).
    pub value: Number,
    /// The upper bound, only with `between`.
    pub upper: Option<Number>,
    /// How the target is named in sentences; `None` means the indicator's name.
    pub label: Option<String>,
    /// Where the `[[target]]` entry starts.
    pub at: Location,
}

/// Text written by people, kept with the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The year it belongs to.
    pub year: i32,
    /// The report section it goes into.
    pub section: String,
    /// The text (NFC); paragraphs separated by blank lines.
    pub text: String,
    /// Where the `[[note]]` entry starts.
    pub at: Location,
}

/// What the contributions of a dataset are points of (`[dataset]
/// contribution_base`). Provinces give points of GRDP growth; the national
/// office gives sectors' points of the growth of total value added (GVA),
/// which is not GDP's growth, so a report must not print them against it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ContributionBase {
    /// The growth of the tree's root: GRDP or GDP (written `grdp` or `gdp`).
    #[default]
    Product,
    /// The growth of total value added (`gva`).
    ValueAdded,
}

impl ContributionBase {
    /// The spelling used in JSON: `product` or `gva`.
    pub fn as_str(self) -> &'static str {
        match self {
            ContributionBase::Product => "product",
            ContributionBase::ValueAdded => "gva",
        }
    }
}

/// One region's statistics over several periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// Region, used in sentences.
    pub region: String,
    /// "Tỉnh", "Thành phố", "Cả nước".
    pub region_kind: Option<String>,
    /// Printed as the source note.
    pub source: Option<String>,
    /// What the contributions of the data are points of (format 1.1):
    /// the growth of the tree's root (GRDP, GDP; the default) or of total
    /// value added, as the national office publishes them.
    pub contribution_base: ContributionBase,
    /// Indicators in the order they were written (files in sorted order).
    pub indicators: Vec<Indicator>,
    /// Targets in the order they were written.
    pub targets: Vec<Target>,
    /// Notes in the order they were written.
    pub notes: Vec<Note>,
}

impl Dataset {
    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id.as_str() == id)
    }

    /// Every year some observation is reported for, ascending.
    pub fn years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .indicators
            .iter()
            .flat_map(|i| {
                [&i.value, &i.index, &i.growth, &i.contribution, &i.share]
                    .into_iter()
                    .flat_map(|m| m.keys().map(|p| p.year()))
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// Every period some observation is reported for, in the order they
    /// end (a longer period first among those ending in the same month:
    /// 2024-Q4 before 2024-M12, the year 2024 last of all).
    pub fn periods(&self) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .indicators
            .iter()
            .flat_map(|i| {
                [&i.value, &i.index, &i.growth, &i.contribution, &i.share]
                    .into_iter()
                    .flat_map(|m| m.keys().copied())
            })
            .collect();
        periods.sort_unstable_by_key(|p| (p.year(), p.last_month(), p.months(), *p));
        periods.dedup();
        periods
    }

    /// The period a report is made for when none is asked: the latest one
    /// the data reports, the whole year when it ends with the year.
    pub fn latest_period(&self) -> Option<Period> {
        self.periods().last().copied()
    }
}
