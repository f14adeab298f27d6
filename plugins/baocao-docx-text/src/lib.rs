//! DOCX-like plain text exporter: a report laid out as the Word document a
//! Sở Công Thương sends (Nghị định 30/2020/NĐ-CP), in UTF-8 text.
//!
//! It sits at the end of the pipeline: the narrative layer builds a
//! [`Document`] and this crate turns it into a page of fixed-width text for
//! terminals, e-mail bodies and review diffs:
//!
//! - the two-column header block (agency and number on the left, nation,
//!   motto and place/date on the right, each line centred in its column, a
//!   short rule under the agency and a rule under the motto),
//! - "BÁO CÁO", the subject and a short rule, centred,
//! - numbered headings, justified paragraphs with a first-line indent,
//!   lists marked "- ", "a) " or "1. " with a hanging indent (blank items
//!   left out, the others marked in order), box-drawn tables,
//! - bold and italic runs as plain text: a text file has no emphasis, and
//!   markup such as `*…*` would be read as part of the report,
//! - a page break as a line holding only a form feed (U+000C), the next
//!   block at the top of the new page without a blank line. The page model
//!   here has no page length (where a printed page ends depends on the
//!   printer), so a break cannot be made of blank lines; a form feed is
//!   what printers, `pr` and pagers take as "new page",
//! - "Nơi nhận:" and the recipients beside the signature block.
//!
//! Every width is measured in displayed terminal columns of NFC text, so
//! Vietnamese written with combining marks and wide CJK characters keep
//! columns and borders aligned; all text is printed in NFC. No line is
//! longer than [`Options::width`] unless a word cannot fit (a word is never
//! split: a cut figure would be misread). The output ends with exactly one
//! newline and has no trailing spaces.
//!
//! # Layout rules
//!
//! - **Columns.** The header and the end block are split two fifths / three
//!   fifths (32 + 48 at 80 columns, the spec's example); each header line is
//!   centred in its column and wrapped a column short of each edge. The
//!   short rules (under the agency, under the subject) are a third of the
//!   left column; the rule under the motto is as long as the motto.
//! - **Justification.** Lines are filled greedily, as a word processor does.
//!   Every line of a paragraph but the last is stretched to the width; the
//!   leftover spaces are spread evenly along the line, not heaped on the
//!   left, and depend only on the line, so output is deterministic.
//! - **Tables.** Columns start at their natural width. A grid wider than the
//!   page first wraps its headings (down to two lines, not narrower than
//!   the column's body), then the widest column that can still wrap, never
//!   below its longest word; number columns therefore keep their width.
//!   A table narrower than the page is centred under its caption. The unit
//!   line ("Đơn vị tính: %") is set under the caption, flush with the
//!   table's right border. Header groups are a row above the headings: a
//!   group's text is a cell spanning its columns (widened when the text
//!   does not fit), ruled off from the headings under it; the heading of a
//!   column under a group without text is one cell through both rows,
//!   centred in their height, like a merged cell in Word.
//! - **Recipients.** Each wraps in the left column with its lines after the
//!   first hanging under the text, never between the last two capitalised
//!   words of a name ("Đà Nẵng", "Công Thương"), which are set as one word
//!   when they fit on a line.
//!
//! This crate will be loaded as a runtime plugin behind a C ABI, so it must
//! never depend on any baocao crate other than `baocao-plugin-api`: no
//! figures, no templates, no configuration. Everything it prints is in the
//! `Document`.
//!
//! ```
//! use baocao_docx_text::{Options, render};
//! use baocao_plugin_api::{Block, Document, Inline};
//!
//! let mut doc = Document::default();
//! doc.meta.title = "BÁO CÁO".into();
//! doc.blocks.push(Block::Paragraph {
//!     content: vec![
//!         Inline::text("Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng "),
//!         Inline::figure("5,9%", "5.9", "reported"),
//!         Inline::text(" so với năm 2023."),
//!     ],
//! });
//! let text = render(&doc, &Options { width: 40, indent: 4 })?;
//! let lines: Vec<&str> = text.lines().collect();
//! assert_eq!(
//!     lines,
//!     [
//!         "                BÁO CÁO",
//!         "                 ─────",
//!         "",
//!         "    Chỉ số  sản xuất  công nghiệp  (IIP)",
//!         "năm 2024 ước tăng 5,9% so với năm 2023.",
//!     ]
//! );
//! assert!(text.ends_with("2023.\n"));
//! # Ok::<(), baocao_docx_text::Error>(())
//! ```

use std::fmt;

use baocao_plugin_api::Document;

mod columns;
mod flow;
mod output;
mod page;
mod table;
mod text;

/// The narrowest page [`render`] lays out. Below 40 columns the header's
/// left column (two fifths) is too narrow for "SỞ CÔNG THƯƠNG" and a table
/// has no room left once its borders are drawn.
pub const MIN_WIDTH: usize = 40;

