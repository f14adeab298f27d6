//! Markdown exporter: a report [`Document`] as CommonMark with GFM tables.
//!
//! This crate sits at a leaf of the pipeline, after the narrative layer has
//! built the [`Document`]: [`render`] is a pure function from that document
//! to the text of a `.md` file. It must never depend on anything but
//! `baocao-plugin-api` (the SDK, which holds the document model) and `std`
//! (no other baocao crate, no third-party crate): it is meant to be loaded
//! as a runtime plugin behind a C ABI.
//!
//! # What the output looks like
//!
//! - The letterhead as two short paragraphs of lines (hard breaks `"  \n"`):
//!   the agency (authority, **department**, number) and the nation
//!   (**nation**, **motto**, *place and date*). Then `# BÁO CÁO`, the subject
//!   in bold, the body, the source note in italics, then the closing: the
//!   recipients ("Nơi nhận:" in bold italics, each recipient on a line of
//!   its own), then the signature (titles and name in bold). The official
//!   layout sets the two side by side, recipients on the left; a linear
//!   format reads that row left to right, so the recipients come first, as
//!   they do in the HTML source and the text exporter's row. Empty fields
//!   leave no trace, so a document without meta gives just its body.
//! - Headings: level 1 → `## I. TEXT`, level 2 → `### 1. Text`,
//!   level 3 → `#### a) Text`.
//! - Every block is one line (no hard wrapping), blocks are separated by a
//!   blank line.
//! - Emphasis: bold `**…**`, italic `*…*`, both `***…***`, in paragraphs,
//!   headings, list items and table cells. A run whose markers CommonMark
//!   would not read as emphasis (punctuation at its edge touching a letter
//!   outside, or another styled run touching it) is printed plainly; see
//!   `src/emphasis.rs`.
//! - Lists: bulleted `- item`; numbered as a real ordered list `1. item`;
//!   lettered as lines `a) item` joined by hard breaks in one paragraph,
//!   since Markdown has no lettered lists and `a)` at the start of a line is
//!   plain text that reads exactly as the report prints it. Blank items are
//!   left out, and the others lettered or numbered in order.
//! - Tables are GFM pipe tables, padded so that columns line up in a
//!   terminal, with the caption in bold above, the unit line
//!   ("Đơn vị tính: %") in italics under the caption and the note in italics
//!   below. Header groups are written into the headings (see [`Flavour`]).
//! - A page break is an HTML comment, `<!-- page break -->`, on a line of its
//!   own: renderers show nothing (Markdown has no pages), and whoever reads
//!   the source or converts it to print still sees where the report starts
//!   a new page.
//! - Figures print their text only: Markdown has no place for provenance.
//!
//! # Escaping
//!
//! Text comes from data and from notes written by people, so every character
//! Markdown would interpret is backslash-escaped where it would be
//! interpreted: `\ * _ [ ] < > | ` ~ $` everywhere, `&` when it would start
//! an entity, `#` in headings, and at the start of a line `- + = # :` and
//! the `.`/`)` of "2024. …". Ordinary punctuation stays as it is. Text reads
//! back as written, except that line breaks and tabs become spaces, other
//! control characters become U+FFFD, and leading and trailing whitespace is
//! dropped.
//!
//! ```
//! use baocao_plugin_api::{Block, Document, Inline};
//!
//! let mut doc = Document::default();
//! doc.blocks.push(Block::Heading {
//!     level: 1,
//!     number: "I.".into(),
//!     content: vec![Inline::text("KẾT QUẢ NĂM 2024")],
//! });
//! doc.blocks.push(Block::Paragraph {
//!     content: vec![
//!         Inline::text("Chỉ số IIP ước tăng "),
//!         Inline::figure("5,9%", "5.9", "reported"),
//!         Inline::text(" *so với* năm 2023."),
//!     ],
//! });
//! assert_eq!(
//!     baocao_markdown::render(&doc),
//!     "## I. KẾT QUẢ NĂM 2024\n\nChỉ số IIP ước tăng 5,9% \\*so với\\* năm 2023.\n",
//! );
//! ```

mod escape;

mod emphasis;

use baocao_plugin_api::{Align, Block, Document, Inline, ListStyle, Meta, Table, plain_text};

use crate::escape::{Place, clean, escape};

