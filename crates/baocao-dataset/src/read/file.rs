//! One TOML file to the parts of a dataset it holds, checking everything
//! that can be checked without the other files.
//!
//! Every check records a diagnostic and goes on, so a clerk sees every
//! mistake of a file at once. What needs the other files (duplicate ids,
//! parents, the indicator of a target) is checked in `merge`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use rust_decimal::Decimal;
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use super::chunks;
use super::number;
use super::position::Source;
use crate::error::diag;
use crate::{
    Approx, Better, ContributionBase, Diagnostic, IndicatorId, Kind, Location, Note, Number, Op,
    Period, TargetMeasure,
};
use baocao_suggest::closest;

type Value<'i> = Spanned<DeValue<'i>>;
type Key<'i> = Spanned<Cow<'i, str>>;

/// A value and where it was written.
#[derive(Debug, Clone)]
pub(super) struct Located<T> {
    pub(super) value: T,
    pub(super) at: Location,
}

/// What one file holds. Fields a file got wrong are `None`; a diagnostic
/// has been recorded for each of them.
#[derive(Debug, Default)]
pub(super) struct FileParts {
    pub(super) dataset: Option<DatasetPart>,
    pub(super) indicators: Vec<IndicatorPart>,
    pub(super) targets: Vec<TargetPart>,
    pub(super) notes: Vec<Note>,
    /// The file says `format = 1.1`.
    pub(super) format_1_1: bool,
    /// What only format 1.1 allows, each an error unless the file says
    /// `format = 1.1` (known only once the whole file is read, since a
    /// large file is read in pieces).
    needs_1_1: Vec<Diagnostic>,
}

/// The `[dataset]` table.
#[derive(Debug)]
pub(super) struct DatasetPart {
    pub(super) at: Location,
    pub(super) region: Option<String>,
    pub(super) region_kind: Option<String>,
    pub(super) contribution_base: Option<ContributionBase>,
    pub(super) source: Option<String>,
}

/// One `[[indicator]]`.
#[derive(Debug)]
pub(super) struct IndicatorPart {
    pub(super) at: Location,
    pub(super) id: Option<Located<IndicatorId>>,
    pub(super) name: Option<String>,
    pub(super) name_en: Option<String>,
    pub(super) kind: Option<Kind>,
    pub(super) unit: Option<String>,
    pub(super) parent: Option<Located<IndicatorId>>,
    pub(super) exhaustive: bool,
    pub(super) better: Option<Better>,
    pub(super) weight: BTreeMap<Period, Number>,
    pub(super) value: BTreeMap<Period, Number>,
    pub(super) index: BTreeMap<Period, Number>,
    pub(super) growth: BTreeMap<Period, Number>,
    pub(super) contribution: BTreeMap<Period, Number>,
    pub(super) share: BTreeMap<Period, Number>,
    pub(super) structure: BTreeMap<Period, Number>,
    pub(super) value_current: BTreeMap<Period, Number>,
    pub(super) contribution_to_year: BTreeMap<Period, Number>,
}

/// One `[[target]]`.
#[derive(Debug)]
pub(super) struct TargetPart {
    pub(super) at: Location,
    pub(super) year: Option<i32>,
    /// As written: whether it names an indicator is known only once every
    /// file is read.
    pub(super) indicator: Option<Located<String>>,
    pub(super) measure: Option<Located<TargetMeasure>>,
    pub(super) op: Option<Op>,
    pub(super) value: Option<Number>,
    pub(super) upper: Option<Number>,
    pub(super) label: Option<String>,
}

/// The tables of a dataset file, for messages and for the keys each allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    Top,
    Dataset,
    Indicator,
    Target,
    Note,
}

impl Context {
    /// In the order a misplaced key is looked for: the top level first, as
    /// a key written after a `[table]` line belongs to that table.
    const ALL: [Context; 5] = [
        Context::Top,
        Context::Dataset,
        Context::Indicator,
        Context::Target,
        Context::Note,
    ];

    fn keys(self) -> &'static [&'static str] {
        match self {
            Context::Top => &["format", "dataset", "indicator", "target", "note"],
            Context::Dataset => &["region", "region_kind", "source", "contribution_base"],
            Context::Indicator => &[
                "id",
                "name",
                "name_en",
                "kind",
                "unit",
                "parent",
                "exhaustive",
                "better",
                "weight",
                "value",
                "index",
                "growth",
                "contribution",
                "share",
                "structure",
                "value_current",
                "contribution_to_year",
            ],
            Context::Target => &[
                "year",
                "indicator",
                "measure",
                "op",
                "value",
                "upper",
                "label",
            ],
            Context::Note => &["year", "section", "text"],
        }
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Context::Top => "the top level",
            Context::Dataset => "[dataset]",
            Context::Indicator => "[[indicator]]",
            Context::Target => "[[target]]",
            Context::Note => "[[note]]",
        })
    }
}

