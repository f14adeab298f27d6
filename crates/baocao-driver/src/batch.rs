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
use std::fs;
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

use crate::{DriverError, FiguresOf, Job, Staged, format_options};

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
}

/// Makes the reports and delivers their files. `progress` is called once
/// per finished report, from any thread. Errors only when the output folder
/// or the thread pool cannot be made, or the batch's own files (index,
/// manifest, cache) cannot be written; everything else is recorded per file.
pub fn run(
    units: &[Unit<'_>],
    plugins: &Plugins<'_>,
    opts: &BatchOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<BatchOutcome, DriverError> {
    let root = match opts.layout {
        Layout::Batch | Layout::Folder => opts.out.clone(),
        Layout::File => opts
            .out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        Layout::Department | Layout::Stdout => PathBuf::from("."),
    };
    if opts.layout != Layout::Stdout {
        fs::create_dir_all(&root).map_err(|reason| DriverError::Write {
            path: root.clone(),
            reason,
        })?;
    }
    if opts.layout == Layout::Batch {
        remove_stale_temporaries(&opts.out);
    }
    let cache: Cached = if opts.skip_unchanged && opts.layout == Layout::Batch {
        read_cache(&opts.out)
    } else {
        BTreeMap::new()
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
    let staged = Staged::new(&root);
    // Attempts and warnings per unit; collect keeps the units' order, so
    // the report does not depend on scheduling.
    let results: Vec<(Vec<Attempt>, Vec<Diagnostic>)> = pool.install(|| {
        units
            .par_iter()
            .map(|unit| {
                let r = one(unit, plugins, opts, &cache, &memo, &staged);
                done.fetch_add(1, Ordering::Relaxed);
                progress();
                r
            })
            .collect()
    });
    // Every report in place before the index and the cache say so: a file
    // that could not be renamed is a failure like any other.
    let mut failed: BTreeMap<PathBuf, DriverError> = staged.finish().into_iter().collect();
    let mut report = BatchOutcome::default();
    let mut new_cache = BTreeMap::new();
    for (attempts, warnings) in results {
        report.warnings.extend(warnings);
        for Attempt {
            mut outcome,
            key,
            input,
        } in attempts
        {
            let written = match opts.layout {
                Layout::Batch => opts.out.join(&outcome.path),
                _ => outcome.path.clone(),
            };
            if outcome.status == FileStatus::Written
                && let Some(why) = failed.remove(&written)
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
    // What is left is not one report's: the last flush of the names.
    if let Some((_, why)) = failed.into_iter().next() {
        return Err(why);
    }
    if opts.layout == Layout::Batch {
        // The index, the manifest and the cache, flushed together too.
        let staged = Staged::new(&opts.out);
        write_cache(&staged, &opts.out, &new_cache)?;
        crate::index::write_index(&staged, &opts.out, &report)?;
        if let Some((_, why)) = staged.finish().into_iter().next() {
            return Err(why);
        }
    }
    Ok(report)
}

/// Where a format's file of a report goes, relative to `out` in a batch.
fn destination(unit: &Unit<'_>, opts: &BatchOptions, extension: &str) -> PathBuf {
    let name = format!("{}.{extension}", unit.period);
    match opts.layout {
        Layout::Batch => Path::new(&unit.department.settings.id).join(name),
        Layout::Folder => opts.out.join(name),
        Layout::File => opts.out.clone(),
        Layout::Department => crate::output_path(unit.department, unit.period, extension),
        Layout::Stdout => PathBuf::new(),
    }
}

/// Makes one report and delivers each of its formats.
fn one<'a>(
    unit: &Unit<'a>,
    plugins: &Plugins<'_>,
    opts: &BatchOptions,
    cache: &Cached,
    memo: &Memo<'a>,
    staged: &Staged,
) -> (Vec<Attempt>, Vec<Diagnostic>) {
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
    };
    let mut job = Job::new(dept, unit.period);
    job.templates = Some(unit.templates);
    let figures_of = |p: Period| memo.get(dept_id, unit.dataset, p);
    job.figures_of = Some(FiguresOf(&figures_of));
    let made = job.run_with(unit.dataset);
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
            return (attempts, Vec::new());
        }
    };
    let warnings = crate::check::failed_checks(&made.figures, unit.dataset, false);
    let Some(plugins) = plugins.of(dept_id) else {
        let why = Diagnostic::error(format!(
            "no plugins were searched for department `{dept_id}`"
        ));
        let attempts = formats
            .iter()
            .map(|f| failed(f, PathBuf::new(), why.clone()))
            .collect();
        return (attempts, warnings);
    };
    // What every format's input hash starts with.
    let document_hash = Sha256::digest(&made.document_json);
    let mut out = Vec::new();
    // The files this report has written so far, and by which format: two
    // plugins with the same extension would write the same file.
    let mut claimed: Vec<(PathBuf, &str)> = Vec::new();
    for format in &formats {
        let Some(plugin) = plugins.get(format) else {
            let why = crate::missing_format(plugins, format);
            out.push(failed(format, PathBuf::new(), Diagnostic::error(why)));
            continue;
        };
        let rel = destination(unit, opts, &plugin.extension);
        if opts.layout == Layout::File
            && let Err(why) = plugin.check_file_name(&rel)
        {
            out.push(failed(format, PathBuf::new(), Diagnostic::error(why)));
            continue;
        }
        if let Some((_, other)) = claimed.iter().find(|(p, _)| *p == rel) {
            let why = format!(
                "format `{format}` would write {}, which format `{other}` has written (both plugins write `.{}` files); ask for one of the two",
                rel.display(),
                plugin.extension
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
        hasher.update(b"\0");
        hasher.update(plugin.path.to_string_lossy().as_bytes());
        hasher.update(b"\0");
        hasher.update(plugin.version.as_bytes());
        hasher.update(b"\0");
        hasher.update(&options);
        let input = hex(&hasher.finalize());
        let target = match opts.layout {
            Layout::Batch => opts.out.join(&rel),
            _ => rel.clone(),
        };
        if let Some((old_input, old_output)) = cache.get(&key)
            && *old_input == input
            && let Ok(existing) = fs::read(&target)
            && sha256_hex(&existing) == *old_output
        {
            claimed.push((rel.clone(), format));
            out.push(Attempt {
                outcome: outcome(format, rel, FileStatus::Skipped, Some(&existing)),
                key,
                input,
            });
            continue;
        }
        let bytes = match made.export(plugin, &options) {
            Ok(bytes) => bytes,
            Err(e) => {
                out.push(failed(format, rel, e.diagnostic()));
                continue;
            }
        };
        // A format that failed leaves its file to the next one; one that
        // wrote it keeps it.
        claimed.push((rel.clone(), format));
        if opts.layout == Layout::Stdout {
            let mut o = outcome(format, rel, FileStatus::Written, Some(&bytes));
            o.bytes = Some(bytes);
            out.push(Attempt {
                outcome: o,
                key: String::new(),
                input: String::new(),
            });
            continue;
        }
        let attempt = match staged.write(&target, &bytes) {
            Ok(()) => Attempt {
                outcome: outcome(format, rel, FileStatus::Written, Some(&bytes)),
                key,
                input,
            },
            Err(e) => failed(format, rel, e.diagnostic()),
        };
        out.push(attempt);
    }
    (out, warnings)
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

/// A batch killed midway can leave `.<name>.<pid>.tmp` files (never a
/// partial report under its real name); the next batch removes them.
fn remove_stale_temporaries(out: &Path) {
    let Ok(depts) = fs::read_dir(out) else { return };
    for dept in depts.filter_map(Result::ok).filter(|e| e.path().is_dir()) {
        let Ok(files) = fs::read_dir(dept.path()) else {
            continue;
        };
        for f in files.filter_map(Result::ok) {
            let name = f.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = fs::remove_file(f.path());
            }
        }
    }
}

fn read_cache(out: &Path) -> Cached {
    fs::read(out.join(CACHE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_cache(staged: &Staged, out: &Path, cache: &Cached) -> Result<(), DriverError> {
    let json = serde_json::to_vec_pretty(cache).expect("a map of strings serializes");
    staged.write(&out.join(CACHE), &json)
}
