//! Turning a rendered template into blocks.
//!
//! Templates write a tiny line-based markup (`# `, `## `, `### ` headings,
//! `- ` list items, blank lines between paragraphs). Everything a template
//! *interpolates* (`{{ … }}`) is not markup: the formatter registers it as an
//! opaque run and writes a private-use marker in its place, so a note that
//! begins with `## ` or a name with `- ` can never become structure here
//! (a note's own markup is read into blocks before: `notes.rs`).

use baocao_document::{Block, Inline, ListStyle};

use crate::locale::roman;

/// Opens an inline marker; the run's index in decimal follows.
pub(crate) const INLINE_OPEN: char = '\u{E000}';
/// Closes an inline marker.
pub(crate) const INLINE_CLOSE: char = '\u{E001}';
/// Opens a block marker.
pub(crate) const BLOCK_OPEN: char = '\u{E002}';
/// Closes a block marker.
pub(crate) const BLOCK_CLOSE: char = '\u{E003}';

/// What the formatter set aside while the template ran.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    pub(crate) runs: Vec<Vec<Inline<'static>>>,
    pub(crate) blocks: Vec<Vec<Block<'static>>>,
}

impl Registry {
    pub(crate) fn inline(&mut self, run: Vec<Inline<'static>>) -> String {
        self.runs.push(run);
        format!("{INLINE_OPEN}{}{INLINE_CLOSE}", self.runs.len() - 1)
    }

    pub(crate) fn block(&mut self, blocks: Vec<Block<'static>>) -> String {
        self.blocks.push(blocks);
        format!("{BLOCK_OPEN}{}{BLOCK_CLOSE}", self.blocks.len() - 1)
    }
}

/// Parses rendered template output into numbered blocks. Each marker's
/// content is moved out of the registry (a marker appears once).
pub(crate) fn parse(rendered: &str, reg: &mut Registry) -> Vec<Block<'static>> {
    let mut out = Vec::new();
    let mut para: Vec<Inline<'static>> = Vec::new();
    let mut list: Vec<Vec<Inline<'static>>> = Vec::new();
    let mut numbers = [0usize; 3];

    fn flush_para(out: &mut Vec<Block<'static>>, para: &mut Vec<Inline<'static>>) {
        let content = tidy(std::mem::take(para));
        if !content.is_empty() {
            out.push(Block::Paragraph { content });
        }
    }
    fn flush_list(out: &mut Vec<Block<'static>>, list: &mut Vec<Vec<Inline<'static>>>) {
        if !list.is_empty() {
            out.push(Block::List {
                items: std::mem::take(list),
                style: ListStyle::Bullet,
            });
        }
    }

    for line in rendered.lines() {
        let line = line.trim();
        if line.is_empty() {
            flush_para(&mut out, &mut para);
            flush_list(&mut out, &mut list);
            continue;
        }
        if let Some(blocks) = only_blocks(line, reg) {
            flush_para(&mut out, &mut para);
            flush_list(&mut out, &mut list);
            out.extend(blocks);
            continue;
        }
        let heading = ["### ", "## ", "# "]
            .iter()
            .find_map(|p| line.strip_prefix(p).map(|rest| (p.len() - 1, rest)));
        if let Some((level, rest)) = heading {
            flush_para(&mut out, &mut para);
            flush_list(&mut out, &mut list);
            // Numbered once the empty headings are gone.
            out.push(Block::Heading {
                level: u8::try_from(level).expect("heading levels are 1 to 3"),
                number: String::new().into(),
                content: tidy(inlines(rest, reg)),
            });
            continue;
        }
        if let Some(item) = line.strip_prefix("- ") {
            flush_para(&mut out, &mut para);
            let item = tidy(inlines(item, reg));
            if !item.is_empty() {
                list.push(item);
            }
            continue;
        }
        flush_list(&mut out, &mut list);
        if !para.is_empty() {
            para.push(Inline::text(" "));
        }
        para.extend(inlines(line, reg));
    }
    flush_para(&mut out, &mut para);
    flush_list(&mut out, &mut list);
    let mut out = without_empty_headings(out);
    for block in &mut out {
        if let Block::Heading { level, number, .. } = block {
            let level = usize::from(*level);
            numbers[level - 1] += 1;
            for deeper in numbers.iter_mut().skip(level) {
                *deeper = 0;
            }
            let n = numbers[level - 1];
            *number = match level {
                1 => format!("{}.", roman(n)),
                2 => format!("{n}."),
                _ => format!("{})", letter(n)),
            }
            .into();
        }
    }
    out
}

