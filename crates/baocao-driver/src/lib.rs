//! One report end to end: department → dataset → figures → document → bytes
//! → file.
//!
//! Exporters are plugins loaded at run time (`baocao-plugin-host`); the
//! driver encodes each report's document to JSON once and hands the same
//! bytes to every format's plugin.
//!
//! The driver is the only crate that knows every stage; each stage knows
//! only its neighbours. It reads, it calls, it writes files atomically (a
//! temporary file in the target folder renamed into place, so a reader never
//! sees half a report). It never prints and never exits: that is the CLI's
//! job.
//!
//! ```
//! use baocao_driver::Job;
//! let dept = baocao_config::Department::builtin();
//! let job = Job::new(&dept, "2024".parse().unwrap());
//! let report = job.run().unwrap();
//! assert!(report.document.plain_text().contains("đóng góp 0,82 điểm % vào mức tăng 6,52% của GRDP (chiếm 12,6%)"));
//! // every exporter gets these same bytes
//! assert!(report.document_json.starts_with(b"{"));
//! ```

pub mod batch;
pub mod check;
mod folder;
mod index;
mod internal;
pub mod overview;
pub mod plan;
mod sources;
mod stage;
pub mod verify;

pub use baocao_config::{ConfigError, Department};
pub use baocao_dataset::{Dataset, Period};
pub use baocao_diagnostic::{
    Diagnostic, Severity, Span, Style, dedup, render as render_diagnostics,
    to_json_lines as diagnostics_json,
};
pub use baocao_import::{Imported, Layout as ImportLayout, Options as ImportOptions};
pub use baocao_plugin_host::{Mode, Plugin, PluginSet, Rejected, stdio, worker};
pub use sources::attach_sources;

pub use stage::Staged;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use baocao_calc::Figures;
use baocao_config::DataSource;
use baocao_dataset::DatasetError;
use baocao_document::{Document, Meta, Signature};
pub use baocao_narrative::FiguresOf;
use baocao_narrative::{Decimals, Locale, NarrativeError, Report, Templates};
pub use baocao_narrative::{Omission, Rendered};
use baocao_plugin_api::FileContents;
use baocao_plugin_host::Failure;

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DriverError {
    /// The department folder.
    #[error(transparent)]
    Config(#[from] baocao_config::ConfigError),
    /// The dataset.
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// The templates.
    #[error(transparent)]
    Narrative(#[from] NarrativeError),
    /// The period has no data at all.
    #[error("the dataset has no figures for {period}; it has figures for {available}")]
    NoData {
        /// The period asked for.
        period: Period,
        /// Years with data, for the message.
        available: String,
    },
    /// An exporter plugin failed (boxed: a failure names its plugin, its
    /// format and, for refused options, the key, and every result of the
    /// driver would carry that much).
    #[error(transparent)]
    Export(Box<baocao_plugin_host::RenderError>),
    /// Reading a file a setting names.
    #[error("{path}: cannot read: {reason}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: std::io::Error,
    },
    /// The command asked for something that cannot be (a bad `--years`,
    /// two departments with one id).
    #[error("{0}")]
    Usage(String),
    /// Writing a file.
    #[error("{path}: cannot write: {reason}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        reason: std::io::Error,
    },
    /// A file that would be replaced without being asked to.
    #[error("{path} exists: give --force to replace it")]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// A folder below the output folder is a symbolic link: written
    /// through, it would put a report (or its temporary file) anywhere.
    #[error("{path} is a symbolic link; baocao does not write through links: remove it")]
    Link {
        /// The link.
        path: PathBuf,
    },
}