const KINDS: &[(&str, Kind)] = &[
    ("flow", Kind::Flow),
    ("stock", Kind::Stock),
    ("index", Kind::Index),
];
/// What contributions are points of: the economy's product (GRDP for a
/// province, GDP for the country) or total value added.
const CONTRIBUTION_BASES: &[(&str, ContributionBase)] = &[
    ("grdp", ContributionBase::Product),
    ("gdp", ContributionBase::Product),
    ("gva", ContributionBase::ValueAdded),
];
const BETTER: &[(&str, Better)] = &[("higher", Better::Higher), ("lower", Better::Lower)];
/// Other ways people say which way is better.
const BETTER_ALIASES: &[(&str, &str)] = &[
    ("up", "higher"),
    ("high", "higher"),
    ("more", "higher"),
    ("increase", "higher"),
    ("down", "lower"),
    ("low", "lower"),
    ("less", "lower"),
    ("decrease", "lower"),
];
const MEASURES: &[(&str, TargetMeasure)] = &[
    ("growth", TargetMeasure::Growth),
    ("value", TargetMeasure::Value),
    ("index", TargetMeasure::Index),
];
const OPS: &[(&str, Op)] = &[
    (">=", Op::AtLeast),
    (">", Op::Above),
    ("<=", Op::AtMost),
    ("<", Op::Below),
    ("between", Op::Between),
];
/// Other ways people write the comparison signs.
const OP_ALIASES: &[(&str, &str)] = &[
    ("=>", ">="),
    ("≥", ">="),
    ("=<", "<="),
    ("≤", "<="),
    ("from", ">="),
    ("at least", ">="),
    ("at most", "<="),
    ("below", "<"),
    ("above", ">"),
];

/// What an observation table allows.
#[derive(Debug, Clone, Copy)]
enum Bound {
    /// Any number (contribution, share).
    Any,
    /// A level: 0 or more.
    Level,
    /// An index or a weight: above 0.
    Positive(&'static str),
    /// A growth, %: a level cannot fall by more than all of it (−100%),
    /// and an index, above 0, not even that far.
    Growth {
        /// Of an index.
        index: bool,
    },
}

impl Bound {
    /// Why `value`, the figure `what`, is refused, when it is.
    fn refusal(self, what: &Observation<'_>, value: &Decimal) -> Option<String> {
        let negative = value.is_sign_negative() && !value.is_zero();
        match self {
            Bound::Any => None,
            Bound::Level if negative => Some(format!(
                "{what} is negative ({value}): a level cannot be below 0"
            )),
            Bound::Positive(noun) if negative || value.is_zero() => {
                Some(format!("{what} is {value}: {noun} must be above 0"))
            }
            Bound::Growth { index: false } if *value < LOWEST_GROWTH => Some(format!(
                "{what} is {value}: a level cannot fall by more than all of it, so a growth cannot be below -100"
            )),
            Bound::Growth { index: true } if *value <= LOWEST_GROWTH => Some(format!(
                "{what} is {value}: an index must be above 0, so its growth must be above -100"
            )),
            Bound::Level | Bound::Positive(_) | Bound::Growth { .. } => None,
        }
    }
}

/// A growth of -100%: a level fallen to 0.
const LOWEST_GROWTH: Decimal = Decimal::from_parts(100, 0, 0, true, 0);

/// An observation, as messages name it: "`growth` for 2024". Written out
/// only when a message needs it, not for each of the figures read.
struct Observation<'a> {
    name: &'a str,
    period: &'a str,
}

