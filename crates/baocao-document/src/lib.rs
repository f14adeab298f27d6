//! The format-agnostic report `Document`.
//!
//! This is the hand-off point of the pipeline: the narrative layer
//! (`baocao-narrative`) builds a [`Document`] from figures and templates, and
//! every exporter (Markdown, HTML, DOCX-like text, third-party plugins) turns
//! a `Document` into bytes. Exporters never see figures, templates or
//! datasets, so a new output format needs nothing but this crate.
//!
//! The model is plain serde data. It crosses the plugin boundary as JSON, so
//! it follows one rule: **the schema only grows by adding fields with
//! defaults** (`#[serde(default)]`), never by renaming or removing, and
//! unknown fields are ignored when decoding; **a kind is added only with a
//! fallback**, which a plugin built before it prints in its place (see
//! `read.rs`). Text is `Cow<str>` so that a
//! plugin can decode a document borrowing its strings from the input bytes.
//!
//! This crate must never depend on any other baocao crate.
//!
//! ```
//! use baocao_document::{Block, Document, Inline};
//!
//! let mut doc = Document::default();
//! doc.blocks.push(Block::Paragraph {
//!     content: vec![
//!         Inline::text("Chỉ số IIP ước tăng "),
//!         Inline::figure("5,9%", "5.9", "growth = index − 100 (derived)"),
//!         Inline::text("."),
//!     ],
//! });
//! assert_eq!(doc.blocks[0].plain_text(), "Chỉ số IIP ước tăng 5,9%.");
//! ```

mod read;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// A whole report: what is printed around the body, and the body.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document<'a> {
    /// The document's language as a BCP 47 tag (`vi`, `en`).
    #[serde(borrow)]
    pub language: Cow<'a, str>,
    /// Header block, title, signature and recipients.
    #[serde(borrow)]
    pub meta: Meta<'a>,
    /// The body, in reading order. A block of a kind this version does not
    /// know is read as its fallback (see `read.rs`).
    #[serde(borrow, deserialize_with = "read::blocks")]
    pub blocks: Vec<Block<'a>>,
}

/// Everything printed around the body of an official report
/// (Nghị định 30/2020/NĐ-CP): the two-column header, the title and subject,
/// the signature block and the list of recipients.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Meta<'a> {
    /// Governing authority, left column line 1 ("UBND THÀNH PHỐ HÀ NỘI").
    #[serde(borrow)]
    pub authority: Cow<'a, str>,
    /// Issuing department, left column line 2 ("SỞ CÔNG THƯƠNG").
    #[serde(borrow)]
    pub department: Cow<'a, str>,
    /// Document number line, left column line 3 ("Số: …/BC-SCT").
    #[serde(borrow)]
    pub number: Cow<'a, str>,
    /// National title, right column line 1.
    #[serde(borrow)]
    pub nation: Cow<'a, str>,
    /// National motto, right column line 2.
    #[serde(borrow)]
    pub motto: Cow<'a, str>,
    /// Place and date, right column line 3 ("Hà Nội, ngày 05 tháng 01 năm 2025").
    #[serde(borrow)]
    pub place_date: Cow<'a, str>,
    /// The kind of document, centred ("BÁO CÁO").
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// The subject under the title (trích yếu).
    #[serde(borrow)]
    pub subject: Cow<'a, str>,
    /// Where the figures come from, printed as a source note when present.
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    /// The signature block.
    #[serde(borrow)]
    pub signature: Signature<'a>,
    /// Heading of the recipients list ("Nơi nhận:").
    #[serde(borrow)]
    pub recipients_label: Cow<'a, str>,
    /// Recipients, each already written as it is printed ("- Bộ Công Thương;").
    #[serde(borrow)]
    pub recipients: Vec<Cow<'a, str>>,
}

/// The signer, printed at the end on the right.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Signature<'a> {
    /// Lines of the signer's authority, in capitals ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC").
    #[serde(borrow)]
    pub titles: Vec<Cow<'a, str>>,
    /// The signer's full name.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
}

