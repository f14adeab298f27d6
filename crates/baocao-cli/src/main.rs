//! The `baocao` command: CLI definition plus glue.
//!
//! Everything here is argument parsing, printing and exit codes (0 ok,
//! 1 failure, 2 usage); the work is in `baocao-driver`.

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is where printing belongs"
)]

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use baocao_calc::CheckStatus;
use baocao_config::Department;
use baocao_dataset::Period;
use baocao_driver::{DriverError, Format, Job};
use clap::{Args, Parser, Subcommand};

/// Official year-end reports of a Sở Công Thương, computed from its statistics.
#[derive(Debug, Parser)]
#[command(name = "baocao", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Writes a report for one period (Markdown, HTML, DOCX-like text).
    Render {
        #[command(flatten)]
        target: Target,
        /// Output formats, comma separated: md, html, txt.
        #[arg(long, default_value = "md", value_delimiter = ',')]
        format: Vec<String>,
        /// Output file, or `-` for standard output; default
        /// `out/<department>/<period>.<ext>`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Prints every figure of one period as JSON.
    Figures {
        #[command(flatten)]
        target: Target,
    },
    /// Checks the dataset, the templates and the consistency of the figures.
    Check {
        #[command(flatten)]
        target: Target,
        /// Treat failed consistency checks as errors.
        #[arg(long)]
        strict: bool,
    },
}

#[derive(Debug, Args)]
struct Target {
    /// Department: a folder, a folder under `config/`, or the built-in `hanoi` (default).
    department: Option<String>,
    /// The year (same as `--period YEAR`).
    #[arg(long, conflicts_with = "period")]
    year: Option<u16>,
    /// The period: 2024, 2024-Q3, 2024-H1, 2024-9M, 2024-M07; default: the latest year with data.
    #[arg(long)]
    period: Option<String>,
    /// A dataset (file or folder) to use instead of the department's.
    #[arg(long)]
    data: Option<PathBuf>,
}

impl Target {
    fn department(&self) -> Result<Department> {
        Ok(Department::resolve(self.department.as_deref())?)
    }

    /// The period asked for; `None` when it is to be the latest year.
    fn period(&self) -> Result<Option<Period>> {
        if let Some(y) = self.year {
            return Ok(Some(y.to_string().parse::<Period>()?));
        }
        match &self.period {
            Some(p) => Ok(Some(p.parse::<Period>()?)),
            None => Ok(None),
        }
    }
}

fn latest_year(ds: &baocao_dataset::Dataset) -> Result<Period> {
    ds.years()
        .last()
        .map(|y| Period::Year(*y))
        .context("the dataset has no observations, so there is no period to report on")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Render {
            target,
            format,
            out,
        } => render(&target, &format, out),
        Command::Figures { target } => {
            let dept = target.department()?;
            let ds = baocao_driver::load_dataset(&dept, target.data.as_deref())?;
            let period = match target.period()? {
                Some(p) => p,
                None => latest_year(&ds)?,
            };
            let figures = baocao_driver::figures(&ds, period)?;
            print!("{}", figures.to_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { target, strict } => check(&target, strict),
    }
}

fn render(target: &Target, formats: &[String], out: Option<PathBuf>) -> Result<ExitCode> {
    let formats: Vec<Format> = formats
        .iter()
        .map(|f| {
            Format::from_id(f.trim())
                .with_context(|| format!("unknown format `{f}`; available: md, html, txt"))
        })
        .collect::<Result<_>>()?;
    let dept = target.department()?;
    let ds = baocao_driver::load_dataset(&dept, target.data.as_deref())?;
    let period = match target.period()? {
        Some(p) => p,
        None => latest_year(&ds)?,
    };
    let job = Job::new(&dept, period);
    let made = job.run_with(&ds)?;
    for c in made.figures.failed_checks() {
        eprintln!("warning: {}", c.message);
    }
    if out.as_deref() == Some(std::path::Path::new("-")) {
        if formats.len() > 1 {
            bail!("`--out -` writes one format to standard output; ask for one format");
        }
        let bytes = made.export(formats[0])?;
        std::io::stdout()
            .write_all(&bytes)
            .context("writing to standard output")?;
        return Ok(ExitCode::SUCCESS);
    }
    for format in formats {
        let path = match &out {
            Some(p) if p.extension().is_some() => p.clone(),
            Some(dir) => dir.join(format!("{period}.{}", format.extension())),
            None => PathBuf::from("out")
                .join(&dept.settings.id)
                .join(format!("{period}.{}", format.extension())),
        };
        let bytes = made.export(format)?;
        baocao_driver::write_atomic(&path, &bytes)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn check(target: &Target, strict: bool) -> Result<ExitCode> {
    let dept = target.department()?;
    let ds = match baocao_driver::load_dataset(&dept, target.data.as_deref()) {
        Ok(ds) => ds,
        Err(e) => {
            for d in &e.diagnostics {
                eprintln!(
                    "{}",
                    finding(d.at.as_ref().map(ToString::to_string), "error", &d.message)
                );
            }
            eprintln!("{} error(s) in the dataset", e.diagnostics.len());
            return Ok(ExitCode::from(1));
        }
    };
    let periods = match target.period()? {
        Some(p) => vec![p],
        None => ds.years().into_iter().map(Period::Year).collect(),
    };
    let (mut errors, mut warnings) = (0usize, 0usize);
    for period in periods {
        let job = Job::new(&dept, period);
        match job.run_with(&ds) {
            Ok(made) => {
                for c in made
                    .figures
                    .checks
                    .iter()
                    .filter(|c| c.status == CheckStatus::Failed)
                {
                    let at = ds.indicator(&c.indicator).map(|i| i.at.to_string());
                    let level = if strict { "error" } else { "warning" };
                    eprintln!("{}", finding(at, level, &c.message));
                    if strict {
                        errors += 1;
                    } else {
                        warnings += 1;
                    }
                }
            }
            Err(DriverError::NoData { .. }) => {}
            Err(e) => {
                eprintln!("error: {period}: {e}");
                errors += 1;
            }
        }
    }
    if errors == 0 && warnings == 0 {
        eprintln!("ok: the dataset and the templates are clean");
    } else {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn finding(at: Option<String>, level: &str, message: &str) -> String {
    match at {
        Some(at) => format!("{at}: {level}: {message}"),
        None => format!("{level}: {message}"),
    }
}
