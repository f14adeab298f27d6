//! `baocao batch`: arguments, progress and the summary; the work is in
//! `baocao_driver::batch`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
use baocao_driver::batch::{BatchOptions, FileStatus, Unit};
use baocao_narrative::Templates;

pub(crate) struct Args {
    pub(crate) departments: Vec<String>,
    pub(crate) years: Option<String>,
    pub(crate) periods: Vec<String>,
    pub(crate) formats: Vec<String>,
    pub(crate) out: PathBuf,
    pub(crate) jobs: Option<usize>,
    pub(crate) skip_unchanged: bool,
    pub(crate) quiet: bool,
    pub(crate) json: bool,
    pub(crate) plugin_dirs: Vec<PathBuf>,
}

/// `2019..=2024`, `2019..2025`, `2024`.
fn parse_years(s: &str) -> Result<Vec<i32>> {
    let bad =
        || format!("bad --years `{s}`: write a year (2024) or a range (2019..=2024 or 2019..2025)");
    let (from, to) = if let Some((a, b)) = s.split_once("..=") {
        (
            a.trim().parse::<i32>().with_context(bad)?,
            b.trim().parse::<i32>().with_context(bad)?,
        )
    } else if let Some((a, b)) = s.split_once("..") {
        let b: i32 = b.trim().parse().with_context(bad)?;
        (a.trim().parse::<i32>().with_context(bad)?, b - 1)
    } else {
        let y: i32 = s.trim().parse().with_context(bad)?;
        (y, y)
    };
    if from > to
        || !(baocao_dataset::MIN_YEAR..=baocao_dataset::MAX_YEAR).contains(&from)
        || to > baocao_dataset::MAX_YEAR
    {
        bail!("{}", bad());
    }
    Ok((from..=to).collect())
}

/// A department argument: one folder, or a folder of department folders.
fn departments(args: &[String]) -> Result<Vec<Department>> {
    if args.is_empty() {
        return Ok(vec![Department::builtin()]);
    }
    let mut out = Vec::new();
    for a in args {
        let p = Path::new(a);
        if p.is_dir() && !p.join("department.toml").is_file() {
            let mut subs: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading {a}"))?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|s| s.join("department.toml").is_file())
                .collect();
            if subs.is_empty() {
                bail!("{a}: no department.toml in it or in its subfolders");
            }
            subs.sort();
            for s in subs {
                out.push(Department::load(&s)?);
            }
        } else {
            out.push(Department::resolve(Some(a))?);
        }
    }
    let mut ids: Vec<&str> = out.iter().map(|d| d.settings.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
        bail!(
            "two departments have the id `{}`: their reports would overwrite each other",
            w[0]
        );
    }
    Ok(out)
}

/// Each failure on its own line, except that failures with the same cause
/// are one line: those of one format (a missing plugin, an unreadable
/// options file) across reports, and those of one report across its
/// formats (a template error fails them all).
fn print_failures(report: &baocao_driver::batch::BatchReport) {
    // (format, cause) → reports, in the order they come.
    let mut by_format: Vec<(&str, &str, Vec<String>)> = Vec::new();
    let mut index: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for f in report.failures() {
        let FileStatus::Failed(why) = &f.status else {
            continue;
        };
        let label = format!("{} {}", f.department, f.period);
        let k = *index
            .entry((f.format.as_str(), why.as_str()))
            .or_insert_with(|| {
                by_format.push((&f.format, why, Vec::new()));
                by_format.len() - 1
            });
        by_format[k].2.push(label);
    }
    // Formats that failed for the same cause in the same reports: one line.
    let mut lines: Vec<(Vec<&str>, &str, Vec<String>)> = Vec::new();
    for (format, why, reports) in by_format {
        match lines
            .iter_mut()
            .find(|(_, w, r)| *w == why && *r == reports)
        {
            Some(line) => line.0.push(format),
            None => lines.push((vec![format], why, reports)),
        }
    }
    for (formats, why, reports) in lines {
        let formats = formats.join(", ");
        match reports.as_slice() {
            [one] => eprintln!("error: {one} {formats}: {why}"),
            many => {
                let mut shown = many[..many.len().min(3)].join(", ");
                if many.len() > 3 {
                    shown.push_str(", …");
                }
                eprintln!(
                    "error: {formats} of {} reports ({shown}): {why}",
                    many.len()
                );
            }
        }
    }
}

