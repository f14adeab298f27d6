//! Reading the output back with pulldown-cmark, and what it must read as.
//!
//! [`check`] is the one helper most tests go through: render a document,
//! parse the Markdown with the GFM extensions a reader may have on, and
//! compare the blocks that come back with the blocks the document means.

use baocao_plugin_api::{Block, Document, Inline, ListStyle};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A block as a Markdown reader sees it. Text keeps line breaks as `\n`
/// and shows emphasis as `{b}…{/b}` (strong) and `{i}…{/i}` (emphasis).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Node {
    Heading(u8, String),
    Paragraph(String),
    List(Vec<String>),
    /// An ordered list starting at 1.
    Numbered(Vec<String>),
    Table(Vec<String>, Vec<Vec<String>>),
    /// An HTML comment block, which renderers do not show.
    Comment(String),
}

/// Everything GitHub and common renderers may interpret; smart punctuation
/// and heading attributes are left out, being neither CommonMark nor GFM.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM
        | Options::ENABLE_MATH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_WIKILINKS
}

/// Parses Markdown into blocks; panics on any construct the exporter never
/// writes (links, code, HTML, quotes…), which is how escaping failures show.
pub(crate) fn read(markdown: &str) -> Vec<Node> {
    let mut nodes = Vec::new();
    let mut text = String::new();
    let mut items: Vec<String> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut in_list = false;
    let mut numbered = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::HardBreak => text.push('\n'),
            Event::Start(Tag::Strong) => text.push_str("{b}"),
            Event::End(TagEnd::Strong) => text.push_str("{/b}"),
            Event::Start(Tag::Emphasis) => text.push_str("{i}"),
            Event::End(TagEnd::Emphasis) => text.push_str("{/i}"),
            Event::Start(Tag::List(Some(start))) => {
                assert_eq!(start, 1, "a list numbered from {start} in:\n{markdown}");
                in_list = true;
                numbered = true;
            }
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Html(html) if html.starts_with("<!--") => {
                nodes.push(Node::Comment(html.trim_end().to_owned()));
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::List(None)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell,
            ) => {
                if matches!(event, Event::Start(Tag::List(None))) {
                    in_list = true;
                }
            }
            Event::End(TagEnd::Paragraph) if in_list => {}
            Event::End(TagEnd::Paragraph) => nodes.push(Node::Paragraph(std::mem::take(&mut text))),
            Event::End(TagEnd::Heading(level)) => {
                let level = u8::try_from(level as usize).unwrap();
                nodes.push(Node::Heading(level, std::mem::take(&mut text)));
            }
            Event::End(TagEnd::Item) => items.push(std::mem::take(&mut text)),
            Event::End(TagEnd::List(false)) => {
                in_list = false;
                nodes.push(Node::List(std::mem::take(&mut items)));
            }
            Event::End(TagEnd::List(true)) => {
                in_list = false;
                numbered = false;
                nodes.push(Node::Numbered(std::mem::take(&mut items)));
            }
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut text)),
            Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
            Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
            Event::End(TagEnd::Table) => nodes.push(Node::Table(
                std::mem::take(&mut header),
                std::mem::take(&mut rows),
            )),
            other => panic!("unexpected Markdown {other:?} in:\n{markdown}"),
        }
    }
    assert!(text.is_empty(), "text outside a block: {text:?}");
    assert!(!numbered, "an ordered list left open");
    nodes
}