/// A block of the body. Decoding is by hand (`read.rs`), so that a kind of
/// a newer version is read as its fallback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block<'a> {
    /// A numbered heading. Level 1 is a section (I., II.), level 2 an item
    /// (1., 2.), level 3 a point (a), b)).
    Heading {
        /// 1 to 3.
        level: u8,
        /// The number as printed ("I.", "2.", "a)"), empty when unnumbered.
        #[serde(borrow, default)]
        number: Cow<'a, str>,
        /// The heading's text.
        #[serde(borrow, default)]
        content: Vec<Inline<'a>>,
    },
    /// A body paragraph.
    Paragraph {
        /// The paragraph's text and figures.
        #[serde(borrow, default)]
        content: Vec<Inline<'a>>,
    },
    /// A bulleted list; each item is one line of inline content.
    List {
        /// The items, in order.
        #[serde(borrow, default)]
        items: Vec<Vec<Inline<'a>>>,
    },
    /// A table of figures.
    Table(#[serde(borrow)] Table<'a>),
}

/// A table: a caption, a header row and body rows of inline cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table<'a> {
    /// Printed above the table; may be empty.
    #[serde(borrow)]
    pub caption: Cow<'a, str>,
    /// Column headings.
    #[serde(borrow)]
    pub header: Vec<Cow<'a, str>>,
    /// How each column is aligned; missing entries mean [`Align::Left`].
    pub align: Vec<Align>,
    /// Body rows; each row has one cell per column.
    #[serde(borrow)]
    pub rows: Vec<Vec<Vec<Inline<'a>>>>,
    /// Printed under the table (units, sources); may be empty.
    #[serde(borrow)]
    pub note: Cow<'a, str>,
}

/// Horizontal alignment of a table column; an alignment of a newer version
/// reads as `Left`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    /// Text columns.
    #[default]
    Left,
    /// Centred columns (units).
    Center,
    /// Number columns.
    Right,
}

/// A run of inline content. Decoding is by hand (`read.rs`), so that a
/// kind of a newer version is read as its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Inline<'a> {
    /// Plain text, to be escaped by the exporter as its format requires.
    Text {
        /// The text (NFC).
        #[serde(borrow)]
        text: Cow<'a, str>,
    },
    /// A figure as printed, with the exact value and where it came from.
    Figure {
        /// The figure as printed, locale-formatted and rounded ("6,52%").
        #[serde(borrow)]
        text: Cow<'a, str>,
        /// The exact decimal value, dot separated ("6.52").
        #[serde(borrow, default)]
        exact: Cow<'a, str>,
        /// Where the figure came from, for readers who check
        /// ("reported in data/hanoi.toml:42" or a formula).
        #[serde(borrow, default)]
        provenance: Cow<'a, str>,
    },
}

impl<'a> Inline<'a> {
    /// A text run.
    pub fn text(text: impl Into<Cow<'a, str>>) -> Self {
        Inline::Text { text: text.into() }
    }

    /// A figure run.
    pub fn figure(
        text: impl Into<Cow<'a, str>>,
        exact: impl Into<Cow<'a, str>>,
        provenance: impl Into<Cow<'a, str>>,
    ) -> Self {
        Inline::Figure {
            text: text.into(),
            exact: exact.into(),
            provenance: provenance.into(),
        }
    }

    /// The run as a reader sees it.
    pub fn as_str(&self) -> &str {
        match self {
            Inline::Text { text } | Inline::Figure { text, .. } => text,
        }
    }
}

/// The text of a run of inlines, as a reader sees it.
pub fn plain_text(content: &[Inline<'_>]) -> String {
    content.iter().map(Inline::as_str).collect()
}

impl Block<'_> {
    /// The block's text as a reader sees it, without any markup; list items
    /// and table rows are separated by newlines, table cells by tabs.
    pub fn plain_text(&self) -> String {
        match self {
            Block::Heading {
                number, content, ..
            } => {
                if number.is_empty() {
                    plain_text(content)
                } else {
                    format!("{number} {}", plain_text(content))
                }
            }
            Block::Paragraph { content } => plain_text(content),
            Block::List { items } => items
                .iter()
                .map(|item| plain_text(item))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table(table) => {
                let mut lines = vec![table.header.join("\t")];
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|c| plain_text(c)).collect();
                    lines.push(cells.join("\t"));
                }
                lines.join("\n")
            }
        }
    }
}

