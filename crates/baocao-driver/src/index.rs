//! The batch folder's own files: `index.html` and `index.md`, the batch
//! overview for people (a matrix of departments × periods, each cell the
//! report's key figure with its flags, linking to the report; see
//! [`crate::overview`]), and `manifest.json` (path, size and SHA-256 of
//! every file) for programs that pick the reports up.
//!
//! Both pages are made from one [`Matrix`], built from the batch's outcome
//! alone: the same batch gives the same bytes whatever the number of
//! threads.

mod html;
mod markdown;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use baocao_dataset::Period;
use rust_decimal::Decimal;

use crate::batch::{BatchOutcome, FileOutcome, FileStatus};
use crate::overview::{Key, KeyFigure, Summary};
use crate::{DriverError, Staged};

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

/// A file's path as a link from the batch folder: `/` between folders.
fn link(f: &FileOutcome) -> String {
    f.path.to_string_lossy().replace('\\', "/")
}

/// `index.html`, `index.md` and `manifest.json` of the output folder;
/// each one that could not be written, with why.
pub(crate) fn write_index(
    staged: &Staged,
    out: &Path,
    report: &BatchOutcome,
    key: &Key,
) -> Vec<(PathBuf, DriverError)> {
    let matrix = Matrix::of(report, key);
    let md = markdown::page(&matrix);
    let html = html::page(&matrix);
    let manifest = manifest(report);
    [
        ("index.md", md.as_bytes()),
        ("index.html", html.as_bytes()),
        ("manifest.json", manifest.as_bytes()),
    ]
    .into_iter()
    .filter_map(|(name, bytes)| {
        let path = out.join(name);
        staged.write(&path, bytes).err().map(|e| (path, e))
    })
    .collect()
}

/// Every file that is in place, in the batch's order.
fn manifest(report: &BatchOutcome) -> String {
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
    manifest
}

/// The overview: one row per department (by id), one column per period
/// (in [`Period`]'s order), what the pages show.
struct Matrix<'r> {
    key: &'r Key,
    periods: Vec<Period>,
    rows: Vec<Row<'r>>,
    counts: Counts,
    /// Departments whose datasets have no indicator of the key at all
    /// (names), for the note under the table.
    without_indicator: Vec<&'r str>,
}

/// What the summary line says.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    reports: usize,
    /// Reports that could not be made.
    failed_reports: usize,
    files: usize,
    failed_files: usize,
    /// Reports with a failed consistency check, and with a missed target.
    with_failed_checks: usize,
    with_missed_targets: usize,
}

/// One department.
struct Row<'r> {
    id: &'r str,
    /// The dataset's region, else the id.
    name: &'r str,
    /// One per period of the matrix.
    cells: Vec<Cell<'r>>,
}

/// One department in one period.
#[derive(Default)]
struct Cell<'r> {
    /// What the report says; `None` when it was not made (or not asked).
    summary: Option<&'r Summary>,
    /// Its files in place (written or skipped), in the order of formats.
    files: Vec<&'r FileOutcome>,
    /// Its files that failed.
    failed: Vec<&'r FileOutcome>,
}

impl<'r> Cell<'r> {
    /// Whether the batch had this report to make at all.
    fn is_unit(&self) -> bool {
        self.summary.is_some() || !self.files.is_empty() || !self.failed.is_empty()
    }

    /// Whether the report could not be made: files asked, no figures.
    fn report_failed(&self) -> bool {
        self.summary.is_none() && self.is_unit()
    }

    /// The file the key figure links to: the HTML report when there is
    /// one, else the first format's.
    fn primary(&self) -> Option<&'r FileOutcome> {
        self.files
            .iter()
            .find(|f| has_extension(f, "html"))
            .or_else(|| self.files.first())
            .copied()
    }

    /// Why the report failed: its first file's reason.
    fn why(&self) -> Option<&'r str> {
        self.failed.iter().find_map(|f| match &f.status {
            FileStatus::Failed(why) => Some(why.message.as_str()),
            _ => None,
        })
    }

    /// The key figure's exact value, for sorting: `None` when unknown.
    fn value(&self) -> Option<Decimal> {
        self.summary.and_then(|s| s.key.value())
    }
}

