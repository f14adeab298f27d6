//! `baocao plugins`: the exporter plugins found, and every file rejected.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::PluginArgs;
use crate::output::{Failure, Outcome};

/// `baocao plugins`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    /// Department whose plugin folders are searched too.
    department: Option<String>,
    /// Verify a plugin file before shipping it: it loads, its format id
    /// and extension are its own, it renders a real report, a document
    /// with every kind of block and one with kinds of a later version
    /// (in a worker process, under a time and a memory limit), and gives
    /// the same bytes twice and on two threads. Exits 1 if a check fails.
    #[arg(long, value_name = "FILE")]
    verify: Option<std::path::PathBuf>,
    #[command(flatten)]
    plugins: PluginArgs,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let dept = baocao_driver::plan::department(args.department.as_deref())?;
    if let Some(file) = &args.verify {
        return verify(file, args, &dept);
    }
    let set = args.plugins.search().load(&dept);
    let mut text = String::new();
    if set.plugins().is_empty() {
        text.push_str("no plugins found\n");
    }
    for p in set.plugins() {
        text.push_str(&format!(
            "{:<6} {} {} (.{}, {})\n       {}\n",
            p.format_id,
            p.name,
            p.version,
            p.extension,
            p.mime_type,
            p.path.display()
        ));
    }
    text.push_str(&format!(
        "{:<6} the document (built in) (.json, application/json)\n       the JSON every plugin is given, for plugin authors' tests\n",
        baocao_driver::DOCUMENT_FORMAT
    ));
    for r in set.rejected() {
        text.push_str(&format!("rejected {}: {}\n", r.path.display(), r.reason));
    }
    text.push_str(match args.plugins.search().mode(&dept) {
        baocao_driver::Mode::InProcess => {
            "note: loading a plugin runs its code, in this process; `--isolate-plugins` loads each in a worker process instead\n"
        }
        baocao_driver::Mode::Isolated(_) => {
            "note: each plugin was loaded in a worker process of its own\n"
        }
    });
    baocao_driver::stdio::stdout()
        .write_all(text.as_bytes())
        .and_then(|()| baocao_driver::stdio::stdout().flush())
        .context("writing the list to standard output")
        .map_err(Failure::Other)?;
    Ok(ExitCode::SUCCESS)
}

/// `baocao plugins --verify FILE`: one line a check, then the verdict.
fn verify(file: &std::path::Path, args: &Args, dept: &baocao_driver::Department) -> Outcome {
    if !file.is_file() {
        return Err(Failure::Other(anyhow::anyhow!(
            "{}: no such file (give the plugin's library, `target/release/libbaocao_<name>.so`)",
            file.display()
        )));
    }
    let verdicts = baocao_driver::verify::verify(file, &args.plugins.search(), dept);
    let mut text = format!("verifying {}\n", file.display());
    for v in &verdicts {
        match &v.failure {
            None => text.push_str(&format!("  ok      {}\n", v.check)),
            Some(why) => text.push_str(&format!("  FAILED  {}: {why}\n", v.check)),
        }
    }
    let failed = verdicts.iter().filter(|v| v.failure.is_some()).count();
    if failed == 0 {
        text.push_str("the plugin passed every check\n");
    } else {
        text.push_str(&format!("{failed} check(s) failed\n"));
    }
    baocao_driver::stdio::stdout()
        .write_all(text.as_bytes())
        .and_then(|()| baocao_driver::stdio::stdout().flush())
        .context("writing the verification to standard output")
        .map_err(Failure::Other)?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