/// Which Markdown to write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flavour {
    /// CommonMark with GitHub's pipe tables.
    ///
    /// A pipe table has one header row and no cell spanning columns, so a
    /// table's header groups ("Năm 2024" over "Kế hoạch" and "Ước thực
    /// hiện") are written into the headings under them: "Năm 2024: Kế
    /// hoạch", "Năm 2024: Ước thực hiện". Each heading then names its column
    /// fully, which is what a reader of one column (or a screen reader) needs;
    /// a group without text leaves its headings as they are.
    #[default]
    Gfm,
    /// Strict CommonMark, which has no tables: a table is written as an
    /// indented code block, aligned as the text exporter would. Header
    /// groups are a row of their own above the headings, each group's text
    /// centred over its columns.
    Commonmark,
}

/// The Markdown exporter's options (`[formats.options.md]` of a department).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// `gfm` (default) or `commonmark`.
    pub flavour: Flavour,
}

/// Renders a document as CommonMark with GFM tables.
///
/// The result ends with a newline, or is empty for an empty document.
pub fn render(doc: &Document<'_>) -> String {
    render_with(doc, &Options::default())
}

/// Renders a document as Markdown of the chosen flavour.
pub fn render_with(doc: &Document<'_>, options: &Options) -> String {
    let mut out = Markdown::default();
    letterhead(&mut out, &doc.meta);
    for b in &doc.blocks {
        block(&mut out, b, options);
    }
    closing(&mut out, &doc.meta);
    out.finish()
}

/// Writes one block.
fn block(out: &mut Markdown, block: &Block<'_>, options: &Options) {
    match block {
        Block::Heading {
            level,
            number,
            content,
        } => heading(out, *level, number, content),
        Block::Paragraph { content } => out.line(emphasis::line(content, Place::LineStart)),
        Block::List { items, style } => list(out, items, *style),
        Block::Table(table) if options.flavour == Flavour::Commonmark => code_table(out, table),
        Block::Table(table) => self::table(out, table),
        Block::PageBreak {} => out.line(PAGE_BREAK.to_owned()),
        // Markdown draws no picture: a chart is the table of its figures.
        Block::Chart(chart) => {
            for b in &chart.fallback {
                self::block(out, b, options);
            }
        }
        // A block kind added after this exporter was built: its text is
        // better than nothing.
        other => out.line(escape(&clean(&other.plain_text()), Place::LineStart)),
    }
}

/// What a page break is written as: a comment renderers do not show.
const PAGE_BREAK: &str = "<!-- page break -->";

/// The output so far: blocks of Markdown, each one or more lines.
#[derive(Default)]
struct Markdown {
    blocks: Vec<String>,
    /// The marker character of the last block when it is a list: `-` or `*`
    /// for bullets, `.` or `)` for numbers.
    last_bullet: Option<char>,
}

impl Markdown {
    /// Adds a block unless it is empty.
    fn line(&mut self, block: String) {
        if !block.is_empty() {
            self.blocks.push(block);
            self.last_bullet = None;
        }
    }

    /// Adds a bulleted (`numbered` false) or numbered list of items unless
    /// it has none.
    fn list(&mut self, items: &[String], numbered: bool) {
        if items.is_empty() {
            return;
        }
        // Two lists of the same kind in a row would merge into one; a new
        // bullet character (or number delimiter) starts a new list.
        let (usual, other) = if numbered { ('.', ')') } else { ('-', '*') };
        let bullet = if self.last_bullet == Some(usual) {
            other
        } else {
            usual
        };
        let lines: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                if numbered {
                    format!("{}{bullet} {item}", i + 1)
                } else {
                    format!("{bullet} {item}")
                }
            })
            .collect();
        self.line(lines.join("\n"));
        self.last_bullet = Some(bullet);
    }

    /// Adds a paragraph of lines joined by hard breaks, skipping empty lines.
    fn lines(&mut self, lines: impl IntoIterator<Item = String>) {
        let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
        self.line(lines.join("  \n"));
    }

    fn finish(self) -> String {
        if self.blocks.is_empty() {
            return String::new();
        }
        let mut text = self.blocks.join("\n\n");
        text.push('\n');
        text
    }
}

/// How a line of the letterhead or the closing is set.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Bold,
    Italic,
    BoldItalic,
}

/// One escaped line in `style`, or an empty string when `text` is empty.
fn styled(text: &str, style: Style) -> String {
    let text = clean(text);
    if text.is_empty() {
        return text;
    }
    let marker = match style {
        Style::Plain => return escape(&text, Place::LineStart),
        Style::Bold => "**",
        Style::Italic => "*",
        Style::BoldItalic => "***",
    };
    // `clean` trimmed the text, so the markers touch it and always read as
    // emphasis; the text itself cannot contain an unescaped `*`.
    format!("{marker}{}{marker}", escape(&text, Place::Inline))
}

