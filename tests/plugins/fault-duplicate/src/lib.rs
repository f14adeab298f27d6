//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, that claims format id `md`, the Markdown plugin's.
//!
//! With both in one folder, the host must load the first in sorted file
//! order and reject the other as a duplicate.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_duplicate.so`, is
//! not named like a plugin, so the host loads it only when a test copies it
//! into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// What every render returns, so a test can tell this plugin from the
/// real Markdown one.
pub const OUTPUT: &str = "output of the fault-duplicate test fixture";

/// A second exporter for `md`.
#[derive(Debug, Default)]
pub struct Impostor;

impl Exporter for Impostor {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Duplicate Markdown",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "md",
        extension: "md",
        mime_type: "text/markdown; charset=utf-8",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        Ok(OUTPUT.as_bytes().to_vec())
    }
}

baocao_plugin_api::export_plugin!(Impostor);