/// "1 report", "340 reports".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub(crate) fn run(args: Args) -> Result<ExitCode> {
    let started = Instant::now();
    let depts = departments(&args.departments)?;
    let years = args.years.as_deref().map(parse_years).transpose()?;
    let extra: Vec<Period> = args
        .periods
        .iter()
        .map(|p| p.parse::<Period>())
        .collect::<Result<_, _>>()?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    // Datasets are read once per department; a department whose data does
    // not read is reported and the others go on.
    let mut failed_departments = Vec::new();
    let mut loaded: Vec<(&Department, Dataset, Templates)> = Vec::new();
    for (d, ds) in depts
        .iter()
        .zip(baocao_driver::batch::load_datasets(&depts, jobs))
    {
        match ds {
            Ok(ds) => loaded.push((d, ds, baocao_driver::templates(d))),
            Err(e) => failed_departments.push((d.settings.id.clone(), e.to_string())),
        }
    }
    let mut units = Vec::new();
    for (d, ds, templates) in &loaded {
        let mut periods: Vec<Period> = match &years {
            Some(ys) => ys.iter().map(|y| Period::Year(*y)).collect(),
            None => ds.years().into_iter().map(Period::Year).collect(),
        };
        periods.extend(extra.iter().copied());
        periods.sort();
        periods.dedup();
        units.extend(periods.into_iter().map(|period| Unit {
            department: d,
            dataset: ds,
            templates,
            period,
        }));
    }
    let env = std::env::var_os("BAOCAO_PLUGIN_PATH");
    let exe = std::env::current_exe().ok();
    let plugins = baocao_driver::plugins(
        depts.first().unwrap_or(&Department::builtin()),
        &args.plugin_dirs,
        env.as_deref(),
        exe.as_deref(),
    );
    let opts = BatchOptions {
        formats: args.formats.iter().map(|f| f.trim().to_owned()).collect(),
        out: args.out.clone(),
        jobs,
        skip_unchanged: args.skip_unchanged,
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
    let report = baocao_driver::batch::run(&units, &plugins, &opts, &tick)?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let written = report.count(|s| *s == FileStatus::Written);
    let skipped = report.count(|s| *s == FileStatus::Skipped);
    let failed = report.count(|s| matches!(s, FileStatus::Failed(_)));
    let elapsed = started.elapsed();
    if args.json {
        let failures: Vec<serde_json::Value> = report
            .failures()
            .map(|f| {
                let why = match &f.status {
                    FileStatus::Failed(w) => w.as_str(),
                    _ => "",
                };
                serde_json::json!({"department": f.department, "error": why, "format": f.format, "period": f.period.to_string()})
            })
            .chain(failed_departments.iter().map(|(d, e)| serde_json::json!({"department": d, "error": e})))
            .collect();
        let summary = serde_json::json!({
            "elapsed_ms": elapsed.as_millis(),
            "failed": failed + failed_departments.len(),
            "failures": failures,
            "files": report.files.len(),
            "jobs": opts.jobs,
            "out": opts.out.display().to_string(),
            "reports": units.len(),
            "skipped": skipped,
            "written": written,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&summary).expect("JSON values serialize")
        );
    } else {
        for (d, e) in &failed_departments {
            eprintln!("error: department {d}: {e}");
        }
        print_failures(&report);
        if !args.quiet {
            let secs = elapsed.as_secs_f64();
            eprintln!(
                "batch: {} of {}, {} in {secs:.2} s with {}: {written} written, {skipped} skipped (unchanged), {failed} failed; index: {}",
                count(units.len(), "report"),
                count(loaded.len(), "department"),
                count(report.files.len(), "file"),
                count(opts.jobs, "job"),
                opts.out.join("index.html").display()
            );
        }
    }
    Ok(if failed > 0 || !failed_departments.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges() {
        assert_eq!(parse_years("2019..=2021").unwrap(), [2019, 2020, 2021]);
        assert_eq!(parse_years("2019..2021").unwrap(), [2019, 2020]);
        assert_eq!(parse_years("2024").unwrap(), [2024]);
        assert!(parse_years("2024..2019").is_err());
        assert!(parse_years("20x4").is_err());
    }
}
