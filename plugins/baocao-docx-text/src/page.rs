//! The page, top to bottom: header block, title, body, signature.

use std::borrow::Cow;

use baocao_plugin_api::{Block, Document, Inline, Meta, Table, plain_text};

use crate::columns::{Columns, Line, centred, hanging, names_kept, text_room, text_width};
use crate::flow::{Flow, centred_lines, centring, ragged};
use crate::output::Output;
use crate::text::{Word, spaces, words};
use crate::{Options, table};

/// Blank rows left between the signer's title and name for the signature
/// and the seal.
const SIGNATURE_SPACE: usize = 4;

/// The text of a run of inlines, as [`plain_text`] gives it, borrowed when
/// the run is a single inline (most paragraphs without a figure, most
/// table cells), so that its words can borrow from the document.
pub(crate) fn plain<'a>(content: &'a [Inline<'_>]) -> Cow<'a, str> {
    match content {
        [one] => Cow::Borrowed(one.as_str()),
        _ => Cow::Owned(plain_text(content)),
    }
}

/// A page being laid out: sections of lines, one blank line between two
/// sections (the "6 pt between paragraphs" of the spec).
pub(crate) struct Page {
    width: usize,
    indent: String,
    columns: Columns,
    out: Output,
}

impl Page {
    pub(crate) fn new(options: &Options) -> Self {
        Page {
            width: options.width,
            indent: spaces(options.indent),
            columns: Columns::for_width(options.width),
            out: Output::new(),
        }
    }

    /// Lays the whole document out.
    pub(crate) fn document(mut self, doc: &Document<'_>) -> String {
        self.out.reserve(estimate(doc));
        self.header(&doc.meta);
        self.title(&doc.meta);
        for block in &doc.blocks {
            self.block(block);
        }
        self.out.section();
        ragged(&words(&doc.meta.source), self.width, &mut self.out);
        self.end(&doc.meta);
        self.out.finish()
    }

    /// A horizontal rule `len` columns long, as a word so that it can be
    /// centred like text.
    fn rule(len: usize) -> Word<'static> {
        Word::new("─".repeat(len))
    }

    /// The two-column block at the top of the first page.
    ///
    /// It is set as four rows (authority | nation, department | motto,
    /// rule | rule, number | place and date) rather than as two independent
    /// columns: when a line wraps on a narrow page the other column waits
    /// for it, so the two rules and the department and motto stay side by
    /// side.
    fn header(&mut self, meta: &Meta<'_>) {
        let Columns { left, right } = self.columns;
        let department_words = words(&meta.department);
        let department = centred(&department_words, left);
        let department_rule = Self::rule(self.columns.short_rule().min(text_width(&department)));
        let department_rule = if department.is_empty() {
            Vec::new()
        } else {
            centred_rule(&department_rule, left)
        };
        let motto_words = words(&meta.motto);
        let motto = centred(&motto_words, right);
        // The rule under the motto is as long as the motto.
        let motto_rule = Self::rule(text_width(&motto));
        let motto_rule = if motto.is_empty() {
            Vec::new()
        } else {
            centred_rule(&motto_rule, right)
        };
        let (authority, nation) = (words(&meta.authority), words(&meta.nation));
        let (number, place_date) = (words(&meta.number), words(&meta.place_date));
        let rows = [
            (centred(&authority, left), centred(&nation, right)),
            (department, motto),
            (department_rule, motto_rule),
            (centred(&number, left), centred(&place_date, right)),
        ];
        self.out.section();
        for (l, r) in &rows {
            self.columns.side_by_side(l, r, &mut self.out);
        }
    }

    /// "BÁO CÁO", the subject under it, a short rule.
    fn title(&mut self, meta: &Meta<'_>) {
        let (title, subject) = (words(&meta.title), words(&meta.subject));
        self.out.section();
        centred_lines(&title, self.width, &mut self.out);
        centred_lines(&subject, self.width, &mut self.out);
        if !title.is_empty() || !subject.is_empty() {
            let rule = Self::rule(self.columns.short_rule());
            let line = Line {
                lead: centring(rule.width, self.width),
                words: std::slice::from_ref(&rule),
            };
            self.out.line(|text| line.push(text));
        }
    }

    fn block(&mut self, block: &Block<'_>) {
        // Text draws no picture: a chart is the table of its figures.
        if let Block::Chart(chart) = block {
            for b in &chart.fallback {
                self.block(b);
            }
            return;
        }
        let Page {
            width, indent, out, ..
        } = self;
        let width = *width;
        let justified = |out: &mut Output, first: &str, rest: &str, words: &[Word<'_>]| {
            Flow {
                width,
                first,
                rest,
                justify: true,
            }
            .write(words, out);
        };
        out.section();
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let content = plain(content);
                let mut text = words(number);
                text.extend(words(&content));
                // Sections (I., II.) start at the margin; items and points
                // are indented like a paragraph's first line, as Word
                // templates of the Sở set them.
                let first = if *level <= 1 { "" } else { indent };
                justified(out, first, "", &text);
            }
            Block::Paragraph { content } => {
                justified(out, indent, "", &words(&plain(content)));
            }
            Block::List { items, style } => {
                // "- ", "a) " or "1. " at the paragraph indent, wrapped
                // lines hang under the text so the markers stand out. Blank
                // items are left out and the others marked in order.
                let texts: Vec<Cow<'_, str>> = items.iter().map(|item| plain(item)).collect();
                let items = texts
                    .iter()
                    .map(|text| words(text))
                    .filter(|item| !item.is_empty());
                for (i, item) in items.enumerate() {
                    let first = format!("{indent}{} ", style.marker(i));
                    let rest = spaces(crate::text::width(&first));
                    justified(out, &first, &rest, &item);
                }
            }
            Block::Table(t) => table::write(t, width, out),
            Block::PageBreak {} => out.page_break(),
            // A block kind added to the model after this exporter was built
            // still shows its text rather than vanishing.
            other => ragged(&words(&other.plain_text()), width, out),
        }
    }

    /// "Nơi nhận:" and the recipients on the left, the signature block on
    /// the right, on the same rows.
    fn end(&mut self, meta: &Meta<'_>) {
        let Columns { left, right } = self.columns;
        let room = text_room(left);
        let label = words(&meta.recipients_label);
        // "- Bộ Công Thương;" wraps under its text, not under the dash.
        let hang = |recipient: &[Word<'_>]| match recipient.first().map(Word::as_str) {
            Some("-" | "+" | "•") => 2,
            _ => 0,
        };
        let recipients: Vec<Vec<Word<'_>>> = meta
            .recipients
            .iter()
            .map(|r| {
                let recipient = words(r);
                let rest = room.saturating_sub(hang(&recipient));
                names_kept(recipient, rest)
            })
            .collect();
        let mut left_lines: Vec<Line<'_, '_>> = hanging(&label, room, 0).collect();
        for recipient in &recipients {
            left_lines.extend(hanging(recipient, room, hang(recipient)));
        }

        let signature = &meta.signature;
        let titles: Vec<Vec<Word<'_>>> = signature.titles.iter().map(|t| words(t)).collect();
        let mut signer: Vec<Line<'_, '_>> = titles
            .iter()
            .flat_map(|title| centred(title, right))
            .collect();
        let name_words = words(&signature.name);
        let name = centred(&name_words, right);
        if !name.is_empty() {
            signer.extend(std::iter::repeat_n(Line::BLANK, SIGNATURE_SPACE));
            signer.extend(name);
        }

        self.out.section();
        self.columns
            .side_by_side(&left_lines, &signer, &mut self.out);
    }
}

