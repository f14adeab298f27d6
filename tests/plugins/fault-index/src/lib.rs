//! A fault fixture for `baocao-plugin-host`'s and the CLI's tests: a
//! well-formed plugin, built with the SDK, whose render indexes past the
//! end of a list, the everyday bug behind most panics.
//!
//! The host must report the panic once, with the panic's message and the
//! place in this file where it happened (the tests find the line by
//! [`FAULT_MARK`]), and keep running.
//!
//! Never shipped: only the tests depend on it (the crate is not a default
//! workspace member), and its file, `libfault_index.so`, is not named like
//! a plugin, so the host loads it only when a test copies it into a plugin
//! folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

// What the tests expect of this plugin, in a file of its own that they
// read as a module of theirs rather than linking this crate (see
// `crates/baocao-plugin-host/Cargo.toml`).
mod expected;
pub use expected::FAULT_MARK;

/// The width of each column of a table, as a real exporter might keep it.
const WIDTHS: [usize; 3] = [12, 30, 8];

/// An exporter that asks for the eighth of three columns.
#[derive(Debug, Default)]
pub struct Indexing;

impl Exporter for Indexing {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Indexes out of bounds",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "index",
        extension: "txt",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        // An index the compiler cannot see, as a real bug's comes from
        // the input: "the len is 3 but the index is 7".
        let column = std::hint::black_box(7);
        let width = WIDTHS[column]; // the fault
        Ok(width.to_string().into_bytes())
    }
}

baocao_plugin_api::export_plugin!(Indexing);
