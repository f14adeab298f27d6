//! The narrative layer: department templates and figures in, a [`Document`] out.
//!
//! A report's wording lives in [minijinja](https://docs.rs/minijinja)
//! templates that a department can edit: one template language, familiar to
//! anyone who knows Jinja. Templates see the period, the region, every
//! indicator's figures (`data.industry.growth`), the targets and the notes,
//! and write figures with filters that word them the Vietnamese way:
//! `change` ("tăng 6,2%", "giảm 11,5%", "gấp 2,3 lần"), `contrib` ("đóng góp
//! 0,82 điểm %", "làm giảm 0,3 điểm %"), `pct`, `num`, `points`, `level`.
//! Every figure written stays a typed inline figure with its exact value and
//! provenance all the way to the exporters.
//!
//! Templates write a small line markup (`# `, `## `, `### ` headings, `- `
//! items, blank lines between paragraphs); anything interpolated is never
//! markup (see `markup.rs`). The dataset's notes have a markup of their
//! own (lists marked `- `, `a)`, `1.`, `# ` sub-headings, `**bold**` and
//! `*italic*`), read straight into blocks by `notes("…")` (`notes.rs`). An absent figure is `none`: writing it is an
//! error that names the template and line, so a sentence that needs it must
//! be guarded, and no figure is ever printed as a made-up 0.
//!
//! Templates come from department folders anyone may send, so they are
//! held to [`Limits`]: the steps they take (fuel), the text they write and
//! build, how deep they nest. A template that goes beyond one stops with a
//! diagnostic at its place, like any mistake (`limits.rs`, `rewrite.rs`).
//!
//! This crate produces a `Document`, never Markdown or HTML; it knows
//! nothing of files, formats or threads.
//!
//! ```
//! use baocao_narrative::{Report, Templates};
//! let ds = baocao_dataset::read_str(r#"
//! format = 1
//! [dataset]
//! region = "Hà Nội"
//! [[indicator]]
//! id = "iip"
//! name = "chỉ số sản xuất công nghiệp (IIP)"
//! kind = "index"
//! index = { 2024 = 105.9 }
//! "#, "hanoi.toml").unwrap();
//! let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
//! let mut templates = Templates::default();
//! templates.insert("report.jinja", "templates/report.jinja",
//!     "Chỉ số sản xuất công nghiệp (IIP) {{ period.label }} ước {{ data.iip.growth | change(1) }} {{ period.vs_previous }}.\n");
//! let doc = baocao_narrative::render(&Report::new(&ds, figures, &templates, "report.jinja")).unwrap();
//! assert_eq!(doc.plain_text(), "Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng 5,9% so với năm 2023.");
//! ```

mod chart;
mod diagnose;
mod filters;
mod limits;
mod locale;
mod markup;
mod notes;
mod number;
mod provenance;
mod rewrite;
mod template;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use baocao_calc::{Figures, Measure, TargetStatus};
use baocao_dataset::{Dataset, Date, Period};
pub use baocao_diagnostic::{Diagnostic, Span};
use baocao_document::{Document, Meta};
use minijinja::Value;
use unicode_normalization::UnicodeNormalization;

pub use chart::abbreviation;
pub use limits::{Limits, NESTING, RECURSION, Used};
pub use locale::{Language, Locale, POINTS_VI};
pub use number::NumberStyle;
pub use provenance::SourceNames;

/// A department's templates, by name, with the path each was read from
/// (for error messages), and the [`Limits`] of what they may do.
///
/// The templates are compiled once, the first time a report is rendered
/// with them, and every later report reuses the compiled set: keep one
/// `Templates` per department when rendering many reports.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    files: BTreeMap<String, (String, String)>,
    limits: Limits,
    compiled: std::sync::OnceLock<Result<Compiled, NarrativeError>>,
}

