//! A fault fixture for `baocao-plugin-host`'s tests: a well-formed plugin,
//! built with the SDK, whose render never returns: an endless loop.
//!
//! In a worker process the host must stop it after the time limit (the
//! tests set a short one) and go on.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file, `libfault_spin.so`,
//! is not named like a plugin, so the host loads it only when a test copies
//! it into a plugin folder under a plugin name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// The exporter.
#[derive(Debug, Default)]
pub struct Spinning;

impl Exporter for Spinning {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Never returns from render",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "spin",
        extension: "spin",
        mime_type: "text/plain",
    };

    fn render(&self, _doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        loop {
            std::hint::spin_loop();
        }
    }
}

baocao_plugin_api::export_plugin!(Spinning);
