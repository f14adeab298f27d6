//! Arbitrary valid datasets, one at a time, for property tests: any subset
//! of the standard indicators, any period kinds, figures written every way
//! the format allows, and hostile text.
//!
//! A [`Shape`] is a small description of a dataset (which indicators,
//! which periods, which ways of writing a figure, whether there are
//! targets, notes, hostile text); [`Shape::dataset`] writes one dataset
//! file of that shape from a seed. [`Shape::draw`] draws a shape from a
//! seed, and [`Shape::simpler`] lists the shapes one step simpler, which is
//! what a property test needs to shrink a failure to a small dataset.
//!
//! Every dataset is valid: `baocao_dataset::read_str` accepts it. Beyond
//! that, nothing is promised: the figures need not agree with each other
//! (a consistency check may fail, which is a warning), growth may be
//! negative or too small to print, a previous level may be 0 (the engine
//! reports a division by zero) or missing, shares may come without
//! contributions, an index child may have weights or not, an indicator may
//! say which way is better (`better`, either way), a parent may be
//! missing (its children then hang on the nearest ancestor present, or
//! become roots).
//!
//! As in the rest of the crate, the bytes depend only on the shape and the
//! seed: integer arithmetic, SplitMix64, and one stream per indicator and
//! period, so that removing an indicator or a period from a shape leaves
//! every other figure as it was.
//!
//! ```
//! use baocao_datagen::shape::{Form, Indicator, Shape, Span};
//!
//! let shape = Shape {
//!     indicators: vec![Indicator::Cpi],
//!     spans: vec![Span::Quarter(3)],
//!     forms: vec![Form::Index],
//!     ..Shape::default()
//! };
//! let sample = shape.dataset(1);
//! assert_eq!(sample.periods, ["2024-Q3"]);
//! let ds = baocao_dataset::read_str(&sample.text, "sample.toml").unwrap();
//! assert!(ds.indicator("cpi").unwrap().index.contains_key(&"2024-Q3".parse().unwrap()));
//!
//! // Any drawn shape gives a dataset the reader accepts.
//! for seed in 0..20 {
//!     let sample = Shape::draw(seed).dataset(seed);
//!     baocao_dataset::read_str(&sample.text, "sample.toml").unwrap();
//! }
//! ```

mod figures;
mod indicator;
mod text;

use std::fmt::Write as _;

pub use indicator::{CONSUMPTION_PARTS, Indicator};

use crate::dataset_file::quoted;
use crate::fixed::Fixed;
use crate::rng::SplitMix64;
use figures::{Key, Observations, Series, stream};
use indicator::Kind;
use text::{chance, maybe_hostile};

/// The first year a shape may report: two years before it must still be a
/// valid period (a previous year's base).
pub const FIRST_YEAR: i32 = 1902;
/// The last year a shape may report: targets are set for the year after.
pub const LAST_YEAR: i32 = 2199;

/// The description of a sample dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The year reported (clamped to [`FIRST_YEAR`]–[`LAST_YEAR`]).
    pub year: i32,
    /// The indicators, in any order; each is written once.
    pub indicators: Vec<Indicator>,
    /// The spans of `year` with figures (at least a year's are written when
    /// empty).
    pub spans: Vec<Span>,
    /// Whether the same spans of the year before have figures too.
    pub previous_year: bool,
    /// The ways a figure may be written; each figure picks one that fits
    /// its indicator (growth for a flow, an index for an index, when none
    /// fits).
    pub forms: Vec<Form>,
    /// Targets for the year and the next (and the year before, with
    /// `previous_year`), with every comparison.
    pub targets: bool,
    /// Notes for every section the shipped templates read, some of them.
    pub notes: bool,
    /// Names, units, labels, region, source and notes with hostile text
    /// (markup, template syntax, emoji, decomposed letters, long names,
    /// spaces at the ends), TOML-escaped.
    pub hostile: bool,
    /// A nationwide dataset: `region_kind = "Cả nước"`.
    pub national: bool,
    /// Whether indicators have English names (most of them, when true).
    pub name_en: bool,
}