/// Templates compiled: their environment, and what their rewriting
/// (`rewrite.rs`) keeps to tell mistakes and count text.
#[derive(Debug, Clone)]
struct Compiled {
    env: minijinja::Environment<'static>,
    /// Offsets of the compiled text back to the template's, by name.
    maps: BTreeMap<String, rewrite::OffsetMap>,
    /// The bytes an include of each template writes.
    sizes: Arc<limits::Sizes>,
}

impl Templates {
    /// Adds (or shadows) a template; its text is normalized to NFC.
    pub fn insert(&mut self, name: &str, path: &str, source: &str) {
        self.files
            .insert(name.to_owned(), (path.to_owned(), nfc(source)));
        self.compiled = std::sync::OnceLock::new();
    }

    /// Sets what the templates may do (the default is [`Limits::DEFAULT`]).
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
        self.compiled = std::sync::OnceLock::new();
    }

    /// What the templates may do.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Every template compiled into the shared settings, once.
    fn compiled(&self) -> Result<&Compiled, NarrativeError> {
        self.compiled
            .get_or_init(|| {
                let mut env = template::base();
                env.set_fuel(Some(self.limits.fuel));
                env.set_recursion_limit(RECURSION);
                let mut maps = BTreeMap::new();
                let mut rewrites = BTreeMap::new();
                for (name, (_, source)) in &self.files {
                    let scope = diagnose::Scope::default();
                    match rewrite::rewrite(source) {
                        Ok(Some(r)) => {
                            // The rewriting only wraps what parsed: its text
                            // compiles whenever the template's does.
                            if env
                                .add_template_owned(name.clone(), r.text.clone())
                                .is_err()
                            {
                                return Err(diagnose::unrewritable(self, name, 0));
                            }
                            maps.insert(name.clone(), r.map.clone());
                            rewrites.insert(name.clone(), r);
                        }
                        Ok(None) => {
                            env.add_template_owned(name.clone(), source.clone())
                                .map_err(|e| diagnose::template_error(self, &scope, &e))?;
                        }
                        Err(why) => return Err(diagnose::unrewritable(self, name, why.at)),
                    }
                }
                Ok(Compiled {
                    env,
                    maps,
                    sizes: Arc::new(rewrite::include_sizes(&rewrites)),
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The offset in a template's text of an offset of its compiled text.
    fn original_offset(&self, name: &str, at: usize) -> usize {
        // `get`, not `compiled()`: a mistake found while compiling is in
        // the template's own text, and is told before the set exists.
        match self
            .compiled
            .get()
            .and_then(|c| c.as_ref().ok())
            .and_then(|c| c.maps.get(name))
        {
            Some(map) => map.original(at),
            None => at,
        }
    }

    /// The path a template was read from.
    pub fn path(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|(p, _)| p.as_str())
    }

    /// A template's text (NFC).
    pub fn source(&self, name: &str) -> Option<&str> {
        self.files.get(name).map(|(_, s)| s.as_str())
    }

    /// Template names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// What a template wrote, and the fuel it used.
fn output(captured: minijinja::Captured<'_>) -> (String, u64) {
    let fuel = captured.state().fuel_levels().map_or(0, |(used, _)| used);
    (captured.output().to_owned(), fuel)
}

/// Text in NFC, copying only when it is not already.
fn nfc(text: &str) -> String {
    if unicode_normalization::is_nfc(text) {
        text.to_owned()
    } else {
        text.nfc().collect()
    }
}

/// Everything one report needs.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// The dataset (for notes and indicator ids).
    pub dataset: &'a Dataset,
    /// The period's figures, shared (not copied) with the template objects.
    pub figures: Arc<Figures>,
    /// The templates.
    pub templates: &'a Templates,
    /// The name of the main template.
    pub main: &'a str,
    /// Header, title and signature; `subject` is itself a template string.
    pub meta: Meta<'static>,
    /// Place of the date line ("Hà Nội").
    pub place: String,
    /// The date the report is signed (year, month, day), if known.
    pub date: Option<Date>,
    /// Language and number style.
    pub locale: Locale,
    /// Decimals per measure when a template does not say.
    pub decimals: Decimals,
    /// Where the figures of other periods come from (last year's, for the
    /// targets table), when the caller keeps them: a batch computes each
    /// year once for its own report and the next year's table. Without it,
    /// they are computed from `dataset` when needed.
    pub figures_of: Option<FiguresOf<'a>>,
    /// How figures' provenance names the dataset's files: the driver names
    /// them relative to the department's folder, so that no path of the
    /// machine is printed. Without it, as the dataset's reader was given them.
    pub source_names: Option<SourceNames>,
}

/// The figures of any period of the report's dataset, from the caller's
/// store: what `baocao_calc::compute_with` gives for the period, with any
/// scope (only figures and targets are read, never checks or trends).
#[derive(Clone, Copy)]
pub struct FiguresOf<'a>(pub &'a (dyn Fn(Period) -> Arc<Figures> + Sync));

impl std::fmt::Debug for FiguresOf<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FiguresOf(..)")
    }
}

