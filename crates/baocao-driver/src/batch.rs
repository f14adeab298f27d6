//! The one path from a made report to its files, for `render` and
//! `batch` alike: a `render` is a batch of one report whose files go where
//! its `--out` says ([`Layout`]).
//!
//! Every (department, period) is made in parallel with rayon; every format
//! of a report comes from one encoded document; each department's own
//! plugins write it; files are staged ([`Staged`]): written under temporary
//! names, flushed together and renamed into place, so that no file is ever
//! seen half written and the batch does not wait for the disk once per
//! file. A failure is recorded for its file and the rest carry on.
//!
//! Each period's figures are computed once and shared: a year's report
//! needs its own and, for the targets table, the year before's, which is
//! the previous report of the same department (see `Memo`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use baocao_calc::{Figures, Scope};
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
use baocao_diagnostic::Diagnostic;
use baocao_narrative::Templates;
use baocao_plugin_host::PluginSet;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::folder::Folder;
use crate::overview::{Key, Summary};
use crate::stage::{self, Faults};
use crate::{DriverError, FiguresOf, Job, Made, Staged, format_options};

/// One report to make: a department's dataset for one period.
#[derive(Debug, Clone, Copy)]
pub struct Unit<'a> {
    /// The department.
    pub department: &'a Department,
    /// Its dataset, read once for all its periods.
    pub dataset: &'a Dataset,
    /// Its templates, read once and compiled on first use.
    pub templates: &'a Templates,
    /// The period.
    pub period: Period,
}

/// Where a report's files go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `<out>/<department>/<period>.<ext>`, with `index.html`, `index.md`,
    /// `manifest.json` and the cache of `skip_unchanged`: a batch.
    Batch,
    /// `<out>/<period>.<ext>`: `render --out FOLDER`.
    Folder,
    /// `<out>` itself, for one format whose extension it has: `render
    /// --out report.html`.
    File,
    /// The department's `output.path` (`out` unused): `render` without
    /// `--out`.
    Department,
    /// Nothing written: the bytes are kept in [`FileOutcome::bytes`] for
    /// the caller to print (`render --out -`, one format).
    Stdout,
}

/// How reports are delivered.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Format ids to write for every report; `None`: each department's
    /// `formats.default`.
    pub formats: Option<Vec<String>>,
    /// The output folder, or file for [`Layout::File`].
    pub out: PathBuf,
    /// Where the files go.
    pub layout: Layout,
    /// Worker threads (see [`crate::plan::jobs`]).
    pub jobs: usize,
    /// Skip files whose inputs (document, plugin, options) have not changed
    /// since the last batch into `out` and whose file is still as written
    /// (only [`Layout::Batch`] keeps the record this needs).
    pub skip_unchanged: bool,
    /// The figure the batch overview (`index.html`, `index.md`) shows for
    /// each report; `grdp.growth` by default.
    pub overview: Key,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileStatus {
    /// Written now.
    Written,
    /// Unchanged since the last batch, left as it was.
    Skipped,
    /// Not written, and why.
    Failed(Box<Diagnostic>),
}

/// One file of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOutcome {
    /// The department's id.
    pub department: String,
    /// The period.
    pub period: Period,
    /// The format id.
    pub format: String,
    /// The file: relative to the output folder in a batch, as written
    /// otherwise (empty when not written).
    pub path: PathBuf,
    /// What happened.
    pub status: FileStatus,
    /// Its size in bytes (0 when not written).
    pub size: u64,
    /// Its SHA-256, lowercase hex (empty when not written).
    pub sha256: String,
    /// The bytes, for [`Layout::Stdout`] only.
    pub bytes: Option<Vec<u8>>,
}

/// The result of a batch, in a defined order (department, period, format),
/// whatever the number of threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Every file, written, skipped or failed.
    pub files: Vec<FileOutcome>,
    /// What the reports made say but does not stop them: their failed
    /// consistency checks, once each, in the reports' order.
    pub warnings: Vec<Diagnostic>,
    /// The batch folder's own files (`index.html`, `index.md`,
    /// `manifest.json`, the cache of `skip_unchanged`) that could not be
    /// written, and a folder whose new names could not be flushed: each
    /// with its path and why.
    pub folder_failures: Vec<FolderFailure>,
    /// What the batch overview shows of each report that was made (its
    /// key figure, failed checks and missed targets), in the reports'
    /// order; a report that could not be made has none.
    pub summaries: Vec<Summary>,
}

