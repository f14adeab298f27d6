//! The format-agnostic report `Document`.
//!
//! This is the hand-off point of the pipeline: the narrative layer
//! (`baocao-narrative`) builds a [`Document`] from figures and templates, and
//! every exporter (Markdown, HTML, DOCX-like text, third-party plugins) turns
//! a `Document` into bytes. Exporters never see figures, templates or
//! datasets, so a new output format needs nothing but this module.
//!
//! It lives in the SDK so that the SDK is one crate that builds on its own
//! (a plugin author copies or depends on this folder alone); baocao's own
//! crates reach it through `baocao-document`, which re-exports it (see
//! `docs/ARCHITECTURE.md`).
//!
//! The model is plain serde data. It crosses the plugin boundary as JSON, so
//! it follows one rule: **the schema only grows by adding fields with
//! defaults** (`#[serde(default)]`), never by renaming or removing, and
//! unknown fields are ignored when decoding; **a kind is added only with a
//! fallback**, which a plugin built before it prints in its place (see
//! `read.rs`). Text is `Cow<str>` so that a
//! plugin can decode a document borrowing its strings from the input bytes.
//!
//! This module must never depend on the rest of the SDK: the ABI is built
//! on the model, not the other way round, and baocao's own crates use the
//! model without the ABI.
//!
//! ```
//! use baocao_plugin_api::document::{Block, Document, Inline};
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

mod chart;
mod read;

use std::borrow::Cow;

pub use chart::{Chart, ChartKind, Point, Series};

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
    /// A list; each item is one line of inline content.
    List {
        /// The items, in order.
        #[serde(borrow, default)]
        items: Vec<Vec<Inline<'a>>>,
        /// How the items are marked: "-" (the default), "a)", "1.".
        /// A later addition: a plugin built before it reads every list as bulleted.
        #[serde(default, skip_serializing_if = "ListStyle::is_bullet")]
        style: ListStyle,
    },
    /// A table of figures.
    Table(#[serde(borrow)] Table<'a>),
    /// A chart of figures. A later addition with a fallback (the table of
    /// its figures), which a plugin built before it prints in its place.
    Chart(#[serde(borrow)] Chart<'a>),
    /// The rest of the report starts on a new page. A later addition, without a
    /// fallback: a plugin built before prints nothing in its place.
    PageBreak {},
}

/// How the items of a list are marked, as official reports mark them; a
/// style of a newer version reads as `Bullet`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// "- " before each item.
    #[default]
    Bullet,
    /// "a) ", "b) ", … (after "z)": "aa)", "ab)", …).
    Letter,
    /// "1. ", "2. ", …
    Number,
}

impl ListStyle {
    /// Whether this is the default style (not written in JSON).
    pub fn is_bullet(&self) -> bool {
        *self == ListStyle::Bullet
    }

    /// The marker of the item at `index` (from 0), without the space after
    /// it: "-", "c)", "3.".
    pub fn marker(self, index: usize) -> String {
        match self {
            ListStyle::Bullet => "-".to_owned(),
            ListStyle::Letter => format!("{})", letters(index)),
            ListStyle::Number => format!("{}.", index.saturating_add(1)),
        }
    }
}

/// The Vietnamese letter numbering of a point: 0 → "a", 25 → "z", 26 → "aa".
/// Vietnamese documents number with the 26 Latin letters, not đ.
fn letters(index: usize) -> String {
    const A: u8 = b'a';
    let mut n = index;
    let mut out = Vec::new();
    loop {
        // n % 26 < 26, so the byte is a letter.
        out.push(char::from(
            A.saturating_add(u8::try_from(n % 26).unwrap_or(0)),
        ));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

/// A table: a caption, a header row and body rows of inline cells.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table<'a> {
    /// Printed above the table; may be empty.
    #[serde(borrow)]
    pub caption: Cow<'a, str>,
    /// The unit line printed above the table on the right ("Đơn vị tính: %");
    /// may be empty. A later addition.
    #[serde(borrow, skip_serializing_if = "str::is_empty")]
    pub unit: Cow<'a, str>,
    /// Headings over groups of columns, a row above `header` ("Năm 2024"
    /// over the plan and the estimate); empty for a table of one header row.
    /// Each group covers `span` columns, left to right; a group with no text
    /// leaves its columns' headings to reach up through both rows. A later addition:
    /// a plugin built before it prints `header` alone.
    #[serde(borrow, skip_serializing_if = "Vec::is_empty")]
    pub header_groups: Vec<HeaderGroup<'a>>,
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

/// A heading over `span` adjacent columns of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeaderGroup<'a> {
    /// The heading; empty when the columns under it have their heading alone.
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// How many columns it covers (at least 1).
    pub span: u32,
}

impl Default for HeaderGroup<'_> {
    fn default() -> Self {
        HeaderGroup {
            text: Cow::Borrowed(""),
            span: 1,
        }
    }
}