impl fmt::Display for Observation<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` for {}", self.name, self.period)
    }
}

/// Reads one file. `None` when it is not valid TOML: its content is unknown,
/// so nothing else about it can be checked.
pub(super) fn read_file(src: &Source<'_>, diags: &mut Vec<Diagnostic>) -> Option<FileParts> {
    let mut parts = read_file_in(src, diags, chunks::PIECE)?;
    let pending = std::mem::take(&mut parts.needs_1_1);
    if !parts.format_1_1 {
        diags.extend(pending);
    }
    Some(parts)
}

/// [`read_file`], a file of at least twice `piece` bytes in pieces of at
/// least `piece` when that reads the same (see [`chunks`]).
fn read_file_in(src: &Source<'_>, diags: &mut Vec<Diagnostic>, piece: usize) -> Option<FileParts> {
    let pieces = chunks::split(src.text, piece);
    if pieces.len() > 1
        && let Some((parts, found)) = read_pieces(src, &pieces)
    {
        diags.extend(found);
        return Some(parts);
    }
    match DeTable::parse(src.text) {
        Ok(doc) => {
            let mut reader = Reader {
                src,
                diags,
                base: 0,
                needs_1_1: Vec::new(),
            };
            let mut parts = FileParts::default();
            reader.document(doc.get_ref(), true, &mut parts);
            Some(parts)
        }
        Err(error) => {
            diags.push(syntax_error(src, &error));
            None
        }
    }
}

/// The file read piece by piece, with what is wrong in it; `None` when
/// that might not read as the whole file does: a piece is not valid TOML
/// alone, or a key of the top level is in two pieces other than as arrays
/// of tables in pieces after the first (see [`chunks`]).
fn read_pieces(src: &Source<'_>, pieces: &[Range<usize>]) -> Option<(FileParts, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    let mut parts = FileParts::default();
    // Each key of the top level so far, and whether it was an array of
    // tables in a piece after the first every time.
    let mut keys: BTreeMap<String, bool> = BTreeMap::new();
    for (n, piece) in pieces.iter().enumerate() {
        let text = src.text.get(piece.clone())?;
        let doc = DeTable::parse(text).ok()?;
        let root = doc.get_ref();
        for (key, value) in root.iter() {
            let key: &str = key.get_ref();
            let array = n > 0 && matches!(value.get_ref(), DeValue::Array(_));
            match keys.get(key) {
                None => {
                    keys.insert(key.to_owned(), array);
                }
                Some(true) if array => {}
                Some(_) => return None,
            }
        }
        let mut reader = Reader {
            src,
            diags: &mut diags,
            base: piece.start,
            needs_1_1: Vec::new(),
        };
        reader.document(root, n == 0, &mut parts);
    }
    Some((parts, diags))
}

struct Reader<'a, 't> {
    src: &'a Source<'t>,
    diags: &'a mut Vec<Diagnostic>,
    /// Where the text parsed starts in the file: spans are from there.
    base: usize,
    /// What only format 1.1 allows, met in this piece: moved into the
    /// parts at the end of [`Reader::document`].
    needs_1_1: Vec<Diagnostic>,
}

impl Reader<'_, '_> {
    fn at(&self, span: &Range<usize>) -> Location {
        self.src.location(self.base.saturating_add(span.start))
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let at = self.at(span);
        self.diags.push(diag(Some(at), message.into()));
    }

    /// Reads a document, or a piece of one (`first` for the first piece,
    /// which holds the keys of the top level), into `parts`.
    fn document(&mut self, root: &DeTable<'_>, first: bool, parts: &mut FileParts) {
        self.document_in(root, first, parts);
        parts.needs_1_1.append(&mut self.needs_1_1);
    }

    /// Something only format 1.1 allows, written at `span`: an error unless
    /// the file says `format = 1.1`, told with what else to write.
    fn needs_1_1(&mut self, span: &Range<usize>, what: &str, otherwise: &str) {
        let at = self.at(span);
        self.needs_1_1.push(diag(
            Some(at),
            format!(
                "{what} is format 1.1: write `format = 1.1` at the top of the file, or {otherwise}"
            ),
        ));
    }

    fn document_in(&mut self, root: &DeTable<'_>, first: bool, parts: &mut FileParts) {
        self.check_keys(root, Context::Top);
        if first {
            self.format(root, parts);
        }
        let dataset = root.get("dataset").and_then(|v| match v.get_ref() {
            DeValue::Table(t) => Some(self.dataset(t, &v.span())),
            DeValue::Array(_) => {
                self.error(
                    &v.span(),
                    "write [dataset] with single brackets: a dataset has one [dataset] table",
                );
                None
            }
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`dataset`: expected a [dataset] table, found {found}"),
                );
                None
            }
        });
        // Only one piece can have it (see `read_pieces`).
        if dataset.is_some() {
            parts.dataset = dataset;
        }
        for (t, span) in self.entries(root, "indicator") {
            let indicator = self.indicator(t, &span);
            parts.indicators.push(indicator);
        }
        for (t, span) in self.entries(root, "target") {
            let target = self.target(t, &span);
            parts.targets.push(target);
        }
        for (t, span) in self.entries(root, "note") {
            if let Some(note) = self.note(t, &span) {
                parts.notes.push(note);
            }
        }
    }

    fn format(&mut self, root: &DeTable<'_>, parts: &mut FileParts) {
        let Some(v) = root.get("format") else {
            self.error(&(0..0), "missing `format = 1` at the top of the file");
            return;
        };
        match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => {
                let text = i.as_str().trim_start_matches('+');
                if text != "1" {
                    self.error(
                        &v.span(),
                        format!(
                            "unsupported format {text}: this version of baocao reads formats 1 and 1.1"
                        ),
                    );
                }
            }
            // 1.1 only adds to 1 (docs/dataset.md says what), so both are
            // read alike; the number tells a reader of the file, and an
            // older baocao, which additions to expect.
            DeValue::Float(f) if f.as_str() == "1.1" => parts.format_1_1 = true,
            DeValue::Float(f) => {
                let text = f.as_str();
                self.error(
                    &v.span(),
                    format!(
                        "unsupported format {text}: this version of baocao reads formats 1 and 1.1"
                    ),
                );
            }
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`format`: expected the number 1 or 1.1, found {found}"),
                );
            }
        }
    }

    /// Reports every key of `table` that `context` does not allow.
    fn check_keys(&mut self, table: &DeTable<'_>, context: Context) {
        let allowed = context.keys();
        for key in table.keys() {
            let name: &str = key.get_ref();
            if allowed.contains(&name) {
                continue;
            }
            let place = if context == Context::Top {
                "at the top level".to_owned()
            } else {
                format!("in {context}")
            };
            let mut message = format!("unknown key `{name}` {place}");
            if let Some(suggestion) = closest(name, allowed.iter().copied()) {
                message.push_str(&format!("; did you mean `{suggestion}`?"));
            } else if let Some(home) = Context::ALL
                .into_iter()
                .find(|c| *c != context && c.keys().contains(&name))
            {
                if home == Context::Top {
                    message.push_str(&format!(
                        "; `{name}` belongs at the top of the file, before any [table] line"
                    ));
                } else {
                    message.push_str(&format!("; `{name}` belongs in {home}"));
                }
            } else {
                message.push_str(&format!("; expected one of {}", allowed.join(", ")));
            }
            self.error(&key.span(), message);
        }
    }

    /// The value of a key that must be there; reports it missing otherwise.
    fn required<'v, 'i>(
        &mut self,
        table: &'v DeTable<'i>,
        key: &str,
        span: &Range<usize>,
        why: impl FnOnce() -> String,
    ) -> Option<&'v Value<'i>> {
        let value = table.get(key);
        if value.is_none() {
            self.error(span, why());
        }
        value
    }

    /// The entries of `[[key]]`, each a table and where it starts.
    fn entries<'v, 'i>(
        &mut self,
        root: &'v DeTable<'i>,
        key: &str,
    ) -> Vec<(&'v DeTable<'i>, Range<usize>)> {
        let Some(v) = root.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(t) => Some((t, item.span())),
                    other => {
                        let found = found(other);
                        self.error(
                            &item.span(),
                            format!("each `{key}` entry must be a table, found {found}"),
                        );
                        None
                    }
                })
                .collect(),
            DeValue::Table(t) => {
                // Still read it, so the mistakes inside show up in this pass too.
                self.error(
                    &v.span(),
                    format!("write [[{key}]] with double brackets, one for each {key}"),
                );
                vec![(t, v.span())]
            }
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`{key}`: expected [[{key}]] tables, found {found}"),
                );
                Vec::new()
            }
        }
    }

    fn dataset(&mut self, t: &DeTable<'_>, span: &Range<usize>) -> DatasetPart {
        self.check_keys(t, Context::Dataset);
        let region = self
            .required(t, "region", span, || {
                "missing `region` in [dataset]: the region's name used in sentences, like region = \"Hà Nội\"".to_owned()
            })
            .and_then(|v| self.string("region", v));
        let region_kind = t
            .get("region_kind")
            .and_then(|v| self.string("region_kind", v));
        let source = t.get("source").and_then(|v| self.string("source", v));
        let contribution_base = t.get_key_value("contribution_base").and_then(|(k, v)| {
            self.needs_1_1(
                &k.span(),
                "`contribution_base`",
                "leave it out: contributions are then points of the growth of GRDP",
            );
            self.choice("contribution_base", v, CONTRIBUTION_BASES, &[])
        });
        DatasetPart {
            at: self.at(span),
            region,
            region_kind,
            source,
            contribution_base,
        }
    }

    fn indicator(&mut self, t: &DeTable<'_>, span: &Range<usize>) -> IndicatorPart {
        self.check_keys(t, Context::Indicator);
        let id = self
            .required(t, "id", span, || {
                "missing `id` in [[indicator]]: every indicator needs a unique id, like id = \"industry\"".to_owned()
            })
            .and_then(|v| self.id("id", v));
        let this = match &id {
            Some(id) => format!("[[indicator]] `{}`", id.value),
            None => "[[indicator]]".to_owned(),
        };
        let name = self
            .required(t, "name", span, || {
                format!("missing `name` in {this}: the Vietnamese label used in sentences")
            })
            .and_then(|v| self.string("name", v));
        let name_en = t.get("name_en").and_then(|v| self.string("name_en", v));
        let kind = self
            .required(t, "kind", span, || {
                format!("missing `kind` in {this}: expected flow, stock or index")
            })
            .and_then(|v| self.choice("kind", v, KINDS, &[]));
        let unit = t.get("unit").and_then(|v| self.string("unit", v));
        let parent = t.get("parent").and_then(|v| self.id("parent", v));
        let exhaustive = t
            .get("exhaustive")
            .and_then(|v| self.boolean("exhaustive", v))
            .unwrap_or(false);
        let better = t
            .get("better")
            .and_then(|v| self.choice("better", v, BETTER, BETTER_ALIASES));

        if let Some(kind) = kind {
            self.kind_allows(t, kind);
        }
        let at = self.at(span);
        let mut observations = |key: &str, range: Bound| {
            t.get_key_value(key)
                .map(|(k, v)| self.observations(k, v, range))
                .unwrap_or_default()
        };
        IndicatorPart {
            at,
            weight: observations("weight", Bound::Positive("a weight")),
            value: observations("value", Bound::Level),
            index: observations("index", Bound::Positive("an index")),
            growth: observations(
                "growth",
                Bound::Growth {
                    index: kind == Some(Kind::Index),
                },
            ),
            contribution: observations("contribution", Bound::Any),
            share: observations("share", Bound::Any),
            structure: observations("structure", Bound::Any),
            value_current: observations("value_current", Bound::Level),
            contribution_to_year: observations("contribution_to_year", Bound::Any),
            id,
            name,
            name_en,
            kind,
            unit,
            parent,
            exhaustive,
            better,
        }
    }

    /// Observation tables that make no sense for the kind of indicator.
    fn kind_allows(&mut self, t: &DeTable<'_>, kind: Kind) {
        let kind_name = kind.as_str();
        if matches!(kind, Kind::Flow | Kind::Stock)
            && let Some((k, _)) = t.get_key_value("index")
        {
            self.needs_1_1(
                &k.span(),
                &format!("`index` on a {kind_name}"),
                "give its growth in `growth`",
            );
        }
        for (key, otherwise) in [
            (
                "structure",
                "leave it out: the structure is derived from the levels",
            ),
            (
                "value_current",
                "leave it out: format 1 holds one series of levels, `value`",
            ),
            (
                "contribution_to_year",
                "leave it out: it is derived from the levels of the quarters",
            ),
        ] {
            if let Some((k, _)) = t.get_key_value(key) {
                self.needs_1_1(&k.span(), &format!("`{key}`"), otherwise);
            }
        }
        let refused: Vec<(&str, String)> = match kind {
            Kind::Index => vec![(
                "value",
                "`value` is not for indicators of kind \"index\": give the index in `index` (the same period a year earlier = 100)".to_owned(),
            )],
            // A flow or a stock may give its index (format 1.1: releases
            // write "bằng 113,0% so với cùng kỳ"); its growth is then
            // index − 100, derived.
            Kind::Flow | Kind::Stock => vec![
                (
                    "weight",
                    format!("`weight` is only for indicators of kind \"index\" (the weight inside the parent index), and this one is a {kind_name}"),
                ),
            ],
        };
        for (key, message) in refused {
            if let Some((k, _)) = t.get_key_value(key) {
                self.error(&k.span(), message);
            }
        }
    }

    /// A table of period → number.
    fn observations(
        &mut self,
        key: &Key<'_>,
        v: &Value<'_>,
        range: Bound,
    ) -> BTreeMap<Period, Number> {
        let name: &str = key.get_ref();
        let mut out = BTreeMap::new();
        let DeValue::Table(table) = v.get_ref() else {
            let found = found(v.get_ref());
            self.error(
                &v.span(),
                format!(
                    "`{name}`: expected a table of period = number, like {name} = {{ 2024 = 6.2 }}, found {found}"
                ),
            );
            return out;
        };
        for (k, v) in table.iter() {
            let written: &str = k.get_ref();
            let period = match written.parse::<Period>() {
                Ok(period) => Some(period),
                Err(error) => {
                    self.error(&k.span(), error.to_string());
                    None
                }
            };
            let what = Observation {
                name,
                period: written,
            };
            // A part of the year's growth is a quarter's: the engine adds
            // up the four, and would never read one of another period.
            if name == "contribution_to_year"
                && period.is_some_and(|p| !matches!(p, Period::Quarter(..)))
            {
                self.error(
                    &k.span(),
                    format!(
                        "{what}: only a quarter has a part of its year's growth (2024-Q1 … 2024-Q4), like contribution_to_year = {{ 2024-Q1 = 1.22 }}"
                    ),
                );
                continue;
            }
            if let Some(Period::Months(_, n @ (2 | 4))) = period {
                self.needs_1_1(
                    &k.span(),
                    &format!("the period `{written}` (the first {n} months)"),
                    "leave it out",
                );
            }
            let Some(n) = self.observation(&what, v) else {
                continue;
            };
            if let Some(message) = range.refusal(&what, &n.value) {
                self.error(&v.span(), message);
                continue;
            }
            if let Some(period) = period
                && out.insert(period, n).is_some()
            {
                self.error(
                    &k.span(),
                    format!("`{name}`: period {period} is given twice"),
                );
            }
        }
        out
    }

    fn target(&mut self, t: &DeTable<'_>, span: &Range<usize>) -> TargetPart {
        self.check_keys(t, Context::Target);
        let year = self
            .required(t, "year", span, || {
                "missing `year` in [[target]]: the year the target is for, like year = 2025"
                    .to_owned()
            })
            .and_then(|v| self.year(v));
        let indicator = self
            .required(t, "indicator", span, || {
                "missing `indicator` in [[target]]: the id of the indicator it is about".to_owned()
            })
            .and_then(|v| {
                let at = self.at(&v.span());
                self.plain_string("indicator", v)
                    .map(|value| Located { value, at })
            });
        let measure = self
            .required(t, "measure", span, || {
                "missing `measure` in [[target]]: expected growth, value or index".to_owned()
            })
            .and_then(|v| {
                let at = self.at(&v.span());
                self.choice("measure", v, MEASURES, &[])
                    .map(|value| Located { value, at })
            });
        let op = self
            .required(t, "op", span, || {
                "missing `op` in [[target]]: expected >=, >, <=, < or between".to_owned()
            })
            .and_then(|v| self.choice("op", v, OPS, OP_ALIASES));
        let value = self
            .required(t, "value", span, || {
                "missing `value` in [[target]]: the threshold, like value = 6.5".to_owned()
            })
            .and_then(|v| self.number(&"`value`", v));
        let upper_entry = t.get_key_value("upper");
        let upper = upper_entry.and_then(|(_, v)| self.number(&"`upper`", v));
        let label = t.get("label").and_then(|v| self.string("label", v));

        match (op, upper_entry) {
            (Some(Op::Between), None) => self.error(
                span,
                "missing `upper` in [[target]]: op = \"between\" needs `value` (the lower bound) and `upper`",
            ),
            (Some(op), Some((k, _))) if op != Op::Between => self.error(
                &k.span(),
                format!(
                    "`upper` is only used with op = \"between\", and here op is \"{}\"",
                    op.as_str()
                ),
            ),
            _ => {}
        }
        if let (Some(Op::Between), Some(lower), Some(upper)) = (op, &value, &upper)
            && upper.value <= lower.value
        {
            let message = format!(
                "`upper` ({}) must be greater than `value` ({})",
                upper.value, lower.value
            );
            self.diags.push(diag(Some(upper.at.clone()), message));
        }
        if measure.as_ref().map(|m| m.value) == Some(TargetMeasure::Growth) {
            for (key, n) in [("value", &value), ("upper", &upper)] {
                if let Some(n) = n.as_ref().filter(|n| n.value < LOWEST_GROWTH) {
                    let message = format!(
                        "`{key}` is {}: a level cannot fall by more than all of it, so a growth cannot be below -100",
                        n.value
                    );
                    self.diags.push(diag(Some(n.at.clone()), message));
                }
            }
        }
        TargetPart {
            at: self.at(span),
            year,
            indicator,
            measure,
            op,
            value,
            upper,
            label,
        }
    }

    fn note(&mut self, t: &DeTable<'_>, span: &Range<usize>) -> Option<Note> {
        self.check_keys(t, Context::Note);
        let year = self
            .required(t, "year", span, || {
                "missing `year` in [[note]]: the year of the report it goes into, like year = 2024"
                    .to_owned()
            })
            .and_then(|v| self.year(v));
        let section = self
            .required(t, "section", span, || {
                "missing `section` in [[note]]: the report section it goes into, like section = \"limitations\"".to_owned()
            })
            .and_then(|v| self.id("section", v));
        let text = self
            .required(t, "text", span, || {
                "missing `text` in [[note]]: the text, in quotes or between \"\"\" lines".to_owned()
            })
            .and_then(|v| self.string("text", v));
        Some(Note {
            year: year?,
            section: section?.value.as_str().to_owned(),
            // Windows line breaks would otherwise hide the blank lines that
            // separate paragraphs.
            text: text?.replace("\r\n", "\n").trim().to_owned(),
            at: self.at(span),
        })
    }

    /// A string, NFC, not blank.
    fn string(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        let text = self.plain_string(key, v)?;
        if text.trim().is_empty() {
            self.error(&v.span(), format!("`{key}` is empty"));
            return None;
        }
        Some(text)
    }

    /// A string, NFC, maybe blank.
    fn plain_string(&mut self, key: &str, v: &Value<'_>) -> Option<String> {
        match v.get_ref() {
            // Almost every string is NFC already: check before recomposing.
            DeValue::String(s) if unicode_normalization::is_nfc(s) => Some(s.to_string()),
            DeValue::String(s) => Some(s.nfc().collect()),
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`{key}`: expected a string, found {found}"),
                );
                None
            }
        }
    }

    /// An id (`[a-z0-9_]+`): an indicator id, a parent, a section.
    fn id(&mut self, key: &str, v: &Value<'_>) -> Option<Located<IndicatorId>> {
        let text = self.plain_string(key, v)?;
        if text.trim().is_empty() {
            self.error(&v.span(), format!("`{key}` is empty"));
            return None;
        }
        if let Some(id) = IndicatorId::new(&text) {
            return Some(Located {
                value: id,
                at: self.at(&v.span()),
            });
        }
        let (what, example) = match key {
            "section" => ("section", "limitations"),
            "parent" => ("parent id", "industry_construction"),
            _ => ("indicator id", "industry_construction"),
        };
        let mut message = format!(
            "bad {what} `{text}`: use only lowercase letters a-z, digits and _, like `{example}`"
        );
        let guess = text.trim().to_lowercase().replace([' ', '-', '.'], "_");
        if IndicatorId::new(&guess).is_some() {
            message.push_str(&format!("; did you mean `{guess}`?"));
        }
        self.error(&v.span(), message);
        None
    }

    /// An observation: a figure, or (format 1.1) a figure with the word
    /// a release put before it, `"hơn 24000"`.
    fn observation(&mut self, what: &dyn fmt::Display, v: &Value<'_>) -> Option<Number> {
        let DeValue::String(text) = v.get_ref() else {
            return self.number(what, v);
        };
        let Some((word, figure)) = text.trim().split_once(char::is_whitespace) else {
            return self.number(what, v);
        };
        let word: String = word.nfc().collect();
        let figure = figure.trim().replace('_', "");
        let Some(approx) = Approx::from_word(&word.to_lowercase()) else {
            if number::decimal(&figure).is_err() {
                return self.number(what, v);
            }
            let words: Vec<&str> = Approx::ALL.iter().map(|a| a.word()).collect();
            let mut message = format!(
                "{what}: unknown word `{word}` before the figure; an approximate figure starts with {}",
                one_of(&words)
            );
            if let Some(guess) = closest(&word.to_lowercase(), words.iter().copied()) {
                message.push_str(&format!("; did you mean `{guess}`?"));
            }
            self.error(&v.span(), message);
            return None;
        };
        let value = match number::decimal(&figure) {
            Ok(value) => value,
            Err(_) => {
                let mut message = format!(
                    "{what}: expected a number after `{}`, like \"{} 24000\", found `{figure}`",
                    approx.word(),
                    approx.word()
                );
                if let Some(fixed) = baocao_diagnostic::comma_decimal(&figure) {
                    message.push_str(&format!("; write {fixed}: numbers use a dot"));
                }
                self.error(&v.span(), message);
                return None;
            }
        };
        self.needs_1_1(
            &v.span(),
            &format!("an approximate figure (`{}`)", approx.word()),
            "write the figure alone",
        );
        Some(Number {
            scale: value.scale(),
            value,
            approx: Some(approx),
            at: self.at(&v.span()),
        })
    }

    /// A figure, exact. `what` names it in messages: "`growth` for 2024".
    fn number(&mut self, what: &dyn fmt::Display, v: &Value<'_>) -> Option<Number> {
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => number::integer(i),
            DeValue::Float(f) => number::float(f),
            DeValue::String(s) => {
                let mut message = format!("{what}: expected a number, found a string");
                if let Some(hint) = number::string_hint(s) {
                    message.push_str("; ");
                    message.push_str(&hint);
                }
                self.error(&v.span(), message);
                return None;
            }
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("{what}: expected a number, found {found}"),
                );
                return None;
            }
        };
        match parsed {
            Ok(value) => Some(Number {
                scale: value.scale(),
                value,
                approx: None,
                at: self.at(&v.span()),
            }),
            Err(error) => {
                self.error(&v.span(), format!("{what}: {error}"));
                None
            }
        }
    }

    fn year(&mut self, v: &Value<'_>) -> Option<i32> {
        let range = crate::MIN_YEAR..=crate::MAX_YEAR;
        let bad_range = |text: &str| {
            format!(
                "`year` must be between {} and {}, found {text}",
                crate::MIN_YEAR,
                crate::MAX_YEAR
            )
        };
        match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => match i.as_str().parse::<i32>() {
                Ok(year) if range.contains(&year) => Some(year),
                _ => {
                    self.error(&v.span(), bad_range(i.as_str()));
                    None
                }
            },
            DeValue::String(s) if s.trim().parse::<i32>().is_ok() => {
                let text = s.trim();
                self.error(
                    &v.span(),
                    format!(
                        "`year`: expected a number, found a string; write {text} without quotes"
                    ),
                );
                None
            }
            DeValue::Float(f) => {
                let text = f.as_str();
                self.error(
                    &v.span(),
                    format!("`year`: expected a whole year like 2025, found {text}"),
                );
                None
            }
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`year`: expected a year like 2025, found {found}"),
                );
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, v: &Value<'_>) -> Option<bool> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            other => {
                let found = found(other);
                let mut message = format!("`{key}`: expected true or false, found {found}");
                if let DeValue::String(s) = other {
                    let s = s.trim().to_lowercase();
                    if s == "true" || s == "false" {
                        message.push_str(&format!("; write {s} without quotes"));
                    }
                }
                self.error(&v.span(), message);
                None
            }
        }
    }

    /// One of a closed set of strings.
    fn choice<T: Copy>(
        &mut self,
        key: &str,
        v: &Value<'_>,
        options: &[(&'static str, T)],
        aliases: &[(&str, &'static str)],
    ) -> Option<T> {
        let names: Vec<&'static str> = options.iter().map(|(name, _)| *name).collect();
        let expected = one_of(&names);
        let text = match v.get_ref() {
            DeValue::String(s) => s.trim(),
            other => {
                let found = found(other);
                self.error(
                    &v.span(),
                    format!("`{key}`: expected {expected} in quotes, found {found}"),
                );
                return None;
            }
        };
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == text) {
            return Some(*value);
        }
        let mut message = format!("unknown {key} `{text}`: expected {expected}");
        let lower = text.to_lowercase();
        let suggestion = aliases
            .iter()
            .find(|(alias, _)| *alias == lower)
            .map(|(_, name)| *name)
            .or_else(|| closest(text, names.iter().copied()));
        if let Some(suggestion) = suggestion {
            message.push_str(&format!("; did you mean `{suggestion}`?"));
        }
        self.error(&v.span(), message);
        None
    }
}

/// "a, b or c".
fn one_of(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// What a value is, for "expected …, found …".
fn found(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) | DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// A TOML syntax error, in words a clerk can act on (the same words as
/// for `department.toml`).
fn syntax_error(src: &Source<'_>, error: &toml::de::Error) -> Diagnostic {
    let span = error.span().map(|span| within_line(src.text, span));
    baocao_diagnostic::toml_syntax(&src.file, src.text, span, error.message())
}

/// `span` starting no later than the end of its line's text: the parser
/// may stop at the `\n` of a `\r\n` (a string left open at the end of a
/// line of a Windows file), past the line's text without its `\r`, where
/// `baocao_diagnostic::Span::of_range` cannot put a caret (it panics: a
/// fix belongs there; until then the reader moves the start back to the
/// `\r`, which shows the same place, the end of the line).
fn within_line(text: &str, span: Range<usize>) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut start = span.start.min(text.len());
    // Only `\r` from here to the end of the line (or nothing): back over
    // the `\r` before.
    let rest = bytes.get(start..).unwrap_or_default();
    let line_end = rest.iter().position(|b| *b == b'\n').unwrap_or(rest.len());
    if rest
        .get(..line_end)
        .is_some_and(|r| r.iter().all(|b| *b == b'\r'))
    {
        while start > 0 && bytes.get(start - 1) == Some(&b'\r') {
            start -= 1;
        }
    }
    start..span.end.max(start)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_prose() {
        assert_eq!(one_of(&["flow", "stock", "index"]), "flow, stock or index");
        assert_eq!(one_of(&["x"]), "x");
        assert_eq!(one_of(&[]), "");
    }

    /// A string left open at the end of a line of a Windows file is told
    /// at the end of that line (the parser stops at its `\n`, past the
    /// `\r`), in any layout of line breaks: found by fuzzing.
    #[test]
    fn syntax_errors_at_windows_line_breaks() {
        for text in [
            "format = 1\r\nx = \"a\r\n\n",
            "format = 1\r\nx = \"a\r\n",
            "format = 1\r\nx = \"a\r\r\n",
            "format = 1\r\nx = \"a\r",
            "x = \"\r\n",
            "\r\n\"\r\n",
            "x = 1\r\n[\r\n",
            "x = [1,\r\n",
            "x = { a = 1\r\n",
            "x = \'a\r\n",
        ] {
            let src = Source::new("f.toml", text);
            let mut diags = Vec::new();
            assert!(read_file(&src, &mut diags).is_none(), "{text:?}");
            let at = diags[0].span.as_ref().unwrap();
            assert!(at.line >= 1 && at.column >= 1, "{text:?}: {at:?}");
        }
        assert_eq!(within_line("ab\r\r\n", 4..5), 2..5);
        assert_eq!(within_line("ab\r\r\n", 3..3), 2..3);
        assert_eq!(within_line("ab\r", 3..3), 2..3);
        assert_eq!(within_line("ab\n", 2..3), 2..3);
        assert_eq!(within_line("ab", 7..9), 2..9);
        assert_eq!(within_line("a\rb\n", 2..2), 2..2);
    }

    /// What a file reads into, and what is wrong with it, in pieces of
    /// at least `piece` bytes.
    fn read_in(text: &str, piece: usize) -> String {
        let src = Source::new("f.toml", text);
        let mut diags = Vec::new();
        let parts = read_file_in(&src, &mut diags, piece);
        format!("{parts:#?}\n{diags:#?}")
    }

    /// Every dataset file of the repository (valid, real, and every
    /// mistake of the bad-input fixtures) and files made to tempt a cut
    /// read the same in pieces of any size as whole.
    #[test]
    fn pieces_read_as_the_whole_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut texts: Vec<String> = Vec::new();
        for folder in [
            "tests/bad-input/dataset",
            "tests/datasets/real",
            "tests/datasets/cases",
            "config/hanoi/data",
            "crates/baocao-calc/tests/fixtures",
        ] {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            paths.sort();
            assert!(!paths.is_empty(), "{folder}");
            texts.extend(paths.iter().map(|p| std::fs::read_to_string(p).unwrap()));
        }
        let entry = "[[indicator]]\nid = \"a\"\nname = \"a\"\nkind = \"flow\"\n";
        let tempting = [
            // [dataset] twice, the second after the entries.
            format!(
                "format = 1\n[dataset]\nregion = \"x\"\n{entry}[dataset]\nregion = \"y\"\n{entry}"
            ),
            // A single-bracket [indicator] and double ones.
            format!("format = 1\n[indicator]\nid = \"b\"\n{entry}{entry}"),
            format!("format = 1\n{entry}[indicator]\nid = \"b\"\n{entry}"),
            // An array written inline at the top, then entries.
            format!("format = 1\nindicator = [{{ id = \"b\" }}]\n{entry}{entry}"),
            // Headers inside a multi-line string.
            format!(
                "format = 1\n{entry}[[note]]\ntext = \"\"\"\n[[indicator]]\n[[target]]\n\"\"\"\n{entry}"
            ),
            format!(
                "format = 1\n{entry}[[note]]\ntext = '''\n[[indicator]]\nid = 1\n'''\nyear = 2024\n{entry}"
            ),
            // Tables under the last entry, and arrays of tables under it.
            format!(
                "format = 1\n{entry}[indicator.value]\n2024 = 5\n{entry}[[indicator.sub]]\nx = 1\n{entry}"
            ),
            // An unknown table twice, in two pieces; one once.
            format!("format = 1\n{entry}[extra]\nx = 1\n{entry}[extra]\ny = 2\n"),
            format!("format = 1\n{entry}[extra]\nx = 1\n{entry}[[target]]\nyear = 1\n"),
            // A header with spaces and a comment, and one that is not.
            format!(
                "format = 1\n{entry}  [[ indicator ]]  # b\nid = \"b\"\n[[\"indicator\"]]\nid = \"c\"\n"
            ),
            // Broken TOML in a later piece.
            format!("format = 1\n{entry}{entry}id = \n{entry}"),
            // A byte order mark and Windows line breaks.
            format!(
                "\u{feff}format = 1\r\n{}",
                entry.replace('\n', "\r\n").repeat(3)
            ),
        ];
        texts.extend(tempting);
        let mut in_pieces = 0;
        for text in &texts {
            let whole = read_in(text, usize::MAX);
            for piece in [1, 40, 200] {
                assert_eq!(read_in(text, piece), whole, "pieces of {piece}:\n{text}");
            }
            let src = Source::new("f.toml", text);
            if read_pieces(&src, &chunks::split(src.text, 1)).is_some() {
                in_pieces += 1;
            }
        }
        // Most are read in pieces indeed, not the whole file again.
        assert!(
            in_pieces * 4 > texts.len() * 3,
            "{in_pieces} of {}",
            texts.len()
        );
    }
}
