//! Many reports at once: every (department, period) in parallel with rayon,
//! every format of a report from one encoded document, files written
//! atomically, failures recorded and the rest carried on.
//!
//! Each period's figures are computed once per batch and shared: a year's
//! report needs its own and, for the targets table, the year before's,
//! which is the previous report of the same department (see `Memo`).
//! Files are staged ([`Staged`]): written under temporary names, flushed
//! together and renamed into place, so that no file is ever seen half
//! written and the batch does not wait for the disk once per file.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use baocao_calc::{Figures, Scope};
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
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

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Format ids to write for every report.
    pub formats: Vec<String>,
    /// The output folder; each report goes to `<out>/<department>/<period>.<ext>`.
    pub out: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Skip files whose inputs (document, plugin, options) have not changed
    /// since the last batch into `out` and whose file is still as written.
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
    Failed(String),
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
    /// The file, relative to the output folder (empty when not written).
    pub path: PathBuf,
    /// What happened.
    pub status: FileStatus,
    /// Its size in bytes (0 when not written).
    pub size: u64,
    /// Its SHA-256, lowercase hex (empty when not written).
    pub sha256: String,
}

/// The result of a batch, in a defined order (department, period, format),
/// whatever the number of threads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Every file, written, skipped or failed.
    pub files: Vec<FileOutcome>,
}

