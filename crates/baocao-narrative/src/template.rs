//! The template environment: objects the templates see, and the filters
//! that write figures out.

use std::sync::{Arc, Mutex};

use baocao_calc::{Figure, Figures, IndicatorFigures, Measure};
use baocao_document::{Align, Block, Inline, Table};
use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};
use rust_decimal::Decimal;

use crate::Locale;
use crate::markup::Registry;

/// What every object and filter needs: the figures and how to write them.
pub(crate) struct Shared {
    pub(crate) figures: Arc<Figures>,
    pub(crate) locale: Locale,
    /// Default decimals per measure.
    pub(crate) decimals: crate::Decimals,
    pub(crate) registry: Mutex<Registry>,
    /// Indicator ids the dataset defines, with or without figures.
    pub(crate) known: Vec<String>,
    /// Last year's figures, for the targets table's "TH năm trước"; present
    /// when this period has targets to judge.
    pub(crate) last_year: Option<Arc<Figures>>,
    /// What `has(…, what=…)` found missing, in the order asked.
    pub(crate) omitted: Mutex<Vec<crate::Omission>>,
    /// The dataset's notes for the period's year: (section, text).
    pub(crate) notes: Vec<(String, String)>,
    /// How the report names the dataset's files (relative to the
    /// department's folder), in figures' provenance.
    pub(crate) source_names: Option<crate::SourceNames>,
}

impl Shared {
    pub(crate) fn decimals(&self, m: Measure) -> u32 {
        self.decimals.of(m)
    }

    pub(crate) fn fmt(&self, d: Decimal, decimals: u32) -> String {
        self.locale.numbers.format(d, decimals)
    }

    /// The name of an indicator in the report's language: the dataset's,
    /// else the standard id's; `None` in English for an indicator of the
    /// dataset's own without `name_en` (`check` names it).
    pub(crate) fn name_of(&self, id: &str) -> Option<String> {
        let f = self.figures.get(id);
        let standard = baocao_dataset::standard(id);
        match self.locale.language {
            crate::Language::Vietnamese => f
                .map(|f| f.name.trim().to_owned())
                .or_else(|| standard.map(|s| s.name.to_owned())),
            crate::Language::English => f
                .and_then(|f| f.name_en.as_deref().map(|n| n.trim().to_owned()))
                .or_else(|| standard.map(|s| s.name_en.to_owned())),
        }
    }

    /// Whether a figure path (`iip`, `iip.growth`, `iip.count`,
    /// `consumption.children`) has something to write.
    pub(crate) fn has(&self, path: &str) -> bool {
        let (id, what) = path.split_once('.').unwrap_or((path, ""));
        let Some(f) = self.figures.get(id) else {
            return false;
        };
        match what {
            "" => !f.is_empty(),
            "trend" => f.trend.is_some(),
            "count" => f.count.is_some(),
            // Quarters with their part of the year's growth.
            "quarters" => f.quarters.iter().any(|q| q.contribution_to_year.is_some()),
            // Children with a growth to rank or list.
            "children" => f
                .children
                .iter()
                .any(|c| self.figures.get(c).is_some_and(|c| c.growth.is_some())),
            m => MEASURES
                .iter()
                .find(|(k, _)| *k == m)
                .is_some_and(|(_, m)| f.figure(*m).is_some()),
        }
    }

    pub(crate) fn registry(&self) -> std::sync::MutexGuard<'_, Registry> {
        // A poisoned lock only means another filter panicked mid-render;
        // the registry itself is still a valid list.
        self.registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A figure as templates see it.
#[derive(Debug)]
pub(crate) struct FigureValue {
    pub(crate) figure: Figure,
    pub(crate) measure: Measure,
    pub(crate) unit: Option<String>,
    /// Its indicator's id.
    pub(crate) id: String,
    /// Its period (a quarter's, in a year's report).
    pub(crate) period: baocao_dataset::Period,
    /// The report's, for its provenance in words.
    pub(crate) shared: Arc<Shared>,
}

impl FigureValue {
    /// What it is, for its provenance.
    pub(crate) fn of(&self) -> crate::provenance::Of<'_> {
        crate::provenance::Of {
            id: &self.id,
            measure: self.measure,
            period: self.period,
        }
    }
}

