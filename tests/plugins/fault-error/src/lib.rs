//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render always returns an error.
//!
//! The host must pass the plugin's message on, naming the plugin's file.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_error.so`, is not
//! named like a plugin, so the host loads it only when a test copies it into a
//! plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// What the error says; the host's tests look for it.
pub const ERROR_MESSAGE: &str = "deliberate error from the fault-error test fixture";

/// An exporter that refuses every document.
#[derive(Debug, Default)]
pub struct Failing;

impl Exporter for Failing {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Fails on render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "error",
        extension: "txt",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        Err(ExportError::new(ERROR_MESSAGE))
    }
}

baocao_plugin_api::export_plugin!(Failing);
