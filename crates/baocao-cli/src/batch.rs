//! `baocao batch`: arguments, progress and the summary; the work is in
//! `baocao_driver::batch`, the path `render` takes too.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use baocao_driver::batch::{self, BatchOptions, Events, FileStatus, Layout, Plugins};
use baocao_driver::overview::Key;
use baocao_driver::{Department, Diagnostic, plan};

use crate::PluginArgs;
use crate::output::{Failure, Outcome, Printer};
use std::num::NonZeroUsize;

/// `baocao batch`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Departments: folders, names under `config/`, or a folder of
    /// department folders; default: the built-in `hanoi`.
    departments: Vec<String>,
    /// Years, e.g. `2019..=2024`, `2019..2025` or `2024`; default: every
    /// year each department's data covers.
    #[arg(long)]
    years: Option<String>,
    /// More periods, comma separated: `2024-Q3,2024-9M`.
    #[arg(long, value_delimiter = ',')]
    periods: Vec<String>,
    /// Formats, comma separated; default: each department's
    /// `formats.default`.
    #[arg(long, value_delimiter = ',')]
    formats: Vec<String>,
    /// Output folder.
    #[arg(long)]
    out: PathBuf,
    /// Worker threads (at least 1); default: the number of cores.
    #[arg(long)]
    jobs: Option<NonZeroUsize>,
    /// Skip files whose inputs did not change since the last batch into --out.
    #[arg(long)]
    skip_unchanged: bool,
    /// The figure the overview (index.html, index.md) shows for each
    /// report: an indicator id and a measure (value, previous,
    /// value_current, index, growth, contribution, share, structure).
    #[arg(long, value_name = "INDICATOR.MEASURE", default_value_t = Key::default())]
    overview: Key,
    /// No progress bar and no summary, only errors.
    #[arg(long, conflicts_with = "json")]
    quiet: bool,
    /// A machine-readable summary on standard output.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    plugins: PluginArgs,
}

/// "1 report", "340 reports".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Each cause of failure once, with the files it failed: a template error
/// fails every format of every period, a missing plugin one format of
/// every report; the clerk needs to read it once.
fn failures(report: &batch::BatchOutcome) -> Vec<Diagnostic> {
    // cause → (formats, reports), in the order met.
    let mut causes: Vec<(&Diagnostic, Vec<&str>, Vec<String>)> = Vec::new();
    for f in report.failures() {
        let FileStatus::Failed(why) = &f.status else {
            continue;
        };
        let label = format!("{} {}", f.department, f.period);
        let k = match causes.iter().position(|(d, _, _)| **d == **why) {
            Some(k) => k,
            None => {
                causes.push((why, Vec::new(), Vec::new()));
                causes.len() - 1
            }
        };
        let (_, formats, reports) = &mut causes[k];
        if !formats.contains(&f.format.as_str()) {
            formats.push(&f.format);
        }
        if !reports.contains(&label) {
            reports.push(label);
        }
    }
    causes
        .into_iter()
        .map(|(why, formats, reports)| {
            let mut shown = reports[..reports.len().min(3)].join(", ");
            if reports.len() > 3 {
                shown.push_str(", …");
            }
            let which = match reports.len() {
                1 => shown,
                n => format!("{n} reports ({shown})"),
            };
            why.clone()
                .help(format!("not written: {} of {which}", formats.join(", ")))
        })
        .collect()
}

