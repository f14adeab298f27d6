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

// What the tests expect of this plugin, in a file of its own that they
// read as a module of theirs rather than linking this crate (see
// `crates/baocao-plugin-host/Cargo.toml`).
mod expected;
pub use expected::{NOISE, RENDERED};

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