impl Default for Shape {
    /// 2024, no indicator, the year only, growth only, nothing else, names
    /// in both languages.
    fn default() -> Self {
        Shape {
            year: 2024,
            indicators: Vec::new(),
            spans: vec![Span::Year],
            previous_year: false,
            forms: vec![Form::Growth],
            targets: false,
            notes: false,
            hostile: false,
            national: false,
            name_en: true,
        }
    }
}

/// A stretch of a year: what a period key names besides its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Span {
    /// The whole year: `2024`.
    Year,
    /// A half: `2024-H1` (1 or 2; others are read as the nearest).
    Half(u8),
    /// A quarter: `2024-Q3` (1 to 4).
    Quarter(u8),
    /// The first n months: `2024-9M` (2 to 11; 3 is the quarter `Q1` and
    /// 6 the half `H1`, the one spelling the format allows for each; 2 and
    /// 4 make the file format 1.1).
    Months(u8),
    /// One month: `2024-M07` (1 to 12).
    Month(u8),
}

impl Span {
    /// The same span with its number inside its range.
    fn normalized(self) -> Span {
        match self {
            Span::Year => Span::Year,
            Span::Half(h) => Span::Half(h.clamp(1, 2)),
            Span::Quarter(q) => Span::Quarter(q.clamp(1, 4)),
            // One spelling per period: 1M is M01, 3M is Q1, 6M is H1.
            Span::Months(0 | 1) => Span::Month(1),
            Span::Months(3) => Span::Quarter(1),
            Span::Months(6) => Span::Half(1),
            Span::Months(n) => Span::Months(n.clamp(2, 11)),
            Span::Month(m) => Span::Month(m.clamp(1, 12)),
        }
    }

    /// The period key of this span in `year`.
    pub fn key(self, year: i32) -> String {
        match self.normalized() {
            Span::Year => format!("{year}"),
            Span::Half(h) => format!("{year}-H{h}"),
            Span::Quarter(q) => format!("{year}-Q{q}"),
            Span::Months(n) => format!("{year}-{n}M"),
            Span::Month(m) => format!("{year}-M{m:02}"),
        }
    }

    /// A number for the random streams.
    fn code(self) -> u64 {
        match self.normalized() {
            Span::Year => 0,
            Span::Half(h) => 10 + u64::from(h),
            Span::Quarter(q) => 20 + u64::from(q),
            Span::Months(n) => 30 + u64::from(n),
            Span::Month(m) => 50 + u64::from(m),
        }
    }

    fn draw(rng: &mut SplitMix64) -> Span {
        let n = |rng: &mut SplitMix64, lo: i64, hi: i64| {
            u8::try_from(rng.range(lo, hi)).expect("spans are small numbers")
        };
        match rng.range(0, 4) {
            0 => Span::Year,
            1 => Span::Half(n(rng, 1, 2)),
            2 => Span::Quarter(n(rng, 1, 4)),
            3 => Span::Months(n(rng, 2, 11)),
            _ => Span::Month(n(rng, 1, 12)),
        }
    }
}

/// How one figure is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Form {
    /// `growth` only.
    Growth,
    /// `index` only (indices).
    Index,
    /// `value` for the period and the same period a year earlier (flows).
    Levels,
    /// `value` for the period only: the base is missing (flows).
    Level,
    /// `value` for the period and 0 a year earlier: growth divides by zero
    /// (flows).
    ZeroBase,
    /// `value` and `growth` for the period, as Hà Nội's sales (flows).
    ValueGrowth,
    /// Growth (or the index) and a `contribution`, in percentage points.
    Contribution,
    /// A `share` of the root's growth, as national reports publish it,
    /// with growth (or the index) or without.
    Share,
}