/// `rule` centred in a column `col` wide.
fn centred_rule<'w>(rule: &'w Word<'static>, col: usize) -> Vec<Line<'w, 'static>> {
    vec![Line {
        lead: centring(rule.width, col),
        words: std::slice::from_ref(rule),
    }]
}

/// About how many bytes the page takes, a little more rather than less, so
/// that its text is allocated once: the body's text, a quarter more for
/// indents and justification, tables twice over for their borders (three
/// bytes a character) and padding, and room for the header and the end
/// block. (The generated reports come out 10–30% below this.)
fn estimate(doc: &Document<'_>) -> usize {
    fn inlines(content: &[Inline<'_>]) -> usize {
        content.iter().map(|i| i.as_str().len()).sum::<usize>()
    }
    fn table_size(t: &Table<'_>) -> usize {
        let cells: usize = t.rows.iter().flatten().map(|cell| inlines(cell)).sum();
        // Borders and padding: a grid is often twice its text.
        2 * cells + t.caption.len() + t.note.len() + 1024
    }
    let blocks: usize = doc
        .blocks
        .iter()
        .map(|block| match block {
            Block::Heading {
                number, content, ..
            } => number.len() + inlines(content),
            Block::Paragraph { content } => inlines(content),
            Block::List { items, .. } => items.iter().map(|item| inlines(item)).sum(),
            Block::Table(t) => table_size(t),
            Block::Chart(c) => c
                .fallback
                .iter()
                .map(|b| match b {
                    Block::Table(t) => table_size(t),
                    _ => 256,
                })
                .sum(),
            _ => 256,
        })
        .sum();
    blocks * 5 / 4 + 4096
}