impl DriverError {
    /// The error as diagnostics: each problem of a dataset or a
    /// `department.toml`, or the one problem of anything else.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            DriverError::Config(baocao_config::ConfigError::Invalid { problems, .. }) => {
                problems.clone()
            }
            DriverError::Dataset(e) => e.diagnostics.clone(),
            DriverError::Narrative(e) => vec![e.diagnostic()],
            other => vec![Diagnostic::error(other.to_string())],
        }
    }

    /// The error as one diagnostic: the first of several problems, with a
    /// note of how many more there are.
    pub fn diagnostic(&self) -> Diagnostic {
        let mut all = self.diagnostics();
        let more = all.len().saturating_sub(1);
        let mut first = if all.is_empty() {
            Diagnostic::error(self.to_string())
        } else {
            all.swap_remove(0)
        };
        if more > 0 {
            first = first.help(format!("and {more} more problem(s): run `baocao check`"));
        }
        first
    }
}

impl From<baocao_plugin_host::RenderError> for DriverError {
    fn from(e: baocao_plugin_host::RenderError) -> Self {
        DriverError::Export(Box::new(e))
    }
}

/// Reads a department's dataset, or `data` in its place. Either may be a
/// dataset file or folder, or a table (`.xlsx`, `.ods`, `.csv`, …)
/// imported in memory and read as the TOML `baocao import` would write
/// ([`import`]).
pub fn load_dataset(dept: &Department, data: Option<&Path>) -> Result<Dataset, DatasetError> {
    if let Some(path) = data {
        return read_data(path);
    }
    if let Some(d) = dept.missing_data() {
        return Err(DatasetError::from_diagnostics(vec![d]));
    }
    match &dept.data {
        DataSource::Path(p) => read_data(p),
        DataSource::Builtin(files) => {
            let sources: Vec<(&str, &str)> = files
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_str()))
                .collect();
            baocao_dataset::read_sources(&sources)
        }
    }
}

/// A dataset file or folder, or a table imported in memory.
fn read_data(path: &Path) -> Result<Dataset, DatasetError> {
    if baocao_import::is_table(path) {
        return baocao_import::import_path(path, &ImportOptions::default())
            .map(|imported| imported.dataset)
            .map_err(|e| DatasetError::from_diagnostics(e.diagnostics));
    }
    baocao_dataset::read_path(path)
}

/// One report to make.
#[derive(Debug, Clone)]
pub struct Job<'a> {
    /// The department.
    pub department: &'a Department,
    /// The period.
    pub period: Period,
    /// A dataset to use instead of the department's.
    pub data: Option<PathBuf>,
    /// The department's templates, when the caller keeps them across
    /// reports (they are compiled once); `None` reads them for this report.
    pub templates: Option<&'a Templates>,
    /// Where the figures of this and other periods come from, when the
    /// caller keeps them across reports (a batch computes each period once);
    /// `None` computes them for this report.
    pub figures_of: Option<FiguresOf<'a>>,
}

/// A made report: its figures, its document, and the document encoded once
/// for the exporters.
#[derive(Debug, Clone)]
pub struct Made {
    /// Every figure of the period.
    pub figures: Arc<Figures>,
    /// The document.
    pub document: Document<'static>,
    /// The document as JSON of the shared model: what every plugin reads.
    pub document_json: Vec<u8>,
    /// Sentences and sections the templates left out for lack of figures.
    pub omitted: Vec<Omission>,
}

impl<'a> Job<'a> {
    /// A job for the department's own dataset.
    pub fn new(department: &'a Department, period: Period) -> Self {
        Job {
            department,
            period,
            data: None,
            templates: None,
            figures_of: None,
        }
    }

    /// Reads, computes and words the report.
    pub fn run(&self) -> Result<Made, DriverError> {
        let ds = load_dataset(self.department, self.data.as_deref())?;
        self.run_with(&ds)
    }

    /// Computes and words the report from a dataset already read.
    pub fn run_with(&self, ds: &Dataset) -> Result<Made, DriverError> {
        let figures = match self.figures_of {
            Some(FiguresOf(of)) => of(self.period),
            None => Arc::new(baocao_calc::compute(ds, self.period)),
        };
        require_data(ds, &figures)?;
        let rendered = match self.templates {
            Some(t) => document_with(self.department, t, ds, &figures, self.figures_of)?,
            None => document_with(
                self.department,
                &templates(self.department),
                ds,
                &figures,
                None,
            )?,
        };
        let document_json = encode(&rendered.document);
        Ok(Made {
            figures,
            document: rendered.document,
            document_json,
            omitted: rendered.omitted,
        })
    }
}