impl<'a> HeaderGroup<'a> {
    /// A group heading over `span` columns.
    pub fn new(text: impl Into<Cow<'a, str>>, span: u32) -> Self {
        HeaderGroup {
            text: text.into(),
            span,
        }
    }
}

impl Table<'_> {
    /// The header groups with their first column (from 0) and width, made
    /// to cover exactly the table's columns: a span of 0 counts as 1, groups
    /// beyond the last column are dropped and cut at it, and columns no
    /// group covers get an empty group each. Empty when the table has none.
    pub fn groups(&self) -> Vec<(usize, usize, &str)> {
        if self.header_groups.is_empty() {
            return Vec::new();
        }
        let columns = self.header.len();
        let mut out = Vec::new();
        let mut at = 0usize;
        for g in &self.header_groups {
            if at >= columns {
                break;
            }
            let span = usize::try_from(g.span.max(1))
                .unwrap_or(usize::MAX)
                .min(columns - at);
            out.push((at, span, g.text.as_ref()));
            at += span;
        }
        while at < columns {
            out.push((at, 1, ""));
            at += 1;
        }
        out
    }
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
        /// Where the figure came from, for readers who check, in the
        /// report's language ("Số báo cáo, data/hanoi.toml dòng 54",
        /// "Tính: đóng góp ngành công nghiệp ÷ tăng trưởng GRDP × 100").
        #[serde(borrow, default)]
        provenance: Cow<'a, str>,
        /// The same, as data, for exporters that show it their own way.
        /// A later addition: absent from documents of earlier versions,
        /// and a plugin built before it never sees it.
        #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
        source: Option<Box<Source<'a>>>,
    },
    /// Emphasised text: bold, italic or both ("**…**" and "*…*" in notes).
    /// A later addition: a plugin built before it prints the text plainly.
    Styled {
        /// The text (NFC).
        #[serde(borrow)]
        text: Cow<'a, str>,
        /// Bold.
        #[serde(default, skip_serializing_if = "is_false")]
        bold: bool,
        /// Italic.
        #[serde(default, skip_serializing_if = "is_false")]
        italic: bool,
    },
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where a figure came from, as data ([`Inline::Figure::source`]). Paths
/// are relative to the department's folder (or a file's name alone, for a
/// file outside it): never a path of the machine that made the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Source<'a> {
    /// `reported` (written in the dataset), `derived` (computed from
    /// other figures), `residual` (the one part of a whole missing: the
    /// whole less the others) or `target` (a plan of the dataset's).
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    /// The indicator's id (`industry`).
    #[serde(borrow)]
    pub indicator: Cow<'a, str>,
    /// The measure (`growth`, `contribution`, …; `target` for a plan).
    #[serde(borrow)]
    pub measure: Cow<'a, str>,
    /// The period (`2024`, `2024-Q1`).
    #[serde(borrow)]
    pub period: Cow<'a, str>,
    /// The dataset file it was written in (reported figures and targets),
    /// relative to the department's folder; empty for derived figures.
    #[serde(borrow, skip_serializing_if = "str::is_empty")]
    pub file: Cow<'a, str>,
    /// Its 1-based line in `file`; 0 when none (a derived figure, a cell
    /// of a table: `file` then names the cell).
    #[serde(skip_serializing_if = "is_zero")]
    pub line: u32,
    /// The engine's rule (`share_from_contribution`).
    #[serde(borrow)]
    pub rule: Cow<'a, str>,
    /// The formula in the report's language, with the figures' names
    /// ("đóng góp ngành công nghiệp ÷ tăng trưởng GRDP × 100"); empty for
    /// a figure written in the dataset.
    #[serde(borrow, skip_serializing_if = "str::is_empty")]
    pub formula: Cow<'a, str>,
    /// The figures it was computed from, as `indicator.measure`.
    #[serde(borrow, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<Cow<'a, str>>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Source<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Source<'static> {
        fn own(s: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(s.into_owned())
        }
        Source {
            kind: own(self.kind),
            indicator: own(self.indicator),
            measure: own(self.measure),
            period: own(self.period),
            file: own(self.file),
            line: self.line,
            rule: own(self.rule),
            formula: own(self.formula),
            inputs: self.inputs.into_iter().map(own).collect(),
        }
    }
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
            source: None,
        }
    }

    /// A figure run with where it came from as data too.
    pub fn sourced_figure(
        text: impl Into<Cow<'a, str>>,
        exact: impl Into<Cow<'a, str>>,
        provenance: impl Into<Cow<'a, str>>,
        source: Source<'a>,
    ) -> Self {
        Inline::Figure {
            text: text.into(),
            exact: exact.into(),
            provenance: provenance.into(),
            source: Some(Box::new(source)),
        }
    }

    /// An emphasised run.
    pub fn styled(text: impl Into<Cow<'a, str>>, bold: bool, italic: bool) -> Self {
        Inline::Styled {
            text: text.into(),
            bold,
            italic,
        }
    }

    /// The run as a reader sees it.
    pub fn as_str(&self) -> &str {
        match self {
            Inline::Text { text } | Inline::Figure { text, .. } | Inline::Styled { text, .. } => {
                text
            }
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
            Block::List { items, .. } => items
                .iter()
                .map(|item| plain_text(item))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::PageBreak {} => String::new(),
            Block::Table(table) => {
                let mut lines = vec![table.header.join("\t")];
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|c| plain_text(c)).collect();
                    lines.push(cells.join("\t"));
                }
                lines.join("\n")
            }
            Block::Chart(chart) => {
                let mut lines = vec![chart.title.to_string()];
                lines.extend(chart.fallback.iter().map(Block::plain_text));
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
            blocks: self.blocks.into_iter().map(Block::into_owned).collect(),
        }
    }
}