/// The blocks without the headings that head nothing: a heading followed,
/// before the next heading of its level or above, by no paragraph, list or
/// table (a section whose every sentence was left out for lack of figures
/// is not printed as an empty title).
fn without_empty_headings(blocks: Vec<Block<'static>>) -> Vec<Block<'static>> {
    let level = |b: &Block<'_>| match b {
        Block::Heading { level, .. } => Some(*level),
        _ => None,
    };
    let keep: Vec<bool> = (0..blocks.len())
        .map(|i| match level(&blocks[i]) {
            None => true,
            Some(l) => blocks[i + 1..]
                .iter()
                .take_while(|b| level(b).is_none_or(|m| m > l))
                .any(|b| level(b).is_none()),
        })
        .collect();
    blocks
        .into_iter()
        .zip(keep)
        .filter_map(|(b, k)| k.then_some(b))
        .collect()
}

fn letter(n: usize) -> String {
    let letters = "abcdeghiklmnopqrstuvxy"; // the Vietnamese alphabet has no f, j, w, z
    letters
        .chars()
        .nth(n.saturating_sub(1))
        .map_or_else(|| n.to_string(), String::from)
}

/// Rendered text with every marker replaced by the text it stands for,
/// whitespace collapsed: for one-line strings such as the subject.
pub(crate) fn plain(rendered: &str, reg: &mut Registry) -> String {
    let runs = tidy(inlines(&rendered.replace('\n', " "), reg));
    baocao_document::plain_text(&runs)
}

/// A line holding nothing but block markers: those blocks. The line is
/// checked whole before any block is taken, so that a line that turns out
/// to be text still finds its blocks in the registry.
fn only_blocks(line: &str, reg: &mut Registry) -> Option<Vec<Block<'static>>> {
    let mut indices = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let inner = rest.strip_prefix(BLOCK_OPEN)?;
        let (index, after) = inner.split_once(BLOCK_CLOSE)?;
        let i: usize = index.parse().ok()?;
        reg.blocks.get(i)?;
        indices.push(i);
        rest = after.trim_start();
    }
    Some(
        indices
            .into_iter()
            .flat_map(|i| std::mem::take(&mut reg.blocks[i]))
            .collect(),
    )
}

/// Splits a line into template text and registered runs. Template text has
/// its whitespace collapsed; a block marker inside text is flattened.
fn inlines(line: &str, reg: &mut Registry) -> Vec<Inline<'static>> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = line.char_indices().peekable();
    let mut rest_start = 0;
    while let Some((pos, c)) = chars.next() {
        if c != INLINE_OPEN && c != BLOCK_OPEN {
            continue;
        }
        let close = if c == INLINE_OPEN {
            INLINE_CLOSE
        } else {
            BLOCK_CLOSE
        };
        let after = pos + c.len_utf8();
        let Some(end) = line[after..].find(close) else {
            continue;
        };
        let Ok(i) = line[after..after + end].parse::<usize>() else {
            continue;
        };
        text.push_str(&line[rest_start..pos]);
        if !text.is_empty() {
            out.push(Inline::text(collapse(&std::mem::take(&mut text))));
        }
        if c == INLINE_OPEN {
            out.extend(
                reg.runs
                    .get_mut(i)
                    .map(std::mem::take)
                    .into_iter()
                    .flatten(),
            );
        } else {
            let flat: Vec<String> = reg
                .blocks
                .get(i)
                .into_iter()
                .flatten()
                .map(Block::plain_text)
                .collect();
            out.push(Inline::text(flat.join(" ")));
        }
        rest_start = after + end + close.len_utf8();
        while chars.peek().is_some_and(|(p, _)| *p < rest_start) {
            chars.next();
        }
    }
    text.push_str(&line[rest_start..]);
    if !text.is_empty() {
        out.push(Inline::text(collapse(&text)));
    }
    out
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Merges adjacent text runs, collapses the spaces left where a clause was
/// dropped, removes a space before closing punctuation, and trims the ends.
pub(crate) fn tidy(content: Vec<Inline<'static>>) -> Vec<Inline<'static>> {
    let mut out: Vec<Inline<'static>> = Vec::with_capacity(content.len());
    for inline in content {
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => {
                prev.to_mut().push_str(&text);
            }
            (_, other) => out.push(other),
        }
    }
    let n = out.len();
    for (k, inline) in out.iter_mut().enumerate() {
        if let Inline::Text { text } = inline {
            let mut s = spaces(text);
            if k == 0 {
                s = s.trim_start().to_owned();
            }
            if k + 1 == n {
                s.truncate(s.trim_end().len());
            }
            *text = s.into();
        }
    }
    out.retain(|i| !i.as_str().is_empty());
    out
}