/// Computes the figures, refusing a period the dataset knows nothing of.
pub fn figures(ds: &Dataset, period: Period) -> Result<Figures, DriverError> {
    let figures = baocao_calc::compute(ds, period);
    require_data(ds, &figures)?;
    Ok(figures)
}

/// Refuses figures with nothing in them: a period the dataset knows nothing of.
fn require_data(ds: &Dataset, figures: &Figures) -> Result<(), DriverError> {
    let period = figures.period;
    let any = figures.indicators.values().any(|i| {
        i.value.is_some() || i.growth.is_some() || i.index.is_some() || i.contribution.is_some()
    });
    if !any {
        return Err(DriverError::NoData {
            period,
            available: available(ds, period),
        });
    }
    Ok(())
}

/// What a dataset has figures for, said to someone who asked for `asked`:
/// its years and, in the year asked, each period it reports (a year may
/// have its quarters and not the half asked for, or its quarters and not
/// the year). A run of three or more periods of one kind is shortened:
/// `2024-Q1 … 2024-Q3`.
fn available(ds: &Dataset, asked: Period) -> String {
    let year = asked.year();
    let mut said: Vec<String> = Vec::new();
    let mut in_year: Vec<Period> = ds
        .periods()
        .into_iter()
        .filter(|p| p.year() == year)
        .collect();
    // The year first, then halves, quarters, months so far, months.
    in_year.sort_unstable();
    for y in ds.years() {
        if y != year {
            said.push(y.to_string());
            continue;
        }
        let mut k = 0;
        while k < in_year.len() {
            let mut end = k;
            while end + 1 < in_year.len() && follows(in_year[end], in_year[end + 1]) {
                end += 1;
            }
            if end - k >= 2 {
                said.push(format!("{} … {}", in_year[k], in_year[end]));
            } else {
                said.extend(in_year[k..=end].iter().map(ToString::to_string));
            }
            k = end + 1;
        }
    }
    if said.is_empty() {
        "no period".to_owned()
    } else {
        said.join(", ")
    }
}

/// Whether `b` is the period of the same kind right after `a`.
fn follows(a: Period, b: Period) -> bool {
    match (a, b) {
        (Period::Half(y, m), Period::Half(z, n))
        | (Period::Quarter(y, m), Period::Quarter(z, n))
        | (Period::Months(y, m), Period::Months(z, n))
        | (Period::Month(y, m), Period::Month(z, n)) => y == z && n == m + 1,
        _ => false,
    }
}

/// The department's templates as the narrative layer wants them, held to
/// the department's `[templates]` limits.
pub fn templates(dept: &Department) -> Templates {
    let mut t = Templates::default();
    for f in &dept.templates {
        t.insert(&f.name, &f.path, &f.source);
    }
    let limits = dept.settings.templates;
    t.set_limits(baocao_narrative::Limits {
        fuel: limits.fuel,
        max_output: usize::try_from(limits.max_output_kb.saturating_mul(1024))
            .unwrap_or(usize::MAX),
    });
    t
}

/// Words a report.
pub fn document(
    dept: &Department,
    ds: &Dataset,
    figures: &Arc<Figures>,
) -> Result<Document<'static>, NarrativeError> {
    document_with(dept, &templates(dept), ds, figures, None).map(|r| r.document)
}

