//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, that changes the working directory to
//! its parent on every render, then renders a short text.
//!
//! The host must put the working directory back after the call, or every
//! relative path written after it (`out/<department>/…`) would land
//! elsewhere.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_chdir.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

// What the tests expect of this plugin, in a file of its own that they
// read as a module of theirs rather than linking this crate (see
// `crates/baocao-plugin-host/Cargo.toml`).
mod expected;
pub use expected::RENDERED;

/// The exporter.
#[derive(Debug, Default)]
pub struct Wandering;

impl Exporter for Wandering {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Changes directory, then renders",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "chdir",
        extension: "chdir",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        std::env::set_current_dir("..")
            .map_err(|e| ExportError::new(format!("cannot change directory: {e}")))?;
        Ok(RENDERED.as_bytes().to_vec())
    }
}

baocao_plugin_api::export_plugin!(Wandering);
