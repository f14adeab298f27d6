//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render aborts the process (SIGABRT), as a failed
//! assertion in C or a panic under `panic = "abort"` would.
//!
//! In a worker process the host must report the signal and go on.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_abort.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// The exporter.
#[derive(Debug, Default)]
pub struct Aborting;

impl Exporter for Aborting {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Aborts on render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "abort",
        extension: "abort",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        std::process::abort()
    }
}

baocao_plugin_api::export_plugin!(Aborting);
