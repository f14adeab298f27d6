//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render always panics.
//!
//! The SDK catches the panic inside the plugin, so the host must see a
//! render failure with this message and keep running.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate is
//! not a default workspace member), and its file, `libfault_panic.so`, is not
//! named like a plugin, so the host loads it only when a test copies it into a
//! plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

// What the tests expect of this plugin, in a file of its own that they
// read as a module of theirs rather than linking this crate (see
// `crates/baocao-plugin-host/Cargo.toml`).
mod expected;
pub use expected::PANIC_MESSAGE;

/// An exporter that panics on every document.
#[derive(Debug, Default)]
pub struct Panicking;

impl Exporter for Panicking {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Panics on render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "panic",
        extension: "txt",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        panic!("{PANIC_MESSAGE}");
    }
}

baocao_plugin_api::export_plugin!(Panicking);