fn letterhead(out: &mut Markdown, meta: &Meta<'_>) {
    out.lines([
        styled(&meta.authority, Style::Plain),
        styled(&meta.department, Style::Bold),
        styled(&meta.number, Style::Plain),
    ]);
    out.lines([
        styled(&meta.nation, Style::Bold),
        styled(&meta.motto, Style::Bold),
        styled(&meta.place_date, Style::Italic),
    ]);
    let title = clean(&meta.title);
    if !title.is_empty() {
        out.line(format!("# {}", escape(&title, Place::Heading)));
    }
    out.line(styled(&meta.subject, Style::Bold));
}

/// The source note, then the row that ends an official report read left to
/// right: the recipients (left cell), then the signature (right cell).
fn closing(out: &mut Markdown, meta: &Meta<'_>) {
    out.line(styled(&meta.source, Style::Italic));
    // Recipients are written as printed ("- Bộ Công Thương;"): lines, not a
    // Markdown list, so their dashes are escaped.
    out.lines(
        std::iter::once(styled(&meta.recipients_label, Style::BoldItalic))
            .chain(meta.recipients.iter().map(|r| styled(r, Style::Plain))),
    );
    out.lines(meta.signature.titles.iter().map(|t| styled(t, Style::Bold)));
    out.line(styled(&meta.signature.name, Style::Bold));
}