impl BatchReport {
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

const CACHE: &str = ".baocao-cache.json";

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

/// Runs a batch. `progress` is called once per finished report, from any
/// thread. Errors only when the thread pool cannot start; everything else
/// is recorded per file.
pub fn run(
    units: &[Unit<'_>],
    plugins: &PluginSet,
    opts: &BatchOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<BatchReport, DriverError> {
    fs::create_dir_all(&opts.out).map_err(|reason| DriverError::Write {
        path: opts.out.clone(),
        reason,
    })?;
    remove_stale_temporaries(&opts.out);
    let cache: BTreeMap<String, (String, String)> = if opts.skip_unchanged {
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
    let opts = &BatchOptions {
        formats: crate::distinct_formats(&opts.formats),
        ..opts.clone()
    };
    let done = AtomicUsize::new(0);
    let memo = Memo::new(units);
    let staged = Staged::new(&opts.out);
    // (file outcome, cache key, input hash) per file; collect keeps the
    // units' order, so the report does not depend on scheduling.
    let results: Vec<Vec<(FileOutcome, String, String)>> = pool.install(|| {
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
    let mut report = BatchReport::default();
    let mut new_cache = BTreeMap::new();
    for (mut file, key, input) in results.into_iter().flatten() {
        if file.status == FileStatus::Written
            && let Some(why) = failed.remove(&opts.out.join(&file.path))
        {
            file.status = FileStatus::Failed(why.to_string());
            file.size = 0;
            file.sha256.clear();
        }
        if !matches!(file.status, FileStatus::Failed(_)) {
            new_cache.insert(key, (input, file.sha256.clone()));
        }
        report.files.push(file);
    }
    // What is left is not one report's: the last flush of the names.
    if let Some((_, why)) = failed.into_iter().next() {
        return Err(why);
    }
    // The index, the manifest and the cache, flushed together too.
    let staged = Staged::new(&opts.out);
    write_cache(&staged, &opts.out, &new_cache)?;
    write_index(&staged, &opts.out, &report)?;
    if let Some((_, why)) = staged.finish().into_iter().next() {
        return Err(why);
    }
    Ok(report)
}

fn one<'a>(
    unit: &Unit<'a>,
    plugins: &PluginSet,
    opts: &BatchOptions,
    cache: &BTreeMap<String, (String, String)>,
    memo: &Memo<'a>,
    staged: &Staged,
) -> Vec<(FileOutcome, String, String)> {
    let dept = unit.department;
    let id = dept.settings.id.clone();
    let dept_id: &'a str = &unit.department.settings.id;
    let outcome =
        |format: &str, path: PathBuf, status: FileStatus, bytes: Option<&[u8]>| FileOutcome {
            department: id.clone(),
            period: unit.period,
            format: format.to_owned(),
            path,
            status,
            size: bytes.map_or(0, |b| b.len() as u64),
            sha256: bytes.map(sha256_hex).unwrap_or_default(),
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
            let why = e.to_string();
            return opts
                .formats
                .iter()
                .map(|f| {
                    (
                        outcome(f, PathBuf::new(), FileStatus::Failed(why.clone()), None),
                        String::new(),
                        String::new(),
                    )
                })
                .collect();
        }
    };
    // What every format's input hash starts with.
    let document_hash = Sha256::digest(&made.document_json);
    let mut out = Vec::new();
    // The files this report has written so far, and by which format: two
    // plugins with the same extension would write the same file.
    let mut claimed: Vec<(PathBuf, &str)> = Vec::new();
    for format in &opts.formats {
        let Some(plugin) = plugins.get(format) else {
            let why = crate::missing_format(plugins, format);
            out.push((
                outcome(format, PathBuf::new(), FileStatus::Failed(why), None),
                String::new(),
                String::new(),
            ));
            continue;
        };
        // Paths are built from checked ids only, so nothing can escape `out`.
        let ext_ok = !plugin.extension.is_empty()
            && plugin.extension.bytes().all(|b| b.is_ascii_alphanumeric());
        if !ext_ok {
            let why = format!(
                "plugin {} declares the extension `{}`; only letters and digits are allowed",
                plugin.path.display(),
                plugin.extension
            );
            out.push((
                outcome(format, PathBuf::new(), FileStatus::Failed(why), None),
                String::new(),
                String::new(),
            ));
            continue;
        }
        let rel = Path::new(&id).join(format!("{}.{}", unit.period, plugin.extension));
        let key = rel.to_string_lossy().replace('\\', "/");
        if let Some((_, other)) = claimed.iter().find(|(p, _)| *p == rel) {
            let why = format!(
                "format `{format}` would write the same file as format `{other}` (both plugins write `.{}` files); ask for one of the two",
                plugin.extension
            );
            out.push((
                outcome(format, PathBuf::new(), FileStatus::Failed(why), None),
                String::new(),
                String::new(),
            ));
            continue;
        }
        let options = match format_options(dept, format) {
            Ok(o) => o,
            Err(e) => {
                out.push((
                    outcome(format, rel, FileStatus::Failed(e.to_string()), None),
                    key,
                    String::new(),
                ));
                continue;
            }
        };
        let mut hasher = Sha256::new();
        hasher.update(document_hash);
        hasher.update(b"\0");
        hasher.update(plugin.path.to_string_lossy().as_bytes());
        hasher.update(b"\0");
        hasher.update(plugin.version.as_bytes());
        hasher.update(b"\0");
        hasher.update(&options);
        let input = hex(&hasher.finalize());
        let target = opts.out.join(&rel);
        if let Some((old_input, old_output)) = cache.get(&key)
            && *old_input == input
            && let Ok(existing) = fs::read(&target)
            && sha256_hex(&existing) == *old_output
        {
            claimed.push((rel.clone(), format));
            out.push((
                outcome(format, rel, FileStatus::Skipped, Some(&existing)),
                key,
                input,
            ));
            continue;
        }
        let status = match made.export(plugin, &options) {
            Ok(bytes) => match staged.write(&target, &bytes) {
                Ok(()) => (FileStatus::Written, Some(bytes)),
                Err(e) => (FileStatus::Failed(e.to_string()), None),
            },
            Err(e) => (FileStatus::Failed(e.to_string()), None),
        };
        if status.0 == FileStatus::Written {
            claimed.push((rel.clone(), format));
        }
        out.push((
            outcome(format, rel, status.0, status.1.as_deref()),
            key,
            input,
        ));
    }
    out
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

fn read_cache(out: &Path) -> BTreeMap<String, (String, String)> {
    fs::read(out.join(CACHE))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

fn write_cache(
    staged: &Staged,
    out: &Path,
    cache: &BTreeMap<String, (String, String)>,
) -> Result<(), DriverError> {
    let json = serde_json::to_vec_pretty(cache).expect("a map of strings serializes");
    staged.write(&out.join(CACHE), &json)
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// One file in `manifest.json`; its keys in alphabetical order.
#[derive(serde::Serialize)]
struct ManifestEntry<'a> {
    department: &'a str,
    format: &'a str,
    path: String,
    period: String,
    sha256: &'a str,
    size: u64,
}

/// `index.html`, `index.md` and `manifest.json` of the output folder.
fn write_index(staged: &Staged, out: &Path, report: &BatchReport) -> Result<(), DriverError> {
    // department → period → [(format, path)], sorted.
    let mut by: BTreeMap<&str, BTreeMap<Period, Vec<&FileOutcome>>> = BTreeMap::new();
    for f in report
        .files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Failed(_)))
    {
        by.entry(f.department.as_str())
            .or_default()
            .entry(f.period)
            .or_default()
            .push(f);
    }
    let link = |f: &FileOutcome| f.path.to_string_lossy().replace('\\', "/");
    let mut md = String::from("# Báo cáo\n\n| Đơn vị | Kỳ | Tệp |\n| :-- | :-- | :-- |\n");
    let mut rows = String::new();
    for (dept, periods) in &by {
        for (period, files) in periods {
            let links_md: Vec<String> = files
                .iter()
                .map(|f| format!("[{}]({})", f.format, link(f)))
                .collect();
            md.push_str(&format!(
                "| {dept} | {period} | {} |\n",
                links_md.join(" · ")
            ));
            let links_html: Vec<String> = files
                .iter()
                .map(|f| {
                    format!(
                        "<a href=\"{}\">{}</a>",
                        html_escape(&link(f)),
                        html_escape(&f.format)
                    )
                })
                .collect();
            rows.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n",
                html_escape(dept),
                html_escape(&period.to_string()),
                links_html.join(" · ")
            ));
        }
    }
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Báo cáo</title>\n<style>body{{font-family:\"Times New Roman\",serif;margin:2em}}table{{border-collapse:collapse}}th,td{{border:1px solid #999;padding:.3em .6em;text-align:left}}</style>\n</head>\n<body>\n<h1>Báo cáo</h1>\n<table>\n<thead><tr><th scope=\"col\">Đơn vị</th><th scope=\"col\">Kỳ</th><th scope=\"col\">Tệp</th></tr></thead>\n<tbody>\n{rows}</tbody>\n</table>\n</body>\n</html>\n"
    );
    let manifest: Vec<ManifestEntry<'_>> = report
        .files
        .iter()
        .filter(|f| !matches!(f.status, FileStatus::Failed(_)))
        .map(|f| ManifestEntry {
            department: &f.department,
            format: &f.format,
            path: link(f),
            period: f.period.to_string(),
            sha256: &f.sha256,
            size: f.size,
        })
        .collect();
    let mut manifest =
        serde_json::to_string_pretty(&manifest).expect("plain JSON values serialize");
    manifest.push('\n');
    staged.write(&out.join("index.md"), md.as_bytes())?;
    staged.write(&out.join("index.html"), html.as_bytes())?;
    staged.write(&out.join("manifest.json"), manifest.as_bytes())
}
