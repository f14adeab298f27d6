//! `baocao import`: a statistics office's table (Excel, OpenDocument,
//! CSV) written as a dataset TOML.

use std::path::PathBuf;
use std::process::ExitCode;

use baocao_driver::{ImportLayout, ImportOptions, ImportRequest};

use crate::output::{Outcome, Printer};

/// `baocao import`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The table: .xlsx, .xlsm, .xlsb, .xls, .ods or .csv (docs/import.md).
    file: PathBuf,
    /// The dataset TOML to write, e.g. `data/DEPT.toml`.
    #[arg(long)]
    out: PathBuf,
    /// Replace `--out` if it exists.
    #[arg(long)]
    force: bool,
    /// The region (`[dataset] region`), when no title row names it.
    #[arg(long)]
    region: Option<String>,
    /// The sheet to read; default: the first with a header row.
    #[arg(long)]
    sheet: Option<String>,
}

pub(crate) fn run(args: &Args, printer: &Printer) -> Outcome {
    let imported = baocao_driver::import(&ImportRequest {
        table: args.file.clone(),
        out: args.out.clone(),
        force: args.force,
        options: ImportOptions {
            region: args.region.clone(),
            sheet: args.sheet.clone(),
        },
    })?;
    let (indicators, figures) = (imported.indicators, imported.figures);
    let sheet = imported
        .sheet
        .as_deref()
        .map_or_else(String::new, |s| format!(", sheet `{s}`"));
    let layout = match imported.layout {
        ImportLayout::Wide => "wide",
        ImportLayout::Long => "long",
    };
    printer.say(&format!(
        "imported {figures} figures of {indicators} indicators from {}{sheet} ({layout} layout) into {}; run `baocao check --data {}`",
        args.file.display(),
        args.out.display(),
        args.out.display()
    ));
    Ok(ExitCode::SUCCESS)
}