impl Object for FigureValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        true
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str()? {
            "exact" => Some(Value::from(self.figure.value().normalize().to_string())),
            "reported" => Some(Value::from(self.figure.is_reported())),
            "provenance" => Some(Value::from(
                self.shared.provenance(self.of(), &self.figure).0,
            )),
            "positive" => Some(Value::from(self.figure.value() > Decimal::ZERO)),
            "negative" => Some(Value::from(self.figure.value() < Decimal::ZERO)),
            // "current" for a figure at current prices (a level given so,
            // a structure taken from such levels or reported as releases
            // give it), else none: a structure of levels of unknown prices
            // is not the economy's structure.
            "prices" => Some(if self.figure.at_current_prices(self.measure) {
                Value::from("current")
            } else {
                Value::from(())
            }),
            // The word of an approximate figure ("hơn"), else none.
            "approx" => Some(
                self.figure
                    .approx
                    .map_or(Value::from(()), |a| Value::from(a.word())),
            ),
            _ => None,
        }
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.figure.value().normalize())
    }
}

/// Text and figures, already worded, waiting to be placed.
#[derive(Debug)]
pub(crate) struct Phrase(pub(crate) Vec<Inline<'static>>);

impl Object for Phrase {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&baocao_document::plain_text(&self.0))
    }
}

/// Whole blocks (a table, the paragraphs of a note).
#[derive(Debug)]
pub(crate) struct Blocks(pub(crate) Vec<Block<'static>>);

impl Object for Blocks {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        !self.0.is_empty()
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let texts: Vec<String> = self.0.iter().map(Block::plain_text).collect();
        f.write_str(&texts.join(" "))
    }
}

/// One indicator: `data.industry`.
#[derive(Debug)]
struct IndicatorValue {
    shared: Arc<Shared>,
    id: String,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("period", &self.figures.period)
            .finish_non_exhaustive()
    }
}

impl IndicatorValue {
    fn figures(&self) -> Option<&IndicatorFigures> {
        self.shared.figures.get(&self.id)
    }

    /// The attributes of an indicator the dataset does not define.
    fn absent(&self, key: &str) -> Option<Value> {
        if MEASURES.iter().any(|(k, _)| *k == key) {
            return Some(Value::from(()));
        }
        Some(match key {
            "id" => Value::from(self.id.clone()),
            // none (not an error) for a dataset's own indicator without an
            // English name in an English report: guarded like a figure,
            // and `check` names it.
            "name" => self
                .shared
                .name_of(&self.id)
                .map_or(Value::from(()), Value::from),
            "name_vi" => {
                baocao_dataset::standard(&self.id).map_or(Value::from(()), |s| Value::from(s.name))
            }
            "name_en" => baocao_dataset::standard(&self.id)
                .map_or(Value::from(()), |s| Value::from(s.name_en)),
            "unit" | "kind" | "trend" | "count" => Value::from(()),
            "children" | "quarters" => Value::from(Vec::<Value>::new()),
            _ => return None,
        })
    }
}

/// The attributes of an indicator besides its measures (`data.iip.name`).
pub(crate) const INDICATOR_KEYS: [&str; 10] = [
    "id", "name", "name_vi", "name_en", "unit", "kind", "trend", "count", "children", "quarters",
];

/// The methods of an indicator (`data.grdp.top(3)`).
pub(crate) const INDICATOR_METHODS: [&str; 2] = ["top", "tree"];

/// The attributes of a figure (`data.iip.growth.positive`).
pub(crate) const FIGURE_KEYS: [&str; 6] = [
    "exact",
    "reported",
    "provenance",
    "positive",
    "negative",
    "approx",
];

/// What `has("iip.…")` asks about besides the measures.
pub(crate) const HAS_KEYS: [&str; 4] = ["trend", "count", "children", "quarters"];

/// The id of an indicator the dataset does not define, when `value` is
/// one (`data.iip_growht`): it has nothing to write.
pub(crate) fn absent_indicator(value: &Value) -> Option<&str> {
    value
        .downcast_object_ref::<IndicatorValue>()
        .filter(|i| i.figures().is_none())
        .map(|i| i.id.as_str())
}

