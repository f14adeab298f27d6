//! `baocao plugin-worker` (hidden): serves one plugin to the baocao
//! process that started it, over standard input, when plugins run isolated
//! (`--isolate-plugins`, a department's `isolate_plugins`). The protocol
//! and the limits are `baocao_driver::worker`'s (the plugin host's).

use std::process::ExitCode;

/// `baocao plugin-worker`: no arguments; which plugin, and the limits,
/// come over the channel.
#[derive(Debug, clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: &Args) -> ExitCode {
    match baocao_driver::worker::serve() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // The host reads the exit status; this line is for the user,
            // on the standard error the worker shares with its host.
            eprintln!("baocao plugin-worker: {e}");
            ExitCode::from(1)
        }
    }
}
