//! `baocao render`: one report, through the same path as a batch.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use baocao_driver::batch::{self, BatchOptions, FileStatus, Layout, Plugins, Unit};
use baocao_driver::{Diagnostic, DriverError};

use crate::output::{Failure, Outcome, Printer};
use crate::{PluginArgs, Target};

/// `baocao render`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
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
}

pub(crate) fn run(args: &Args, printer: &Printer) -> Outcome {
    let r = args.target.resolve()?;
    let formats = baocao_driver::distinct_formats(if args.format.is_empty() {
        &r.department.settings.formats.default
    } else {
        &args.format
    });
    let layout = match args.out.as_deref() {
        Some(p) if p == Path::new("-") => Layout::Stdout,
        // An existing folder, or a name without extension, is a folder; a
        // name with an extension is the file, when one format is asked.
        Some(p) if p.is_dir() => Layout::Folder,
        Some(p) if formats.len() == 1 && p.extension().is_some() => Layout::File,
        Some(_) => Layout::Folder,
        None => Layout::Department,
    };
    if layout == Layout::Stdout && formats.len() > 1 {
        return Err(DriverError::Usage(
            "`--out -` writes one format to standard output; ask for one format".to_owned(),
        )
        .into());
    }
    let templates = baocao_driver::templates(&r.department);
    let units = [Unit {
        department: &r.department,
        dataset: &r.dataset,
        templates: &templates,
        period: r.period,
    }];
    let plugins = Plugins::search(&[&r.department], &args.plugins.search());
    let opts = BatchOptions {
        formats: Some(formats),
        out: args.out.clone().unwrap_or_default(),
        layout,
        jobs: 1,
        skip_unchanged: false,
        // A render writes no index.
        overview: Default::default(),
    };
    let report = batch::run(&units, &plugins, &opts, &|| {})?;
    let mut problems: Vec<Diagnostic> = report.warnings.clone();
    let mut failed = 0;
    for f in &report.files {
        match &f.status {
            FileStatus::Failed(why) => {
                failed += 1;
                problems.push((**why).clone());
            }
            FileStatus::Written | FileStatus::Skipped => {
                if let Some(bytes) = &f.bytes {
                    baocao_driver::stdio::stdout()
                        .write_all(bytes)
                        .and_then(|()| baocao_driver::stdio::stdout().flush())
                        .context("writing the report to standard output")
                        .map_err(Failure::Other)?;
                }
            }
        }
    }
    for f in &report.folder_failures {
        failed += 1;
        problems.push((*f.why).clone());
    }
    printer.diagnostics(problems, Some(&r.department));
    for f in report
        .files
        .iter()
        .filter(|f| f.status == FileStatus::Written)
    {
        if f.bytes.is_none() {
            printer.say(&format!("wrote {}", f.path.display()));
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