/// Whether `value` is one of the report's own objects (an indicator, a
/// figure, a worded phrase, blocks, `data`): fixed by the dataset, holding
/// nothing a template built.
pub(crate) fn is_report_object(value: &Value) -> bool {
    value.downcast_object_ref::<IndicatorValue>().is_some()
        || value.downcast_object_ref::<FigureValue>().is_some()
        || value.downcast_object_ref::<Phrase>().is_some()
        || value.downcast_object_ref::<Blocks>().is_some()
        || value.downcast_object_ref::<DataValue>().is_some()
}

/// What kind of thing a value is, in a clerk's words, for messages.
pub(crate) fn describe_value(value: &Value) -> String {
    if value.downcast_object_ref::<IndicatorValue>().is_some() {
        "an indicator".to_owned()
    } else if value.downcast_object_ref::<Phrase>().is_some() {
        "a figure already worded by a filter".to_owned()
    } else if value.downcast_object_ref::<Blocks>().is_some() {
        "a table or paragraphs".to_owned()
    } else if value.downcast_object_ref::<FigureValue>().is_some() {
        "a figure".to_owned()
    } else {
        match value.kind() {
            minijinja::value::ValueKind::String => "a text".to_owned(),
            minijinja::value::ValueKind::Number => "a number".to_owned(),
            minijinja::value::ValueKind::Bool => "true or false".to_owned(),
            minijinja::value::ValueKind::Seq => "a list".to_owned(),
            minijinja::value::ValueKind::Map => "a mapping".to_owned(),
            other => other.to_string(),
        }
    }
}

fn indicator(shared: &Arc<Shared>, id: &str) -> Value {
    Value::from_object(IndicatorValue {
        shared: Arc::clone(shared),
        id: id.to_owned(),
    })
}

pub(crate) const MEASURES: [(&str, Measure); 8] = [
    ("value", Measure::Value),
    ("previous", Measure::Previous),
    ("index", Measure::Index),
    ("growth", Measure::Growth),
    ("contribution", Measure::Contribution),
    ("share", Measure::Share),
    ("structure", Measure::Structure),
    ("value_current", Measure::ValueCurrent),
];