impl Document<'_> {
    /// The whole body as plain text, one block per paragraph.
    pub fn plain_text(&self) -> String {
        self.blocks
            .iter()
            .map(Block::plain_text)
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// A copy that owns all its text, detached from the bytes it was decoded from.
    pub fn into_owned(self) -> Document<'static> {
        fn own(s: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(s.into_owned())
        }
        fn own_inlines(v: Vec<Inline<'_>>) -> Vec<Inline<'static>> {
            v.into_iter()
                .map(|i| match i {
                    Inline::Text { text } => Inline::Text { text: own(text) },
                    Inline::Figure {
                        text,
                        exact,
                        provenance,
                    } => Inline::Figure {
                        text: own(text),
                        exact: own(exact),
                        provenance: own(provenance),
                    },
                })
                .collect()
        }
        let m = self.meta;
        Document {
            language: own(self.language),
            meta: Meta {
                authority: own(m.authority),
                department: own(m.department),
                number: own(m.number),
                nation: own(m.nation),
                motto: own(m.motto),
                place_date: own(m.place_date),
                title: own(m.title),
                subject: own(m.subject),
                source: own(m.source),
                signature: Signature {
                    titles: m.signature.titles.into_iter().map(own).collect(),
                    name: own(m.signature.name),
                },
                recipients_label: own(m.recipients_label),
                recipients: m.recipients.into_iter().map(own).collect(),
            },
            blocks: self
                .blocks
                .into_iter()
                .map(|b| match b {
                    Block::Heading {
                        level,
                        number,
                        content,
                    } => Block::Heading {
                        level,
                        number: own(number),
                        content: own_inlines(content),
                    },
                    Block::Paragraph { content } => Block::Paragraph {
                        content: own_inlines(content),
                    },
                    Block::List { items } => Block::List {
                        items: items.into_iter().map(own_inlines).collect(),
                    },
                    Block::Table(t) => Block::Table(Table {
                        caption: own(t.caption),
                        header: t.header.into_iter().map(own).collect(),
                        align: t.align,
                        rows: t
                            .rows
                            .into_iter()
                            .map(|r| r.into_iter().map(own_inlines).collect())
                            .collect(),
                        note: own(t.note),
                    }),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_borrows_plain_strings() {
        let mut doc = Document {
            language: "vi".into(),
            ..Document::default()
        };
        doc.meta.title = "BÁO CÁO".into();
        doc.blocks.push(Block::Heading {
            level: 1,
            number: "I.".into(),
            content: vec![Inline::text("KẾT QUẢ")],
        });
        doc.blocks.push(Block::Table(Table {
            header: vec!["Chỉ tiêu".into(), "%".into()],
            align: vec![Align::Left, Align::Right],
            rows: vec![vec![
                vec![Inline::text("GRDP")],
                vec![Inline::figure("6,52", "6.52", "reported")],
            ]],
            ..Table::default()
        }));
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document<'_> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
        // "vi" has no escapes, so it is borrowed from the JSON text
        assert!(matches!(back.language, Cow::Borrowed(_)));
        assert_eq!(back.clone().into_owned(), doc);
    }

    #[test]
    fn unknown_fields_are_ignored_and_missing_ones_default() {
        let json = r#"{"language":"vi","future_field":1,"blocks":[{"paragraph":{"content":[{"text":{"text":"a"}}]}}]}"#;
        let doc: Document<'_> = serde_json::from_str(json).unwrap();
        assert_eq!(doc.plain_text(), "a");
        assert!(doc.meta.title.is_empty());
    }
}
