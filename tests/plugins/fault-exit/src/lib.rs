//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render ends the whole process with status 0, as a
//! careless `std::process::exit` (or C's `exit`) in a library would.
//!
//! In process it takes the host with it; in a worker process the host must
//! see the worker exit before answering, fail this format alone and start
//! a new worker for the next report.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_exit.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// The exporter.
#[derive(Debug, Default)]
pub struct Exiting;

impl Exporter for Exiting {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Exits on render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "exit",
        extension: "exit",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        std::process::exit(0)
    }
}

baocao_plugin_api::export_plugin!(Exiting);