impl Object for IndicatorValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        true
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let key = key.as_str()?;
        let Some(f) = self.figures() else {
            // An indicator the dataset lacks has nothing to write: every
            // figure is none, so `{% if data.x.growth %}` is simply false.
            return self.absent(key);
        };
        if let Some((_, m)) = MEASURES.iter().find(|(k, _)| *k == key) {
            return Some(f.figure(*m).map_or(Value::from(()), |fig| {
                Value::from_object(FigureValue {
                    figure: fig.clone(),
                    measure: *m,
                    unit: f.unit.clone(),
                    id: f.id.clone(),
                    period: self.shared.figures.period,
                    shared: Arc::clone(&self.shared),
                })
            }));
        }
        Some(match key {
            "id" => Value::from(f.id.clone()),
            // In English the English name; an indicator without one is
            // undefined (an error naming the template line), never blank.
            // none (not an error) for a dataset's own indicator without an
            // English name in an English report: guarded like a figure,
            // and `check` names it.
            "name" => self
                .shared
                .name_of(&self.id)
                .map_or(Value::from(()), Value::from),
            "name_vi" => Value::from(f.name.clone()),
            "name_en" => f.name_en.clone().map_or(Value::from(()), Value::from),
            "unit" => f.unit.clone().map_or(Value::from(()), Value::from),
            "kind" => Value::from(f.kind.as_str()),
            "trend" => f.trend.map_or(Value::from(()), |t| Value::from(t.as_str())),
            "count" => f.count.map_or(Value::from(()), |c| {
                Value::from_iter([("grew", c.grew), ("of", c.of)])
            }),
            "children" => Value::from(
                f.children
                    .iter()
                    .map(|c| indicator(&self.shared, c))
                    .collect::<Vec<_>>(),
            ),
            // A year's quarters: `q.label` ("quý I"), `q.growth`,
            // `q.contribution_to_year`, each figure none when unknown.
            "quarters" => Value::from(
                f.quarters
                    .iter()
                    .map(|q| {
                        let figure = |fig: &Option<baocao_calc::Figure>, m: Measure| {
                            fig.as_ref().map_or(Value::from(()), |fig| {
                                Value::from_object(FigureValue {
                                    figure: fig.clone(),
                                    measure: m,
                                    unit: None,
                                    id: f.id.clone(),
                                    period: q.period,
                                    shared: Arc::clone(&self.shared),
                                })
                            })
                        };
                        let label = match q.period {
                            baocao_dataset::Period::Quarter(_, n) => self.shared.locale.quarter(n),
                            other => other.to_string(),
                        };
                        Value::from_iter([
                            ("period", Value::from(q.period.to_string())),
                            ("label", Value::from(label)),
                            ("growth", figure(&q.growth, Measure::Growth)),
                            (
                                "contribution_to_year",
                                figure(&q.contribution_to_year, Measure::Contribution),
                            ),
                        ])
                    })
                    .collect::<Vec<_>>(),
            ),
            _ => return None,
        })
    }

    fn call_method(
        self: &Arc<Self>,
        _state: &State<'_, '_>,
        method: &str,
        args: &[Value],
    ) -> Result<Value, Error> {
        match method {
            "top" => {
                let n = match args {
                    [n] => usize::try_from(n.clone()).map_err(|_| {
                        Error::new(ErrorKind::InvalidOperation, "top(n) needs a whole number")
                    })?,
                    _ => {
                        return Err(Error::new(
                            ErrorKind::InvalidOperation,
                            "top(n) takes one argument, the number of children",
                        ));
                    }
                };
                Ok(Value::from(
                    self.shared
                        .figures
                        .top(&self.id, n)
                        .into_iter()
                        .map(|c| indicator(&self.shared, &c.id))
                        .collect::<Vec<_>>(),
                ))
            }
            "tree" => {
                let depth = match args {
                    [] => 1,
                    [n] => usize::try_from(n.clone()).map_err(|_| {
                        Error::new(
                            ErrorKind::InvalidOperation,
                            "tree(n) needs a whole number of levels",
                        )
                    })?,
                    _ => {
                        return Err(Error::new(
                            ErrorKind::InvalidOperation,
                            "tree(n) takes one argument, the number of levels below the indicator",
                        ));
                    }
                };
                let mut ids = Vec::new();
                tree_ids(&self.shared.figures, &self.id, depth, &mut ids);
                Ok(Value::from(ids))
            }
            _ => Err(Error::from(ErrorKind::UnknownMethod)),
        }
    }

    fn render(self: &Arc<Self>, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.figures() {
            Some(fig) => f.write_str(&fig.name),
            None => f.write_str(&self.id),
        }
    }
}

/// `id` and its descendants down to `depth` levels, depth first in the
/// dataset's order: the rows of a table of a tree (`data.grdp.tree(2)`).
fn tree_ids(figures: &Figures, id: &str, depth: usize, out: &mut Vec<String>) {
    let Some(f) = figures.get(id) else {
        return;
    };
    out.push(id.to_owned());
    if depth > 0 {
        for c in &f.children {
            tree_ids(figures, c, depth - 1, out);
        }
    }
}

/// Every indicator: `data.<id>`, for any id.
#[derive(Debug)]
struct DataValue {
    shared: Arc<Shared>,
}

impl Object for DataValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        // Any id: one the dataset lacks has no figures, so a guarded
        // sentence is left out rather than the report failing. `check`
        // names ids that are neither the dataset's nor standard.
        Some(indicator(&self.shared, key.as_str()?))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(
            self.shared
                .known
                .iter()
                .map(|k| Value::from(k.clone()))
                .collect(),
        )
    }
}

pub(crate) fn phrase(runs: Vec<Inline<'static>>) -> Value {
    Value::from_object(Phrase(runs))
}

/// The settings every report's environment shares; templates are compiled
/// into it once per set of templates.
pub(crate) fn base() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    // What a template captures (`{% set x %}…{% endset %}`, a macro's
    // output) is template text with its markers already in place: marked
    // safe, the formatter passes it through as it is. Every value the
    // template interpolates still goes through the formatter.
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Custom("baocao"));
    env
}

