//! HTML exporter: a report [`Document`] as one standalone HTML5 file that
//! reads well on screen and prints on A4 like an official report
//! (Nghị định 30/2020/NĐ-CP).
//!
//! This crate sits at a leaf of the pipeline, after the narrative layer has
//! built the [`Document`]: [`render`] is a pure function from that document
//! to the text of an `.html` file. It must never depend on anything but
//! `baocao-plugin-api` (the SDK, which holds the document model) and `std`
//! (no other baocao crate, no third-party crate): it is meant to be loaded
//! as a runtime plugin behind a C ABI.
//!
//! # What the output looks like
//!
//! - One file, no scripts and no external resources: the print stylesheet
//!   (`src/report.css`: A4, margins 20/15/20/30 mm, Times New Roman 14 pt,
//!   justified paragraphs with a 1,27 cm first-line indent) is embedded.
//!   On screen the report is a white page on grey.
//! - The letterhead in two columns (agency on the left, nation on the
//!   right), `BÁO CÁO` as the `<h1>` with the subject under it, then the
//!   body: level 1 headings are `<h2>`, level 2 `<h3>`, level 3 `<h4>`;
//!   paragraphs; bold and italic runs as `<strong>` and `<em>`.
//! - Lists: bulleted `<ul>` (printed "- "), numbered `<ol>` (printed "1."),
//!   lettered `<ol type="a">` (printed "a)", as Vietnamese documents letter
//!   their points; the stylesheet draws the markers with a CSS counter, since
//!   neither `type` nor `list-style` gives "a)").
//! - Tables with a `<caption>` holding the caption and, on a line of its own
//!   on the right, the unit line (`<span class="unit">Đơn vị tính: %</span>`),
//!   column headers (`<th scope="col">`) and row headers (`<th scope="row">`,
//!   the first cell of each body row); number columns carry `class="num"`.
//!   Header groups make a two-row `<thead>`: each group is a
//!   `<th scope="colgroup" colspan>` over its columns (and a `<colgroup>` of
//!   them), and the columns of a group without text have a heading with
//!   `rowspan="2"`. A short parenthesised unit in a heading ("(điểm %)") is a
//!   `<span class="nowrap">`, so that it never breaks over two lines. In
//!   print the caption and unit stay with the table's first rows.
//! - A page break is an empty `<div class="page-break">`: a new page in
//!   print (`break-before: page`), a dashed rule on screen.
//! - Each figure is a `<span class="fig">` carrying its exact value
//!   (`data-exact`) and its provenance (`title`, shown on hover).
//! - The closing: recipients on the left, the signature on the right.
//!
//! Every piece of text is escaped (`& < > " '`), in content and in
//! attributes, and code points HTML forbids become U+FFFD. Empty fields and
//! blocks leave no element behind.
//!
//! ```
//! use baocao_plugin_api::{Block, Document, Inline};
//!
//! let mut doc = Document::default();
//! doc.blocks.push(Block::Paragraph {
//!     content: vec![
//!         Inline::text("Chỉ số IIP <ước> tăng "),
//!         Inline::figure("5,9%", "5.9", "growth = index − 100"),
//!     ],
//! });
//! let html = baocao_html::render(&doc);
//! assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
//! assert!(html.contains(
//!     "<p>Chỉ số IIP &lt;ước&gt; tăng \
//!      <span class=\"fig\" title=\"growth = index − 100\" data-exact=\"5.9\">5,9%</span></p>"
//! ));
//! ```

mod escape;

use baocao_plugin_api::{Align, Block, Chart, Document, Inline, ListStyle, Meta, Table};

use crate::escape::escape_into;

/// The print and screen stylesheet embedded in every file.
const STYLESHEET: &str = include_str!("report.css");

/// Whether a department's stylesheet adds to the built-in one or replaces it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StylesheetMode {
    /// The department's rules come after the built-in ones, so they win.
    #[default]
    Add,
    /// Only the department's rules.
    Replace,
}

