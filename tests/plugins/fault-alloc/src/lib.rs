//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render allocates memory
//! without bound, 64 MiB at a time, and never frees it, until an allocation
//! fails and Rust aborts the process (`memory allocation of … failed`).
//!
//! Only one byte of each block is written, so the fixture spends address
//! space rather than memory: the worker's limit (`RLIMIT_AS`) is on address
//! space, and the test stays cheap. Never run it in process.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_alloc.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// How much each step allocates.
const BLOCK: usize = 64 << 20;

/// The exporter.
#[derive(Debug, Default)]
pub struct Allocating;

impl Exporter for Allocating {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Allocates without bound",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "alloc",
        extension: "alloc",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        loop {
            let mut block: Vec<u8> = Vec::with_capacity(BLOCK);
            block.push(1);
            std::hint::black_box(block).leak();
        }
    }
}

baocao_plugin_api::export_plugin!(Allocating);
