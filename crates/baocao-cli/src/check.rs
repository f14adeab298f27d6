//! `baocao check`: everything wrong with a department, told once.

use std::process::ExitCode;

use baocao_driver::Severity;
use baocao_driver::check::CheckOptions;

use crate::output::{Outcome, Printer};
use crate::{PluginArgs, Target};

/// `baocao check`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    target: Target,
    /// Where the plugins whose options are checked are searched: as
    /// `render` searches them.
    #[command(flatten)]
    plugins: PluginArgs,
    /// Treat failed consistency checks and suspicious figures as errors.
    #[arg(long)]
    strict: bool,
    /// Also list what the report leaves out for lack of figures (a note for
    /// each sentence or section).
    #[arg(long)]
    notes: bool,
}

pub(crate) fn run(args: &Args, printer: &Printer) -> Outcome {
    let t = &args.target;
    let dept = match baocao_driver::plan::department(t.department.as_deref()) {
        Ok(d) => d,
        Err(e) => {
            let list = e.diagnostics();
            let n = list.len();
            printer.diagnostics(list, None);
            printer.say(&format!("{n} error(s) in the department settings"));
            return Ok(ExitCode::from(1));
        }
    };
    let search = args.plugins.search();
    let options = CheckOptions {
        period: baocao_driver::plan::asked_period(t.year, t.period.as_deref())?,
        strict: args.strict,
        data: t.data.as_deref(),
        plugins: Some(&search),
    };
    let mut found = baocao_driver::check::check(&dept, &options);
    let (errors, warnings, notes) = Printer::counts(&found);
    // What the report leaves out is worth a look once the mistakes are
    // fixed, not in the middle of them.
    if !args.notes {
        found.retain(|d| d.severity != Severity::Note);
    }
    printer.diagnostics(found, Some(&dept));
    if errors == 0 && warnings == 0 {
        let notes = match (notes, args.notes) {
            (0, _) => String::new(),
            (n, true) => format!(" ({n} note(s) on what the report leaves out)"),
            (n, false) => format!(
                " ({n} sentence(s) or section(s) left out for lack of figures: `--notes` lists them)"
            ),
        };
        printer.say(&format!(
            "ok: the formats' options, the dataset and the templates are clean{notes}"
        ));
    } else {
        printer.say(&format!("{errors} error(s), {warnings} warning(s)"));
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