/// Words a report (with what its templates left out) with templates already read (and, after the first
/// report, compiled) and, when the caller keeps them, the figures of
/// other periods: what a batch does for every report of a department.
pub fn document_with(
    dept: &Department,
    templates: &Templates,
    ds: &Dataset,
    figures: &Arc<Figures>,
    figures_of: Option<FiguresOf<'_>>,
) -> Result<Rendered, NarrativeError> {
    let s = &dept.settings;
    let mut report = Report::new(ds, Arc::clone(figures), templates, &s.report.template);
    report.meta = Meta {
        authority: s.letterhead.authority.clone().into(),
        department: s.letterhead.department.clone().into(),
        // The number is given when the report is registered; until then "…".
        number: s.letterhead.number.replace("{n}", "…").into(),
        nation: s.letterhead.nation.clone().into(),
        motto: s.letterhead.motto.clone().into(),
        title: s.report.title.clone().into(),
        subject: s.report.subject.clone().into(),
        signature: Signature {
            titles: s.signature.titles.iter().cloned().map(Into::into).collect(),
            name: s.signature.name.clone().into(),
        },
        recipients_label: s.recipients.label.clone().into(),
        recipients: s.recipients.list.iter().cloned().map(Into::into).collect(),
        // Empty: the narrative takes the dataset's.
        source: s.report.source.clone().into(),
        ..Meta::default()
    };
    report.place = s.letterhead.place.clone();
    report.date = dept.date_for(&figures.period.to_string());
    report.locale = locale(dept);
    report.decimals = decimals(&s.numbers);
    report.figures_of = figures_of;
    report.source_names = Some(source_names(dept));
    baocao_narrative::render_report(&report)
}

/// How a report names the files its figures were written in: relative to
/// the department's folder (`data/hanoi.toml`, `../hanoi/data/hanoi.toml`
/// for a department that reads another's data); the built-in department's
/// relative to the folder its files are named in. Never a path of the
/// machine: a department named by an absolute path gives the same bytes
/// as named by a relative one.
pub fn source_names(dept: &Department) -> baocao_narrative::SourceNames {
    let folder = absolute(
        dept.folder
            .as_deref()
            .unwrap_or(Path::new(baocao_config::BUILTIN_FOLDER)),
    );
    baocao_narrative::SourceNames(Arc::new(move |file: &str| {
        relative(&absolute(Path::new(file)), &folder)
    }))
}

/// `path` relative to `folder`, both absolute and resolved, with `/`
/// between names: what is inside by its names under it, what is outside
/// by `..` up to where they part.
fn relative(path: &Path, folder: &Path) -> String {
    let mut ours = path.components().peekable();
    let mut theirs = folder.components().peekable();
    while let (Some(a), Some(b)) = (ours.peek(), theirs.peek()) {
        if a != b {
            break;
        }
        ours.next();
        theirs.next();
    }
    theirs
        .map(|_| "..".to_owned())
        .chain(ours.map(|c| c.as_os_str().to_string_lossy().into_owned()))
        .collect::<Vec<_>>()
        .join("/")
}

/// A path made absolute against the working directory, with `.` and `..`
/// resolved by their names (not by the file system: a link is not
/// followed, so the same text gives the same name wherever it points).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The department's locale, with its number style.
pub fn locale(dept: &Department) -> Locale {
    let s = &dept.settings;
    // The config crate accepts only `vi` and `en`.
    let mut locale = Locale::from_tag(&s.locale).unwrap_or_default();
    locale.numbers.trim_zeros = s.numbers.trim_zeros;
    // The config crate accepts only the two units.
    if let Some(unit) = baocao_narrative::POINTS_VI
        .iter()
        .find(|u| **u == s.numbers.points)
    {
        locale.points_vi = unit;
    }
    locale
}

/// The department's `[numbers]` as the narrative layer takes them.
fn decimals(n: &baocao_config::Numbers) -> Decimals {
    Decimals {
        value: n.value,
        index: n.index,
        growth: n.growth,
        contribution: n.contribution,
        share: n.share,
        structure: n.structure,
    }
}

