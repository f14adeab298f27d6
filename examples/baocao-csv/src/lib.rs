//! An example baocao exporter plugin: every table of a report as CSV.
//!
//! This crate is written the way `docs/plugins.md` tells an outside
//! developer to write a plugin: its own crate, outside baocao's workspace,
//! depending on `baocao-plugin-api` (and serde, for its options) only. It
//! builds to `libbaocao_csv.so`, which `baocao` loads at run time; it has
//! no `unsafe` code, [`export_plugin!`](baocao_plugin_api::export_plugin)
//! writes the C ABI side.
//!
//! # What the output looks like
//!
//! Each table of the report, in reading order, separated by an empty line:
//! its caption as a record of one field (when it has one), the header, one
//! record per row, and its note as a record of one field (when it has one).
//! Records end with CRLF and fields are quoted as RFC 4180 says: a field
//! holding `"`, `,`, CR or LF is put in double quotes, and its `"` doubled.
//!
//! A figure is printed for people, rounded and in the document's locale
//! ("6,52%"), which no spreadsheet reads as a number. So every column that
//! holds figures gets a second column right after it with their exact
//! values, dot separated ("6.52"), headed "… (exact)" (or
//! "… (giá trị chính xác)" in a Vietnamese document).
//!
//! A report without tables is an error rather than an empty file.
//!
//! # Options
//!
//! `bom` (default `false`): start the file with a UTF-8 byte order mark,
//! which older versions of Excel need to read UTF-8 text.
//!
//! ```
//! use baocao_csv::{Options, render};
//! use baocao_plugin_api::{Block, Document, Inline, Table};
//!
//! let mut doc = Document::default();
//! doc.blocks.push(Block::Table(Table {
//!     header: vec!["Chỉ tiêu".into(), "Tăng".into()],
//!     rows: vec![vec![
//!         vec![Inline::text("GRDP")],
//!         vec![Inline::figure("6,52%", "6.52", "reported")],
//!     ]],
//!     ..Table::default()
//! }));
//! assert_eq!(
//!     render(&doc, &Options::default()).unwrap(),
//!     "Chỉ tiêu,Tăng,Tăng (exact)\r\nGRDP,\"6,52%\",6.52\r\n",
//! );
//! ```

use baocao_plugin_api::{
    Block, Document, ExportError, Exporter, Inline, Metadata, Table, plain_text,
};
use serde::Deserialize;

/// How the file is written; read from the department's configuration as a
/// JSON object, every field defaulting when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Start the file with a UTF-8 byte order mark.
    pub bom: bool,
}

/// The exporter: [`export_plugin!`](baocao_plugin_api::export_plugin) makes
/// it the entry point of the shared library.
#[derive(Debug, Default, Clone, Copy)]
pub struct CsvExporter;

impl Exporter for CsvExporter {
    type Options = Options;

    const METADATA: Metadata = Metadata {
        name: "CSV tables",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "csv",
        extension: "csv",
        mime_type: "text/csv; charset=utf-8",
    };

    fn render(&self, doc: &Document<'_>, options: &Options) -> Result<Vec<u8>, ExportError> {
        render(doc, options).map(String::into_bytes)
    }
}

baocao_plugin_api::export_plugin!(CsvExporter);

/// Renders the tables of a document as CSV.
///
/// # Errors
///
/// When the document has no table.
pub fn render(doc: &Document<'_>, options: &Options) -> Result<String, ExportError> {
    let tables: Vec<&Table<'_>> = doc
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table),
            // Blocks other than tables, including kinds added to the
            // document model after this plugin was built, are not data.
            _ => None,
        })
        .collect();
    if tables.is_empty() {
        return Err(ExportError::new("the report has no tables to write as CSV"));
    }
    let mut csv = Csv::default();
    if options.bom {
        csv.out.push('\u{feff}');
    }
    let exact = exact_label(&doc.language);
    for (i, table) in tables.into_iter().enumerate() {
        if i > 0 {
            csv.out.push_str("\r\n");
        }
        write_table(&mut csv, table, exact);
    }
    Ok(csv.out)
}

/// The words after a header for the column of exact values.
fn exact_label(language: &str) -> &'static str {
    match language.split('-').next() {
        Some(primary) if primary.eq_ignore_ascii_case("vi") => "giá trị chính xác",
        _ => "exact",
    }
}

