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
use baocao_config::Department;
use baocao_dataset::Period;
use baocao_driver::Job;
use baocao_driver::check::Level;
use baocao_plugin_host::PluginSet;
use clap::{Args, Parser, Subcommand};

mod batch;

/// mimalloc rather than glibc's allocator: a report is thousands of small
/// strings and vectors made and dropped (template values, document runs,
/// JSON), and in a batch glibc's `malloc`/`free` were a quarter of the
/// CPU; mimalloc's per-thread heaps take about a fifth off the batch's CPU
/// time (`docs/performance.md`). Plugins keep their own allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        /// Output formats, comma separated: md, html, txt, or any format id
        /// a loaded plugin provides (see `baocao plugins`); default: the
        /// department's `formats.default` (md).
        #[arg(long, value_delimiter = ',')]
        format: Vec<String>,
        #[command(flatten)]
        plugins: PluginArgs,
        /// Output folder, a file (one format), or `-` for standard output;
        /// default `out/<department>/<period>.<ext>`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes many reports at once: every department × period × format, in parallel.
    Batch {
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
        /// Formats, comma separated.
        #[arg(long, value_delimiter = ',', default_value = "md,html,txt")]
        formats: Vec<String>,
        /// Output folder.
        #[arg(long)]
        out: PathBuf,
        /// Worker threads; default: the number of cores.
        #[arg(long)]
        jobs: Option<usize>,
        /// Skip files whose inputs did not change since the last batch into --out.
        #[arg(long)]
        skip_unchanged: bool,
        /// No progress bar and no summary, only errors.
        #[arg(long, conflicts_with = "json")]
        quiet: bool,
        /// A machine-readable summary on standard output.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        plugins: PluginArgs,
    },
    /// Creates a new department folder, copied from a shipped one, ready to edit.
    Init {
        /// The new folder (must not exist, or be empty).
        dir: PathBuf,
        /// The department to copy: a folder, a name under `config/`, or the built-in `hanoi`.
        #[arg(long, default_value = "hanoi")]
        from: String,
    },
    /// Lists the exporter plugins found, and every file rejected with its reason.
    Plugins {
        /// Department whose plugin folders are searched too.
        department: Option<String>,
        #[command(flatten)]
        plugins: PluginArgs,
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
struct PluginArgs {
    /// A folder of exporter plugins, searched first (repeatable). Also
    /// searched: the department's plugin folders, BAOCAO_PLUGIN_PATH and the
    /// folder of the baocao executable; never the current directory.
    #[arg(long = "plugin-dir", value_name = "DIR")]
    dirs: Vec<PathBuf>,
}

impl PluginArgs {
    fn load(&self, dept: &Department) -> PluginSet {
        let env = std::env::var_os("BAOCAO_PLUGIN_PATH");
        let exe = std::env::current_exe().ok();
        baocao_driver::plugins(dept, &self.dirs, env.as_deref(), exe.as_deref())
    }
}

#[derive(Debug, Args)]
struct Target {
    /// Department: a folder, a folder under `config/`, or the built-in `hanoi` (default).
    department: Option<String>,
    /// The year (same as `--period YEAR`).
    #[arg(long, conflicts_with = "period")]
    year: Option<u16>,
    /// The period: 2024, 2024-Q3, 2024-H1, 2024-9M, 2024-M07; default: the latest period with data (the year, when the data ends with a whole year).
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

fn latest_period(ds: &baocao_dataset::Dataset) -> Result<Period> {
    ds.latest_period()
        .context("the dataset has no observations, so there is no period to report on")
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            // One line per problem: a department.toml or a dataset may hold several.
            for line in format!("{e:#}").lines() {
                eprintln!("error: {line}");
            }
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Render {
            target,
            format,
            plugins,
            out,
        } => render(&target, &format, &plugins, out),
        Command::Batch {
            departments,
            years,
            periods,
            formats,
            out,
            jobs,
            skip_unchanged,
            quiet,
            json,
            plugins,
        } => batch::run(batch::Args {
            departments,
            years,
            periods,
            formats,
            out,
            jobs,
            skip_unchanged,
            quiet,
            json,
            plugin_dirs: plugins.dirs,
        }),
        Command::Init { dir, from } => {
            let source = Department::resolve(Some(&from))?;
            let files = source.scaffold(&dir)?;
            eprintln!(
                "created {} with {} files; edit {}, then run `baocao check {}`",
                dir.display(),
                files.len(),
                dir.join("department.toml").display(),
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Plugins {
            department,
            plugins,
        } => {
            let dept = Department::resolve(department.as_deref())?;
            list_plugins(&plugins.load(&dept));
            Ok(ExitCode::SUCCESS)
        }
        Command::Figures { target } => {
            let dept = target.department()?;
            let ds = baocao_driver::load_dataset(&dept, target.data.as_deref())?;
            let period = match target.period()? {
                Some(p) => p,
                None => latest_period(&ds)?,
            };
            let figures = baocao_driver::figures(&ds, period)?;
            print!("{}", figures.to_json());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { target, strict } => check(&target, strict),
    }
}

fn render(
    target: &Target,
    formats: &[String],
    plugin_args: &PluginArgs,
    out: Option<PathBuf>,
) -> Result<ExitCode> {
    let dept = target.department()?;
    let ds = baocao_driver::load_dataset(&dept, target.data.as_deref())?;
    let period = match target.period()? {
        Some(p) => p,
        None => latest_period(&ds)?,
    };
    let plugins = plugin_args.load(&dept);
    let formats = baocao_driver::distinct_formats(if formats.is_empty() {
        &dept.settings.formats.default
    } else {
        formats
    });
    let to_stdout = out.as_deref() == Some(std::path::Path::new("-"));
    if to_stdout && formats.len() > 1 {
        bail!("`--out -` writes one format to standard output; ask for one format");
    }
    let made = Job::new(&dept, period).run_with(&ds)?;
    for c in made.figures.failed_checks() {
        eprintln!("warning: {}", c.message);
    }
    // Every requested format is attempted; one that fails does not stop the
    // others, and any failure makes the exit code 1.
    let mut failed = 0;
    // The files written so far, and by which format: two plugins with the
    // same extension would write the same file.
    let mut written: Vec<(PathBuf, &str)> = Vec::new();
    for id in formats.iter().map(String::as_str) {
        let Some(plugin) = plugins.get(id) else {
            eprintln!("error: {}", baocao_driver::missing_format(&plugins, id));
            failed += 1;
            continue;
        };
        let bytes = match baocao_driver::format_options(&dept, id)
            .and_then(|options| made.export(plugin, &options))
        {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
                continue;
            }
        };
        if to_stdout {
            std::io::stdout()
                .write_all(&bytes)
                .context("writing to standard output")?;
            continue;
        }
        let name = format!("{period}.{}", plugin.extension);
        let path = match &out {
            // An existing folder, or a name without extension, is a folder;
            // a name with an extension is the file, when one format is asked.
            Some(dir) if dir.is_dir() => dir.join(name),
            Some(file) if formats.len() == 1 && file.extension().is_some() => {
                // A file named for another format would hold this one's
                // bytes under the wrong extension (a zip in `report.md`).
                let ext = file.extension().unwrap_or_default().to_string_lossy();
                if !ext.eq_ignore_ascii_case(&plugin.extension) {
                    eprintln!(
                        "error: format `{id}` writes `.{}` files ({}), but --out names a `.{ext}` file: name it `{}` or give a folder",
                        plugin.extension,
                        plugin.name,
                        file.with_extension(&plugin.extension).display()
                    );
                    failed += 1;
                    continue;
                }
                file.clone()
            }
            Some(dir) => dir.join(name),
            None => baocao_driver::output_path(&dept, period, &plugin.extension),
        };
        if let Some((_, other)) = written.iter().find(|(p, _)| *p == path) {
            eprintln!(
                "error: format `{id}` would write {}, which format `{other}` has written (both plugins write `.{}` files); ask for one of the two",
                path.display(),
                plugin.extension
            );
            failed += 1;
            continue;
        }
        match baocao_driver::write_atomic(&path, &bytes) {
            Ok(()) => {
                eprintln!("wrote {}", path.display());
                written.push((path, id));
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn list_plugins(plugins: &PluginSet) {
    if plugins.plugins().is_empty() {
        println!("no plugins found");
    }
    for p in plugins.plugins() {
        println!(
            "{:<6} {} {} (.{}, {})\n       {}",
            p.format_id,
            p.name,
            p.version,
            p.extension,
            p.mime_type,
            p.path.display()
        );
    }
    for r in plugins.rejected() {
        println!("rejected {}: {}", r.path.display(), r.reason);
    }
}

fn check(target: &Target, strict: bool) -> Result<ExitCode> {
    let dept = match target.department() {
        Ok(d) => d,
        Err(e) => {
            let shown = e.to_string();
            let n = shown.lines().count();
            for line in shown.lines() {
                // "path:line:col: message" → "path:line:col: error: message"
                match line.match_indices(": ").next() {
                    Some((i, _)) if line[..i].matches(':').count() >= 2 => {
                        eprintln!("{}: error: {}", &line[..i], &line[i + 2..]);
                    }
                    _ => eprintln!("error: {line}"),
                }
            }
            eprintln!("{n} error(s) in the department settings");
            return Ok(ExitCode::from(1));
        }
    };
    let options = baocao_driver::check::CheckOptions {
        period: target.period()?,
        strict,
        data: target.data.as_deref(),
    };
    let findings = baocao_driver::check::check(&dept, &options);
    let count = |l: Level| findings.iter().filter(|f| f.level == l).count();
    for f in &findings {
        eprintln!("{f}");
    }
    let (errors, warnings, infos) = (
        count(Level::Error),
        count(Level::Warning),
        count(Level::Info),
    );
    if errors == 0 && warnings == 0 {
        eprintln!(
            "ok: the dataset and the templates are clean{}",
            if infos > 0 {
                format!(" ({infos} note(s) on what the report leaves out)")
            } else {
                String::new()
            }
        );
    } else {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