/// A format's options as its plugin reads them: the department's
/// `[formats.options.<id>]` table as JSON, where a key ending in `_file` is
/// replaced by the contents of that file under the key without `_file`: a
/// string when the file is UTF-8, `{"base64": "…"}` otherwise (what the
/// SDK's `FileContents` reads). The file is inside the department folder
/// (no `..`, no absolute path, no link out of it: `Department::option_file`)
/// and at most `baocao_plugin_api::MAX_FILE_SIZE` bytes, or the option is
/// refused at its place in `department.toml`. Empty when the department
/// sets none.
pub fn format_options(dept: &Department, format_id: &str) -> Result<Vec<u8>, DriverError> {
    let Some(table) = dept.settings.formats.options.get(format_id) else {
        return Ok(Vec::new());
    };
    let mut json = serde_json::Map::new();
    for (key, value) in table {
        match (key.strip_suffix("_file"), value) {
            (Some(name), toml::Value::String(file)) => {
                let bytes =
                    dept.read_option_file(format_id, key, file, baocao_plugin_api::MAX_FILE_SIZE)?;
                json.insert(name.to_owned(), FileContents::to_json(bytes));
            }
            _ => {
                let v = serde_json::to_value(value).expect("TOML values are JSON values");
                json.insert(key.clone(), v);
            }
        }
    }
    Ok(serde_json::to_vec(&json).expect("a JSON map serializes"))
}

/// Where a report goes when `--out` is not given: the department's
/// `output.path` with `{department}`, `{period}` and `{ext}` replaced.
pub fn output_path(dept: &Department, period: Period, extension: &str) -> PathBuf {
    PathBuf::from(
        dept.settings
            .output
            .path
            .replace("{department}", &dept.settings.id)
            .replace("{period}", &period.to_string())
            .replace("{ext}", extension),
    )
}

/// The document as the plugins read it: JSON of the shared serde model.
pub fn encode(document: &Document<'_>) -> Vec<u8> {
    serde_json::to_vec(document)
        .expect("a Document is strings, numbers and lists, which always serialize")
}

impl Made {
    /// The report through one exporter plugin, with its options (JSON;
    /// empty for the plugin's defaults).
    pub fn export(&self, plugin: &Plugin, options_json: &[u8]) -> Result<Vec<u8>, DriverError> {
        Ok(plugin.render(&self.document_json, options_json)?)
    }
}

/// A plugin's failure as the user sees it: options it refused are shown
/// at their key in the department's `[formats.options.<format>]` (the
/// table itself for an option that is missing), the table named under the
/// key (the line shown is the key's, not the table's header), with what
/// the plugin accepts there; any other failure as it is. It names no
/// period, so a batch tells it once for every report it failed, and
/// `baocao check`, which asks each plugin about its options without
/// rendering ([`check::formats`]), tells it in the same words.
pub fn export_diagnostic(dept: &Department, error: &DriverError) -> Diagnostic {
    let DriverError::Export(e) = error else {
        return error.diagnostic();
    };
    let Failure::BadOptions { key, expected } = &e.failure else {
        return error.diagnostic();
    };
    let format = &e.format_id;
    let mut d = Diagnostic::error(e.message.clone()).at(dept.option_span(format, key));
    if !key.is_empty() {
        d = d.label(format!("in [formats.options.{format}]"));
    }
    if !expected.is_empty() {
        d = d.help(format!("the {format} format expects {expected} here"));
    }
    d
}

/// Where plugins are searched: `--plugin-dir`s first, then each
/// department's plugin folders, `BAOCAO_PLUGIN_PATH`, and the folder of the
/// executable; never the current directory.
#[derive(Debug, Clone, Default)]
pub struct PluginSearch {
    /// `--plugin-dir`s.
    pub dirs: Vec<PathBuf>,
    /// `BAOCAO_PLUGIN_PATH`.
    pub env: Option<std::ffi::OsString>,
    /// The baocao executable.
    pub exe: Option<PathBuf>,
    /// `--isolate-plugins`: every department's plugins run in worker
    /// processes (`baocao plugin-worker`), whatever its `isolate_plugins`.
    pub isolate: bool,
}