impl Form {
    /// Every form.
    pub const ALL: [Form; 8] = [
        Form::Growth,
        Form::Index,
        Form::Levels,
        Form::Level,
        Form::ZeroBase,
        Form::ValueGrowth,
        Form::Contribution,
        Form::Share,
    ];

    fn fits(self, kind: Kind) -> bool {
        match self {
            Form::Growth | Form::Contribution | Form::Share => true,
            Form::Index => kind == Kind::Index,
            Form::Levels | Form::Level | Form::ZeroBase | Form::ValueGrowth => kind == Kind::Flow,
        }
    }
}

/// One dataset file and the periods it has figures for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The dataset, a TOML file of format 1.
    pub text: String,
    /// Every period with a level, an index, a growth or a contribution
    /// written for some indicator, in period order: the reports the dataset
    /// can make. (A period with only shares or weights is not one.)
    pub periods: Vec<String>,
}

impl Shape {
    /// A shape drawn from `seed`: sometimes one indicator, only the CPI, a
    /// GRDP tree without some sectors, the IIP with some of its industries,
    /// consumption with sub-industries, or a random subset of everything;
    /// the year alone, the year and its quarters, the quarters so far, or a
    /// few periods of any kind.
    pub fn draw(seed: u64) -> Shape {
        let mut rng = SplitMix64::stream(seed, &[stream::DRAW]);
        let year = match rng.range(0, 99) {
            0..=59 => 2024,
            60..=84 => rng.range(2015, 2035),
            _ => rng.range(i64::from(FIRST_YEAR), i64::from(LAST_YEAR)),
        };
        let year = i32::try_from(year).expect("years are small numbers");
        let mut forms: Vec<Form> = if chance(&mut rng, 20) {
            Form::ALL.to_vec()
        } else {
            Form::ALL
                .into_iter()
                .filter(|_| chance(&mut rng, 45))
                .collect()
        };
        if forms.is_empty() {
            forms.push(*rng.pick(&Form::ALL));
        }
        let national = chance(&mut rng, 15);
        if national && !forms.contains(&Form::Share) && chance(&mut rng, 70) {
            forms.push(Form::Share);
        }
        Shape {
            year,
            indicators: draw_indicators(&mut rng),
            spans: draw_spans(&mut rng),
            previous_year: chance(&mut rng, 40),
            forms,
            targets: chance(&mut rng, 50),
            notes: chance(&mut rng, 50),
            hostile: chance(&mut rng, 40),
            national,
            name_en: chance(&mut rng, 80),
        }
    }

    /// The shapes one step simpler than this one, simplest first: half the
    /// indicators, one indicator fewer, one span fewer, no previous year,
    /// targets, notes, hostile text or nationwide region, one form fewer,
    /// the year 2024. English names are left as they are: with or without
    /// them, neither is simpler.
    pub fn simpler(&self) -> Vec<Shape> {
        let mut out = Vec::new();
        let with = |f: &dyn Fn(&mut Shape)| {
            let mut s = self.clone();
            f(&mut s);
            s
        };
        let n = self.indicators.len();
        if n > 1 {
            out.push(with(&|s| s.indicators.truncate(n / 2)));
            out.push(with(&|s| {
                s.indicators.drain(..n / 2);
            }));
        }
        for i in 0..n {
            out.push(with(&|s| {
                s.indicators.remove(i);
            }));
        }
        if self.spans.len() > 1 {
            for i in 0..self.spans.len() {
                out.push(with(&|s| {
                    s.spans.remove(i);
                }));
            }
        }
        /// Turns one feature of a shape off.
        type Off = fn(&mut Shape);
        let flags: [(bool, Off); 5] = [
            (self.previous_year, |s| s.previous_year = false),
            (self.targets, |s| s.targets = false),
            (self.notes, |s| s.notes = false),
            (self.hostile, |s| s.hostile = false),
            (self.national, |s| s.national = false),
        ];
        for (on, off) in flags {
            if on {
                out.push(with(&|s| off(s)));
            }
        }
        if self.forms.len() > 1 {
            for i in 0..self.forms.len() {
                out.push(with(&|s| {
                    s.forms.remove(i);
                }));
            }
        }
        if self.year != 2024 {
            out.push(with(&|s| s.year = 2024));
        }
        out
    }

