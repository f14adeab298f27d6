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
    #[command(flatten)]
    plugins: PluginArgs,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let dept = baocao_driver::plan::department(args.department.as_deref())?;
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