impl PluginSearch {
    /// The search of this process: its `BAOCAO_PLUGIN_PATH` and executable.
    pub fn of_process(dirs: Vec<PathBuf>) -> Self {
        PluginSearch {
            dirs,
            env: std::env::var_os("BAOCAO_PLUGIN_PATH"),
            exe: std::env::current_exe().ok(),
            isolate: false,
        }
    }

    /// The folders searched for a department, in order.
    pub fn path(&self, dept: &Department) -> Vec<PathBuf> {
        let own: Vec<PathBuf> = match &dept.folder {
            Some(folder) => dept
                .settings
                .plugin_dirs
                .iter()
                .map(|d| folder.join(d))
                .collect(),
            None => Vec::new(),
        };
        baocao_plugin_host::search_path(&self.dirs, &own, self.env.as_deref(), self.exe.as_deref())
    }

    /// Where a department's plugins run: in worker processes of this
    /// executable when `--isolate-plugins` or the department's
    /// `isolate_plugins` asks, else in this process.
    pub fn mode(&self, dept: &Department) -> Mode {
        if self.isolate || dept.settings.isolate_plugins {
            let exe = self.exe.clone().unwrap_or_default();
            Mode::Isolated(baocao_plugin_host::Isolation::of_baocao(exe))
        } else {
            Mode::InProcess
        }
    }

    /// The plugins a department can use.
    pub fn load(&self, dept: &Department) -> PluginSet {
        PluginSet::load_with(&self.path(dept), &self.mode(dept))
    }
}

/// The formats asked for, trimmed, each once, in the order first asked:
/// a format asked for twice is made once (both would write one file).
pub fn distinct_formats(asked: &[String]) -> Vec<String> {
    let mut formats: Vec<String> = Vec::with_capacity(asked.len());
    for f in asked.iter().map(|f| f.trim()) {
        if !formats.iter().any(|g| g == f) {
            formats.push(f.to_owned());
        }
    }
    formats
}

/// The format baocao writes itself, not a plugin: the document JSON that
/// every plugin is given (`baocao render --format document`), byte for
/// byte, for a plugin author's tests.
pub const DOCUMENT_FORMAT: &str = "document";

/// Why a format cannot be written, with what would help: the rejected
/// plugin file that was named for it, a close format id, the available ones.
pub fn missing_format(plugins: &PluginSet, id: &str) -> String {
    let mut available: Vec<&str> = plugins
        .plugins()
        .iter()
        .map(|p| p.format_id.as_str())
        .collect();
    available.sort_unstable();
    let mut msg = format!("no plugin provides format `{id}`");
    if let Some(close) = baocao_suggest::closest(id, available.iter().copied()) {
        msg.push_str(&format!(" (did you mean `{close}`?)"));
    }
    let named = plugins.why_missing(id);
    for r in &named {
        msg.push_str(&format!(
            "; {} was rejected: {}",
            r.path.display(),
            r.reason
        ));
    }
    // A file's name need not say its format (`libbaocao_markdown.so` is
    // `md`): when no rejected file is named for it, any of them may be it,
    // but one rejected as a duplicate provides a format that is available.
    if named.is_empty() {
        for r in plugins
            .rejected()
            .iter()
            .filter(|r| !matches!(r.reason, baocao_plugin_host::Reason::Duplicate { .. }))
        {
            msg.push_str(&format!(
                "; {} could not be loaded, and may be the one: {}",
                r.path.display(),
                r.reason
            ));
        }
    }
    if available.is_empty() {
        msg.push_str("; no plugins were found (build them with `cargo build --release`, or point --plugin-dir or BAOCAO_PLUGIN_PATH at their folder)");
    } else {
        msg.push_str(&format!("; available: {}", available.join(", ")));
    }
    msg
}