/// Adds one report's formatter, filters and functions to a copy of the
/// compiled environment: they capture that report's figures and registry,
/// and the formatter its text budget (kept out of `Shared`: the budget
/// remembers lists a template built, which may hold the report's objects,
/// and those hold `Shared`; a cycle would keep every report in memory).
pub(crate) fn install(
    env: &mut Environment<'static>,
    shared: &Arc<Shared>,
    budget: &Arc<crate::limits::Budget>,
) {
    let s = Arc::clone(shared);
    let b = Arc::clone(budget);
    env.set_formatter(move |out, _state, value| crate::filters::format(&s, &b, out, value));
    for entry in crate::filters::FILTERS
        .iter()
        .chain(crate::filters::FUNCTIONS)
    {
        entry.add_to(env, shared);
    }
    env.add_global(
        "data",
        Value::from_object(DataValue {
            shared: Arc::clone(shared),
        }),
    );
}

/// A target, worded for the template.
pub(crate) fn target_value(shared: &Arc<Shared>, t: &baocao_calc::TargetResult) -> Value {
    let d = |x: Decimal| shared.fmt(x, 2);
    let v = t.target.value.value;
    let indicator = t.target.indicator.as_str();
    // A bound of the plan, with where it was written.
    let planned = |text: String, x: Decimal, at: &baocao_dataset::Location| {
        let (words, source) = shared.target_provenance(indicator, t.target.year, at);
        Inline::sourced_figure(text, x.normalize().to_string(), words, source)
    };
    let threshold = if t.target.measure == baocao_dataset::TargetMeasure::Growth {
        planned(format!("{}%", d(v)), v, &t.target.value.at)
    } else {
        planned(d(v), v, &t.target.value.at)
    };
    // The figure judged: its measure, in the report's period.
    let judged = crate::provenance::Of {
        id: indicator,
        measure: match t.target.measure {
            baocao_dataset::TargetMeasure::Growth => Measure::Growth,
            baocao_dataset::TargetMeasure::Value => Measure::Value,
            baocao_dataset::TargetMeasure::Index => Measure::Index,
        },
        period: shared.figures.period,
    };
    // An English report names a target by its indicator's English name:
    // the dataset's labels are Vietnamese.
    let label = match shared.locale.language {
        crate::Language::English => shared
            .name_of(t.target.indicator.as_str())
            .map_or(Value::from(()), Value::from),
        crate::Language::Vietnamese => Value::from(t.label.trim().to_owned()),
    };
    let unit = target_unit(shared, t);
    let plan_decimals = match t.target.measure {
        baocao_dataset::TargetMeasure::Value => t.target.value.scale,
        _ => 2,
    };
    let mut plan = plan_text(shared, t, plan_decimals);
    if t.target.measure != baocao_dataset::TargetMeasure::Value {
        plan.push('%');
    } else if !unit.is_empty() {
        plan = format!("{plan} {unit}");
    }
    let upper_value = t.target.upper.as_ref().map(|u| u.value);
    // The same bounds without their sign, for wording a planned fall
    // ("giảm không quá 1,5%") rather than "tăng … -1,5%".
    let abs_phrase = |x: Decimal| {
        let text = if t.target.measure == baocao_dataset::TargetMeasure::Growth {
            format!("{}%", d(x.abs()))
        } else {
            d(x.abs())
        };
        phrase(vec![planned(text, x, &t.target.value.at)])
    };
    // A growth target's actual figure worded by its sign: "tăng 13,18%",
    // "giảm 2%"; a level or an index as it is.
    let actual_change = t.actual.as_ref().map_or(Value::from(()), |f| {
        let v = f.value();
        if t.target.measure != baocao_dataset::TargetMeasure::Growth {
            return Value::from(());
        }
        let word = if v < Decimal::ZERO {
            shared.locale.down()
        } else {
            shared.locale.up()
        };
        phrase(vec![
            Inline::text(format!("{word} ")),
            shared.figure_run(judged, f, format!("{}%", d(v.abs()))),
        ])
    });
    Value::from_iter([
        ("plan", Value::from(plan)),
        ("actual_change", actual_change),
        ("negative", Value::from(v < Decimal::ZERO)),
        (
            "upper_negative",
            Value::from(upper_value.is_some_and(|u| u < Decimal::ZERO)),
        ),
        ("threshold_abs", abs_phrase(v)),
        ("upper_abs", upper_value.map_or(Value::from(()), abs_phrase)),
        ("indicator", Value::from(t.target.indicator.to_string())),
        ("label", label),
        ("year", Value::from(t.target.year)),
        ("measure", Value::from(t.target.measure.as_str())),
        ("op", Value::from(t.target.op.as_str())),
        ("status", Value::from(t.status.as_str())),
        ("verdict", Value::from(verdict(&shared.locale, t.status))),
        ("better", Value::from(t.better.as_str())),
        (
            "percent_of_plan",
            t.percent_of_plan.map_or(Value::from(()), |p| {
                phrase(vec![Inline::figure(
                    format!("{}%", shared.fmt(p, 1)),
                    p.normalize().to_string(),
                    shared.computed("thực hiện ÷ kế hoạch × 100", "actual ÷ plan × 100"),
                )])
            }),
        ),
        ("threshold", phrase(vec![threshold])),
        (
            "upper",
            t.target.upper.as_ref().map_or(Value::from(()), |u| {
                let text = if t.target.measure == baocao_dataset::TargetMeasure::Growth {
                    format!("{}%", d(u.value))
                } else {
                    d(u.value)
                };
                phrase(vec![planned(text, u.value, &u.at)])
            }),
        ),
        (
            "unit",
            match t.target.measure {
                baocao_dataset::TargetMeasure::Value => Value::from(unit.clone()),
                _ => Value::from(()),
            },
        ),
        (
            "actual",
            t.actual.as_ref().map_or(Value::from(()), |f| {
                let text = match t.target.measure {
                    // An index is a percentage of the same period a year
                    // earlier: "109,35%", never in points.
                    baocao_dataset::TargetMeasure::Growth
                    | baocao_dataset::TargetMeasure::Index => {
                        format!("{}%", d(f.value()))
                    }
                    _ => {
                        let places = written_decimals(f).unwrap_or(0).max(plan_decimals);
                        shared
                            .locale
                            .level(&shared.fmt(f.value(), places), Some(unit.as_str()))
                    }
                };
                phrase(vec![shared.figure_run(judged, f, text)])
            }),
        ),
        (
            "margin",
            t.margin.map_or(Value::from(()), |m| {
                phrase(vec![Inline::figure(
                    format!("{} {unit}", d(m.abs())).trim_end().to_owned(),
                    m.normalize().to_string(),
                    shared.computed("thực hiện − kế hoạch", "actual − plan"),
                )])
            }),
        ),
    ])
}

