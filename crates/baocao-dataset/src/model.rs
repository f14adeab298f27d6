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
/// were written (6.20 has 2: it stands for 6.195 … 6.205), whether the
/// release gave it as approximate, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The exact value as written.
    pub value: Decimal,
    /// Decimals written after the dot; the figure stands for ±½ unit of the last one.
    pub scale: u32,
    /// The word a release put before it ("hơn 24 nghìn tỷ đồng", format
    /// 1.1); `None` for a figure given as exact.
    pub approx: Option<Approx>,
    /// Where it was written.
    pub at: Location,
}

/// The word of an approximate figure, as releases write it. Each widens
/// the interval the figure stands for (see [`Approx::unit`]) and is
/// worded back before the figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Approx {
    /// "khoảng": about; within half a unit of its last significant digit.
    About,
    /// "gần": nearly; up to one unit of its last significant digit below.
    Nearly,
    /// "hơn": more than; up to one unit of its last significant digit above.
    MoreThan,
    /// "trên": above; as "hơn".
    Above,
}

impl Approx {
    /// Every word, in the order messages list them.
    pub const ALL: [Approx; 4] = [
        Approx::About,
        Approx::Nearly,
        Approx::MoreThan,
        Approx::Above,
    ];

    /// The Vietnamese word, as written in datasets and reports.
    pub fn word(self) -> &'static str {
        match self {
            Approx::About => "khoảng",
            Approx::Nearly => "gần",
            Approx::MoreThan => "hơn",
            Approx::Above => "trên",
        }
    }

    /// The English words, for the English locale.
    pub fn word_en(self) -> &'static str {
        match self {
            Approx::About => "about",
            Approx::Nearly => "nearly",
            Approx::MoreThan => "more than",
            Approx::Above => "over",
        }
    }

    /// The word as a dataset writes it.
    pub fn from_word(word: &str) -> Option<Approx> {
        Approx::ALL.into_iter().find(|a| a.word() == word)
    }

    /// One unit of the last significant digit of `value` written with
    /// `scale` decimals: 24000 → 1000, 24500 → 100, 6.2 → 0.1, 6.20 →
    /// 0.01, 0 → 1 (or 10^−scale). "hơn 24 nghìn tỷ" is a figure that a
    /// release rounded down to thousands: somewhere above 24000, below 25000.
    pub fn unit(value: Decimal, scale: u32) -> Decimal {
        let one = Decimal::new(1, scale.min(28));
        if scale > 0 || value.is_zero() {
            return one;
        }
        let mut unit = Decimal::ONE;
        let mut rest = value.abs().trunc();
        while !rest.is_zero() && (rest % Decimal::TEN).is_zero() {
            rest /= Decimal::TEN;
            unit *= Decimal::TEN;
        }
        unit
    }

    /// The interval `value` (written with `scale` decimals) stands for
    /// with this word: khoảng ±½ unit, gần [v − unit, v], hơn and trên
    /// [v, v + unit]. `None` when a bound is beyond what a decimal holds.
    pub fn interval(self, value: Decimal, scale: u32) -> Option<(Decimal, Decimal)> {
        let unit = Approx::unit(value, scale);
        Some(match self {
            Approx::About => {
                let half = unit.checked_div(Decimal::TWO)?;
                (value.checked_sub(half)?, value.checked_add(half)?)
            }
            Approx::Nearly => (value.checked_sub(unit)?, value),
            Approx::MoreThan | Approx::Above => (value, value.checked_add(unit)?),
        })
    }
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
    /// Reported structure: share of the root's level, % (format 1.1).
    pub structure: BTreeMap<Period, Number>,
    /// Reported levels at current prices (format 1.1); `value` is then at
    /// constant prices.
    pub value_current: BTreeMap<Period, Number>,
    /// Reported contribution of a quarter to the growth of its whole
    /// year, percentage points (format 1.1); the reader refuses it for
    /// any other period.
    pub contribution_to_year: BTreeMap<Period, Number>,
    /// Where the `[[indicator]]` entry starts.
    pub at: Location,
}

impl Indicator {
    /// Every table of observations of a period (not `weight`, which is a
    /// property of a period rather than an observation of it).
    pub fn observations(&self) -> impl Iterator<Item = &BTreeMap<Period, Number>> {
        [
            &self.value,
            &self.index,
            &self.growth,
            &self.contribution,
            &self.share,
            &self.structure,
            &self.value_current,
            &self.contribution_to_year,
        ]
        .into_iter()
    }

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

/// The version of the dataset format a dataset is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// `format = 1`.
    #[default]
    V1,
    /// `format = 1.1`: some file of the dataset says so.
    V1_1,
}

/// One region's statistics over several periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    /// The format its files are written in (1.1 when any file says so):
    /// what 1.1 adds to the figures JSON is written for 1.1 datasets only,
    /// so that a format 1 dataset gives the JSON it always gave.
    pub format: Format,
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
            .flat_map(|i| i.observations().flat_map(|m| m.keys().map(|p| p.year())))
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
            .flat_map(|i| i.observations().flat_map(|m| m.keys().copied()))
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
