//! `word/document.xml`: the report's body laid out per Nghị định 30.
//!
//! One pass over the [`Document`]: the letterhead (a borderless two-column
//! table), the title, the blocks, the source line and the closing (another
//! borderless table, recipients beside the signature), then the section
//! (A4, the decree's margins, page numbers from page 2). Formatting lives in
//! the named styles of `parts.rs`; what is written here directly is only
//! what the decree fixes per element (the letterhead's bold and italics)
//! and what depends on the content (column widths, spans, list numbers).

use baocao_plugin_api::{Align, Block, Chart, Document, Inline, ListStyle, Meta, Table};

use crate::Settings;
use crate::chart::WordChart;
use crate::parts::{BULLET_NUM, FIRST_HEADER_REL, HEADER_REL, Look, R, W};
use crate::xml::{Xml, escaped};

/// The page: A4 portrait, in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins of Nghị định 30: 20 mm top, 15 mm right, 20 mm bottom, 30 mm left.
const MARGIN_TOP: u32 = 1134;
const MARGIN_RIGHT: u32 = 850;
const MARGIN_BOTTOM: u32 = 1134;
const MARGIN_LEFT: u32 = 1701;
/// The width text can take between the margins.
pub(crate) const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;

/// How a run looks beyond its paragraph's style.
#[derive(Debug, Clone, Copy, Default)]
struct Run {
    bold: bool,
    italic: bool,
    /// Size in half-points, when not the style's.
    size: Option<u32>,
}

impl Run {
    const PLAIN: Run = Run {
        bold: false,
        italic: false,
        size: None,
    };
    const BOLD: Run = Run {
        bold: true,
        italic: false,
        size: None,
    };
}

/// What writing the body produced besides its XML.
pub(crate) struct Written {
    /// `word/document.xml`.
    pub(crate) xml: String,
    /// The comments' texts, by id.
    pub(crate) comments: Vec<String>,
    /// The abstract list of each numbered list instance (see
    /// `parts::numbering`).
    pub(crate) lists: Vec<u32>,
    /// The charts, in order: each a Word chart's part
    /// (`word/charts/chartN.xml`) and the sheet of its workbook.
    pub(crate) charts: Vec<WordChart>,
}

/// Writes the body of `doc`.
pub(crate) fn write(doc: &Document<'_>, settings: &Settings, look: &Look) -> Written {
    let mut b = Body {
        x: Xml::default(),
        settings,
        look,
        comments: Vec::new(),
        lists: Vec::new(),
        tables: 0,
        charts: Vec::new(),
        in_cell: false,
        keep_with_closing: false,
    };
    b.x.raw("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    b.x.rawf(format_args!(
        "<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\" xmlns:wp=\"{WP}\" xmlns:a=\"{A}\"><w:body>"
    ));
    b.letterhead(&doc.meta);
    b.title(&doc.meta);
    // The last block is kept with what follows (the source line, the
    // closing), so that the signature never stands alone on a last page.
    let last = doc.blocks.len().saturating_sub(1);
    for (i, block) in doc.blocks.iter().enumerate() {
        b.keep_with_closing = i == last;
        b.block(block);
    }
    b.keep_with_closing = false;
    if !doc.meta.source.is_empty() {
        // Kept with the closing, so that the signature never stands alone
        // on a last page.
        b.paragraph(
            "Source",
            "<w:keepNext/>",
            &[Inline::text(doc.meta.source.as_ref())],
            Run::PLAIN,
        );
    }
    b.closing(&doc.meta);
    b.section();
    b.x.raw("</w:body></w:document>");
    Written {
        xml: b.x.out,
        comments: b.comments,
        lists: b.lists,
        charts: b.charts,
    }
}

/// DrawingML: where a drawing sits in the text, and a chart.
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const CHART: &str = "http://schemas.openxmlformats.org/drawingml/2006/chart";