/// Line breaks as spaces, runs of spaces as one, and no space before
/// closing punctuation (`,` `.` `;` `:` `)`), in one pass.
fn spaces(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ' ' | '\n' if s.ends_with(' ') => {}
            ' ' | '\n' => s.push(' '),
            ',' | '.' | ';' | ':' | ')' => {
                if s.ends_with(' ') {
                    s.pop();
                }
                s.push(c);
            }
            _ => s.push(c),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(blocks: &[Block<'_>]) -> Vec<String> {
        blocks.iter().map(Block::plain_text).collect()
    }

    #[test]
    fn headings_are_numbered_and_markers_are_not_markup() {
        let mut reg = Registry::default();
        let note = reg.inline(vec![Inline::text("# không phải tiêu đề")]);
        let fig = reg.inline(vec![
            Inline::text("tăng "),
            Inline::figure("6,2%", "6.2", "reported"),
        ]);
        let src = format!(
            "# KẾT QUẢ\n## Công nghiệp\nNgành  công nghiệp {fig} ,\nmột  dòng nữa.\n\n{note}\n## Thương mại\n### Bán lẻ\n- một\n- hai\n# TRỐNG\n## Không có gì\n# NHIỆM VỤ\n## Rỗng\n## Chỉ tiêu\nNội dung.\n"
        );
        let blocks = parse(&src, &mut reg);
        assert_eq!(
            text(&blocks),
            [
                "I. KẾT QUẢ",
                "1. Công nghiệp",
                "Ngành công nghiệp tăng 6,2%, một dòng nữa.",
                "# không phải tiêu đề",
                "2. Thương mại",
                "a) Bán lẻ",
                "một\nhai",
                // A heading with nothing under it is dropped, and the
                // numbers close up.
                "II. NHIỆM VỤ",
                "1. Chỉ tiêu",
                "Nội dung.",
            ]
        );
        let Block::Paragraph { content } = &blocks[2] else {
            panic!("a paragraph")
        };
        assert!(
            content
                .iter()
                .any(|i| matches!(i, Inline::Figure { text, .. } if text == "6,2%"))
        );
    }

    #[test]
    fn a_line_of_block_markers_splices_blocks() {
        let mut reg = Registry::default();
        let b = reg.block(vec![
            Block::Paragraph {
                content: vec![Inline::text("một")],
            },
            Block::Paragraph {
                content: vec![Inline::text("hai")],
            },
        ]);
        let c = reg.block(vec![Block::Paragraph {
            content: vec![Inline::text("ba")],
        }]);
        // `c` opens a line that is not only blocks: it is flattened into
        // the text, not lost.
        let blocks = parse(&format!("Trước.\n{b}\nSau {c} nữa."), &mut reg);
        assert_eq!(text(&blocks), ["Trước.", "một", "hai", "Sau ba nữa."]);
    }

    /// The rule `spaces` keeps, written the obvious way: line breaks as
    /// spaces, then runs of spaces as one, then no space before closing
    /// punctuation.
    fn spaces_by_replacing(text: &str) -> String {
        let mut s = text.replace('\n', " ");
        while s.contains("  ") {
            s = s.replace("  ", " ");
        }
        for p in [" ,", " .", " ;", " :", " )"] {
            s = s.replace(p, &p[1..]);
        }
        s
    }

    proptest::proptest! {
        #[test]
        fn spaces_in_one_pass_is_the_obvious_rule(text in "[ \n\t,.;:)(aă€\u{a0}]{0,24}") {
            proptest::prop_assert_eq!(spaces(&text), spaces_by_replacing(&text));
        }
    }
}
