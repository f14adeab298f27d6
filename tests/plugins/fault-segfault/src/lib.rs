//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render writes to an unmapped
//! address, as a C plugin with a bad pointer would: the kernel kills the
//! process with SIGSEGV.
//!
//! In a worker process the host must report the signal and go on.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_segfault.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

#![allow(unsafe_code, reason = "the fixture's one fault is an invalid write")]

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// The exporter.
#[derive(Debug, Default)]
pub struct Segfaulting;

impl Exporter for Segfaulting {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Crashes on render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "segfault",
        extension: "segfault",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        // SAFETY: none: writing to address 16, in the never-mapped first page,
        // is the fault this fixture exists to commit. Not a null pointer:
        // debug builds check for null and would abort instead.
        unsafe { std::ptr::without_provenance_mut::<u8>(16).write_volatile(1) };
        Err(ExportError::new("the write to address 16 did not crash"))
    }
}

baocao_plugin_api::export_plugin!(Segfaulting);