    /// Writes the dataset of this shape drawn from `seed`.
    pub fn dataset(&self, seed: u64) -> Sample {
        let year = self.year.clamp(FIRST_YEAR, LAST_YEAR);
        let indicators = self.indicator_list();
        let mut spans: Vec<Span> = self.spans.iter().map(|s| s.normalized()).collect();
        spans.sort_unstable();
        spans.dedup();
        if spans.is_empty() {
            spans.push(Span::Year);
        }
        let mut periods: Vec<Key> = spans.iter().map(|&s| (year, s)).collect();
        if self.previous_year {
            periods.extend(spans.iter().map(|&s| (year - 1, s)));
        }

        // The first 2 and 4 months are format 1.1.
        let format = if spans.iter().any(|s| matches!(s, Span::Months(2 | 4))) {
            "1.1"
        } else {
            "1"
        };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# A sample dataset drawn by baocao-datagen, seed {seed}, from\n# {self:?}\nformat = {format}\n"
        );
        self.header(&mut out, seed);
        let mut covered: Vec<Key> = Vec::new();
        for &ind in &indicators {
            let parent = self.parent(ind, &indicators);
            let mut obs = Observations::default();
            for &p in &periods {
                obs.draw(seed, ind, parent.is_some(), p, &self.forms);
            }
            covered.extend(
                [&obs.value, &obs.index, &obs.growth, &obs.contribution]
                    .into_iter()
                    .flat_map(|s| s.keys().copied()),
            );
            self.indicator(&mut out, seed, ind, parent, &obs);
        }
        if self.targets && !indicators.is_empty() {
            let first = if self.previous_year { year - 1 } else { year };
            for target_year in first..=year + 1 {
                self.targets(&mut out, seed, target_year, &indicators);
            }
        }
        if self.notes {
            let first = if self.previous_year { year - 1 } else { year };
            for note_year in first..=year {
                self.notes(&mut out, seed, note_year);
            }
        }
        covered.sort_unstable();
        covered.dedup();
        Sample {
            text: out,
            periods: covered.iter().map(|&(y, s)| s.key(y)).collect(),
        }
    }

    /// The indicators, each once, in the order of [`Indicator::all`]
    /// (parents before children).
    fn indicator_list(&self) -> Vec<Indicator> {
        let all = Indicator::all();
        let mut list: Vec<Indicator> = self.indicators.iter().map(|i| i.normalized()).collect();
        list.sort_by_key(|i| all.iter().position(|a| a == i));
        list.dedup();
        list
    }

    /// The nearest ancestor the shape includes.
    fn parent(&self, ind: Indicator, included: &[Indicator]) -> Option<Indicator> {
        let mut up = ind.standard_parent();
        while let Some(p) = up {
            if included.contains(&p) {
                return Some(p);
            }
            up = p.standard_parent();
        }
        None
    }

    fn header(&self, out: &mut String, seed: u64) {
        let mut rng = SplitMix64::stream(seed, &[stream::HEADER]);
        let (region, kind) = if self.national {
            (
                (*rng.pick(&text::NATION)).to_owned(),
                Some("Cả nước".to_owned()),
            )
        } else {
            let region = *rng.pick(&text::REGIONS);
            let region = maybe_hostile(&mut rng, self.hostile, region);
            let kind = chance(&mut rng, 80).then(|| (*rng.pick(&text::REGION_KINDS)).to_owned());
            (region, kind)
        };
        let _ = writeln!(out, "[dataset]\nregion = {}", quoted(&region));
        if let Some(kind) = kind {
            let _ = writeln!(out, "region_kind = {}", quoted(&kind));
        }
        if chance(&mut rng, 70) {
            let source = *rng.pick(&text::SOURCES);
            let source = maybe_hostile(&mut rng, self.hostile, source);
            let _ = writeln!(out, "source = {}", quoted(&source));
        }
    }

    fn indicator(
        &self,
        out: &mut String,
        seed: u64,
        ind: Indicator,
        parent: Option<Indicator>,
        obs: &Observations,
    ) {
        let mut rng = SplitMix64::stream(seed, &[stream::META, ind.code()]);
        let (name, name_en) = ind.names();
        let name = maybe_hostile(&mut rng, self.hostile, name);
        let _ = writeln!(
            out,
            "\n[[indicator]]\nid = {}\nname = {}",
            quoted(&ind.id()),
            quoted(&name)
        );
        if self.name_en && chance(&mut rng, 85) {
            let name_en = maybe_hostile(&mut rng, self.hostile, name_en);
            let _ = writeln!(out, "name_en = {}", quoted(&name_en));
        }
        let kind = match ind.kind() {
            Kind::Flow => "flow",
            Kind::Index => "index",
        };
        let _ = writeln!(out, "kind = \"{kind}\"");
        if let Some(unit) = ind.unit()
            && chance(&mut rng, 90)
        {
            let unit = maybe_hostile(&mut rng, self.hostile, unit);
            let _ = writeln!(out, "unit = {}", quoted(&unit));
        }
        if let Some(p) = parent {
            let _ = writeln!(out, "parent = {}", quoted(&p.id()));
        }
        if ind.may_be_exhaustive() && chance(&mut rng, 40) {
            let _ = writeln!(out, "exhaustive = true");
        }
        // Which way is better, against the standard's default sometimes
        // (a CPI where higher is better).
        if chance(&mut rng, 20) {
            let _ = writeln!(out, "better = \"{}\"", rng.pick(&["higher", "lower"]));
        }
        for (key, series) in [
            ("weight", &obs.weight),
            ("value", &obs.value),
            ("index", &obs.index),
            ("growth", &obs.growth),
            ("contribution", &obs.contribution),
            ("share", &obs.share),
        ] {
            if !series.is_empty() {
                let _ = writeln!(out, "{key} = {}", inline_table(series));
            }
        }
    }

    /// 0 to 3 targets set for `year`, on indicators of the shape.
    fn targets(&self, out: &mut String, seed: u64, year: i32, indicators: &[Indicator]) {
        let mut rng = SplitMix64::stream(seed, &[stream::TARGET, u64::from(year.unsigned_abs())]);
        for _ in 0..rng.range(0, 3) {
            let ind = *rng.pick(indicators);
            let kind = ind.kind();
            let (measure, value) = match (chance(&mut rng, 60), kind) {
                (true, _) => {
                    // Never 0: a threshold of 0 would print "0%", which a
                    // test could not tell from a made-up 0.
                    let units = rng.range(-500, 1_500);
                    let units = if units == 0 { 650 } else { units };
                    ("growth", Fixed::hundredths(units).trimmed())
                }
                (false, Kind::Flow) => ("value", Fixed::tenths(rng.range(1, 10_000_000))),
                (false, Kind::Index) => ("index", Fixed::tenths(rng.range(900, 1_150))),
            };
            let op = *rng.pick(&[">=", ">", "<=", "<", "between"]);
            let _ = writeln!(
                out,
                "\n[[target]]\nyear = {year}\nindicator = {}\nmeasure = \"{measure}\"\nop = \"{op}\"\nvalue = {value}",
                quoted(&ind.id())
            );
            if op == "between" {
                let upper = Fixed {
                    units: value.units + rng.range(1, 500),
                    ..value
                };
                let _ = writeln!(out, "upper = {upper}");
            }
            if chance(&mut rng, 35) {
                let label = rng.pick(&text::LABELS).replace("{}", ind.names().0);
                let label = maybe_hostile(&mut rng, self.hostile, &label);
                let _ = writeln!(out, "label = {}", quoted(&label));
            }
        }
    }

    /// Some of the sections' notes for `year`, one or two paragraphs each.
    fn notes(&self, out: &mut String, seed: u64, year: i32) {
        for (n, (section, pool)) in text::NOTES.iter().enumerate() {
            let mut rng = SplitMix64::stream(
                seed,
                &[stream::NOTE, u64::from(year.unsigned_abs()), n as u64],
            );
            if !chance(&mut rng, 55) {
                continue;
            }
            // `industry_orders` is a clause inside a sentence: one paragraph.
            let paragraphs = if *section == "industry_orders" {
                1
            } else {
                rng.range(1, 2)
            };
            let text: Vec<String> = (0..paragraphs)
                .map(|_| {
                    let sentence = *rng.pick(pool);
                    maybe_hostile(&mut rng, self.hostile, sentence)
                })
                .collect();
            let _ = writeln!(
                out,
                "\n[[note]]\nyear = {year}\nsection = \"{section}\"\ntext = {}",
                quoted(&text.join("\n\n"))
            );
        }
    }
}