pub(crate) fn run(args: &Args, printer: &Printer) -> Outcome {
    let started = Instant::now();
    let depts = plan::departments(&args.departments)?;
    let years = args.years.as_deref().map(plan::years).transpose()?;
    let extra = plan::periods(&args.periods)?;
    // Datasets are read once per department; a department whose data does
    // not read is reported and the others go on.
    let (loaded, unread) = plan::load(&depts, plan::jobs(args.jobs, depts.len()));
    let units = plan::units(&loaded, years.as_deref(), &extra);
    let jobs = plan::jobs(args.jobs, units.len());
    let with_data: Vec<&Department> = loaded.iter().map(|l| l.department).collect();
    let plugins = Plugins::search(&with_data, &args.plugins.search());
    let opts = BatchOptions {
        formats: (!args.formats.is_empty()).then(|| args.formats.clone()),
        out: args.out.clone(),
        layout: Layout::Batch,
        jobs,
        skip_unchanged: args.skip_unchanged,
        overview: args.overview.clone(),
    };
    let bar = (!args.quiet && !args.json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(units.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} reports  {rate}  ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{:.0} reports/s", state.per_sec());
                },
            ),
        );
        bar
    });
    let tick = || {
        if let Some(b) = &bar {
            b.inc(1);
        }
    };
    let waiting = |out: &std::path::Path| {
        if !args.quiet {
            printer.say(&format!(
                "waiting for another baocao batch writing into {} to finish",
                out.display()
            ));
        }
    };
    let events = Events {
        done: &tick,
        waiting: &waiting,
    };
    let report = match batch::run_with(&units, &plugins, &opts, &events) {
        Ok(report) => report,
        Err(e) => {
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            // Nothing was written; `--json` still says so, and why.
            if args.json {
                let summary = serde_json::json!({
                    "elapsed_ms": started.elapsed().as_millis(),
                    "failed": 1,
                    "failures": [{"error": e.to_string(), "path": opts.out.display().to_string()}],
                    "files": 0,
                    "jobs": opts.jobs,
                    "out": opts.out.display().to_string(),
                    "reports": units.len(),
                    "skipped": 0,
                    "written": 0,
                });
                let text =
                    serde_json::to_string_pretty(&summary).expect("plain JSON values serialize");
                write_summary(&text)?;
            }
            return Err(e.into());
        }
    };
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let written = report.count(|s| *s == FileStatus::Written);
    let skipped = report.count(|s| *s == FileStatus::Skipped);
    let failed = report.failed();
    let elapsed = started.elapsed();
    if args.json {
        let failures: Vec<serde_json::Value> = report
            .failures()
            .map(|f| {
                let why = match &f.status {
                    FileStatus::Failed(w) => w.to_string(),
                    _ => String::new(),
                };
                let mut entry = serde_json::json!({"department": f.department, "error": why, "format": f.format, "period": f.period.to_string()});
                if !f.path.as_os_str().is_empty() {
                    entry["path"] = f.path.display().to_string().into();
                }
                entry
            })
            .chain(report.folder_failures.iter().map(|f| serde_json::json!({"error": f.why.to_string(), "path": f.path.display().to_string()})))
            .chain(unread.iter().map(|(d, e)| serde_json::json!({"department": d.settings.id, "error": e.to_string()})))
            .collect();
        let summary = serde_json::json!({
            "elapsed_ms": elapsed.as_millis(),
            "failed": failed + unread.len(),
            "failures": failures,
            "files": report.files.len(),
            "jobs": opts.jobs,
            "out": opts.out.display().to_string(),
            "reports": units.len(),
            "skipped": skipped,
            "written": written,
        });
        let text = serde_json::to_string_pretty(&summary).expect("plain JSON values serialize");
        write_summary(&text)?;
    } else {
        for (d, e) in &unread {
            let mut list = e.diagnostics();
            if let Some(first) = list.first_mut() {
                *first = first.clone().help(format!(
                    "department `{}` was left out of the batch",
                    d.settings.id
                ));
            }
            printer.diagnostics(list, Some(d));
        }
        printer.diagnostics(failures(&report), None);
        printer.diagnostics(
            report
                .folder_failures
                .iter()
                .map(|f| (*f.why).clone())
                .collect(),
            None,
        );
        if !args.quiet {
            let secs = elapsed.as_secs_f64();
            printer.say(&format!(
                "batch: {} of {}, {} in {secs:.2} s with {}: {written} written, {skipped} skipped (unchanged), {failed} failed; index: {}",
                count(units.len(), "report"),
                count(loaded.len(), "department"),
                count(report.files.len(), "file"),
                count(opts.jobs, "job"),
                opts.out.join("index.html").display()
            ));
        }
    }
    Ok(if failed > 0 || !unread.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The `--json` summary on standard output.
fn write_summary(text: &str) -> Result<(), Failure> {
    writeln!(baocao_driver::stdio::stdout(), "{text}")
        .and_then(|()| baocao_driver::stdio::stdout().flush())
        .context("writing the summary to standard output")
        .map_err(Failure::Other)
}