/// The widest page [`render`] lays out: far beyond any screen or printer,
/// and a bound on how many blanks a centred line may get.
pub const MAX_WIDTH: usize = 1000;

/// How the page is laid out; read from the department's per-format options
/// (`width`, `indent`), each defaulting when absent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Line width in displayed columns, from [`MIN_WIDTH`] to [`MAX_WIDTH`];
    /// 80 by default, the width the spec's example uses.
    pub width: usize,
    /// First-line indent of body paragraphs (and of level 2 and 3 headings
    /// and list markers), in columns; at most a quarter of `width`.
    ///
    /// 5 by default: Nghị định 30 asks for 1–1.27 cm, and 80 columns spread
    /// over the 165 mm between A4's 30 mm and 15 mm margins make 1 cm about
    /// 5 columns.
    pub indent: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            width: 80,
            indent: 5,
        }
    }
}

impl Options {
    /// Checks the options; [`render`] calls this first.
    ///
    /// Options out of range are refused rather than clamped: a report laid
    /// out at another width than the one asked for would silently differ
    /// from what the user configured.
    pub fn validate(&self) -> Result<(), Error> {
        if !(MIN_WIDTH..=MAX_WIDTH).contains(&self.width) {
            return Err(Error::WidthOutOfRange { width: self.width });
        }
        let max = self.width / 4;
        if self.indent > max {
            return Err(Error::IndentTooLarge {
                indent: self.indent,
                width: self.width,
                max,
            });
        }
        Ok(())
    }
}

/// Why a document cannot be laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// [`Options::width`] is below [`MIN_WIDTH`] or above [`MAX_WIDTH`].
    WidthOutOfRange {
        /// The width asked for.
        width: usize,
    },
    /// [`Options::indent`] is more than a quarter of the width.
    IndentTooLarge {
        /// The indent asked for.
        indent: usize,
        /// The width asked for.
        width: usize,
        /// The largest indent allowed at that width.
        max: usize,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WidthOutOfRange { width } => write!(
                f,
                "line width {width} is outside {MIN_WIDTH}..={MAX_WIDTH} columns"
            ),
            Error::IndentTooLarge { indent, width, max } => write!(
                f,
                "first-line indent {indent} is too large for line width {width} (at most {max})"
            ),
        }
    }
}

impl std::error::Error for Error {}

/// Lays `doc` out as plain text, `options.width` columns wide.
///
/// Empty parts of the document (no header, no signature, an empty
/// paragraph) print nothing; an empty document gives a single newline.
///
/// # Errors
///
/// [`Error`] when the options are out of range (see [`Options::validate`]);
/// the document itself is never refused.
pub fn render(doc: &Document<'_>, options: &Options) -> Result<String, Error> {
    options.validate()?;
    let text = page::Page::new(options).document(doc);
    // Each word is NFC, but a combining mark that opens a piece of text can
    // compose with the letter printed before it (a decomposed "ǵ" split
    // across two runs): the page is checked whole, and composed only then.
    if unicode_normalization::is_nfc(&text) {
        Ok(text)
    } else {
        use unicode_normalization::UnicodeNormalization;
        Ok(text.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_out_of_range_are_refused() {
        let narrow = Options {
            width: 39,
            indent: 4,
        };
        assert_eq!(
            render(&Document::default(), &narrow),
            Err(Error::WidthOutOfRange { width: 39 })
        );
        let deep = Options {
            width: 40,
            indent: 11,
        };
        let err = render(&Document::default(), &deep).expect_err("indent above a quarter");
        assert_eq!(
            err.to_string(),
            "first-line indent 11 is too large for line width 40 (at most 10)"
        );
        assert!(
            Options {
                width: MAX_WIDTH + 1,
                indent: 0
            }
            .validate()
            .is_err()
        );
    }

    #[test]
    fn an_empty_document_is_one_newline() {
        assert_eq!(
            render(&Document::default(), &Options::default()).as_deref(),
            Ok("\n")
        );
    }
}

/// The exporter as a plugin: `baocao` loads this crate's shared library at
/// run time and calls it through the C ABI of `baocao-plugin-api`.
#[derive(Debug, Default, Clone, Copy)]
pub struct DocxTextExporter;

impl baocao_plugin_api::Exporter for DocxTextExporter {
    type Options = Options;
    const METADATA: baocao_plugin_api::Metadata = baocao_plugin_api::Metadata {
        name: "DOCX-like text",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "txt",
        extension: "txt",
        mime_type: "text/plain; charset=utf-8",
    };

    fn render(
        &self,
        doc: &Document<'_>,
        options: &Options,
    ) -> Result<Vec<u8>, baocao_plugin_api::ExportError> {
        render(doc, options)
            .map(String::into_bytes)
            .map_err(|e| baocao_plugin_api::ExportError::new(e.to_string()))
    }
}

baocao_plugin_api::export_plugin!(DocxTextExporter);