/// The HTML exporter's options (`[formats.options.html]` of a department;
/// `stylesheet_file = "report.css"` there passes the file's text as
/// `stylesheet`).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// CSS to add to (or put in place of) the built-in stylesheet.
    pub stylesheet: String,
    /// `add` (default) or `replace`.
    pub stylesheet_mode: StylesheetMode,
}

/// Renders a document as a standalone HTML5 file with the built-in stylesheet.
pub fn render(doc: &Document<'_>) -> String {
    render_with(doc, &Options::default())
}

/// Renders a document as a standalone HTML5 file.
pub fn render_with(doc: &Document<'_>, options: &Options) -> String {
    let mut out = Html::default();
    out.raw("<!DOCTYPE html>\n<html lang=\"");
    out.text(language(&doc.language));
    out.raw("\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.raw("<title>");
    out.text(&title(doc));
    out.raw("</title>\n<style>\n");
    if options.stylesheet_mode == StylesheetMode::Add {
        out.raw(STYLESHEET);
    }
    if !options.stylesheet.is_empty() {
        // A department's CSS is data: it must not be able to close the
        // <style> element and start writing markup ("<\/" is the same in CSS).
        out.raw(&options.stylesheet.replace("</", "<\\/"));
        out.raw("\n");
    }
    out.raw("</style>\n</head>\n<body>\n<main class=\"page\">\n");
    letterhead(&mut out, &doc.meta);
    title_block(&mut out, &doc.meta);
    let mut charts = Charts {
        numbers: baocao_chart::Numbers::for_language(&doc.language),
        word: if english(&doc.language) {
            "Figure"
        } else {
            "Hình"
        },
        count: 0,
    };
    for b in &doc.blocks {
        block(&mut out, b, &mut charts);
    }
    out.element("p", "source", &doc.meta.source);
    closing(&mut out, &doc.meta);
    out.raw("</main>\n</body>\n</html>\n");
    out.html
}

/// How the report's charts are numbered and written.
struct Charts {
    numbers: baocao_chart::Numbers,
    /// The word before a chart's number ("Hình 1.").
    word: &'static str,
    /// Charts drawn so far.
    count: usize,
}

/// Whether the document is in English (charts are "Figure N.").
fn english(tag: &str) -> bool {
    tag.split('-')
        .next()
        .is_some_and(|p| p.eq_ignore_ascii_case("en"))
}

/// Writes one block.
fn block(out: &mut Html, block: &Block<'_>, charts: &mut Charts) {
    match block {
        Block::Heading {
            level,
            number,
            content,
        } => heading(out, *level, number, content),
        Block::Paragraph { content } => {
            if !blank(content) {
                out.raw("<p>");
                out.inlines(content);
                out.raw("</p>\n");
            }
        }
        Block::List { items, style } => list(out, items, *style),
        Block::Table(table) => self::table(out, table),
        Block::PageBreak {} => out.raw("<div class=\"page-break\"></div>\n"),
        Block::Chart(c) => chart(out, c, charts),
        // A block kind added after this exporter was built: its text is
        // better than nothing.
        other => out.element("p", "", &other.plain_text()),
    }
}

/// A chart: the SVG inline, "Hình N." and its title under it, the note,
/// and its figures' table folded away under the picture (for readers who
/// want the numbers; not printed). What cannot be drawn (a kind of a newer
/// version, no value) is its fallback.
fn chart(out: &mut Html, c: &Chart<'_>, charts: &mut Charts) {
    let id = format!("chart-{}", charts.count + 1);
    let Some(svg) = baocao_chart::svg(c, &id, charts.numbers) else {
        for b in &c.fallback {
            block(out, b, charts);
        }
        return;
    };
    charts.count += 1;
    // A figure holds the picture and its caption only (the caption must
    // be its last child); the note and the table follow it, together in
    // one block that is not split over two pages.
    out.raw("<div class=\"chart-block\">\n<figure class=\"chart\">\n");
    out.raw(&svg);
    out.raw("<figcaption><span class=\"number\">");
    out.text(&format!("{} {}.", charts.word, charts.count));
    out.raw("</span> ");
    out.text(c.title.trim());
    out.raw("</figcaption>\n</figure>\n");
    if !c.note.trim().is_empty() {
        out.element("p", "chart-note", c.note.trim());
    }
    let tables: Vec<&Table<'_>> = c
        .fallback
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect();
    if !tables.is_empty() {
        out.raw("<details class=\"chart-figures\"><summary>");
        out.text(if charts.word == "Figure" {
            "Figures"
        } else {
            "Số liệu"
        });
        out.raw("</summary>\n");
        for t in tables {
            self::table(out, t);
        }
        out.raw("</details>\n");
    }
    out.raw("</div>\n");
}

/// The `lang` attribute: the document's language when it is a well-formed
/// BCP 47 tag (a primary subtag of 2 to 8 letters, then subtags of 1 to 8
/// letters or digits, a singleton never last), else Vietnamese.
fn language(tag: &str) -> &str {
    let subtags: Vec<&str> = tag.split('-').collect();
    let well_formed = subtags.iter().enumerate().all(|(i, subtag)| {
        let alphanumeric = subtag.bytes().all(|b| b.is_ascii_alphanumeric());
        if i == 0 {
            (2..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphabetic())
        } else {
            let singleton_last = subtag.len() == 1 && i + 1 == subtags.len();
            (1..=8).contains(&subtag.len()) && alphanumeric && !singleton_last
        }
    });
    if well_formed { tag } else { "vi" }
}

/// The `<title>`: the title and subject; else the first heading; else
/// "Báo cáo" (HTML requires a non-empty title).
fn title(doc: &Document<'_>) -> String {
    let parts: Vec<&str> = [&doc.meta.title, &doc.meta.subject]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    let title = if parts.is_empty() {
        doc.blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .map(Block::plain_text)
            .find(|text| !text.trim().is_empty())
            .unwrap_or_default()
    } else {
        parts.join(" – ")
    };
    // A title is one line.
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        "Báo cáo".to_owned()
    } else {
        title
    }
}