/// EMUs (DrawingML's unit) in a twip.
const EMU_PER_TWIP: u64 = 635;

struct Body<'s> {
    x: Xml,
    settings: &'s Settings,
    look: &'s Look,
    comments: Vec<String>,
    lists: Vec<u32>,
    tables: u32,
    /// The charts written so far.
    charts: Vec<WordChart>,
    /// Writing a table's body cell: a figure and its unit ("+0,02 điểm %")
    /// stay on one line.
    in_cell: bool,
    /// Writing the body's last block, kept on the page of the closing.
    keep_with_closing: bool,
}

impl Body<'_> {
    // ---- runs and paragraphs ------------------------------------------

    fn run(&mut self, text: &str, run: Run) {
        if text.is_empty() {
            return;
        }
        self.x.raw("<w:r>");
        if run.bold || run.italic || run.size.is_some() {
            self.x.raw("<w:rPr>");
            if run.bold {
                self.x.raw("<w:b/><w:bCs/>");
            }
            if run.italic {
                self.x.raw("<w:i/><w:iCs/>");
            }
            if let Some(size) = run.size {
                self.x.rawf(format_args!(
                    "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
                ));
            }
            self.x.raw("</w:rPr>");
        }
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.x.raw("<w:br/>");
            }
            for (j, part) in line.split('\t').enumerate() {
                if j > 0 {
                    self.x.raw("<w:tab/>");
                }
                if !part.is_empty() {
                    self.x.raw("<w:t xml:space=\"preserve\">");
                    self.x.text(part);
                    self.x.raw("</w:t>");
                }
            }
        }
        self.x.raw("</w:r>");
    }

    fn inlines(&mut self, content: &[Inline<'_>], base: Run) {
        for inline in content {
            match inline {
                Inline::Figure {
                    text,
                    exact,
                    provenance,
                    ..
                } if self.settings.provenance_comments
                    && !(exact.is_empty() && provenance.is_empty()) =>
                {
                    let id = self.comments.len();
                    self.comments.push(self.comment_text(exact, provenance));
                    self.x
                        .rawf(format_args!("<w:commentRangeStart w:id=\"{id}\"/>"));
                    self.run(text, base);
                    self.x.rawf(format_args!(
                        "<w:commentRangeEnd w:id=\"{id}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{id}\"/></w:r>"
                    ));
                }
                Inline::Styled { text, bold, italic } => self.run(
                    text,
                    Run {
                        bold: base.bold || *bold,
                        italic: base.italic || *italic,
                        size: base.size,
                    },
                ),
                Inline::Figure { text, .. } if self.in_cell => {
                    self.run(&text.replace(' ', "\u{00A0}"), base);
                }
                // Text, a figure without a comment, and any inline of a
                // kind added after this exporter: its text.
                other => self.run(other.as_str(), base),
            }
        }
    }

    /// A figure's comment: its exact value and where it came from.
    fn comment_text(&self, exact: &str, provenance: &str) -> String {
        let (value, source) = if self.settings.english {
            ("Exact value", "Source")
        } else {
            ("Số chính xác", "Nguồn")
        };
        // The exact value is written with a dot; a Vietnamese reader reads
        // a decimal comma (it is never grouped, so no dot means thousands).
        let exact = if self.settings.english {
            exact.to_owned()
        } else {
            exact.replace('.', ",")
        };
        match (exact.is_empty(), provenance.is_empty()) {
            (false, false) => format!("{value}: {exact}. {source}: {provenance}"),
            (false, true) => format!("{value}: {exact}"),
            _ => format!("{source}: {provenance}"),
        }
    }

    fn open_p(&mut self, style: &str, ppr: &str) {
        self.x.raw("<w:p><w:pPr><w:pStyle w:val=\"");
        self.x.raw(style);
        self.x.raw("\"/>");
        self.x.raw(ppr);
        self.x.raw("</w:pPr>");
    }

    fn paragraph(&mut self, style: &str, ppr: &str, content: &[Inline<'_>], run: Run) {
        self.open_p(style, ppr);
        self.inlines(content, run);
        self.x.raw("</w:p>");
    }

    fn line(&mut self, style: &str, ppr: &str, text: &str, run: Run) {
        self.open_p(style, ppr);
        self.run(text, run);
        self.x.raw("</w:p>");
    }

    /// A short horizontal rule `width` long, centred in `room`: an empty
    /// paragraph whose bottom border is narrowed by indents (a drawn line
    /// would float and drift from its text in other word processors).
    fn rule(&mut self, width: u32, room: u32) {
        let side = room.saturating_sub(width.min(room)) / 2;
        self.x.rawf(format_args!(
            "<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr><w:ind w:left=\"{side}\" w:right=\"{side}\" w:firstLine=\"0\"/></w:pPr></w:p>"
        ));
    }

    // ---- the letterhead, the title and the closing ---------------------

    /// Opens a borderless table of two columns, `left` and `right` wide,
    /// and its only row.
    fn open_layout_table(&mut self, left: u32, right: u32) {
        self.x.rawf(format_args!(
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/><w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{left}\"/><w:gridCol w:w=\"{right}\"/></w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>",
            left + right
        ));
    }

    fn open_cell(&mut self, width: u32) {
        self.x.rawf(format_args!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>"
        ));
    }

    /// The two columns of the first lines: the agency, its number, on the
    /// left; the nation, its motto, the place and date on the right.
    fn letterhead(&mut self, m: &Meta<'_>) {
        let lines = [
            &m.authority,
            &m.department,
            &m.number,
            &m.nation,
            &m.motto,
            &m.place_date,
        ];
        if lines.iter().all(|l| l.is_empty()) {
            return;
        }
        let s = self.look.size;
        let small = s.saturating_sub(2);
        // 2 : 3, as the left 32 and right 48 of 80 columns in the spec.
        let left = TEXT_WIDTH * 2 / 5;
        let right = TEXT_WIDTH - left;
        self.open_layout_table(left, right);

        self.open_cell(left);
        self.line("Letterhead", "", &m.authority, Run::PLAIN);
        self.line("Letterhead", "", &m.department, Run::BOLD);
        if !m.department.is_empty() {
            // 1/3 to 1/2 of the agency's name.
            // Half of its longest line as it wraps in the column.
            let width = wrapped_width(&m.department, small, true, left) / 2;
            self.rule(width.max(900), left);
        }
        self.line(
            "Letterhead",
            "<w:spacing w:before=\"120\"/>",
            &m.number,
            Run::PLAIN,
        );
        self.x.raw("</w:tc>");

        self.open_cell(right);
        self.line("Letterhead", "", &m.nation, Run::BOLD);
        self.line(
            "Letterhead",
            "",
            &m.motto,
            Run {
                bold: true,
                italic: false,
                size: Some(s),
            },
        );
        if !m.motto.is_empty() {
            // As long as the motto.
            self.rule(text_width(&m.motto, s, true), right);
        }
        self.line(
            "Letterhead",
            "<w:spacing w:before=\"120\"/>",
            &m.place_date,
            Run {
                bold: false,
                italic: true,
                size: Some(s),
            },
        );
        self.x.raw("</w:tc></w:tr></w:tbl>");
    }

    /// "BÁO CÁO", the subject under it and a short rule.
    fn title(&mut self, m: &Meta<'_>) {
        self.line("Title", "", &m.title, Run::PLAIN);
        if !m.subject.is_empty() {
            self.line("Subtitle", "", &m.subject, Run::PLAIN);
            let width =
                (text_width(&m.subject, self.look.size, true) / 3).clamp(1000, TEXT_WIDTH / 3);
            self.rule(width, TEXT_WIDTH);
            // The body starts a line below the rule.
            self.x.raw("<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:spacing w:before=\"0\" w:after=\"240\"/></w:pPr></w:p>");
        }
    }

    /// "Nơi nhận" and the recipients on the left, the signature on the
    /// right, side by side.
    fn closing(&mut self, m: &Meta<'_>) {
        let sig = &m.signature;
        if m.recipients.is_empty()
            && m.recipients_label.is_empty()
            && sig.titles.is_empty()
            && sig.name.is_empty()
        {
            return;
        }
        let left = TEXT_WIDTH * 9 / 20;
        let right = TEXT_WIDTH - left;
        // Space above the closing, as between paragraphs, kept with it.
        self.x.raw("<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:keepNext/><w:spacing w:before=\"0\" w:after=\"120\"/></w:pPr></w:p>");
        self.open_layout_table(left, right);
        self.open_cell(left);
        self.line("RecipientsLabel", "", &m.recipients_label, Run::PLAIN);
        for r in &m.recipients {
            self.line("Recipients", "", r, Run::PLAIN);
        }
        if m.recipients.is_empty() && m.recipients_label.is_empty() {
            self.x.raw("<w:p/>");
        }
        self.x.raw("</w:tc>");
        self.open_cell(right);
        for t in &sig.titles {
            self.line("Signature", "", t, Run::PLAIN);
        }
        if !sig.name.is_empty() {
            // Room for the signature and the seal.
            for _ in 0..4 {
                self.x
                    .raw("<w:p><w:pPr><w:pStyle w:val=\"Signature\"/></w:pPr></w:p>");
            }
            self.line("Signature", "", &sig.name, Run::PLAIN);
        }
        if sig.titles.is_empty() && sig.name.is_empty() {
            self.x.raw("<w:p/>");
        }
        self.x.raw("</w:tc></w:tr></w:tbl>");
    }

    /// The section: A4, the decree's margins, the numbered header from
    /// page 2 (`titlePg` gives page 1 its own, empty header).
    fn section(&mut self) {
        self.x.rawf(format_args!(
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"{HEADER_REL}\"/><w:headerReference w:type=\"first\" r:id=\"{FIRST_HEADER_REL}\"/><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/><w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/><w:cols w:space=\"720\"/><w:titlePg/></w:sectPr>"
        ));
    }

    // ---- blocks ---------------------------------------------------------

    fn block(&mut self, block: &Block<'_>) {
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let style = match level {
                    0 | 1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                self.open_p(style, "");
                if !number.is_empty() {
                    self.run(&format!("{number} "), Run::PLAIN);
                }
                self.inlines(content, Run::PLAIN);
                self.x.raw("</w:p>");
            }
            Block::Paragraph { content } => {
                if content.iter().any(|i| !i.as_str().trim().is_empty()) {
                    let keep = if self.keep_with_closing {
                        "<w:keepNext/>"
                    } else {
                        ""
                    };
                    self.paragraph("Normal", keep, content, Run::PLAIN);
                }
            }
            Block::List { items, style } => self.list(items, *style),
            Block::Table(table) => self.table(table),
            Block::PageBreak {} => self.x.raw("<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"),
            Block::Chart(chart) => self.chart(chart),
            // A block kind added after this exporter was built: its text.
            other => {
                let text = other.plain_text();
                if !text.is_empty() {
                    self.line("Normal", "", &text, Run::PLAIN);
                }
            }
        }
    }

    /// A chart the width of the text, as a Word chart (`chart.rs`), then
    /// "Hình N." and its title under it (a `SEQ Figure` field, as Word
    /// numbers figures), then its note. What cannot be drawn (a kind of a
    /// newer version, no value) is its fallback, the table.
    fn chart(&mut self, chart: &Chart<'_>) {
        let n = self.charts.len() + 1;
        let Some(drawn) = crate::chart::part(chart, &self.look.font, self.look.lang) else {
            for b in &chart.fallback {
                self.block(b);
            }
            return;
        };
        let rel = crate::parts::chart_rel(self.charts.len());
        let cx = u64::from(TEXT_WIDTH) * EMU_PER_TWIP;
        let cy = u64::from(drawn.height) * EMU_PER_TWIP;
        self.charts.push(drawn);
        let name = format!("{} {n}", self.settings.figure_prefix);
        let descr = escaped(&if chart.description.trim().is_empty() {
            chart.figures_in_words()
        } else {
            chart.description.to_string()
        });
        self.open_p("Figure", "");
        self.x.rawf(format_args!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"{n}\" name=\"{}\" title=\"{}\" descr=\"{descr}\"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri=\"{CHART}\"><c:chart xmlns:c=\"{CHART}\" r:id=\"{rel}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>",
            escaped(&name),
            escaped(chart.title.trim()),
        ));
        let note = chart.note.trim();
        let keep = if note.is_empty() { "" } else { "<w:keepNext/>" };
        self.open_p("FigureCaption", keep);
        let prefix = self.settings.figure_prefix.clone();
        self.run(&format!("{prefix} "), Run::BOLD);
        self.x.rawf(format_args!(
            "<w:fldSimple w:instr=\" SEQ Figure \\* ARABIC \"><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t>{n}</w:t></w:r></w:fldSimple>"
        ));
        self.run(". ", Run::BOLD);
        self.run(chart.title.trim(), Run::PLAIN);
        self.x.raw("</w:p>");
        if !note.is_empty() {
            self.line("FigureNote", "", note, Run::PLAIN);
        }
    }

    /// A real Word list: each item a paragraph numbered by `numbering.xml`.
    fn list(&mut self, items: &[Vec<Inline<'_>>], style: ListStyle) {
        let num = match style {
            ListStyle::Letter | ListStyle::Number => {
                self.lists
                    .push(if style == ListStyle::Letter { 1 } else { 2 });
                // Ids from 2 (1 is the shared bulleted list), per document.
                u32::try_from(self.lists.len())
                    .unwrap_or(u32::MAX)
                    .saturating_add(1)
            }
            _ => BULLET_NUM,
        };
        for (i, item) in items.iter().enumerate() {
            let keep = if self.keep_with_closing && i + 1 == items.len() {
                "<w:keepNext/>"
            } else {
                ""
            };
            self.open_p(
                "ListParagraph",
                &format!(
                    "{keep}<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"{num}\"/></w:numPr>"
                ),
            );
            self.inlines(item, Run::PLAIN);
            self.x.raw("</w:p>");
        }
    }

    fn table(&mut self, t: &Table<'_>) {
        let columns = t
            .header
            .len()
            .max(t.rows.iter().map(Vec::len).max().unwrap_or(0));
        if columns == 0 {
            return;
        }
        if !t.caption.is_empty() {
            self.caption(&t.caption);
        }
        if !t.unit.is_empty() {
            self.line("TableUnit", "", &t.unit, Run::PLAIN);
        }
        let widths = column_widths(t, columns, self.look.size.saturating_sub(2));
        self.open_table(&widths);
        let groups = t.groups();
        // Columns whose heading reaches up through the group row.
        let mut merged = vec![false; columns];
        if !groups.is_empty() {
            self.x
                .raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for &(at, span, text) in &groups {
                if text.is_empty() {
                    for c in at..at + span {
                        merged[c] = true;
                        self.header_cell(
                            widths[c],
                            1,
                            Some("restart"),
                            t.header.get(c).map_or("", |h| h.as_ref()),
                        );
                    }
                } else {
                    let width = widths[at..at + span].iter().sum();
                    self.header_cell(width, span, None, text);
                }
            }
            self.x.raw("</w:tr>");
        }
        if !t.header.is_empty() {
            self.x
                .raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for c in 0..columns {
                let text = t.header.get(c).map_or("", |h| h.as_ref());
                if merged[c] {
                    self.header_cell(widths[c], 1, Some("continue"), "");
                } else {
                    self.header_cell(widths[c], 1, None, text);
                }
            }
            self.x.raw("</w:tr>");
        }
        for row in &t.rows {
            self.x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (c, width) in widths.iter().enumerate() {
                let align = t.align.get(c).copied().unwrap_or_default();
                let jc = match align {
                    Align::Right => "right",
                    Align::Center => "center",
                    _ => "left",
                };
                self.x.rawf(format_args!(
                    "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>"
                ));
                // The first cell heads its row.
                let style = if c == 0 {
                    "TableRowHeading"
                } else {
                    "TableText"
                };
                self.open_p(style, &format!("<w:jc w:val=\"{jc}\"/>"));
                if let Some(cell) = row.get(c) {
                    self.in_cell = true;
                    self.inlines(cell, Run::PLAIN);
                    self.in_cell = false;
                }
                self.x.raw("</w:p></w:tc>");
            }
            self.x.raw("</w:tr>");
        }
        self.x.raw("</w:tbl>");
        if t.note.is_empty() {
            // Word joins two tables with nothing between them; a paragraph
            // also gives the space after the table (a small one: a note's
            // line would leave a gap).
            self.x.raw("<w:p><w:pPr><w:pStyle w:val=\"Rule\"/><w:spacing w:before=\"0\" w:after=\"120\"/></w:pPr></w:p>");
        } else {
            self.line("TableNote", "", &t.note, Run::PLAIN);
        }
    }

    /// "Biểu 1. …": the prefix, a SEQ field numbering the tables (its
    /// result written in, so the number shows without updating fields),
    /// and the caption. A caption that already starts with a numbered
    /// prefix ("Bảng 1.") is printed as it is.
    fn caption(&mut self, caption: &str) {
        self.tables = self.tables.saturating_add(1);
        self.open_p("Caption", "");
        if numbered(caption) {
            self.run(caption, Run::PLAIN);
        } else {
            let n = self.tables;
            let prefix = self.settings.caption_prefix.clone();
            self.run(&format!("{prefix} "), Run::PLAIN);
            self.x.rawf(format_args!(
                "<w:fldSimple w:instr=\" SEQ Table \\* ARABIC \"><w:r><w:t>{n}</w:t></w:r></w:fldSimple>"
            ));
            self.run(". ", Run::PLAIN);
            self.run(caption, Run::PLAIN);
        }
        self.x.raw("</w:p>");
    }

    fn open_table(&mut self, widths: &[u32]) {
        let border = |side: &str, on: bool| {
            if on {
                format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
            } else {
                format!("<w:{side} w:val=\"nil\"/>")
            }
        };
        let (outer_v, inner_h, inner_v, outer_h) = match self.settings.table_borders {
            crate::options::TableBorders::All => (true, true, true, true),
            crate::options::TableBorders::Horizontal => (false, true, false, true),
            crate::options::TableBorders::None => (false, false, false, false),
        };
        let total: u32 = widths.iter().sum();
        self.x.rawf(format_args!(
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{}{}{}{}{}{}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
            border("top", outer_h),
            border("left", outer_v),
            border("bottom", outer_h),
            border("right", outer_v),
            border("insideH", inner_h),
            border("insideV", inner_v),
        ));
        for w in widths {
            self.x.rawf(format_args!("<w:gridCol w:w=\"{w}\"/>"));
        }
        self.x.raw("</w:tblGrid>");
    }

    fn header_cell(&mut self, width: u32, span: usize, vmerge: Option<&str>, text: &str) {
        self.x.rawf(format_args!(
            "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
        ));
        if span > 1 {
            self.x.rawf(format_args!("<w:gridSpan w:val=\"{span}\"/>"));
        }
        if let Some(v) = vmerge {
            self.x.rawf(format_args!("<w:vMerge w:val=\"{v}\"/>"));
        }
        if let Some(fill) = &self.settings.header_shading {
            self.x.rawf(format_args!(
                "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/>",
                fill.0
            ));
        }
        self.x.raw("<w:vAlign w:val=\"center\"/></w:tcPr>");
        self.line("TableHeading", "", &keep_units(text), Run::PLAIN);
        self.x.raw("</w:tc>");
    }
}

