//! `baocao init`: a new department folder, copied from a shipped one.

use std::path::PathBuf;
use std::process::ExitCode;

use baocao_driver::Department;

use crate::output::{Outcome, Printer};

/// `baocao init`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// The new folder (must not exist, or be empty).
    dir: PathBuf,
    /// The department to copy: a folder, a name under `config/`, or the built-in `hanoi`.
    #[arg(long, default_value = "hanoi")]
    from: String,
}

pub(crate) fn run(args: &Args, printer: &Printer) -> Outcome {
    let source = Department::resolve(Some(&args.from))?;
    let files = source.scaffold(&args.dir)?;
    printer.say(&format!(
        "created {} with {} files; edit {}, then run `baocao check {}`",
        args.dir.display(),
        files.len(),
        args.dir.join("department.toml").display(),
        args.dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}
