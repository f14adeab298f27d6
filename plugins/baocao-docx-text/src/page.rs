//! The page, top to bottom: header block, title, body, signature.

use baocao_plugin_api::{Block, Document, Meta, plain_text};

use crate::columns::{Columns, centred, text_room, text_width};
use crate::flow::{Flow, centre, centred_lines, ragged};
use crate::text::{spaces, width, words};
use crate::{Options, table};

/// Blank rows left between the signer's title and name for the signature
/// and the seal.
const SIGNATURE_SPACE: usize = 4;

/// A page being laid out: sections of lines, one blank line between two
/// sections (the "6 pt between paragraphs" of the spec).
pub(crate) struct Page {
    width: usize,
    indent: String,
    columns: Columns,
    sections: Vec<Vec<String>>,
}

impl Page {
    pub(crate) fn new(options: &Options) -> Self {
        Page {
            width: options.width,
            indent: spaces(options.indent),
            columns: Columns::for_width(options.width),
            sections: Vec::new(),
        }
    }

    /// Lays the whole document out.
    pub(crate) fn document(mut self, doc: &Document<'_>) -> String {
        self.header(&doc.meta);
        self.title(&doc.meta);
        for block in &doc.blocks {
            self.block(block);
        }
        let source = ragged(&words(&doc.meta.source), self.width);
        self.push(source);
        self.end(&doc.meta);
        self.finish()
    }

    fn push(&mut self, lines: Vec<String>) {
        if !lines.is_empty() {
            self.sections.push(lines);
        }
    }

    /// A horizontal rule `len` columns long.
    fn rule(len: usize) -> String {
        "─".repeat(len)
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
        let department = centred(&words(&meta.department), left);
        let mut department_rule = Vec::new();
        if !department.is_empty() {
            let len = self.columns.short_rule().min(text_width(&department));
            department_rule.push(centre(&Self::rule(len), left));
        }
        let motto = centred(&words(&meta.motto), right);
        let mut motto_rule = Vec::new();
        if !motto.is_empty() {
            // The rule under the motto is as long as the motto.
            motto_rule.push(centre(&Self::rule(text_width(&motto)), right));
        }
        let rows = [
            (
                centred(&words(&meta.authority), left),
                centred(&words(&meta.nation), right),
            ),
            (department, motto),
            (department_rule, motto_rule),
            (
                centred(&words(&meta.number), left),
                centred(&words(&meta.place_date), right),
            ),
        ];
        let lines = rows
            .iter()
            .flat_map(|(l, r)| self.columns.side_by_side(l, r))
            .collect();
        self.push(lines);
    }

    /// "BÁO CÁO", the subject under it, a short rule.
    fn title(&mut self, meta: &Meta<'_>) {
        let mut lines = centred_lines(&words(&meta.title), self.width);
        lines.extend(centred_lines(&words(&meta.subject), self.width));
        if !lines.is_empty() {
            lines.push(centre(&Self::rule(self.columns.short_rule()), self.width));
        }
        self.push(lines);
    }

    fn block(&mut self, block: &Block<'_>) {
        let lines = match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let mut text = words(number);
                text.extend(words(&plain_text(content)));
                // Sections (I., II.) start at the margin; items and points
                // are indented like a paragraph's first line, as Word
                // templates of the Sở set them.
                let first = if *level <= 1 { "" } else { &self.indent };
                self.justified(first, "", &text)
            }
            Block::Paragraph { content } => {
                self.justified(&self.indent, "", &words(&plain_text(content)))
            }
            Block::List { items } => {
                // "- " at the paragraph indent, wrapped lines hang under the
                // text so the dashes stand out.
                let first = format!("{}- ", self.indent);
                let rest = spaces(width(&first));
                items
                    .iter()
                    .flat_map(|item| self.justified(&first, &rest, &words(&plain_text(item))))
                    .collect()
            }
            Block::Table(t) => table::lines(t, self.width),
            // A block kind added to the model after this exporter was built
            // still shows its text rather than vanishing.
            other => ragged(&words(&other.plain_text()), self.width),
        };
        self.push(lines);
    }

    fn justified(&self, first: &str, rest: &str, words: &[String]) -> Vec<String> {
        Flow {
            width: self.width,
            first,
            rest,
            justify: true,
        }
        .lines(words)
    }

    /// "Nơi nhận:" and the recipients on the left, the signature block on
    /// the right, on the same rows.
    fn end(&mut self, meta: &Meta<'_>) {
        let Columns { left, right } = self.columns;
        let mut recipients = ragged(&words(&meta.recipients_label), text_room(left));
        for recipient in &meta.recipients {
            let recipient = words(recipient);
            // "- Bộ Công Thương;" wraps under its text, not under the dash.
            let hang = match recipient.first().map(String::as_str) {
                Some("-" | "+" | "•") => spaces(2),
                _ => String::new(),
            };
            recipients.extend(
                Flow {
                    width: text_room(left),
                    first: "",
                    rest: &hang,
                    justify: false,
                }
                .lines(&recipient),
            );
        }

        let signature = &meta.signature;
        let mut signer: Vec<String> = signature
            .titles
            .iter()
            .flat_map(|title| centred(&words(title), right))
            .collect();
        let name = centred(&words(&signature.name), right);
        if !name.is_empty() {
            signer.extend(std::iter::repeat_n(String::new(), SIGNATURE_SPACE));
            signer.extend(name);
        }

        let lines = self.columns.side_by_side(&recipients, &signer);
        self.push(lines);
    }

    /// The text: sections joined by blank lines, no trailing spaces, one
    /// final newline (also for an empty document, so that every output is a
    /// well-formed text file).
    fn finish(self) -> String {
        let mut out = String::new();
        for (i, section) in self.sections.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            for line in section {
                out.push_str(line.trim_end_matches(' '));
                out.push('\n');
            }
        }
        if out.is_empty() {
            out.push('\n');
        }
        out
    }
}