/// What `baocao import` is asked.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    /// The table: `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods` or `.csv`.
    pub table: PathBuf,
    /// The dataset TOML to write.
    pub out: PathBuf,
    /// Replace `out` when it exists.
    pub force: bool,
    /// The region and the sheet, when the table does not say.
    pub options: ImportOptions,
}

/// Imports a table into a dataset TOML (`baocao-import`) and writes it
/// atomically; an existing file is replaced only when asked. Nothing is
/// written when the table has a problem.
pub fn import(request: &ImportRequest) -> Result<Imported, DriverError> {
    let out = &request.out;
    if !request.force && std::fs::symlink_metadata(out).is_ok() {
        return Err(DriverError::Exists { path: out.clone() });
    }
    let imported = baocao_import::import_path(&request.table, &request.options)
        .map_err(|e| DriverError::Dataset(DatasetError::from_diagnostics(e.diagnostics)))?;
    write_atomic(out, imported.toml.as_bytes())?;
    Ok(imported)
}

/// Writes a file atomically: a temporary file in the same folder, created
/// exclusively under a name no one can guess, flushed, then renamed over
/// the target, so the target is either the old file or the whole new one.
/// The folder is made if missing and taken as given (it may be a link, as
/// the caller chose it); a link at the file's own name is replaced, never
/// written through.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), DriverError> {
    let err = |reason| DriverError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let Some(name) = path.file_name() else {
        return Err(err(std::io::Error::other("the path names no file")));
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = folder::Folder::chosen(dir)?;
    let (mut file, tmp) = stage::create_temporary(&folder, name).map_err(err)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    if let Err(reason) = written.and_then(|()| folder.rename(&tmp, name)) {
        let _ = folder.remove(&tmp);
        return Err(err(reason));
    }
    // The new name on disk too.
    folder.sync().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// The built-in department copied into a folder, with `options`
    /// appended to its `department.toml`.
    fn department_with(options: &str) -> (tempfile::TempDir, Department) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("dept");
        Department::builtin().scaffold(&folder).unwrap();
        let toml = folder.join("department.toml");
        let text = fs::read_to_string(&toml).unwrap();
        fs::write(&toml, format!("{text}{options}")).unwrap();
        let dept = Department::load(&folder).unwrap();
        (dir, dept)
    }

    #[test]
    fn option_files_are_sent_as_text_or_base64() {
        let (dir, dept) = department_with(
            "[formats.options.docx]\nreference_file = \"mau.docx\"\nstyle_file = \"in.css\"\nsize = 13\n",
        );
        let folder = dir.path().join("dept");
        fs::write(folder.join("mau.docx"), b"PK\x03\x04\xff").unwrap();
        fs::write(folder.join("in.css"), "p { margin: 0 }").unwrap();
        let json: serde_json::Value =
            serde_json::from_slice(&format_options(&dept, "docx").unwrap()).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "reference": {"base64": "UEsDBP8="},
                "style": "p { margin: 0 }",
                "size": 13,
            })
        );
    }

    #[test]
    fn options_a_plugin_refuses_are_shown_at_their_key() {
        let (_dir, dept) =
            department_with("[formats.options.html]\nstylesheet_mode = \"replce\"\n");
        let exe = std::env::current_exe().unwrap();
        let set = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
        let html = set.get("html").expect("the html plugin is built for tests");
        let made = Job::new(&dept, "2024".parse().unwrap()).run().unwrap();
        let options = format_options(&dept, "html").unwrap();
        let err = made.export(html, &options).unwrap_err();
        let d = export_diagnostic(&dept, &err);
        let shown = d.to_string();
        let shown = shown.split("department.toml").nth(1).unwrap();
        let line = fs::read_to_string(dept.folder.as_ref().unwrap().join("department.toml"))
            .unwrap()
            .lines()
            .count();
        assert_eq!(
            shown,
            format!(
                ":{line}:1: option `stylesheet_mode` of the html format must be `add` or `replace`, found `replce`: in [formats.options.html]; the html format expects `add` or `replace` here"
            )
        );
    }

    /// `check` asks each format the department configures about its
    /// options, without a report: a refusal in the words of a render, at
    /// the key; a file the options name that is not there; a format no
    /// plugin provides, as a warning; nothing for a format whose options
    /// are good.
    #[test]
    fn check_asks_the_plugin_of_each_configured_format() {
        let (_dir, dept) = department_with(
            "[formats.options.docx]
size = 13
fnt = \"Arial\"

[formats.options.html]
stylesheet_file = \"missing.css\"

[formats.options.txt]
width = 72

[formats.options.pdf]
paper = \"A4\"
",
        );
        let exe = std::env::current_exe().unwrap();
        let set = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
        let text =
            fs::read_to_string(dept.folder.as_ref().unwrap().join("department.toml")).unwrap();
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.starts_with(needle))
                .map(|n| n + 1)
                .unwrap()
        };
        let found: Vec<(Severity, String, u32)> = check::formats(&dept, &set)
            .into_iter()
            .map(|d| {
                let line = d.span.as_ref().map_or(0, |s| s.line);
                (d.severity, d.message, line)
            })
            .collect();
        let pdf = missing_format(&set, "pdf");
        assert!(pdf.starts_with("no plugin provides format `pdf`"), "{pdf}");
        let [docx, html, pdf_found] = found.as_slice() else {
            panic!("{found:#?}");
        };
        assert_eq!(
            docx,
            &(
                Severity::Error,
                "unknown option `fnt` of the docx format".to_owned(),
                u32::try_from(line_of("fnt = ")).unwrap()
            )
        );
        assert_eq!(html.0, Severity::Error);
        assert!(html.1.contains("missing.css"), "{html:?}");
        assert_eq!(
            pdf_found,
            &(
                Severity::Warning,
                pdf,
                u32::try_from(line_of("[formats.options.pdf]")).unwrap()
            )
        );
    }

    /// The narrative layer's default decimals (for callers without a
    /// department) are a department's defaults: one style, not two.
    #[test]
    fn default_decimals_are_the_departments() {
        assert_eq!(
            decimals(&baocao_config::Numbers::default()),
            Decimals::default()
        );
    }

    /// A period without figures is told what the dataset has: its years,
    /// and in the year asked each period it reports, so that "no figures
    /// for 2024" never goes on "it has figures for 2024".
    #[test]
    fn a_period_without_figures_is_told_what_the_year_has() {
        let ds = baocao_dataset::read_str(
            "format = 1\n[dataset]\nregion = \"X\"\n[[indicator]]\nid = \"grdp\"\nname = \"GRDP\"\nkind = \"flow\"\ngrowth = { 2022 = 4.0, 2023 = 5.0, 2024 = 6.0, 2024-Q1 = 5.5, 2024-Q2 = 5.6, 2024-Q3 = 5.7, 2024-M07 = 5.8, 2025-Q1 = 6.1 }\n",
            "x.toml",
        )
        .unwrap();
        let no = |p: &str| figures(&ds, p.parse().unwrap()).unwrap_err().to_string();
        assert_eq!(
            no("2024-H1"),
            "the dataset has no figures for 2024-H1; it has figures for 2022, 2023, 2024, 2024-Q1 … 2024-Q3, 2024-M07, 2025"
        );
        assert_eq!(
            no("2025"),
            "the dataset has no figures for 2025; it has figures for 2022, 2023, 2024, 2025-Q1"
        );
        assert_eq!(
            no("2030"),
            "the dataset has no figures for 2030; it has figures for 2022, 2023, 2024, 2025"
        );
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a/b.md");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(target.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_write_replaces_a_link_at_its_name_and_never_follows_it() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        fs::write(&victim, b"keep").unwrap();
        let target = dir.path().join("report.md");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"report").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"keep");
        assert!(fs::symlink_metadata(&target).unwrap().is_file());
        assert_eq!(fs::read(&target).unwrap(), b"report");
    }
}