/// The file being written.
#[derive(Default)]
struct Html {
    html: String,
}

impl Html {
    /// Appends markup as is.
    fn raw(&mut self, markup: &str) {
        self.html.push_str(markup);
    }

    /// Appends text, escaped.
    fn text(&mut self, text: &str) {
        escape_into(&mut self.html, text);
    }

    /// `<tag class="class">text</tag>` on its own line, unless `text` is
    /// blank; no class attribute when `class` is empty.
    fn element(&mut self, tag: &str, class: &str, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        self.open(tag, &[("class", class)]);
        self.text(text.trim());
        self.close(tag);
        self.raw("\n");
    }

    /// `<tag name="value"…>`, leaving out attributes whose value is blank.
    fn open(&mut self, tag: &str, attributes: &[(&str, &str)]) {
        self.raw("<");
        self.raw(tag);
        for (name, value) in attributes {
            let value = value.trim();
            if !value.is_empty() {
                self.raw(" ");
                self.raw(name);
                self.raw("=\"");
                self.text(value);
                self.raw("\"");
            }
        }
        self.raw(">");
    }

    /// `</tag>`.
    fn close(&mut self, tag: &str) {
        self.raw("</");
        self.raw(tag);
        self.raw(">");
    }

    /// A run of text and figures.
    fn inlines(&mut self, content: &[Inline<'_>]) {
        for inline in content {
            match inline {
                Inline::Text { text } => self.text(text),
                Inline::Figure {
                    text,
                    exact,
                    provenance,
                    ..
                } => {
                    self.open(
                        "span",
                        &[
                            ("class", "fig"),
                            ("title", provenance),
                            ("data-exact", exact),
                        ],
                    );
                    self.text(text);
                    self.close("span");
                }
                Inline::Styled { text, bold, italic } => {
                    let tags: &[&str] = match (bold, italic) {
                        (true, true) => &["strong", "em"],
                        (true, false) => &["strong"],
                        (false, true) => &["em"],
                        (false, false) => &[],
                    };
                    // Blank text in tags would be an element that shows nothing.
                    let tags = if text.trim().is_empty() { &[] } else { tags };
                    for tag in tags {
                        self.open(tag, &[]);
                    }
                    self.text(text);
                    for tag in tags.iter().rev() {
                        self.close(tag);
                    }
                }
                other => self.text(other.as_str()),
            }
        }
    }
}

/// Whether a run of inlines shows nothing.
fn blank(content: &[Inline<'_>]) -> bool {
    content.iter().all(|i| i.as_str().trim().is_empty())
}

/// Whether every text is blank.
fn all_blank(texts: &[&str]) -> bool {
    texts.iter().all(|t| t.trim().is_empty())
}

fn letterhead(out: &mut Html, meta: &Meta<'_>) {
    let agency = [&*meta.authority, &meta.department, &meta.number];
    let nation = [&*meta.nation, &meta.motto, &meta.place_date];
    if all_blank(&agency) && all_blank(&nation) {
        return;
    }
    out.raw("<header class=\"letterhead\">\n");
    if !all_blank(&agency) {
        out.raw("<div class=\"agency\">\n");
        out.element("p", "authority", &meta.authority);
        // The span is as wide as the text, so the rule under it can be a
        // fraction of the text's width.
        ruled(out, "department", &meta.department);
        out.element("p", "number", &meta.number);
        out.raw("</div>\n");
    }
    if !all_blank(&nation) {
        out.raw("<div class=\"nation\">\n");
        out.element("p", "nation-name", &meta.nation);
        ruled(out, "motto", &meta.motto);
        out.element("p", "place-date", &meta.place_date);
        out.raw("</div>\n");
    }
    out.raw("</header>\n");
}

/// `<p class="class"><span>text</span></p>`: a line with a rule under its text.
fn ruled(out: &mut Html, class: &str, text: &str) {
    if text.trim().is_empty() {
        return;
    }
    out.open("p", &[("class", class)]);
    out.raw("<span>");
    out.text(text.trim());
    out.raw("</span></p>\n");
}

fn title_block(out: &mut Html, meta: &Meta<'_>) {
    match (meta.title.trim().is_empty(), meta.subject.trim().is_empty()) {
        (true, true) => {}
        (false, subject_blank) => {
            out.raw("<hgroup class=\"title\">\n");
            out.element("h1", "", &meta.title);
            if !subject_blank {
                out.element("p", "subject", &meta.subject);
            }
            out.raw("</hgroup>\n");
        }
        (true, false) => {
            out.raw("<div class=\"title\">\n");
            out.element("p", "subject", &meta.subject);
            out.raw("</div>\n");
        }
    }
}

fn heading(out: &mut Html, level: u8, number: &str, content: &[Inline<'_>]) {
    if number.trim().is_empty() && blank(content) {
        return;
    }
    // The title is `<h1>`; the model promises levels 1 to 3.
    let tag = match level {
        0 | 1 => "h2",
        2 => "h3",
        _ => "h4",
    };
    out.open(tag, &[]);
    if !number.trim().is_empty() {
        out.text(number.trim());
        out.raw(" ");
    }
    out.inlines(content);
    out.close(tag);
    out.raw("\n");
}

fn list(out: &mut Html, items: &[Vec<Inline<'_>>], style: ListStyle) {
    if items.iter().all(|item| blank(item)) {
        return;
    }
    let (open, close) = match style {
        ListStyle::Bullet => ("<ul>\n", "</ul>\n"),
        ListStyle::Number => ("<ol>\n", "</ol>\n"),
        // `type="a"` says what the markers are, for readers without the
        // stylesheet; the stylesheet prints them "a)".
        ListStyle::Letter => ("<ol type=\"a\">\n", "</ol>\n"),
    };
    out.raw(open);
    for item in items.iter().filter(|item| !blank(item)) {
        out.raw("<li>");
        out.inlines(item);
        out.raw("</li>\n");
    }
    out.raw(close);
}

/// The longest parenthesised text, in characters with its parentheses,
/// that a heading keeps on one line: a unit ("(%)", "(điểm %)",
/// "(nghìn tỷ đồng)"), not a clause, which must still wrap in a narrow
/// column.
const NOWRAP_UNIT: usize = 20;

/// A heading's text, each short parenthesised part in a
/// `<span class="nowrap">`.
fn heading_text(out: &mut Html, text: &str) {
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else {
            break;
        };
        let unit = &rest[open..=open + len];
        if unit.chars().count() > NOWRAP_UNIT {
            out.text(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        }
        out.text(&rest[..open]);
        out.raw("<span class=\"nowrap\">");
        out.text(unit);
        out.raw("</span>");
        rest = &rest[open + len + 1..];
    }
    out.text(rest);
}

/// The table's caption: its text, then the unit line on its own line.
/// Inside `<caption>` both belong to the table, and move with it.
fn caption(out: &mut Html, table: &Table<'_>) {
    let (caption, unit) = (table.caption.trim(), table.unit.trim());
    if caption.is_empty() && unit.is_empty() {
        return;
    }
    out.raw("<caption>");
    out.text(caption);
    if !unit.is_empty() {
        out.raw("<span class=\"unit\">");
        out.text(unit);
        out.raw("</span>");
    }
    out.raw("</caption>\n");
}

/// The header groups over `columns` columns (see `Table::groups`), the
/// columns beyond the headings each in a group of its own; none when no
/// group has text, since a second header row would then be empty.
fn header_groups<'t>(table: &'t Table<'_>, columns: usize) -> Vec<(usize, usize, &'t str)> {
    let mut groups = table.groups();
    if groups.iter().all(|(_, _, text)| text.trim().is_empty()) {
        return Vec::new();
    }
    groups.extend((table.header.len()..columns).map(|c| (c, 1, "")));
    groups
}

fn table(out: &mut Html, table: &Table<'_>) {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len()])
        .max()
        .unwrap_or(0);
    // Nothing to show in the grid (no column, or only blank cells).
    if table.header.iter().all(|h| h.trim().is_empty())
        && table.rows.iter().flatten().all(|c| blank(c))
    {
        out.element("p", "caption", &table.caption);
        out.element("p", "unit", &table.unit);
        out.element("p", "table-note", &table.note);
        return;
    }
    let class = |column: usize| match table.align.get(column).copied().unwrap_or_default() {
        Align::Left => "",
        Align::Center => "center",
        Align::Right => "num",
    };
    out.raw("<table>\n");
    caption(out, table);
    let groups = header_groups(table, columns);
    let heading = |out: &mut Html, column: usize, rowspan: &str| {
        out.open(
            "th",
            &[
                ("scope", "col"),
                ("rowspan", rowspan),
                ("class", class(column)),
            ],
        );
        heading_text(out, table.header.get(column).map_or("", |h| h.trim()));
        out.close("th");
    };
    if !groups.is_empty() {
        for &(_, span, _) in &groups {
            let span = span.to_string();
            out.open(
                "colgroup",
                &[("span", if span == "1" { "" } else { &span })],
            );
            out.close("colgroup");
        }
        out.raw("\n<thead>\n<tr>");
        for &(first, span, text) in &groups {
            if text.trim().is_empty() {
                // The columns' own headings reach up through both rows.
                for column in first..first + span {
                    heading(out, column, "2");
                }
            } else {
                let span = span.to_string();
                out.open(
                    "th",
                    &[
                        ("scope", "colgroup"),
                        ("colspan", if span == "1" { "" } else { &span }),
                    ],
                );
                heading_text(out, text.trim());
                out.close("th");
            }
        }
        out.raw("</tr>\n<tr>");
        for &(first, span, text) in &groups {
            if !text.trim().is_empty() {
                for column in first..first + span {
                    heading(out, column, "");
                }
            }
        }
        out.raw("</tr>\n</thead>\n");
    } else if !table.header.is_empty() {
        out.raw("<thead>\n<tr>");
        for column in 0..columns {
            heading(out, column, "");
        }
        out.raw("</tr>\n</thead>\n");
    }
    if !table.rows.is_empty() {
        out.raw("<tbody>\n");
        for row in &table.rows {
            out.raw("<tr>");
            for column in 0..columns {
                // The first cell names the row.
                let (tag, scope) = if column == 0 {
                    ("th", "row")
                } else {
                    ("td", "")
                };
                out.open(tag, &[("scope", scope), ("class", class(column))]);
                if let Some(cell) = row.get(column) {
                    out.inlines(cell);
                }
                out.close(tag);
            }
            out.raw("</tr>\n");
        }
        out.raw("</tbody>\n");
    }
    out.raw("</table>\n");
    out.element("p", "table-note", &table.note);
}

fn closing(out: &mut Html, meta: &Meta<'_>) {
    let signature = &meta.signature;
    let titles: Vec<&str> = signature
        .titles
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .collect();
    let recipients: Vec<&str> = meta
        .recipients
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    let has_recipients = !recipients.is_empty() || !meta.recipients_label.trim().is_empty();
    let has_signature = !titles.is_empty() || !signature.name.trim().is_empty();
    if !has_recipients && !has_signature {
        return;
    }
    out.raw("<footer class=\"closing\">\n");
    if has_recipients {
        out.raw("<div class=\"recipients\">\n");
        out.element("p", "recipients-label", &meta.recipients_label);
        if !recipients.is_empty() {
            out.raw("<ul>\n");
            for recipient in recipients {
                out.element("li", "", recipient);
            }
            out.raw("</ul>\n");
        }
        out.raw("</div>\n");
    }
    if has_signature {
        out.raw("<div class=\"signature\">\n");
        if !titles.is_empty() {
            out.raw("<p class=\"signer-title\">");
            for (i, title) in titles.iter().enumerate() {
                if i > 0 {
                    out.raw("<br>");
                }
                out.text(title);
            }
            out.raw("</p>\n");
        }
        out.element("p", "signer-name", &signature.name);
        out.raw("</div>\n");
    }
    out.raw("</footer>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_checked_for_form() {
        for good in [
            "vi",
            "en",
            "en-GB",
            "vi-VN",
            "zh-Hant-TW",
            "de-CH-1996",
            "en-x-report",
        ] {
            assert_eq!(language(good), good);
        }
        for bad in [
            "",
            "x",
            "v",
            "vi-",
            "-vi",
            "vi-x",
            "vi_VN",
            "vi VN",
            "1a",
            "vi-abcdefghi",
            "vi\"><script>",
        ] {
            assert_eq!(language(bad), "vi", "{bad}");
        }
    }
}

/// The exporter as a plugin: `baocao` loads this crate's shared library at
/// run time and calls it through the C ABI of `baocao-plugin-api`.
#[derive(Debug, Default, Clone, Copy)]
pub struct HtmlExporter;

impl baocao_plugin_api::Exporter for HtmlExporter {
    type Options = Options;
    const METADATA: baocao_plugin_api::Metadata = baocao_plugin_api::Metadata {
        name: "HTML",
        version: env!("CARGO_PKG_VERSION"),
        format_id: "html",
        extension: "html",
        mime_type: "text/html; charset=utf-8",
    };

    fn render(
        &self,
        doc: &Document<'_>,
        options: &Options,
    ) -> Result<Vec<u8>, baocao_plugin_api::ExportError> {
        Ok(render_with(doc, options).into_bytes())
    }
}

baocao_plugin_api::export_plugin!(HtmlExporter);