/// A change in points with its sign, as a table cell writes it, never
/// "+0": with as many more decimals (up to 6) as it takes to show a change
/// that is not zero.
fn signed_points(s: &Shared, value: Decimal, decimals: u32) -> String {
    let unit = s.locale.points_short();
    if value.is_zero() {
        return format!("0 {unit}");
    }
    let places = (decimals..=6)
        .find(|d| s.fmt(value.abs(), *d) != "0")
        .unwrap_or(6);
    let sign = if value > Decimal::ZERO { "+" } else { "-" };
    format!("{sign}{} {unit}", s.fmt(value.abs(), places))
}

/// A target's plan as a table cell writes it: "≥ 6,95", "< 4,5", "6,5–7".
fn plan_text(s: &Shared, t: &baocao_calc::TargetResult, d: u32) -> String {
    use baocao_dataset::Op;
    let v = s.fmt(t.target.value.value, d);
    match (t.target.op, &t.target.upper) {
        (Op::AtLeast, _) => format!("≥ {v}"),
        (Op::Above, _) => format!("> {v}"),
        (Op::AtMost, _) => format!("≤ {v}"),
        (Op::Below, _) => format!("< {v}"),
        (Op::Between, Some(u)) => format!("{v}–{}", s.fmt(u.value, d)),
        (Op::Between, None) => v,
    }
}