impl<'a> Report<'a> {
    /// A report with default meta, Vietnamese locale and default decimals
    /// (growth, contribution: 2; share, structure, index: 1; levels: 0).
    pub fn new(
        dataset: &'a Dataset,
        figures: impl Into<Arc<Figures>>,
        templates: &'a Templates,
        main: &'a str,
    ) -> Self {
        Report {
            dataset,
            figures: figures.into(),
            templates,
            main,
            meta: Meta::default(),
            place: String::new(),
            date: None,
            locale: Locale::vietnamese(),
            decimals: Decimals::default(),
            figures_of: None,
            source_names: None,
        }
    }
}

/// How many decimals each measure is written with when a template does
/// not say (`| pct` rather than `| pct(1)`).
///
/// The default is the seed report's style: growth and contributions to 2
/// decimals, shares, structure and indices to 1, levels to 0 (trailing
/// zeros trimmed). A department sets its own in `[numbers]`, whose
/// defaults are these same values (the driver's tests hold them equal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimals {
    /// Levels, this period's and the previous one's.
    pub value: u32,
    /// Indices.
    pub index: u32,
    /// Growth, %.
    pub growth: u32,
    /// Contributions, percentage points.
    pub contribution: u32,
    /// Shares of growth, %.
    pub share: u32,
    /// Structure, %.
    pub structure: u32,
}

impl Default for Decimals {
    fn default() -> Self {
        Decimals {
            value: 0,
            index: 1,
            growth: 2,
            contribution: 2,
            share: 1,
            structure: 1,
        }
    }
}

impl Decimals {
    /// The decimals of a measure.
    pub fn of(&self, m: Measure) -> u32 {
        match m {
            Measure::Value | Measure::Previous | Measure::ValueCurrent => self.value,
            Measure::Index => self.index,
            Measure::Growth => self.growth,
            Measure::Contribution => self.contribution,
            Measure::Share => self.share,
            Measure::Structure => self.structure,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NarrativeError {
    /// A template failed to parse or to render: where, what, and what to do.
    #[error("{0}")]
    Template(Box<Diagnostic>),
    /// The main template does not exist.
    #[error("no template named `{0}`")]
    MissingTemplate(String),
}

impl NarrativeError {
    /// The error as a diagnostic, for `check` and the printed report.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            NarrativeError::Template(d) => (**d).clone(),
            NarrativeError::MissingTemplate(_) => Diagnostic::error(self.to_string()),
        }
    }
}

/// A sentence or section a template left out for lack of figures: what
/// `has(…, what="…")` found missing, for `check` to tell the clerk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Omission {
    /// The template that asked (`sections/industry.jinja`).
    pub template: String,
    /// What was left out, as the template names it ("the IIP sentence").
    pub what: String,
    /// The figures that were missing (`iip.growth`).
    pub missing: Vec<String>,
}

/// A rendered report and what it left out.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The document.
    pub document: Document<'static>,
    /// Sentences and sections left out for lack of figures, in the order
    /// the templates asked, each once.
    pub omitted: Vec<Omission>,
    /// What the templates used of their [`Limits`].
    pub used: Used,
}

