//! A fault fixture for baocao's tests: a well-formed plugin, built with the
//! SDK, for format `plain`, whose files end in `.txt` like those of the
//! DOCX-like text exporter (`txt`).
//!
//! Asked for both formats, baocao must write the first one's file and
//! refuse the second one's, naming both, rather than let one overwrite the
//! other.
//!
//! Never shipped: only `baocao-plugin-host`'s tests depend on it (the crate
//! is not a default workspace member), and its file,
//! `libfault_same_extension.so`, is not named like a plugin, so baocao
//! loads it only when a test copies it into a plugin folder under a plugin
//! name.

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

/// The document's plain text.
#[derive(Debug, Default)]
pub struct Plain;

impl Exporter for Plain {
    type Options = ();
    const METADATA: Metadata = Metadata {
        name: "Plain text",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "plain",
        extension: "txt",
        mime_type: "text/plain; charset=utf-8",
    };

    fn render(&self, doc: &Document<'_>, _options: &()) -> Result<Vec<u8>, ExportError> {
        Ok(doc.plain_text().into_bytes())
    }
}

baocao_plugin_api::export_plugin!(Plain);