/// How many decimals a reported figure was written with, read off the
/// interval it stands for (±½ unit of its last decimal); `None` for a
/// derived figure.
fn written_decimals(f: &Figure) -> Option<u32> {
    if !f.is_reported() {
        return None;
    }
    let width = f.quantity.hi.checked_sub(f.quantity.lo)?;
    if width <= Decimal::ZERO {
        return None;
    }
    (0..=6u32).find(|k| {
        width
            .checked_mul(Decimal::from(10u64.pow(*k)))
            .is_some_and(|w| w >= Decimal::ONE)
    })
}

/// The unit of a target's margin: points for a growth or an index, the
/// indicator's unit for a level.
fn target_unit(shared: &Shared, t: &baocao_calc::TargetResult) -> String {
    match t.target.measure {
        baocao_dataset::TargetMeasure::Growth | baocao_dataset::TargetMeasure::Index => {
            shared.locale.points().to_owned()
        }
        baocao_dataset::TargetMeasure::Value => shared
            .figures
            .get(t.target.indicator.as_str())
            .and_then(|i| i.unit.as_deref().map(|u| u.trim().to_owned()))
            .unwrap_or_default(),
    }
}

/// A target's status in words: "Vượt", "Đạt", "Không đạt", "Chưa có số
/// liệu"; empty while pending.
pub(crate) fn verdict(locale: &Locale, status: baocao_calc::TargetStatus) -> &'static str {
    use baocao_calc::TargetStatus as S;
    let en = locale.language == crate::Language::English;
    match (status, en) {
        (S::Exceeded, false) => "Vượt",
        (S::Met, false) => "Đạt",
        (S::NotMet, false) => "Không đạt",
        (S::NoData, false) => "Chưa có số liệu",
        (S::Exceeded, true) => "Exceeded",
        (S::Met, true) => "Met",
        (S::NotMet, true) => "Not met",
        (S::NoData, true) => "No data",
        (S::Pending, _) => "",
    }
}

/// The number of columns of the targets table.
pub(crate) const TARGETS_COLUMNS: usize = 8;