/// A file of the batch's own, or a folder, that could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FolderFailure {
    /// The file or folder: relative to the output folder in a batch (`.`
    /// for the folder itself), as written otherwise.
    pub path: PathBuf,
    /// Why.
    pub why: Box<Diagnostic>,
}

impl BatchOutcome {
    /// Files with a given status.
    pub fn count(&self, pred: impl Fn(&FileStatus) -> bool) -> usize {
        self.files.iter().filter(|f| pred(&f.status)).count()
    }

    /// The failed files.
    pub fn failures(&self) -> impl Iterator<Item = &FileOutcome> {
        self.files
            .iter()
            .filter(|f| matches!(f.status, FileStatus::Failed(_)))
    }

    /// How many things failed: report files, and the batch's own files.
    pub fn failed(&self) -> usize {
        self.failures().count() + self.folder_failures.len()
    }
}

/// What a batch tells its caller while it runs.
#[derive(Clone, Copy)]
pub struct Events<'e> {
    /// Called once per finished report, from any thread.
    pub done: &'e (dyn Fn() + Sync),
    /// Called, with the output folder, when another batch is writing into
    /// it: this one waits until that one has finished.
    pub waiting: &'e (dyn Fn(&Path) + Sync),
}

impl std::fmt::Debug for Events<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Events").finish_non_exhaustive()
    }
}

/// Each department's exporter plugins: its own plugin folders searched
/// with the common ones, so that two departments in one batch may each
/// bring a format of their own.
#[derive(Debug)]
pub struct Plugins<'a> {
    shared: Option<&'a PluginSet>,
    sets: Vec<PluginSet>,
    by_department: BTreeMap<String, usize>,
}

impl<'a> Plugins<'a> {
    /// Searches each department's plugins (see [`crate::PluginSearch`]);
    /// departments with the same folders share one loaded set.
    pub fn search(departments: &[&Department], search: &crate::PluginSearch) -> Self {
        let mut sets = Vec::new();
        let mut by_path: BTreeMap<(Vec<PathBuf>, crate::Mode), usize> = BTreeMap::new();
        let mut by_department = BTreeMap::new();
        for d in departments {
            let path = search.path(d);
            let key = (path.clone(), search.mode(d));
            let n = *by_path.entry(key).or_insert_with(|| {
                sets.push(PluginSet::load_with(&path, &search.mode(d)));
                sets.len() - 1
            });
            by_department.insert(d.settings.id.clone(), n);
        }
        Plugins {
            shared: None,
            sets,
            by_department,
        }
    }

    /// One set for every department (benchmarks and tests that load the
    /// plugins once).
    pub fn shared(set: &'a PluginSet) -> Self {
        Plugins {
            shared: Some(set),
            sets: Vec::new(),
            by_department: BTreeMap::new(),
        }
    }

    /// The plugins of a department.
    pub fn of(&self, department: &str) -> Option<&PluginSet> {
        self.shared.or_else(|| {
            self.by_department
                .get(department)
                .and_then(|&n| self.sets.get(n))
        })
    }
}

