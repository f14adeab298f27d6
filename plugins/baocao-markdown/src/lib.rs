//! Markdown exporter (placeholder until the exporter lands).

use baocao_document::Document;

/// Renders a document as CommonMark with GFM tables.
pub fn render(doc: &Document<'_>) -> String {
    doc.plain_text()
}