/// The table of this year's targets: Chỉ tiêu | ĐVT | TH năm trước | KH năm |
/// Ước TH năm | So KH | Đánh giá | So cùng kỳ ([`TARGETS_COLUMNS`]). Empty
/// when the year has no targets.
pub(crate) fn targets_table(s: &Shared, caption: Option<String>) -> Vec<Block<'static>> {
    use baocao_calc::TargetStatus;
    use baocao_dataset::TargetMeasure as TM;
    let period = s.figures.period;
    let y = period.year();
    let judged: Vec<&baocao_calc::TargetResult> = s
        .figures
        .targets
        .iter()
        .filter(|t| t.target.year == y && t.status != TargetStatus::Pending)
        .collect();
    if judged.is_empty() {
        return Vec::new();
    }
    let en = s.locale.language == crate::Language::English;
    // `render` provides last year's figures whenever the year has targets.
    let Some(last) = s.last_year.as_deref() else {
        return Vec::new();
    };
    let header: Vec<String> = if en {
        vec![
            "Indicator".into(),
            "Unit".into(),
            format!("Actual {}", y - 1),
            format!("Plan {y}"),
            format!("Estimate {y}"),
            "Against plan".into(),
            "Verdict".into(),
            "Year on year".into(),
        ]
    } else {
        vec![
            "Chỉ tiêu".into(),
            "ĐVT".into(),
            format!("TH năm {}", y - 1),
            format!("KH năm {y}"),
            format!("Ước TH năm {y}"),
            "So KH".into(),
            "Đánh giá".into(),
            "So cùng kỳ".into(),
        ]
    };
    let cell = |t: &str| vec![Inline::text(t.to_owned())];
    let fig = |of: crate::provenance::Of<'_>, f: &Figure, d: u32| {
        vec![s.figure_run(of, f, s.fmt(f.value(), d))]
    };
    let mut rows = Vec::new();
    for t in judged {
        let m = match t.target.measure {
            TM::Growth => Measure::Growth,
            TM::Value => Measure::Value,
            TM::Index => Measure::Index,
        };
        // Growth and indices to two decimals at least: a plan of "≥ 8"
        // met with 8,02 must not read "8" beside "Vượt".
        let d = match m {
            Measure::Value => s.decimals(m),
            _ => s.decimals(m).max(2),
        };
        let ind = s.figures.get(t.target.indicator.as_str());
        let label = match (en, s.name_of(t.target.indicator.as_str())) {
            (true, Some(n)) => n,
            _ => t.label.trim().to_owned(),
        };
        let unit = match t.target.measure {
            TM::Growth | TM::Index => "%".to_owned(),
            TM::Value => ind.and_then(|i| i.unit.clone()).unwrap_or_default(),
        };
        // A level as precisely as it was written: 52,4 tỷ USD is not 52.
        let d = match m {
            Measure::Value => [
                Some(d),
                Some(t.target.value.scale),
                t.actual.as_ref().and_then(written_decimals),
            ]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(d),
            _ => d,
        };
        let plan = plan_text(s, t, d);
        let previous = last
            .get(t.target.indicator.as_str())
            .and_then(|i| i.figure(m));
        let na = || cell(s.locale.not_available());
        // A year's own targets are judged here; pending cannot occur, but
        // would read as no data.
        let status = match t.status {
            TargetStatus::Pending => verdict(&s.locale, TargetStatus::NoData),
            other => verdict(&s.locale, other),
        };
        // Against plan: a level as a percentage of the plan ("% so KH"), a
        // growth or an index by its margin in points.
        let against = match (t.percent_of_plan, t.margin) {
            (Some(p), _) => vec![Inline::figure(
                format!("{}%", s.fmt(p, 1)),
                p.normalize().to_string(),
                s.computed("thực hiện ÷ kế hoạch × 100", "actual ÷ plan × 100"),
            )],
            (None, Some(margin)) if t.target.measure != TM::Value => {
                vec![Inline::figure(
                    signed_points(s, margin, d),
                    margin.normalize().to_string(),
                    s.computed("thực hiện − kế hoạch", "actual − plan"),
                )]
            }
            _ => na(),
        };
        // Year on year: a level against last year's (%), or the change of a
        // growth rate or index in points.
        let yoy = match (t.actual.as_ref(), previous, m) {
            (Some(a), Some(p), Measure::Value) if !p.value().is_zero() => {
                let Some(ratio) = a
                    .value()
                    .checked_div(p.value())
                    .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
                else {
                    return Vec::new();
                };
                vec![Inline::figure(
                    format!("{}%", s.fmt(ratio, 1)),
                    ratio.normalize().to_string(),
                    s.computed(
                        "thực hiện năm nay ÷ năm trước × 100",
                        "this year's actual ÷ last year's × 100",
                    ),
                )]
            }
            (Some(a), Some(p), _) => {
                let Some(diff) = a.value().checked_sub(p.value()) else {
                    return Vec::new();
                };
                let text = signed_points(s, diff, d);
                vec![Inline::figure(
                    text,
                    diff.normalize().to_string(),
                    s.computed(
                        "thực hiện năm nay − năm trước",
                        "this year's actual − last year's",
                    ),
                )]
            }
            _ => na(),
        };
        rows.push(vec![
            cell(&crate::filters::capfirst(&label)),
            cell(&unit),
            previous.map_or_else(na, |f| {
                let of = crate::provenance::Of {
                    id: t.target.indicator.as_str(),
                    measure: m,
                    period: last.period,
                };
                fig(of, f, d)
            }),
            cell(&plan),
            t.actual.as_ref().map_or_else(na, |f| {
                let of = crate::provenance::Of {
                    id: t.target.indicator.as_str(),
                    measure: m,
                    period: s.figures.period,
                };
                fig(of, f, d)
            }),
            against,
            cell(status),
            yoy,
        ]);
    }
    debug_assert_eq!(header.len(), TARGETS_COLUMNS, "the targets table's columns");
    vec![Block::Table(Table {
        caption: caption.unwrap_or_default().into(),
        header: header.into_iter().map(Into::into).collect(),
        align: vec![
            Align::Left,
            Align::Center,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Right,
            Align::Center,
            Align::Right,
        ],
        rows,
        note: String::new().into(),
        ..Table::default()
    })]
}