/// Lowercase hex of a SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// Each department's figures by period, computed once for the whole batch.
///
/// The report of year Y uses the figures of Y and, for its targets table,
/// those of Y − 1: the figures of the previous report of the same
/// department, which the thread that made it usually did just before
/// (rayon hands each thread a run of consecutive units). A slot is filled
/// once (`OnceLock`: a second thread asking meanwhile waits for it) and
/// dropped when the next year's report has used it, so that the batch
/// keeps about one year per department in memory, not all of them.
/// Whatever the order, the figures are `baocao_calc`'s: the output does not
/// depend on which thread made them.
struct Memo<'a> {
    slots: Mutex<BTreeMap<(&'a str, Period), Arc<Slot>>>,
    /// The batch's (department, period): their figures are computed whole.
    /// Any other period is only looked back at (the year before the first),
    /// so its figures are computed without checks and trends
    /// (`Scope::FiguresOnly`), which the targets table does not read.
    units: BTreeSet<(&'a str, Period)>,
}

/// One period's figures, filled by whichever thread asks first.
type Slot = OnceLock<Arc<Figures>>;

impl<'a> Memo<'a> {
    fn new(units: &[Unit<'a>]) -> Self {
        Memo {
            slots: Mutex::new(BTreeMap::new()),
            units: units
                .iter()
                .map(|u| (u.department.settings.id.as_str(), u.period))
                .collect(),
        }
    }

    fn get(&self, department: &'a str, ds: &Dataset, period: Period) -> Arc<Figures> {
        let slot = Arc::clone(
            self.slots
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .entry((department, period))
                .or_default(),
        );
        let scope = if self.units.contains(&(department, period)) {
            Scope::Full
        } else {
            Scope::FiguresOnly
        };
        Arc::clone(slot.get_or_init(|| Arc::new(baocao_calc::compute_with(ds, period, scope))))
    }

    fn forget(&self, department: &'a str, period: Period) {
        self.slots
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&(department, period));
    }
}

/// The record of `skip_unchanged`: for each file, the hash of its inputs
/// and of what was written.
const CACHE: &str = ".baocao-cache.json";

/// A file's record in the cache: (input hash, output hash).
type Cached = BTreeMap<String, (String, String)>;

/// One file's outcome, with its cache key and input hash (both empty when
/// it was not attempted).
struct Attempt {
    outcome: FileOutcome,
    key: String,
    input: String,
    /// The file as the writer names it (empty when nothing was written).
    shown: PathBuf,
}

/// What became of one report: its files, the warnings of its figures, and
/// what the overview shows of it (none when it could not be made).
struct Delivered {
    attempts: Vec<Attempt>,
    warnings: Vec<Diagnostic>,
    summary: Option<Summary>,
}

/// Makes the reports and delivers their files. `progress` is called once
/// per finished report, from any thread. See [`run_with`].
pub fn run(
    units: &[Unit<'_>],
    plugins: &Plugins<'_>,
    opts: &BatchOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<BatchOutcome, DriverError> {
    let events = Events {
        done: progress,
        waiting: &|_| {},
    };
    run_with(units, plugins, opts, &events)
}

/// Makes the reports and delivers their files, telling `events` how it
/// goes. Errors only when the output folder cannot be made, opened or
/// locked, or the thread pool cannot be made: then nothing was written.
/// Everything else is recorded per file: a report's failure, a panic while
/// making it (an internal error, reported as such), a file that could not
/// be written or put in place, the index or manifest that could not be.
///
/// A batch ([`Layout::Batch`]) holds the output folder's lock while it
/// runs: a second batch into the same folder waits for the first to end
/// (`events.waiting` is told). Then it removes every temporary file of ours
/// that a killed batch left, in the folder and in the folders right inside.
pub fn run_with(
    units: &[Unit<'_>],
    plugins: &Plugins<'_>,
    opts: &BatchOptions,
    events: &Events<'_>,
) -> Result<BatchOutcome, DriverError> {
    let seams = Seams {
        make: &|job, ds| job.run_with(ds),
        faults: Arc::new(Faults::default()),
    };
    deliver(units, plugins, opts, events, &seams)
}

/// Makes one report: what a test replaces by a report that panics.
type Maker = dyn Fn(&Job<'_>, &Dataset) -> Result<Made, DriverError> + Sync;

/// How `run_with` makes reports and which faults its file system has: the
/// real ones, but for tests.
struct Seams<'s> {
    make: &'s Maker,
    faults: Arc<Faults>,
}

fn deliver(
    units: &[Unit<'_>],
    plugins: &Plugins<'_>,
    opts: &BatchOptions,
    events: &Events<'_>,
    seams: &Seams<'_>,
) -> Result<BatchOutcome, DriverError> {
    // The batch folder: opened once, locked for the whole batch, cleaned
    // of what a killed batch left (which no other batch is writing now).
    let (out, _lock) = if opts.layout == Layout::Batch {
        let out = Arc::new(Folder::chosen(&opts.out)?);
        let lock = out.lock(|| (events.waiting)(&opts.out))?;
        stage::remove_temporaries(&out);
        (Some(out), Some(lock))
    } else {
        (None, None)
    };
    let cache: Cached = match &out {
        Some(out) if opts.skip_unchanged => read_cache(out),
        _ => BTreeMap::new(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.max(1))
        .build()
        .map_err(|e| DriverError::Write {
            path: opts.out.clone(),
            reason: std::io::Error::other(e),
        })?;
    let done = AtomicUsize::new(0);
    let memo = Memo::new(units);
    let staged = match &out {
        Some(out) => Staged::in_folder(Arc::clone(out), Arc::clone(&seams.faults)),
        None => Staged::anywhere(Arc::clone(&seams.faults)),
    };
    let ctx = Context {
        plugins,
        opts,
        cache: &cache,
        memo: &memo,
        staged: &staged,
        make: seams.make,
    };
    // Attempts, warnings and summary per unit; collect keeps the units'
    // order, so the report (and the index made of it) does not depend on
    // scheduling. A panic while making one report fails that report's
    // files, not the batch.
    let results: Vec<Delivered> = pool.install(|| {
        units
            .par_iter()
            .map(|unit| {
                let r =
                    crate::internal::catch(|| one(unit, &ctx)).unwrap_or_else(|panic| Delivered {
                        attempts: internal_error(unit, opts, &panic),
                        warnings: Vec::new(),
                        summary: None,
                    });
                done.fetch_add(1, Ordering::Relaxed);
                (events.done)();
                r
            })
            .collect()
    });
    // Every report in place before the index and the cache say so: a file
    // that could not be renamed is a failure like any other.
    let mut failed: BTreeMap<PathBuf, DriverError> = staged.finish().into_iter().collect();
    let mut report = BatchOutcome::default();
    let mut new_cache = BTreeMap::new();
    for Delivered {
        attempts,
        warnings,
        summary,
    } in results
    {
        report.warnings.extend(warnings);
        report.summaries.extend(summary);
        for Attempt {
            mut outcome,
            key,
            input,
            shown,
        } in attempts
        {
            if outcome.status == FileStatus::Written
                && let Some(why) = failed.remove(&shown)
            {
                outcome.status = FileStatus::Failed(Box::new(why.diagnostic()));
                outcome.size = 0;
                outcome.sha256.clear();
            }
            if !key.is_empty() && !matches!(outcome.status, FileStatus::Failed(_)) {
                new_cache.insert(key, (input, outcome.sha256.clone()));
            }
            report.files.push(outcome);
        }
    }
    baocao_diagnostic::dedup(&mut report.warnings);
    // What is left is not one report's: a folder whose names could not be
    // flushed.
    let mut own: Vec<(PathBuf, DriverError)> = failed.into_iter().collect();
    if let Some(out) = out {
        // The index, the manifest and the cache, flushed together too.
        let staged = Staged::in_folder(out, Arc::clone(&seams.faults));
        own.extend(write_cache(&staged, &opts.out, &new_cache).err());
        own.extend(crate::index::write_index(
            &staged,
            &opts.out,
            &report,
            &opts.overview,
        ));
        own.extend(staged.finish());
    }
    report.folder_failures = own
        .into_iter()
        .map(|(path, why)| FolderFailure {
            path: match (opts.layout, path.strip_prefix(&opts.out)) {
                (Layout::Batch, Ok(rel)) if rel.as_os_str().is_empty() => PathBuf::from("."),
                (Layout::Batch, Ok(rel)) => rel.to_path_buf(),
                _ => path,
            },
            why: Box::new(why.diagnostic()),
        })
        .collect();
    Ok(report)
}

/// What every report of a batch shares.
struct Context<'c, 'a> {
    plugins: &'c Plugins<'c>,
    opts: &'c BatchOptions,
    cache: &'c Cached,
    memo: &'c Memo<'a>,
    staged: &'c Staged,
    make: &'c Maker,
}

/// Every file of a report that panicked while it was made: failed, with
/// the panic's message and place, as a bug to report.
fn internal_error(
    unit: &Unit<'_>,
    opts: &BatchOptions,
    panic: &crate::internal::Panic,
) -> Vec<Attempt> {
    let dept = unit.department;
    let why = Diagnostic::error(format!(
        "internal error while making {} {}: {panic}; please report this",
        dept.settings.id, unit.period
    ));
    crate::distinct_formats(
        opts.formats
            .as_deref()
            .unwrap_or(&dept.settings.formats.default),
    )
    .into_iter()
    .map(|format| Attempt {
        outcome: FileOutcome {
            department: dept.settings.id.clone(),
            period: unit.period,
            format,
            path: PathBuf::new(),
            status: FileStatus::Failed(Box::new(why.clone())),
            size: 0,
            sha256: String::new(),
            bytes: None,
        },
        key: String::new(),
        input: String::new(),
        shown: PathBuf::new(),
    })
    .collect()
}

/// Where one file of a report goes.
struct Place {
    /// The folder the user chose: `--out`, the folder of `render --out
    /// FILE`, the start of the department's `output.path`. Taken as given.
    root: PathBuf,
    /// The file below it, entered without following links.
    rel: PathBuf,
    /// The file as its outcome names it: relative to `out` in a batch, as
    /// written otherwise.
    path: PathBuf,
    /// The file as messages name it.
    shown: PathBuf,
}

/// Where a format's file of a report goes.
fn destination(unit: &Unit<'_>, opts: &BatchOptions, extension: &str) -> Place {
    let name = PathBuf::from(format!("{}.{extension}", unit.period));
    let same = |root: PathBuf, rel: PathBuf, shown: PathBuf| Place {
        root,
        rel,
        path: shown.clone(),
        shown,
    };
    match opts.layout {
        Layout::Batch => {
            let rel = Path::new(&unit.department.settings.id).join(name);
            Place {
                root: opts.out.clone(),
                shown: opts.out.join(&rel),
                path: rel.clone(),
                rel,
            }
        }
        Layout::Folder => same(opts.out.clone(), name.clone(), opts.out.join(name)),
        Layout::File => same(
            parent_or_here(&opts.out),
            opts.out.file_name().map(PathBuf::from).unwrap_or_default(),
            opts.out.clone(),
        ),
        Layout::Department => {
            let full = crate::output_path(unit.department, unit.period, extension);
            let root = output_root(&unit.department.settings.output.path);
            match full.strip_prefix(&root) {
                Ok(rel) if root != Path::new(".") => same(root.clone(), rel.to_path_buf(), full),
                _ => same(PathBuf::from("."), full.clone(), full),
            }
        }
        Layout::Stdout => same(PathBuf::new(), PathBuf::new(), PathBuf::new()),
    }
}

/// The folder of a path, `.` for a bare name.
fn parent_or_here(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The folder a department's `output.path` names before its first `{…}`:
/// the one its author chose (`out` of `out/{department}/{period}.{ext}`),
/// taken as given; the folders below are the department's and the
/// period's, entered without following links.
fn output_root(template: &str) -> PathBuf {
    let fixed = &template[..template.find('{').unwrap_or(template.len())];
    if fixed.ends_with(['/', '\\']) {
        let dir = fixed.trim_end_matches(['/', '\\']);
        if dir.is_empty() {
            PathBuf::from("/")
        } else {
            PathBuf::from(dir)
        }
    } else {
        parent_or_here(Path::new(fixed))
    }
}

/// Makes one report and delivers each of its formats.
fn one<'a>(unit: &Unit<'a>, ctx: &Context<'_, 'a>) -> Delivered {
    let Context {
        plugins,
        opts,
        cache,
        memo,
        staged,
        make,
    } = *ctx;
    let dept = unit.department;
    let dept_id: &'a str = &unit.department.settings.id;
    let formats = crate::distinct_formats(
        opts.formats
            .as_deref()
            .unwrap_or(&dept.settings.formats.default),
    );
    let outcome =
        |format: &str, path: PathBuf, status: FileStatus, bytes: Option<&[u8]>| FileOutcome {
            department: dept_id.to_owned(),
            period: unit.period,
            format: format.to_owned(),
            path,
            status,
            size: bytes.map_or(0, |b| b.len() as u64),
            sha256: bytes.map(sha256_hex).unwrap_or_default(),
            bytes: None,
        };
    let failed = |format: &str, path: PathBuf, why: Diagnostic| Attempt {
        outcome: outcome(format, path, FileStatus::Failed(Box::new(why)), None),
        key: String::new(),
        input: String::new(),
        shown: PathBuf::new(),
    };
    let mut job = Job::new(dept, unit.period);
    job.templates = Some(unit.templates);
    let figures_of = |p: Period| memo.get(dept_id, unit.dataset, p);
    job.figures_of = Some(FiguresOf(&figures_of));
    let made = make(&job, unit.dataset);
    if unit.period.is_year() {
        memo.forget(dept_id, unit.period.previous());
    }
    let made = match made {
        Ok(m) => m,
        Err(e) => {
            let why = e.diagnostic();
            let attempts = formats
                .iter()
                .map(|f| failed(f, PathBuf::new(), why.clone()))
                .collect();
            return Delivered {
                attempts,
                warnings: Vec::new(),
                summary: None,
            };
        }
    };
    let warnings = crate::check::failed_checks(&made.figures, unit.dataset, false);
    let summary = Some(Summary::of(
        dept_id,
        &made.figures,
        &opts.overview,
        warnings.len(),
    ));
    let Some(plugins) = plugins.of(dept_id) else {
        let why = Diagnostic::error(format!(
            "no plugins were searched for department `{dept_id}`"
        ));
        let attempts = formats
            .iter()
            .map(|f| failed(f, PathBuf::new(), why.clone()))
            .collect();
        return Delivered {
            attempts,
            warnings,
            summary,
        };
    };
    // What every format's input hash starts with.
    let document_hash = Sha256::digest(&made.document_json);
    let mut out = Vec::new();
    // The files this report has written so far, and by which format: two
    // plugins with the same extension would write the same file.
    let mut claimed: Vec<(PathBuf, &str)> = Vec::new();
    for format in &formats {
        let writer = if format == crate::DOCUMENT_FORMAT {
            Writer::Document
        } else if let Some(plugin) = plugins.get(format) {
            Writer::Plugin(plugin)
        } else {
            let why = crate::missing_format(plugins, format);
            out.push(failed(format, PathBuf::new(), Diagnostic::error(why)));
            continue;
        };
        let extension = writer.extension();
        let place = destination(unit, opts, extension);
        let rel = place.path.clone();
        if opts.layout == Layout::File
            && let Err(why) = writer.check_file_name(&rel)
        {
            out.push(failed(format, PathBuf::new(), Diagnostic::error(why)));
            continue;
        }
        if let Some((_, other)) = claimed.iter().find(|(p, _)| *p == rel) {
            let why = format!(
                "format `{format}` would write {}, which format `{other}` has written (both write `.{extension}` files); ask for one of the two",
                rel.display(),
            );
            out.push(failed(format, PathBuf::new(), Diagnostic::error(why)));
            continue;
        }
        let options = match format_options(dept, format) {
            Ok(o) => o,
            Err(e) => {
                out.push(failed(format, rel, e.diagnostic()));
                continue;
            }
        };
        let key = rel.to_string_lossy().replace('\\', "/");
        let mut hasher = Sha256::new();
        hasher.update(document_hash);
        let (path, version) = writer.identity();
        hasher.update(b"\0");
        hasher.update(path.as_bytes());
        hasher.update(b"\0");
        hasher.update(version.as_bytes());
        hasher.update(b"\0");
        hasher.update(&options);
        let input = hex(&hasher.finalize());
        if let Some((old_input, old_output)) = cache.get(&key)
            && *old_input == input
            && let Some(existing) = staged.read_in(&place.root, &place.rel)
            && sha256_hex(&existing) == *old_output
        {
            claimed.push((rel.clone(), format));
            out.push(Attempt {
                outcome: outcome(format, rel, FileStatus::Skipped, Some(&existing)),
                key,
                input,
                shown: place.shown,
            });
            continue;
        }
        let exported = match writer {
            Writer::Plugin(plugin) => made.export(plugin, &options),
            Writer::Document => Ok(made.document_json.clone()),
        };
        let bytes = match exported {
            Ok(bytes) => bytes,
            Err(e) => {
                out.push(failed(format, rel, crate::export_diagnostic(dept, &e)));
                continue;
            }
        };
        // A format that failed leaves its file to the next one; one that
        // wrote it keeps it.
        claimed.push((rel.clone(), format));
        if opts.layout == Layout::Stdout {
            let mut o = outcome(format, rel, FileStatus::Written, Some(&bytes));
            o.bytes = Some(bytes);
            out.push(unwritten(o));
            continue;
        }
        let attempt = match staged.write_in(&place.root, &place.rel, &place.shown, &bytes) {
            Ok(()) => Attempt {
                outcome: outcome(format, rel, FileStatus::Written, Some(&bytes)),
                key,
                input,
                shown: place.shown,
            },
            Err(e) => failed(format, rel, e.diagnostic()),
        };
        out.push(attempt);
    }
    Delivered {
        attempts: out,
        warnings,
        summary,
    }
}

/// What writes a format: a plugin, or baocao itself for the document
/// (`--format document`: the JSON every plugin is given, for plugin
/// authors' tests).
#[derive(Clone, Copy)]
enum Writer<'p> {
    Plugin(&'p baocao_plugin_host::Plugin),
    Document,
}

impl Writer<'_> {
    /// The extension of its files.
    fn extension(&self) -> &str {
        match self {
            Writer::Plugin(p) => &p.extension,
            Writer::Document => "json",
        }
    }

    /// Refuses a file named for another format.
    fn check_file_name(&self, file: &Path) -> Result<(), String> {
        match self {
            Writer::Plugin(p) => p.check_file_name(file),
            Writer::Document => match file.extension() {
                Some(e) if e.eq_ignore_ascii_case("json") => Ok(()),
                _ => Err(format!(
                    "format `{}` writes `.json` files (the document every plugin is given); name the file `{}` or give a folder",
                    crate::DOCUMENT_FORMAT,
                    file.with_extension("json").display()
                )),
            },
        }
    }

    /// What its output depends on besides the document and the options:
    /// the plugin's file and version, or this baocao's version.
    fn identity(&self) -> (String, String) {
        match self {
            Writer::Plugin(p) => (p.path.to_string_lossy().into_owned(), p.version.clone()),
            Writer::Document => (
                "baocao:document".to_owned(),
                env!("CARGO_PKG_VERSION").to_owned(),
            ),
        }
    }
}

/// An outcome that has no cache record and no file to wait for.
fn unwritten(outcome: FileOutcome) -> Attempt {
    Attempt {
        outcome,
        key: String::new(),
        input: String::new(),
        shown: PathBuf::new(),
    }
}

/// Reads every department's dataset (see [`crate::load_dataset`]) on `jobs`
/// threads, in the departments' order: for a batch of many departments,
/// reading them one after the other would be a tenth of the batch, all
/// before the first report.
pub fn load_datasets(
    departments: &[Department],
    jobs: usize,
) -> Vec<Result<Dataset, baocao_dataset::DatasetError>> {
    let read = |d: &Department| crate::load_dataset(d, None);
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
    {
        Ok(pool) => pool.install(|| departments.par_iter().map(read).collect()),
        Err(_) => departments.iter().map(read).collect(),
    }
}

fn read_cache(out: &Folder) -> Cached {
    out.read(std::ffi::OsStr::new(CACHE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_cache(staged: &Staged, out: &Path, cache: &Cached) -> Result<(), (PathBuf, DriverError)> {
    let json = serde_json::to_vec_pretty(cache).expect("a map of strings serializes");
    let path = out.join(CACHE);
    staged.write(&path, &json).map_err(|e| (path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PluginSet;

    /// The exporter plugins cargo built next to this test.
    fn plugins() -> PluginSet {
        let exe = std::env::current_exe().unwrap();
        let set = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
        assert!(
            set.get("md").is_some(),
            "plugins not built: {:?}",
            set.rejected()
        );
        set
    }

    /// Every file under `dir`, relative.
    fn files(dir: &Path) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    out.push(p.strip_prefix(dir).unwrap().display().to_string());
                }
            }
        }
        out.sort();
        out
    }

    /// Hà Nội 2023 and 2024 in three formats into `out`, with `seams`.
    fn batch(out: &Path, seams: &Seams<'_>) -> BatchOutcome {
        let dept = Department::builtin();
        let ds = crate::load_dataset(&dept, None).unwrap();
        let templates = crate::templates(&dept);
        let units: Vec<Unit<'_>> = [2023, 2024]
            .map(|y| Unit {
                department: &dept,
                dataset: &ds,
                templates: &templates,
                period: Period::Year(y),
            })
            .to_vec();
        let set = plugins();
        let opts = BatchOptions {
            formats: Some(vec!["md".into(), "html".into(), "txt".into()]),
            out: out.to_path_buf(),
            layout: Layout::Batch,
            jobs: 2,
            skip_unchanged: false,
            overview: Key::default(),
        };
        let events = Events {
            done: &|| {},
            waiting: &|_| {},
        };
        deliver(&units, &Plugins::shared(&set), &opts, &events, seams).unwrap()
    }

    fn failure(f: &FileOutcome) -> Option<String> {
        match &f.status {
            FileStatus::Failed(why) => Some(why.message.clone()),
            _ => None,
        }
    }

    /// A panic while making one report fails that report's files, as an
    /// internal error with its message and place; the other report and
    /// the batch's index are written.
    #[test]
    fn a_report_that_panics_fails_only_its_files() {
        let out = tempfile::tempdir().unwrap();
        let line = line!() + 4;
        let make: &Maker = &|job, ds| {
            if job.period == Period::Year(2023) {
                let v: Vec<u8> = Vec::new();
                panic!(
                    "index out of bounds: the len is {} but the index is 3",
                    v.len()
                );
            }
            job.run_with(ds)
        };
        let seams = Seams {
            make,
            faults: Arc::default(),
        };
        let report = batch(out.path(), &seams);
        let expected = format!(
            "internal error while making hanoi 2023: index out of bounds: the len is 0 but the index is 3 at {}:{line}; please report this",
            file!()
        );
        for f in &report.files {
            match f.period {
                Period::Year(2023) => assert_eq!(failure(f).as_deref(), Some(expected.as_str())),
                _ => assert_eq!(f.status, FileStatus::Written, "{f:?}"),
            }
        }
        assert_eq!(report.files.len(), 6);
        assert!(report.folder_failures.is_empty());
        // Only the report that was made has a summary; the index says the
        // other one failed.
        let summarised: Vec<Period> = report.summaries.iter().map(|s| s.period).collect();
        assert_eq!(summarised, [Period::Year(2024)]);
        let index = std::fs::read_to_string(out.path().join("index.html")).unwrap();
        assert!(index.contains("<td class=\"failed\"><span title=\"internal error while making hanoi 2023: index out of bounds"), "{index}");
        assert_eq!(
            files(out.path()),
            [
                ".baocao-cache.json",
                "hanoi/2024.html",
                "hanoi/2024.md",
                "hanoi/2024.txt",
                "index.html",
                "index.md",
                "manifest.json"
            ]
        );
    }

    /// A disk with no room: every file, the reports' and the batch's own,
    /// is listed with the system's reason, and nothing is left, not even a
    /// partial temporary.
    #[test]
    fn a_full_disk_lists_every_file_and_leaves_nothing_partial() {
        let out = tempfile::tempdir().unwrap();
        let seams = Seams {
            make: &|job, ds| job.run_with(ds),
            faults: Arc::new(Faults {
                space: Some(std::sync::atomic::AtomicUsize::new(0)),
                flush_fails: false,
            }),
        };
        let report = batch(out.path(), &seams);
        assert_eq!(report.failed(), 6 + 4);
        for f in &report.files {
            let why = failure(f).unwrap();
            let path = out.path().join(&f.path);
            assert_eq!(
                why,
                format!("{}: cannot write: no space left on device", path.display()),
                "{f:?}"
            );
        }
        let mut own: Vec<String> = report
            .folder_failures
            .iter()
            .map(|f| f.path.display().to_string())
            .collect();
        own.sort();
        assert_eq!(
            own,
            [
                ".baocao-cache.json",
                "index.html",
                "index.md",
                "manifest.json"
            ]
        );
        assert!(files(out.path()).is_empty(), "{:?}", files(out.path()));
    }

    /// A flush that fails: no report takes its real name, each says why,
    /// and the reports of an earlier batch are left as they were.
    #[test]
    fn a_failed_flush_leaves_the_previous_reports_in_place() {
        let out = tempfile::tempdir().unwrap();
        let real = Seams {
            make: &|job, ds| job.run_with(ds),
            faults: Arc::default(),
        };
        batch(out.path(), &real);
        let before: Vec<(String, Vec<u8>)> = files(out.path())
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(out.path().join(&f)).unwrap()))
            .collect();
        let failing = Seams {
            make: &|job, ds| job.run_with(ds),
            faults: Arc::new(Faults {
                space: None,
                flush_fails: true,
            }),
        };
        let report = batch(out.path(), &failing);
        assert!(report.files.iter().all(|f| failure(f).is_some()));
        // The reports' own files, and the folder whose names were not flushed.
        assert!(
            report.folder_failures.len() >= 4,
            "{:?}",
            report.folder_failures
        );
        let after: Vec<(String, Vec<u8>)> = files(out.path())
            .into_iter()
            .map(|f| (f.clone(), std::fs::read(out.path().join(&f)).unwrap()))
            .collect();
        assert_eq!(after, before);
    }

    /// Each report made gives the overview its key figure and its counts,
    /// in the order of the units.
    #[test]
    fn each_report_is_summarised_in_the_units_order() {
        let out = tempfile::tempdir().unwrap();
        let seams = Seams {
            make: &|job, ds| job.run_with(ds),
            faults: Arc::default(),
        };
        let report = batch(out.path(), &seams);
        // department, name, period, key figure, failed checks, missed targets
        let seen: Vec<String> = report
            .summaries
            .iter()
            .map(|s| {
                format!(
                    "{} {} {} {:?} {} {}",
                    s.department,
                    s.name,
                    s.period,
                    s.key.value().map(|v| v.to_string()),
                    s.failed_checks,
                    s.missed_targets
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                "hanoi Hà Nội 2023 Some(\"6.27\") 0 0",
                "hanoi Hà Nội 2024 Some(\"6.52\") 0 0"
            ]
        );
    }

    #[test]
    fn the_root_of_an_output_path_is_what_comes_before_its_first_placeholder() {
        for (template, root) in [
            ("out/{department}/{period}.{ext}", "out"),
            ("reports/2025/hanoi-{period}.{ext}", "reports/2025"),
            ("{department}/{period}.{ext}", "."),
            ("bao-cao-{period}.{ext}", "."),
        ] {
            assert_eq!(output_root(template), PathBuf::from(root), "{template}");
        }
    }
}