/// `{ 2023 = 1000.5, 2024-Q3 = 3.2 }`.
fn inline_table(series: &Series) -> String {
    let entries: Vec<String> = series
        .iter()
        .map(|(&(y, s), v)| format!("{} = {v}", s.key(y)))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// Which indicators a drawn shape holds.
fn draw_indicators(rng: &mut SplitMix64) -> Vec<Indicator> {
    use Indicator::*;
    let all = Indicator::all();
    let some = |rng: &mut SplitMix64, from: &[Indicator], percent: i64| -> Vec<Indicator> {
        from.iter()
            .copied()
            .filter(|_| chance(rng, percent))
            .collect()
    };
    match rng.range(0, 99) {
        0..=14 => vec![*rng.pick(&all)],
        15..=22 => vec![Cpi],
        23..=34 => {
            let tree = [
                Grdp,
                Agriculture,
                AgricultureTaxes,
                IndustryConstruction,
                Industry,
                Mining,
                Manufacturing,
                Electricity,
                Water,
                Construction,
                Services,
                Trade,
                ProductTaxes,
            ];
            let mut list = some(rng, &tree[1..], 60);
            list.insert(0, Grdp);
            list
        }
        35..=44 => {
            let mut list = some(
                rng,
                &[IipMining, IipManufacturing, IipElectricity, IipWater],
                50,
            );
            list.insert(0, Iip);
            list
        }
        45..=52 => {
            let parts: Vec<Indicator> = (1..=CONSUMPTION_PARTS).map(ConsumptionPart).collect();
            let mut list = some(rng, &parts, 60);
            list.insert(0, Consumption);
            list
        }
        _ => {
            let percent = *rng.pick(&[20, 50, 80]);
            some(rng, &all, percent)
        }
    }
}

/// Which spans of the year a drawn shape has figures for.
fn draw_spans(rng: &mut SplitMix64) -> Vec<Span> {
    let quarters = |n: u8| (1..=n).map(Span::Quarter);
    match rng.range(0, 99) {
        0..=29 => vec![Span::Year],
        30..=44 => std::iter::once(Span::Year).chain(quarters(4)).collect(),
        45..=59 => {
            let n = u8::try_from(rng.range(1, 4)).expect("1 to 4");
            quarters(n).collect()
        }
        _ => (0..rng.range(1, 3)).map(|_| Span::draw(rng)).collect(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn keys(series: &Series) -> Vec<String> {
        series.keys().map(|&(y, s)| s.key(y)).collect()
    }

    #[test]
    fn period_keys_are_written_as_the_format_spells_them() {
        assert_eq!(Span::Year.key(2024), "2024");
        assert_eq!(Span::Half(1).key(2024), "2024-H1");
        assert_eq!(Span::Half(7).key(2024), "2024-H2");
        assert_eq!(Span::Quarter(3).key(2024), "2024-Q3");
        assert_eq!(Span::Months(9).key(2024), "2024-9M");
        assert_eq!(Span::Months(2).key(2024), "2024-2M");
        assert_eq!(Span::Months(3).key(2024), "2024-Q1");
        assert_eq!(Span::Months(1).key(2024), "2024-M01");
        assert_eq!(Span::Months(6).key(2024), "2024-H1");
        assert_eq!(Span::Month(7).key(2024), "2024-M07");
        assert_eq!(Span::Month(12).key(1999), "1999-M12");
        let mut series = BTreeMap::new();
        for s in [Span::Month(1), Span::Quarter(2), Span::Year, Span::Half(1)] {
            series.insert((2024, s), Fixed::tenths(5));
        }
        series.insert((2023, Span::Month(12)), Fixed::tenths(-5));
        assert_eq!(
            keys(&series),
            ["2023-M12", "2024", "2024-H1", "2024-Q2", "2024-M01"]
        );
        assert_eq!(
            inline_table(&series),
            "{ 2023-M12 = -0.5, 2024 = 0.5, 2024-H1 = 0.5, 2024-Q2 = 0.5, 2024-M01 = 0.5 }"
        );
    }

    #[test]
    fn the_same_shape_and_seed_give_the_same_bytes() {
        for seed in 0..50 {
            let shape = Shape::draw(seed);
            assert_eq!(shape, Shape::draw(seed));
            assert_eq!(shape.dataset(seed), shape.dataset(seed));
        }
        assert_ne!(Shape::draw(1).dataset(1), Shape::draw(1).dataset(2));
    }

    #[test]
    fn removing_an_indicator_leaves_the_others_figures() {
        let shape = Shape {
            indicators: vec![Indicator::Exports, Indicator::Cpi, Indicator::Iip],
            spans: vec![Span::Year, Span::Month(3)],
            forms: Form::ALL.to_vec(),
            ..Shape::default()
        };
        let fewer = Shape {
            indicators: vec![Indicator::Exports, Indicator::Iip],
            ..shape.clone()
        };
        let block = |text: &str, id: &str| -> String {
            let start = text.find(&format!("id = \"{id}\"")).unwrap();
            let rest = &text[start..];
            rest[..rest.find("\n\n").unwrap_or(rest.len())]
                .trim_end()
                .to_owned()
        };
        let (a, b) = (shape.dataset(5).text, fewer.dataset(5).text);
        for id in ["exports", "iip"] {
            assert_eq!(block(&a, id), block(&b, id));
        }
        assert!(!b.contains("id = \"cpi\""));
    }

    #[test]
    fn simpler_shapes_are_smaller_and_end() {
        let mut shape = Shape::draw(11);
        shape.indicators = Indicator::all();
        shape.hostile = true;
        let mut steps = 0;
        while let Some(next) = shape.simpler().into_iter().next() {
            assert_ne!(next, shape);
            shape = next;
            steps += 1;
            assert!(steps < 100);
        }
        assert!(shape.indicators.len() <= 1);
        assert_eq!(shape.spans.len(), 1);
        assert!(!shape.hostile && !shape.targets && !shape.notes);
    }

    #[test]
    fn a_child_hangs_on_its_nearest_ancestor_present() {
        let shape = Shape {
            indicators: vec![Indicator::Manufacturing, Indicator::Grdp, Indicator::Trade],
            ..Shape::default()
        };
        let text = shape.dataset(1).text;
        let grdp = text.find("id = \"grdp\"").unwrap();
        let manufacturing = text.find("id = \"manufacturing\"").unwrap();
        assert!(grdp < manufacturing, "parents first:\n{text}");
        assert_eq!(text.matches("parent = \"grdp\"").count(), 2, "{text}");
    }
}
