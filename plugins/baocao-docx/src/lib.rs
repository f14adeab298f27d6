//! Word exporter: a report [`Document`] as a `.docx` file laid out per
//! Nghị định 30/2020/NĐ-CP, for offices that sign, register and file Word
//! documents.
//!
//! # What the output looks like
//!
//! - A4 portrait, margins 20 mm top, 15 mm right, 20 mm bottom, 30 mm left;
//!   Times New Roman 14 pt (13 with `size = 13`); body paragraphs
//!   justified, first line indented 1,27 cm, 6 pt after, 1,2 lines.
//! - The letterhead as a borderless two-column table: the authority, the
//!   department in bold with a short rule under it and the number on the
//!   left; the nation in bold, the motto in bold with a rule as long as it,
//!   and the place and date in italics on the right.
//! - "BÁO CÁO" and the subject centred in bold, a short rule under them.
//! - Headings by level (styles "heading 1" to "heading 3"), paragraphs,
//!   lists as real Word lists ("-", "a)", "1." from `numbering.xml`, the
//!   marker at the first-line indent as Vietnamese reports set them), bold
//!   and italic runs.
//! - Tables: a numbered caption above ("Biểu 1. …", a `SEQ` field), the
//!   unit line on the right, header rows repeated on every page
//!   (`tblHeader`) with header groups spanning columns, the first cell of
//!   each row as its heading, figures aligned as the document says (right
//!   for numbers), rows never split across pages, the note under the table.
//! - The page number centred at the top from page 2 (`titlePg`: page 1 has
//!   an empty header of its own).
//! - "Nơi nhận" and the recipients on the left, beside the signature block
//!   on the right, in a borderless table.
//! - With `provenance_comments = true`, each figure carries a Word comment
//!   with its exact value and where it came from.
//!
//! # Why `zip` and `quick-xml` rather than a docx crate
//!
//! The layout needs things docx crates either lack or hide: paragraph
//! borders narrowed by indents for the decree's short rules, `titlePg` with
//! an empty first header, `SEQ` fields with their results, vertically merged
//! header cells, and styles that a department's reference document can
//! replace by id. WordprocessingML written as text is short, reviewable
//! in a snapshot (the tests pretty-print `document.xml`) and costs no
//! intermediate tree. `zip` writes the package with fixed timestamps and
//! a fixed order of parts, stored rather than deflated (see `package`),
//! so the same report gives the same bytes quickly;
//! `quick-xml` reads a reference document's style ids.

mod body;
mod chart;
mod options;
mod parts;
mod reference;
mod xml;

use std::io::{Cursor, Write as _};

use baocao_plugin_api::{Document, ExportError, Exporter, Metadata};

pub use crate::options::{Color, FontSize, LineSpacing, Options, Reference, TableBorders};
use crate::parts::Look;

/// The options resolved against the document's language.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) caption_prefix: String,
    pub(crate) figure_prefix: String,
    pub(crate) table_borders: TableBorders,
    pub(crate) header_shading: Option<Color>,
    pub(crate) provenance_comments: bool,
    pub(crate) english: bool,
}

/// Renders a document as the bytes of a `.docx` file with the default options.
pub fn render(doc: &Document<'_>) -> Result<Vec<u8>, ExportError> {
    render_with(doc, &Options::default())
}

/// Renders a document as the bytes of a `.docx` file with a department's
/// options (its reference document among them).
pub fn render_with(doc: &Document<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
    let english = doc.language.starts_with("en");
    let settings = Settings {
        caption_prefix: options
            .caption_prefix
            .clone()
            .unwrap_or_else(|| if english { "Table" } else { "Biểu" }.to_owned()),
        figure_prefix: options
            .figure_prefix
            .clone()
            .unwrap_or_else(|| if english { "Figure" } else { "Hình" }.to_owned()),
        table_borders: options.table_borders,
        header_shading: options.header_shading.clone(),
        provenance_comments: options.provenance_comments,
        english,
    };
    let look = Look {
        font: options
            .font
            .clone()
            .unwrap_or_else(|| "Times New Roman".to_owned()),
        size: u32::from(options.size.map_or(14, |s| s.0)) * 2,
        line: options.line_spacing.map_or(288, LineSpacing::twips),
        lang: if english { "en-US" } else { "vi-VN" },
    };
    let reference_styles = options.reference.as_ref().map(|r| r.styles.as_str());
    let written = body::write(doc, &settings, &look);
    let styles = parts::styles_part(&look, &parts::styles(&look), reference_styles)
        .map_err(ExportError::new)?;
    let comments = !written.comments.is_empty();
    let charts = written.charts.len();
    let (header, first_header) = parts::headers();
    let title = if doc.meta.subject.is_empty() {
        doc.meta.title.to_string()
    } else {
        format!("{} {}", doc.meta.title, doc.meta.subject)
    };
    let mut files: Vec<(&str, String)> = vec![
        (
            "[Content_Types].xml",
            parts::content_types(comments, charts),
        ),
        ("_rels/.rels", parts::package_rels()),
        (
            "docProps/core.xml",
            parts::core_properties(
                &title,
                &doc.meta.subject,
                &doc.meta.department,
                &doc.language,
            ),
        ),
        ("word/document.xml", written.xml),
        (
            "word/_rels/document.xml.rels",
            parts::document_rels(comments, charts),
        ),
        ("word/styles.xml", styles),
        (
            "word/numbering.xml",
            parts::numbering(&written.lists, &look),
        ),
        ("word/settings.xml", parts::settings()),
        ("word/header1.xml", header),
        ("word/header2.xml", first_header),
    ];
    if comments {
        files.push(("word/comments.xml", parts::comments(&written.comments)));
    }
    let mut files: Vec<(String, &[u8])> = files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), text.as_bytes()))
        .collect();
    let packaging =
        |e: zip::result::ZipError| ExportError::new(format!("cannot write the .docx package: {e}"));
    let mut chart_parts = Vec::with_capacity(written.charts.len());
    for (i, chart) in written.charts.iter().enumerate() {
        let workbook = chart::workbook(&chart.sheet).map_err(packaging)?;
        chart_parts.push((parts::chart_rels(i), workbook));
    }
    for (i, (chart, (rels, workbook))) in written.charts.iter().zip(&chart_parts).enumerate() {
        files.push((parts::chart_part(i), chart.xml.as_bytes()));
        files.push((parts::chart_rels_part(i), rels.as_bytes()));
        files.push((parts::workbook_part(i), workbook));
    }
    package(&files).map_err(packaging)
}

/// The parts zipped in the order given, dated 1980-01-01 (the zip
/// format's zero) with fixed permissions: nothing of the clock or the
/// machine gets into the file.
///
/// The parts are stored, not deflated. A report's parts are about 50 KB
/// of XML; deflating them (zlib-rs, even at level 1) cost twice the rest
/// of the export, putting the Word report at 5 to 10 times the cost of the
/// HTML one, for a file of 9 KB instead of 47 KB. Stored entries are plain
/// OOXML that Word, LibreOffice and python-docx open alike
/// (`docs/performance.md`).
pub(crate) fn package(files: &[(String, &[u8])]) -> zip::result::ZipResult<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::DEFAULT)
        .unix_permissions(0o644);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The docx exporter as a plugin.
#[derive(Debug, Default)]
pub struct DocxExporter;

impl Exporter for DocxExporter {
    type Options = Options;

    const METADATA: Metadata = Metadata {
        name: "Word (.docx)",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "docx",
        extension: "docx",
        mime_type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    };

    fn render(&self, doc: &Document<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
        render_with(doc, options)
    }
}

baocao_plugin_api::export_plugin!(DocxExporter);
