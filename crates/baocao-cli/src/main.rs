//! The `baocao` command: CLI definition plus glue.
//!
//! Everything here is argument parsing, printing and exit codes (0 ok,
//! 1 failure, 2 usage); the work is in `baocao-driver`. One file per
//! subcommand; problems of every kind are printed by [`output::Printer`].

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "the binary is where printing belongs"
)]

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod batch;
mod check;
mod figures;
mod import;
mod init;
mod output;
mod plugins;
mod render;
mod worker;

use output::Printer;

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
    /// How problems are printed on standard error: `human` (the source
    /// line with a caret; colour on a terminal) or `json` (one object a
    /// line, for editors and CI).
    #[arg(long, global = true, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    #[command(subcommand)]
    command: Command,
}

/// `--message-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    /// For people.
    Human,
    /// One JSON object per line.
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Writes a report for one period (Markdown, HTML, DOCX-like text).
    Render(render::Args),
    /// Writes many reports at once: every department × period × format, in parallel.
    Batch(batch::Args),
    /// Creates a new department folder, copied from a shipped one, ready to edit.
    Init(init::Args),
    /// Lists the exporter plugins found, and every file rejected with its reason.
    Plugins(plugins::Args),
    /// Prints every figure of one period as JSON.
    Figures(figures::Args),
    /// Checks the formats' options, the dataset, the templates and the consistency of the figures.
    Check(check::Args),
    /// Writes a dataset TOML from an Excel, OpenDocument or CSV table.
    Import(import::Args),
    /// Serves one plugin to a baocao process that runs plugins isolated
    /// (`--isolate-plugins`); started by baocao itself, never by hand.
    #[command(hide = true)]
    PluginWorker(worker::Args),
}

/// Where plugins are searched, shared by the subcommands that export and
/// `check`, which asks each format's plugin about its options.
#[derive(Debug, Args)]
struct PluginArgs {
    /// A folder of exporter plugins, searched first (repeatable). Also
    /// searched: the department's plugin folders, BAOCAO_PLUGIN_PATH and the
    /// folder of the baocao executable; never the current directory.
    #[arg(long = "plugin-dir", value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Run each plugin in worker processes of its own: slower, but a
    /// plugin that crashes, exits, hangs or prints fails only its own
    /// format. A department can ask for it with `isolate_plugins = true`.
    #[arg(long)]
    isolate_plugins: bool,
}

impl PluginArgs {
    fn search(&self) -> baocao_driver::PluginSearch {
        baocao_driver::PluginSearch {
            isolate: self.isolate_plugins,
            ..baocao_driver::PluginSearch::of_process(self.dirs.clone())
        }
    }
}

/// The report a subcommand is about.
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

/// A department with its dataset and the period asked for.
struct Resolved {
    department: baocao_driver::Department,
    dataset: baocao_driver::Dataset,
    period: baocao_driver::Period,
}

impl Target {
    fn resolve(&self) -> Result<Resolved, baocao_driver::DriverError> {
        let department = baocao_driver::plan::department(self.department.as_deref())?;
        let dataset = baocao_driver::load_dataset(&department, self.data.as_deref())?;
        let period = baocao_driver::plan::period(self.year, self.period.as_deref(), &dataset)?;
        Ok(Resolved {
            department,
            dataset,
            period,
        })
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::PluginWorker(args) = &cli.command {
        return worker::run(args);
    }
    // Plugins loaded in this process share its standard output: from here
    // on, what they print goes to standard error, and the commands write
    // their own output through `stdio::stdout()`. When standard output is
    // closed there is nothing to keep apart.
    let _ = baocao_driver::stdio::shield_stdout();
    let printer = Printer::new(cli.message_format);
    let result = match cli.command {
        Command::Render(args) => render::run(&args, &printer),
        Command::Batch(args) => batch::run(&args, &printer),
        Command::Init(args) => init::run(&args, &printer),
        Command::Plugins(args) => plugins::run(&args),
        Command::Figures(args) => figures::run(&args),
        Command::Check(args) => check::run(&args, &printer),
        Command::Import(args) => import::run(&args, &printer),
        Command::PluginWorker(args) => Ok(worker::run(&args)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            printer.failure(&e);
            ExitCode::from(1)
        }
    }
}