impl<'r> Matrix<'r> {
    fn of(report: &'r BatchOutcome, key: &'r Key) -> Self {
        let mut by: BTreeMap<&'r str, BTreeMap<Period, Cell<'r>>> = BTreeMap::new();
        for f in &report.files {
            let cell = by
                .entry(f.department.as_str())
                .or_default()
                .entry(f.period)
                .or_default();
            match f.status {
                FileStatus::Failed(_) => cell.failed.push(f),
                _ => cell.files.push(f),
            }
        }
        for s in &report.summaries {
            by.entry(s.department.as_str())
                .or_default()
                .entry(s.period)
                .or_default()
                .summary = Some(s);
        }
        let mut periods: Vec<Period> = by.values().flat_map(|p| p.keys().copied()).collect();
        periods.sort_unstable();
        periods.dedup();
        let mut counts = Counts {
            files: report.files.len(),
            failed_files: report.failures().count(),
            ..Counts::default()
        };
        let mut without_indicator = Vec::new();
        let mut rows = Vec::with_capacity(by.len());
        for (id, mut cells) in by {
            let summaries = || cells.values().filter_map(|c| c.summary);
            let name = summaries().next().map_or(id, |s| s.name.as_str());
            if summaries().next().is_some() && summaries().all(|s| s.key == KeyFigure::NoIndicator)
            {
                without_indicator.push(name);
            }
            for c in cells.values() {
                counts.reports += 1;
                counts.failed_reports += usize::from(c.report_failed());
                if let Some(s) = c.summary {
                    counts.with_failed_checks += usize::from(s.failed_checks > 0);
                    counts.with_missed_targets += usize::from(s.missed_targets > 0);
                }
            }
            let cells = periods
                .iter()
                .map(|p| cells.remove(p).unwrap_or_default())
                .collect();
            rows.push(Row { id, name, cells });
        }
        Matrix {
            key,
            periods,
            rows,
            counts,
            without_indicator,
        }
    }
}

impl Matrix<'_> {
    /// "34 đơn vị, 10 kỳ: 340 báo cáo, 680 tệp, 0 tệp lỗi; …".
    fn summary_line(&self) -> String {
        let c = &self.counts;
        let mut line = format!(
            "{} đơn vị, {} kỳ: {} báo cáo, {} tệp, {} tệp lỗi",
            self.rows.len(),
            self.periods.len(),
            c.reports,
            c.files,
            c.failed_files
        );
        if c.failed_reports > 0 {
            line.push_str(&format!("; {} báo cáo không lập được", c.failed_reports));
        }
        line.push_str(&format!(
            "; {} báo cáo có kiểm tra không khớp, {} báo cáo có chỉ tiêu không đạt.",
            c.with_failed_checks, c.with_missed_targets
        ));
        line
    }

    /// What to say when some departments' datasets have no indicator of
    /// the key at all: their cells are empty for that reason, not for a
    /// missing figure.
    fn note(&self) -> Option<String> {
        let id = self.key.indicator();
        let with_summary = self
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| c.summary.is_some()))
            .count();
        match self.without_indicator.as_slice() {
            [] => None,
            all if all.len() == with_summary => Some(format!(
                "Không đơn vị nào có chỉ tiêu “{id}” trong số liệu: các ô ghi –."
            )),
            some => {
                // The first few by name; a long list says nothing more.
                let mut names = some[..some.len().min(5)].join(", ");
                if some.len() > 5 {
                    names.push_str(&format!(" và {} đơn vị khác", some.len() - 5));
                }
                Some(format!(
                    "Số liệu của {} đơn vị không có chỉ tiêu “{id}” (các ô ghi –): {names}.",
                    some.len()
                ))
            }
        }
    }
}

impl Row<'_> {
    /// The points of the trend: the key figure over the department's
    /// years (over all its periods when it has no year), a gap where it is
    /// unknown; a year's figure and a quarter's are not one series.
    fn trend(&self, periods: &[Period]) -> Vec<(Period, Option<Decimal>)> {
        let asked = || periods.iter().zip(&self.cells).filter(|(_, c)| c.is_unit());
        let years = asked().any(|(p, _)| p.is_year());
        asked()
            .filter(|(p, _)| !years || p.is_year())
            .map(|(p, c)| (*p, c.value()))
            .collect()
    }
}

/// Whether a file is of a kind, by its extension (a department may call
/// its HTML format another name).
fn has_extension(f: &FileOutcome, extension: &str) -> bool {
    f.path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// Escapes text for HTML, in content and in quoted attributes alike.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A relative path as a URL: every byte but letters, digits, `-._~` and
/// `/` percent-encoded, so that no file name (a space, a `#`, a `?`) breaks
/// the link or the page's validity.
fn url(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