/// A note's text read with the notes' markup (`docs/dataset.md`), as
/// `notes("…")` places it in a report: paragraphs, lists, level-3
/// headings (not yet numbered) and emphasis.
pub fn note_blocks(text: &str) -> Vec<baocao_document::Block<'static>> {
    notes::parse(text).blocks
}

/// What in the dataset's notes is printed as written but looks like
/// unfinished markup (an unclosed `**`), each a warning at its note's
/// `[[note]]` line that names the line of the note's text; in the order of
/// the notes. A report is made all the same.
pub fn note_warnings(dataset: &Dataset) -> Vec<Diagnostic> {
    dataset
        .notes
        .iter()
        .flat_map(|note| {
            notes::parse(&note.text).problems.into_iter().map(move |p| {
                Diagnostic::warning(format!(
                    "note `{}` ({}), line {} of its text: {}",
                    note.section, note.year, p.line, p.message
                ))
                .at(note.at.span())
            })
        })
        .collect()
}

/// Renders a report into a document.
pub fn render(report: &Report<'_>) -> Result<Document<'static>, NarrativeError> {
    render_report(report).map(|r| r.document)
}

/// Renders a report into a document, with what its templates left out for
/// lack of figures.
pub fn render_report(report: &Report<'_>) -> Result<Rendered, NarrativeError> {
    let figures = &report.figures;
    // The targets table compares with last year: its figures are fetched
    // before the templates run (they see `'static` data only), and only
    // when the year has targets to judge.
    let year = figures.period.year();
    let last_year = figures
        .targets
        .iter()
        .any(|t| t.target.year == year)
        .then(|| {
            let last = Period::Year(year - 1);
            match report.figures_of {
                Some(FiguresOf(of)) => of(last),
                None => Arc::new(baocao_calc::compute_with(
                    report.dataset,
                    last,
                    baocao_calc::Scope::FiguresOnly,
                )),
            }
        });
    let shared = Arc::new(template::Shared {
        figures: Arc::clone(figures),
        locale: report.locale.clone(),
        decimals: report.decimals,
        registry: Mutex::new(markup::Registry::default()),
        last_year,
        omitted: Mutex::new(Vec::new()),
        known: report
            .dataset
            .indicators
            .iter()
            .map(|i| i.id.to_string())
            .collect(),
        notes: report
            .dataset
            .notes
            .iter()
            .filter(|n| n.year == figures.period.year())
            .map(|n| (n.section.clone(), n.text.clone()))
            .collect(),
        source_names: report.source_names.clone(),
    });
    let compiled = report.templates.compiled()?;
    let mut env = compiled.env.clone();
    let budget = Arc::new(limits::Budget::new(report.templates.limits().max_output));
    template::install(&mut env, &shared, &budget);
    limits::install(&mut env, &budget, &compiled.sizes);
    if report.templates.path(report.main).is_none() {
        return Err(NarrativeError::MissingTemplate(report.main.to_owned()));
    }

    let p = figures.period;
    let loc = &report.locale;
    let period = Value::from_iter([
        ("key", Value::from(p.to_string())),
        ("year", Value::from(p.year())),
        ("is_year", Value::from(p.is_year())),
        ("label", Value::from(loc.period_label(p))),
        (
            "previous_label",
            Value::from(loc.period_label(p.previous())),
        ),
        ("end", Value::from(loc.period_end(p))),
        ("previous_end", Value::from(loc.period_end(p.previous()))),
        ("compare", Value::from(loc.compare(p))),
        ("vs_previous", Value::from(loc.vs_previous(p))),
        ("next_year", Value::from(p.year() + 1)),
        ("ahead", Value::from(loc.period_ahead(p))),
    ]);
    let targets: Vec<Value> = figures
        .targets
        .iter()
        .map(|t| template::target_value(&shared, t))
        .collect();
    let next_targets: Vec<Value> = figures
        .targets
        .iter()
        .zip(&targets)
        .filter(|(t, _)| t.target.year == p.year() + 1 && t.status == TargetStatus::Pending)
        .map(|(_, v)| v.clone())
        .collect();
    let ctx = Value::from_iter([
        ("period", period),
        ("region", Value::from(report.dataset.region.clone())),
        (
            "region_kind",
            Value::from(report.dataset.region_kind.clone().unwrap_or_default()),
        ),
        (
            "economy",
            Value::from(loc.economy(report.dataset.region_kind.as_deref())),
        ),
        // "gva" when contributions are points of the growth of total value
        // added (a national release), "product" (GRDP, GDP) otherwise.
        (
            "contribution_base",
            Value::from(report.dataset.contribution_base.as_str()),
        ),
        // "GRDP", "GDP" or "tổng giá trị tăng thêm": what a contribution
        // is in points of, for "vào mức tăng …".
        (
            "contribution_of",
            Value::from(loc.contribution_of(
                report.dataset.contribution_base,
                report.dataset.region_kind.as_deref(),
            )),
        ),
        ("targets", Value::from(targets)),
        ("next_targets", Value::from(next_targets)),
    ]);

    // The report's facts are globals too, so that macros imported from
    // another template (`{% from "sections/words.jinja" import … %}`) see
    // them as the templates that call them do.
    for key in [
        "period",
        "region",
        "region_kind",
        "economy",
        "contribution_base",
        "contribution_of",
    ] {
        if let Ok(v) = ctx.get_attr(key) {
            env.add_global(key, v);
        }
    }
    // What the environment knows is gathered only for a mistake, to name
    // what was meant.
    let error_in = |templates: &Templates, e: minijinja::Error| {
        let mut scope = diagnose::Scope::of(&env, &ctx, &shared.known);
        scope.text_exceeded = budget.exceeded();
        diagnose::template_error(templates, &scope, &e)
    };
    let error = |e: minijinja::Error| error_in(report.templates, e);
    let main = env.get_template(report.main).map_err(error)?;
    let (rendered, mut fuel) = main.render_captured(&ctx).map(output).map_err(error)?;
    let blocks = {
        let mut reg = shared
            .registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        markup::parse(&rendered, &mut reg)
    };

    let mut meta = report.meta.clone();
    if !meta.subject.is_empty() {
        // The subject is a template of one line, in department.toml, held
        // to the same limits.
        let mut own = Templates::default();
        own.insert(
            "<string>",
            "department.toml [report] subject",
            &meta.subject,
        );
        own.set_limits(report.templates.limits());
        let text = match rewrite::rewrite(&meta.subject) {
            Ok(Some(r)) => r.text,
            Ok(None) => meta.subject.to_string(),
            Err(why) => return Err(diagnose::unrewritable(&own, "<string>", why.at)),
        };
        let (subject, used) = env
            .template_from_named_str("<string>", &text)
            .and_then(|t| t.render_captured(&ctx))
            .map(output)
            .map_err(|e| {
                // Its compiled text, for the places of its mistakes.
                let _ = own.compiled();
                error_in(&own, e)
            })?;
        fuel = fuel.saturating_add(used);
        let mut reg = shared
            .registry
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        meta.subject = markup::plain(&subject, &mut reg)
            .nfc()
            .collect::<String>()
            .into();
    }
    meta.place_date = loc
        .place_date(&report.place, report.date, Locale::signing_year(p))
        .into();
    if meta.source.is_empty()
        && let Some(src) = &report.dataset.source
    {
        meta.source = src.clone().into();
    }
    let mut omitted = std::mem::take(
        &mut *shared
            .omitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    // A sentence guarded twice (in a loop, or in two sections) is told once.
    let mut seen = std::collections::BTreeSet::new();
    omitted.retain(|o| seen.insert((o.template.clone(), o.what.clone())));
    Ok(Rendered {
        document: Document {
            language: loc.tag.into(),
            meta,
            blocks,
        },
        omitted,
        used: Used {
            fuel,
            text: budget.used(),
        },
    })
}