fn own(s: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(s.into_owned())
}

fn own_inlines(v: Vec<Inline<'_>>) -> Vec<Inline<'static>> {
    v.into_iter().map(Inline::into_owned).collect()
}

impl Inline<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Inline<'static> {
        match self {
            Inline::Text { text } => Inline::Text { text: own(text) },
            Inline::Figure {
                text,
                exact,
                provenance,
                source,
            } => Inline::Figure {
                text: own(text),
                exact: own(exact),
                provenance: own(provenance),
                source: source.map(|s| Box::new(s.into_owned())),
            },
            Inline::Styled { text, bold, italic } => Inline::Styled {
                text: own(text),
                bold,
                italic,
            },
        }
    }
}

impl Block<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Block<'static> {
        match self {
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
            Block::List { items, style } => Block::List {
                items: items.into_iter().map(own_inlines).collect(),
                style,
            },
            Block::PageBreak {} => Block::PageBreak {},
            Block::Table(t) => Block::Table(Table {
                caption: own(t.caption),
                unit: own(t.unit),
                header_groups: t
                    .header_groups
                    .into_iter()
                    .map(|g| HeaderGroup {
                        text: own(g.text),
                        span: g.span,
                    })
                    .collect(),
                header: t.header.into_iter().map(own).collect(),
                align: t.align,
                rows: t
                    .rows
                    .into_iter()
                    .map(|r| r.into_iter().map(own_inlines).collect())
                    .collect(),
                note: own(t.note),
            }),
            Block::Chart(c) => Block::Chart(c.into_owned()),
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

    #[test]
    fn list_markers() {
        let m: Vec<String> = [0, 1, 25, 26, 27, 701, 702]
            .iter()
            .map(|&i| ListStyle::Letter.marker(i))
            .collect();
        assert_eq!(m, ["a)", "b)", "z)", "aa)", "ab)", "zz)", "aaa)"]);
        assert_eq!(ListStyle::Number.marker(9), "10.");
        assert_eq!(ListStyle::Bullet.marker(3), "-");
    }

    #[test]
    fn header_groups_cover_exactly_the_columns() {
        let mut t = Table {
            header: vec!["a".into(), "b".into(), "c".into(), "d".into()],
            ..Table::default()
        };
        assert!(t.groups().is_empty());
        t.header_groups = vec![HeaderGroup::new("", 0), HeaderGroup::new("Năm 2024", 2)];
        assert_eq!(t.groups(), [(0, 1, ""), (1, 2, "Năm 2024"), (3, 1, "")]);
        t.header_groups = vec![
            HeaderGroup::new("x", 3),
            HeaderGroup::new("y", 9),
            HeaderGroup::new("z", 1),
        ];
        assert_eq!(t.groups(), [(0, 3, "x"), (3, 1, "y")]);
    }
}