/// Whether a caption already carries its number ("Biểu 2.", "Bảng 1:",
/// "Table 3.").
fn numbered(caption: &str) -> bool {
    let mut words = caption.split_whitespace();
    let (Some(word), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    let digits = number.trim_end_matches(['.', ':']);
    ["Biểu", "Bảng", "Table", "Hình", "Figure"].contains(&word)
        && !digits.is_empty()
        && digits.len() < number.len()
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Widths of the columns, in twips, adding up to the text width.
///
/// Each column first gets the room of its longest word (a word is never
/// broken inside, so "2023" must fit), then what is left of the text width
/// goes to the columns in proportion to how much more they want: the whole
/// of their longest cell on one line, and their heading on two.
fn column_widths(t: &Table<'_>, columns: usize, half: u32) -> Vec<u32> {
    // The cell's margins, and a tenth more than the estimate of the text:
    // too narrow breaks a word, too wide costs nothing.
    let margins = 2 * 85 + 60;
    let room = |text: &str, bold: bool| text_width(text, half, bold) * 11 / 10 + margins;
    let longest_word = |s: &str, bold: bool| {
        header_words(s)
            .map(|w| room(w, bold))
            .max()
            .unwrap_or(margins)
    };
    let mut least = Vec::with_capacity(columns);
    let mut want = Vec::with_capacity(columns);
    for c in 0..columns {
        let header = keep_units(t.header.get(c).map_or("", |h| h.as_ref()));
        // A figure in a cell is one word: it is written unbreakable.
        let cells: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(|cell| {
                cell.iter()
                    .map(|i| match i {
                        Inline::Figure { text, .. } => text.replace(' ', "\u{00A0}"),
                        other => other.as_str().to_owned(),
                    })
                    .collect()
            })
            .collect();
        let word = cells
            .iter()
            .map(|c| longest_word(c, false))
            .chain([longest_word(&header, true)])
            .max()
            .unwrap_or(margins);
        // A cell on one line, a heading on two, and no column wider than
        // half the page.
        let line = cells
            .iter()
            .map(|c| room(c, false))
            .chain([room(&header, true) / 2])
            .max()
            .unwrap_or(margins)
            .clamp(word, TEXT_WIDTH / 2);
        // The row headings get a quarter of the width at least, when they
        // want it: a name over five lines helps no one.
        let word = if c == 0 && columns > 2 {
            word.max(line.min(TEXT_WIDTH / 4))
        } else {
            word
        };
        least.push(word);
        want.push(line);
    }
    let floor: u32 = least.iter().sum();
    let mut widths: Vec<u32> = if floor >= TEXT_WIDTH {
        least
            .iter()
            .map(|w| TEXT_WIDTH * w / floor.max(1))
            .collect()
    } else {
        let room = TEXT_WIDTH - floor;
        let more: Vec<u32> = least.iter().zip(&want).map(|(l, w)| w - l).collect();
        let wanted: u32 = more.iter().sum();
        least
            .iter()
            .zip(&more)
            .map(|(l, m)| match (room * m).checked_div(wanted) {
                Some(share) => l + share,
                // Every column has what it wants: share by the least.
                None => l + room * l / floor.max(1),
            })
            .collect()
    };
    // The rounding's remainder goes to the first column.
    let used: u32 = widths.iter().sum();
    if let Some(first) = widths.first_mut() {
        *first += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

/// The words of a heading as it prints: a parenthesised unit ("(điểm %)")
/// is one word, its spaces made non-breaking by [`keep_units`].
fn header_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(' ').filter(|w| !w.is_empty())
}

/// A column heading with the spaces inside parentheses made non-breaking,
/// so "(điểm %)" never splits over two lines.
fn keep_units(s: &str) -> String {
    let mut depth = 0u32;
    s.chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                ' ' if depth > 0 => return '\u{00A0}',
                _ => {}
            }
            c
        })
        .collect()
}

