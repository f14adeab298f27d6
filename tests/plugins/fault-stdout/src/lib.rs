//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, that prints a line to standard output on every
//! render, then renders a short text.
//!
//! What it prints must never reach `baocao`'s own standard output, where
//! `render --out -` puts a report and `batch --json` its summary.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_stdout.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// What it prints on standard output; the tests look for it.
pub const NOISE: &str = "noise from the fault-stdout test fixture";

/// What it renders.
pub const RENDERED: &str = "rendered by the fault-stdout test fixture\n";

/// The exporter.
#[derive(Debug, Default)]
pub struct Printing;

impl Exporter for Printing {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Prints, then renders",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "stdout",
        extension: "stdout",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        #[allow(clippy::print_stdout, reason = "printing is this fixture's fault")]
        {
            println!("{NOISE}");
        }
        Ok(RENDERED.as_bytes().to_vec())
    }
}

baocao_plugin_api::export_plugin!(Printing);