/// A run of inlines as read back: styled runs between the markers of their
/// style, their edge whitespace outside them, the whole trimmed.
fn line(content: &[Inline<'_>]) -> String {
    let mut out = String::new();
    for inline in content {
        let text = printed_untrimmed(inline.as_str());
        let (open, close) = match inline {
            Inline::Styled {
                bold: true,
                italic: true,
                ..
            } => ("{i}{b}", "{/b}{/i}"),
            Inline::Styled { bold: true, .. } => ("{b}", "{/b}"),
            Inline::Styled { italic: true, .. } => ("{i}", "{/i}"),
            _ => ("", ""),
        };
        let core = text.trim();
        if core.is_empty() || open.is_empty() {
            out.push_str(&text);
            continue;
        }
        out.push_str(&text[..text.len() - text.trim_start().len()]);
        out.push_str(open);
        out.push_str(core);
        out.push_str(close);
        out.push_str(&text[text.trim_end().len()..]);
    }
    out.trim().to_owned()
}

/// `text` with the emphasis markers of [`read`] taken out.
pub(crate) fn unmarked(text: &str) -> String {
    ["{b}", "{/b}", "{i}", "{/i}"]
        .iter()
        .fold(text.to_owned(), |t, m| t.replace(m, ""))
}

/// The text as the exporter promises to print it: line breaks and other
/// whitespace controls become spaces, other controls U+FFFD, and the ends
/// are trimmed.
pub(crate) fn printed(text: &str) -> String {
    printed_untrimmed(text).trim().to_owned()
}

fn printed_untrimmed(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() && c.is_whitespace() => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// `text` as printed, between the markers of its style, or empty.
fn wrap(text: &str, open: &str, close: &str) -> String {
    let text = printed(text);
    if text.is_empty() {
        return text;
    }
    format!("{open}{text}{close}")
}

fn paragraph_of_lines(nodes: &mut Vec<Node>, lines: impl IntoIterator<Item = String>) {
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.is_empty()).collect();
    if !lines.is_empty() {
        nodes.push(Node::Paragraph(lines.join("\n")));
    }
}

/// The blocks a document must read back as.
pub(crate) fn expected(doc: &Document<'_>) -> Vec<Node> {
    let m = &doc.meta;
    let mut nodes = Vec::new();
    paragraph_of_lines(
        &mut nodes,
        [
            printed(&m.authority),
            wrap(&m.department, "{b}", "{/b}"),
            printed(&m.number),
        ],
    );
    paragraph_of_lines(
        &mut nodes,
        [
            wrap(&m.nation, "{b}", "{/b}"),
            wrap(&m.motto, "{b}", "{/b}"),
            wrap(&m.place_date, "{i}", "{/i}"),
        ],
    );
    if !printed(&m.title).is_empty() {
        nodes.push(Node::Heading(1, printed(&m.title)));
    }
    paragraph_of_lines(&mut nodes, [wrap(&m.subject, "{b}", "{/b}")]);
    // Markdown draws no chart: a chart reads as its fallback, the table.
    let blocks = doc.blocks.iter().flat_map(|b| match b {
        Block::Chart(c) => c.fallback.iter().collect::<Vec<_>>(),
        other => vec![other],
    });
    for block in blocks {
        match block {
            Block::Heading {
                level,
                number,
                content,
            } => {
                let mut runs = vec![Inline::text(number.as_ref()), Inline::text(" ")];
                runs.extend(content.iter().cloned());
                let text = line(&runs);
                if !text.is_empty() {
                    nodes.push(Node::Heading(level.clamp(&1, &3) + 1, text));
                }
            }
            Block::Paragraph { content } => paragraph_of_lines(&mut nodes, [line(content)]),
            Block::List { items, style } => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| line(i))
                    .filter(|i| !i.is_empty())
                    .collect();
                if items.is_empty() {
                    continue;
                }
                match style {
                    ListStyle::Bullet => nodes.push(Node::List(items)),
                    ListStyle::Number => nodes.push(Node::Numbered(items)),
                    _ => paragraph_of_lines(
                        &mut nodes,
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, item)| format!("{} {item}", style.marker(i))),
                    ),
                }
            }
            Block::PageBreak {} => nodes.push(Node::Comment("<!-- page break -->".to_owned())),
            Block::Table(table) => {
                paragraph_of_lines(&mut nodes, [wrap(&table.caption, "{b}", "{/b}")]);
                paragraph_of_lines(&mut nodes, [wrap(&table.unit, "{i}", "{/i}")]);
                let mut header: Vec<String> = table.header.iter().map(|h| printed(h)).collect();
                for (first, span, text) in table.groups() {
                    let group = printed(text);
                    for h in header[first..first + span]
                        .iter_mut()
                        .filter(|_| !group.is_empty())
                    {
                        *h = if h.is_empty() {
                            group.clone()
                        } else {
                            format!("{group}: {h}")
                        };
                    }
                }
                let columns = table
                    .rows
                    .iter()
                    .map(Vec::len)
                    .chain([table.header.len()])
                    .max()
                    .unwrap();
                let blank = table.header.iter().all(|h| printed(h).is_empty())
                    && table.rows.iter().flatten().all(|c| line(c).is_empty());
                if !blank {
                    let pad = |mut cells: Vec<String>| {
                        cells.resize(columns, String::new());
                        cells
                    };
                    nodes.push(Node::Table(
                        pad(header),
                        table
                            .rows
                            .iter()
                            .map(|r| pad(r.iter().map(|c| line(c)).collect()))
                            .collect(),
                    ));
                }
                paragraph_of_lines(&mut nodes, [wrap(&table.note, "{i}", "{/i}")]);
            }
            other => panic!("no expectation for {other:?}"),
        }
    }
    paragraph_of_lines(&mut nodes, [wrap(&m.source, "{i}", "{/i}")]);
    paragraph_of_lines(
        &mut nodes,
        std::iter::once(wrap(&m.recipients_label, "{i}{b}", "{/b}{/i}"))
            .chain(m.recipients.iter().map(|r| printed(r))),
    );
    paragraph_of_lines(
        &mut nodes,
        m.signature.titles.iter().map(|t| wrap(t, "{b}", "{/b}")),
    );
    paragraph_of_lines(&mut nodes, [wrap(&m.signature.name, "{b}", "{/b}")]);
    nodes
}

/// Renders `doc` and checks that it reads back as [`expected`].
pub(crate) fn check(doc: &Document<'_>) {
    let markdown = baocao_markdown::render(doc);
    assert_eq!(read(&markdown), expected(doc), "Markdown:\n{markdown}");
}

/// Renders `doc` and checks that it reads back as [`expected`] once
/// emphasis is taken out of both: for styled runs of any text, whose
/// markers the exporter may leave out, but whose text must never turn
/// into markup (a `*` of the text read as emphasis would be missing).
pub(crate) fn check_text(doc: &Document<'_>) {
    let markdown = baocao_markdown::render(doc);
    let strip = |nodes: Vec<Node>| -> Vec<Node> {
        nodes
            .into_iter()
            .map(|node| match node {
                Node::Heading(l, t) => Node::Heading(l, unmarked(&t)),
                Node::Paragraph(t) => Node::Paragraph(unmarked(&t)),
                Node::List(i) => Node::List(i.iter().map(|t| unmarked(t)).collect()),
                Node::Numbered(i) => Node::Numbered(i.iter().map(|t| unmarked(t)).collect()),
                Node::Table(h, r) => Node::Table(
                    h.iter().map(|t| unmarked(t)).collect(),
                    r.iter()
                        .map(|row| row.iter().map(|t| unmarked(t)).collect())
                        .collect(),
                ),
                other => other,
            })
            .collect()
    };
    assert_eq!(
        strip(read(&markdown)),
        strip(expected(doc)),
        "Markdown:\n{markdown}"
    );
}