fn heading(out: &mut Markdown, level: u8, number: &str, content: &[Inline<'_>]) {
    let mut runs = Vec::with_capacity(content.len() + 2);
    if !number.trim().is_empty() {
        runs.push(Inline::text(number));
        runs.push(Inline::text(" "));
    }
    runs.extend(content.iter().cloned());
    let text = emphasis::line(&runs, Place::Heading);
    if text.is_empty() {
        return;
    }
    // The title is `#`; the model promises levels 1 to 3.
    let hashes = "#".repeat(usize::from(level.clamp(1, 3)) + 1);
    out.line(format!("{hashes} {text}"));
}

fn list(out: &mut Markdown, items: &[Vec<Inline<'_>>], style: ListStyle) {
    let place = match style {
        // After "a) ", nothing of the item starts a line.
        ListStyle::Letter => Place::Inline,
        // A list item's text starts a line of its own inside the item.
        ListStyle::Bullet | ListStyle::Number => Place::LineStart,
    };
    let items: Vec<String> = items
        .iter()
        .map(|item| emphasis::line(item, place))
        .filter(|text| !text.is_empty())
        .collect();
    match style {
        ListStyle::Bullet => out.list(&items, false),
        ListStyle::Number => out.list(&items, true),
        // "a) …" is not a list marker in any Markdown: each item is a line
        // of one paragraph, as the report prints them.
        ListStyle::Letter => out.lines(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| format!("{} {item}", style.marker(i))),
        ),
    }
}

/// The column headings with their group's text written in front
/// ("Năm 2024: Kế hoạch"); see [`Flavour::Gfm`].
fn grouped_headings(table: &Table<'_>) -> Vec<String> {
    let mut headings: Vec<String> = table.header.iter().map(|h| clean(h)).collect();
    for (first, width, text) in table.groups() {
        let group = clean(text);
        if group.is_empty() {
            continue;
        }
        for heading in &mut headings[first..first + width] {
            *heading = if heading.is_empty() {
                group.clone()
            } else {
                format!("{group}: {heading}")
            };
        }
    }
    headings
}

/// A table for strict CommonMark: caption, then the cells in aligned
/// columns inside an indented code block (which CommonMark shows as is, so
/// nothing in it needs escaping), then the note.
fn code_table(out: &mut Markdown, table: &Table<'_>) {
    out.line(styled(&table.caption, Style::Bold));
    out.line(styled(&table.unit, Style::Italic));
    let mut rows: Vec<Vec<String>> = vec![table.header.iter().map(|h| clean(h)).collect()];
    rows.extend(
        table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| clean(&plain_text(c))).collect()),
    );
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths: Vec<usize> = (0..columns)
        .map(|k| {
            rows.iter()
                .filter_map(|r| r.get(k))
                .map(|c| c.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let groups = table.groups();
    // A group's text wider than its columns widens the last of them.
    for &(first, span, text) in &groups {
        let room = widths[first..first + span].iter().sum::<usize>() + 2 * (span - 1);
        let need = clean(text).chars().count();
        if need > room {
            widths[first + span - 1] += need - room;
        }
    }
    let mut block = String::new();
    if groups.iter().any(|(_, _, text)| !clean(text).is_empty()) {
        block.push_str(group_row(&groups, &widths).trim_end());
        block.push('\n');
    }
    for row in &rows {
        let mut line = String::from("    ");
        for (k, width) in widths.iter().enumerate() {
            let cell = row.get(k).map_or("", String::as_str);
            let pad = width.saturating_sub(cell.chars().count());
            let right = table.align.get(k) == Some(&Align::Right);
            if k > 0 {
                line.push_str("  ");
            }
            if right {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        block.push_str(line.trim_end());
        block.push('\n');
    }
    out.line(block.trim_end().to_owned());
    out.line(styled(&table.note, Style::Italic));
}

/// The line of a code-block table that centres each header group's text
/// over its columns (two spaces between columns, as in the rows).
fn group_row(groups: &[(usize, usize, &str)], widths: &[usize]) -> String {
    let mut line = String::from("    ");
    for (i, &(first, span, text)) in groups.iter().enumerate() {
        let room = widths[first..first + span].iter().sum::<usize>() + 2 * (span - 1);
        let text = clean(text);
        let gap = room.saturating_sub(text.chars().count());
        if i > 0 {
            line.push_str("  ");
        }
        line.push_str(&" ".repeat(gap / 2));
        line.push_str(&text);
        line.push_str(&" ".repeat(gap - gap / 2));
    }
    line
}

fn table(out: &mut Markdown, table: &Table<'_>) {
    out.line(styled(&table.caption, Style::Bold));
    out.line(styled(&table.unit, Style::Italic));
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    let blank = table.header.iter().all(|h| clean(h).is_empty())
        && table
            .rows
            .iter()
            .flatten()
            .all(|c| clean(&plain_text(c)).is_empty());
    if !blank {
        let pad = |cells: Vec<String>| {
            let mut cells = cells;
            cells.resize(columns, String::new());
            cells
        };
        let header = pad(grouped_headings(table)
            .iter()
            .map(|h| escape(h, Place::Inline))
            .collect());
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .map(|row| {
                pad(row
                    .iter()
                    .map(|c| emphasis::line(c, Place::Inline))
                    .collect())
            })
            .collect();
        let align: Vec<Align> = (0..columns)
            .map(|i| table.align.get(i).copied().unwrap_or_default())
            .collect();
        // Widths in characters, which is display columns for NFC Vietnamese;
        // padding only helps terminal readers, renderers ignore it.
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                std::iter::once(&header)
                    .chain(&rows)
                    .map(|r| r[i].chars().count())
                    .max()
                    .unwrap_or(0)
                    .max(3)
            })
            .collect();
        let mut lines = vec![table_row(&header, &widths, &align)];
        let delimiter: Vec<String> = widths
            .iter()
            .zip(&align)
            .map(|(&w, a)| match a {
                Align::Left => format!(":{}", "-".repeat(w - 1)),
                Align::Center => format!(":{}:", "-".repeat(w - 2)),
                Align::Right => format!("{}:", "-".repeat(w - 1)),
            })
            .collect();
        lines.push(format!("| {} |", delimiter.join(" | ")));
        lines.extend(rows.iter().map(|r| table_row(r, &widths, &align)));
        out.line(lines.join("\n"));
    }
    out.line(styled(&table.note, Style::Italic));
}

fn table_row(cells: &[String], widths: &[usize], align: &[Align]) -> String {
    let cells: Vec<String> = cells
        .iter()
        .zip(widths)
        .zip(align)
        .map(|((cell, &width), align)| {
            let gap = width.saturating_sub(cell.chars().count());
            let (left, right) = match align {
                Align::Left => (0, gap),
                Align::Center => (gap / 2, gap - gap / 2),
                Align::Right => (gap, 0),
            };
            format!("{}{cell}{}", " ".repeat(left), " ".repeat(right))
        })
        .collect();
    format!("| {} |", cells.join(" | "))
}

/// The exporter as a plugin: `baocao` loads this crate's shared library at
/// run time and calls it through the C ABI of `baocao-plugin-api`.
#[derive(Debug, Default, Clone, Copy)]
pub struct MarkdownExporter;

impl baocao_plugin_api::Exporter for MarkdownExporter {
    type Options = Options;
    const METADATA: baocao_plugin_api::Metadata = baocao_plugin_api::Metadata {
        name: "Markdown",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "md",
        extension: "md",
        mime_type: "text/markdown; charset=utf-8",
    };

    fn render(
        &self,
        doc: &Document<'_>,
        options: &Options,
    ) -> Result<Vec<u8>, baocao_plugin_api::ExportError> {
        Ok(render_with(doc, options).into_bytes())
    }
}

baocao_plugin_api::export_plugin!(MarkdownExporter);
