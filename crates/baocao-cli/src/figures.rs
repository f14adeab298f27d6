//! `baocao figures`: every figure of one period as JSON.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;

use crate::Target;
use crate::output::{Failure, Outcome};

/// `baocao figures`.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {
    #[command(flatten)]
    target: Target,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let r = args.target.resolve()?;
    let figures = baocao_driver::figures(&r.dataset, r.period)?;
    baocao_driver::stdio::stdout()
        .write_all(figures.to_json().as_bytes())
        .and_then(|()| baocao_driver::stdio::stdout().flush())
        .context("writing the figures to standard output")
        .map_err(Failure::Other)?;
    Ok(ExitCode::SUCCESS)
}