fn write_table(csv: &mut Csv, table: &Table<'_>, exact_label: &str) {
    let width = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    // A column gets a column of exact values when any of its cells holds a
    // figure that has one.
    let has_exact: Vec<bool> = (0..width)
        .map(|col| {
            table.rows.iter().any(|row| {
                row.get(col)
                    .is_some_and(|cell| !exact_values(cell).is_empty())
            })
        })
        .collect();

    if !table.caption.is_empty() {
        csv.record([table.caption.to_string()]);
    }
    if !table.header.is_empty() {
        let mut fields = Vec::new();
        for (col, exact) in has_exact.iter().enumerate() {
            let header = table.header.get(col).map_or("", |h| h);
            fields.push(header.to_owned());
            if *exact {
                fields.push(format!("{header} ({exact_label})"));
            }
        }
        csv.record(fields);
    }
    for row in &table.rows {
        let mut fields = Vec::new();
        for (col, exact) in has_exact.iter().enumerate() {
            let cell = row.get(col).map_or(&[][..], Vec::as_slice);
            fields.push(plain_text(cell));
            if *exact {
                fields.push(exact_values(cell));
            }
        }
        csv.record(fields);
    }
    if !table.note.is_empty() {
        csv.record([table.note.to_string()]);
    }
}

/// The exact values of a cell's figures, separated by spaces.
fn exact_values(cell: &[Inline<'_>]) -> String {
    let values: Vec<&str> = cell
        .iter()
        .filter_map(|inline| match inline {
            Inline::Figure { exact, .. } if !exact.is_empty() => Some(exact.as_ref()),
            _ => None,
        })
        .collect();
    values.join(" ")
}

/// CSV text being written.
#[derive(Default)]
struct Csv {
    out: String,
}

impl Csv {
    /// Writes one record, quoting each field that needs it, and ends it with CRLF.
    fn record(&mut self, fields: impl IntoIterator<Item = String>) {
        for (i, field) in fields.into_iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            if field.contains(['"', ',', '\r', '\n']) {
                self.out.push('"');
                self.out.push_str(&field.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(&field);
            }
        }
        self.out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::*;

    fn doc_with(tables: Vec<Table<'static>>) -> Document<'static> {
        let mut doc = Document::default();
        doc.blocks.push(Block::Paragraph {
            content: vec![Inline::text("Not data.")],
        });
        doc.blocks.extend(tables.into_iter().map(Block::Table));
        doc
    }

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let doc = doc_with(vec![Table {
            header: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            rows: vec![vec![
                vec![Inline::text("say \"hi\"")],
                vec![Inline::text("1,5")],
                vec![Inline::text("two\nlines")],
                vec![Inline::text("plain")],
            ]],
            ..Table::default()
        }]);
        assert_eq!(
            render(&doc, &Options::default()).unwrap(),
            "a,b,c,d\r\n\"say \"\"hi\"\"\",\"1,5\",\"two\nlines\",plain\r\n"
        );
    }

    #[test]
    fn caption_note_ragged_rows_and_a_second_table() {
        let first = Table {
            caption: "Bảng 1".into(),
            header: vec!["Chỉ tiêu".into(), "2024".into()],
            rows: vec![
                vec![
                    vec![Inline::text("GRDP")],
                    vec![Inline::figure("6,52", "6.52", "")],
                ],
                vec![vec![Inline::text("Only a name")]],
            ],
            note: "Đơn vị: %".into(),
            ..Table::default()
        };
        let second = Table {
            header: vec!["x".into()],
            rows: vec![vec![vec![Inline::text("y")]]],
            ..Table::default()
        };
        let mut doc = doc_with(vec![first, second]);
        doc.language = "vi".into();
        assert_eq!(
            render(&doc, &Options::default()).unwrap(),
            "Bảng 1\r\n\
             Chỉ tiêu,2024,2024 (giá trị chính xác)\r\n\
             GRDP,\"6,52\",6.52\r\n\
             Only a name,,\r\n\
             Đơn vị: %\r\n\
             \r\n\
             x\r\n\
             y\r\n"
        );
    }

    #[test]
    fn a_byte_order_mark_when_asked() {
        let doc = doc_with(vec![Table {
            header: vec!["a".into()],
            ..Table::default()
        }]);
        assert_eq!(
            render(&doc, &Options { bom: true }).unwrap(),
            "\u{feff}a\r\n"
        );
    }

    #[test]
    fn a_report_without_tables_is_an_error() {
        let err = render(&doc_with(Vec::new()), &Options::default()).unwrap_err();
        assert_eq!(err.to_string(), "the report has no tables to write as CSV");
    }
}