/// The width of the longest line of `text` broken into lines of at most
/// `room` twips between words, as a word processor breaks it.
fn wrapped_width(text: &str, half: u32, bold: bool, room: u32) -> u32 {
    let space = text_width(" ", half, bold);
    let mut widest = 0;
    let mut line = 0;
    for word in text.split_whitespace() {
        let w = text_width(word, half, bold);
        line = if line == 0 {
            w
        } else if line + space + w <= room {
            line + space + w
        } else {
            widest = widest.max(line);
            w
        };
    }
    widest.max(line).min(room)
}

/// An estimate of how wide `text` prints in Times New Roman at `half`
/// half-points, in twips: average advance widths per kind of character
/// (thousandths of an em), which is all a rule's length needs.
fn text_width(text: &str, half: u32, bold: bool) -> u32 {
    let ems: u32 = text
        .chars()
        .map(|c| match c {
            ' ' => 250,
            c if c.is_uppercase() => 700,
            c if c.is_lowercase() => 480,
            c if c.is_ascii_digit() => 500,
            _ => 333,
        })
        .sum();
    let ems = if bold { ems * 21 / 20 } else { ems };
    // half-points × 10 = twips per em.
    ems.saturating_mul(half) / 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_captions_are_recognised() {
        assert!(numbered("Bảng 1. Một số chỉ tiêu"));
        assert!(numbered("Biểu 12: Xuất khẩu"));
        assert!(!numbered("Biểu đồ tăng trưởng"));
        assert!(!numbered("Tăng trưởng 2024"));
        assert!(!numbered("Bảng 2024"));
    }

    #[test]
    fn widths_fill_the_text_width() {
        let t = Table {
            header: vec!["Chỉ tiêu".into(), "Tăng (%)".into()],
            rows: vec![vec![
                vec![Inline::text("Tổng sản phẩm trên địa bàn (GRDP)")],
                vec![Inline::text("6,52")],
            ]],
            ..Table::default()
        };
        let w = column_widths(&t, 2, 26);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        assert!(w[0] > 3 * w[1], "{w:?}");
    }

    #[test]
    fn units_in_headings_hold_together() {
        assert_eq!(keep_units("Đóng góp (điểm %)"), "Đóng góp (điểm\u{a0}%)");
        assert_eq!(keep_units("a (b c) d"), "a (b\u{a0}c) d");
    }

    #[test]
    fn a_narrow_column_still_holds_its_longest_word() {
        let t = Table {
            header: vec!["Chỉ tiêu".into(), "TH năm 2023".into(), "So cùng kỳ".into()],
            rows: vec![vec![
                vec![Inline::text("Tổng sản phẩm trên địa bàn (GRDP)")],
                vec![Inline::text("6,27")],
                vec![Inline::text("+0,25 điểm %")],
            ]],
            ..Table::default()
        };
        let w = column_widths(&t, 3, 26);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        // "2023" and "+0,25 điểm %" on one line each
        assert!(
            w[1] >= text_width("2023", 26, true) && w[2] >= text_width("+0,25 điểm %", 26, false),
            "{w:?}"
        );
    }

    #[test]
    fn a_motto_is_about_as_wide_as_printed() {
        // "Độc lập - Tự do - Hạnh phúc" in 14 pt bold is about 6,5 cm.
        let w = text_width("Độc lập - Tự do - Hạnh phúc", 28, true);
        assert!((3300..4300).contains(&w), "{w}");
    }
}
