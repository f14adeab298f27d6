//! The markup of dataset notes: the little structure a clerk may give the
//! paragraphs people write (`data/notes.toml`), read by `notes("…")`.
//!
//! It is written by hand, not borrowed from a Markdown crate: Markdown
//! knows nothing of the "a)" points of Vietnamese official writing, and it
//! reads ordinary prose as structure ("2024. Năm…" as a list, "5*3" as
//! emphasis, a line of "---" as a rule). The rules, one a line
//! (`docs/dataset.md` has an example of each):
//!
//! - a blank line ends a paragraph, a list or an item; the lines of one
//!   paragraph are joined with one space; spaces at either end of a line
//!   and a CRLF line end do not count;
//! - `- `, `+ ` or `• ` opens a bullet item ([`ListStyle::Bullet`]);
//! - `a) ` opens a lettered list ([`ListStyle::Letter`]), and another
//!   single lower-case letter after it (`b) `, `đ) `) continues it while
//!   the letters increase; a letter that does not is text;
//! - `1. ` or `1) ` opens a numbered list ([`ListStyle::Number`]), and the
//!   next number, exactly one more, continues it: "2024. Năm…" or "3. …"
//!   out of sequence is prose;
//! - a line indented by two spaces or a tab under an item continues the
//!   item (lists do not nest: an indented `- ` is text of the item); a
//!   line not indented that opens no item ends the list and starts a
//!   paragraph;
//! - `# ` opens a sub-heading, a level-3 heading that the report numbers
//!   a), b) with the template's own `### ` points;
//! - `**bold**`, `*italic*`, `***both***` (nesting allowed) become
//!   [`Inline::Styled`] runs. A star is emphasis only at the edge of a
//!   word: it opens before a non-space and not after a letter or digit,
//!   and closes after a non-space and not before one, so "5*3" and "(*)"
//!   are text; `\*` is a star and `\\` a backslash. A run of stars that
//!   finds no partner is printed as it is; an unclosed `**` is also told
//!   ([`Problem`]).
//!
//! The result is data, never template text: nothing in a note is ever
//! parsed by minijinja or read as one of `markup.rs`'s markers. Every text
//! run is NFC: a star next to a combining mark is never emphasis, so
//! removing stars cannot part a letter from its accent.

use baocao_document::{Block, Inline, ListStyle};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A note read: its blocks, and what in it looks like a mistake.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub(crate) blocks: Vec<Block<'static>>,
    pub(crate) problems: Vec<Problem>,
}

/// Something in a note that is printed as written but was most likely
/// meant as markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// 1-based line of the note's text.
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// The kind of the item a line opens, with what continues it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Bullet,
    /// The letter.
    Letter(char),
    /// The number.
    Number(u32),
}

impl Marker {
    fn style(self) -> ListStyle {
        match self {
            Marker::Bullet => ListStyle::Bullet,
            Marker::Letter(_) => ListStyle::Letter,
            Marker::Number(_) => ListStyle::Number,
        }
    }

    /// Whether an item with this marker continues a list whose last item
    /// had `last` (else it may open a list of its own).
    fn follows(self, last: Marker) -> bool {
        match (last, self) {
            (Marker::Bullet, Marker::Bullet) => true,
            (Marker::Letter(a), Marker::Letter(b)) => letter_rank(b) > letter_rank(a),
            (Marker::Number(a), Marker::Number(b)) => a.checked_add(1) == Some(b),
            _ => false,
        }
    }

    /// Whether this marker may open a list: a bullet, "a)" or "1.".
    fn opens(self) -> bool {
        matches!(
            self,
            Marker::Bullet | Marker::Letter('a') | Marker::Number(1)
        )
    }
}

/// The place of a letter in the alphabet a clerk may number with: Latin
/// a–z with đ right after d (Vietnamese documents number a), b), c), d),
/// đ), e), g) …).
fn letter_rank(c: char) -> u32 {
    match c {
        'đ' => u32::from('d') * 2 + 1,
        c => u32::from(c) * 2,
    }
}

/// The item marker a (trimmed) line opens with, and the rest of the line;
/// `None` for a line that is not an item, or an item with nothing in it.
fn item(line: &str) -> Option<(Marker, &str)> {
    for bullet in ["- ", "+ ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return non_empty(Marker::Bullet, rest);
        }
    }
    let mut chars = line.chars();
    let first = chars.next()?;
    if first.is_ascii_lowercase() || first == 'đ' {
        let rest = chars.as_str().strip_prefix(") ")?;
        return non_empty(Marker::Letter(first), rest);
    }
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // No leading zero and at most three digits: "01." and "2024." are not
    // how a list is numbered.
    if digits == 0 || digits > 3 || line.starts_with('0') {
        return None;
    }
    let rest = &line[digits..];
    let rest = rest
        .strip_prefix(". ")
        .or_else(|| rest.strip_prefix(") "))?;
    let n = line[..digits].parse().ok()?;
    non_empty(Marker::Number(n), rest)
}

fn non_empty(marker: Marker, rest: &str) -> Option<(Marker, &str)> {
    let rest = rest.trim();
    (!rest.is_empty()).then_some((marker, rest))
}

/// Text gathered over lines, with the line each piece came from (for the
/// problems' places).
#[derive(Debug, Default)]
struct Lines {
    text: String,
    /// (byte offset in `text`, 1-based line of the note).
    starts: Vec<(usize, usize)>,
}

impl Lines {
    fn push(&mut self, line: usize, text: &str) {
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.starts.push((self.text.len(), line));
        self.text.push_str(text);
    }

    fn line_at(&self, offset: usize) -> usize {
        self.starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= offset)
            .map_or(1, |(_, line)| *line)
    }

    /// The text's inline runs, telling `problems` what looks unfinished.
    fn inlines(&self, problems: &mut Vec<Problem>) -> Vec<Inline<'static>> {
        let chars: Vec<(usize, char)> = self.text.char_indices().collect();
        let mut runs = Runs::default();
        let mut unclosed = Vec::new();
        emphasis(&chars, Style::default(), &mut runs, &mut unclosed);
        for offset in unclosed {
            problems.push(Problem {
                line: self.line_at(offset),
                message: "`**` is not closed: its stars are printed as written; close it, or write each star `\\\\*` in the TOML string"
                    .to_owned(),
            });
        }
        runs.into_inlines()
    }
}

/// What is being gathered.
enum Open {
    None,
    Paragraph(Lines),
    /// A list's style, its finished items, the item being written and its marker.
    List(ListStyle, Vec<Vec<Inline<'static>>>, Lines, Marker),
}

/// Reads a note's text into blocks.
pub(crate) fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut open = Open::None;
    for (k, raw) in text.lines().enumerate() {
        let line_no = k + 1;
        let raw = raw.trim_end();
        let line = raw.trim_start();
        if line.is_empty() {
            close(&mut open, &mut out);
            continue;
        }
        let indented = raw.starts_with("  ") || raw.starts_with('\t');
        if indented && let Open::List(_, _, item, _) = &mut open {
            item.push(line_no, line);
            continue;
        }
        if let Some(heading) = line.strip_prefix("# ") {
            close(&mut open, &mut out);
            let mut lines = Lines::default();
            lines.push(line_no, heading.trim());
            let content = lines.inlines(&mut out.problems);
            out.blocks.push(Block::Heading {
                level: 3,
                number: "".into(),
                content,
            });
            continue;
        }
        let opened = item(line).filter(|(marker, _)| match &open {
            Open::List(_, _, _, last) if marker.follows(*last) => true,
            _ => marker.opens(),
        });
        if let Some((marker, rest)) = opened {
            let mut lines = Lines::default();
            lines.push(line_no, rest);
            match &mut open {
                Open::List(_, items, item, last) if marker.follows(*last) => {
                    items.push(std::mem::take(item).inlines(&mut out.problems));
                    *item = lines;
                    *last = marker;
                }
                _ => {
                    close(&mut open, &mut out);
                    open = Open::List(marker.style(), Vec::new(), lines, marker);
                }
            }
            continue;
        }
        match &mut open {
            Open::Paragraph(lines) => lines.push(line_no, line),
            _ => {
                close(&mut open, &mut out);
                let mut lines = Lines::default();
                lines.push(line_no, line);
                open = Open::Paragraph(lines);
            }
        }
    }
    close(&mut open, &mut out);
    out
}

/// Ends what is being gathered, adding its block.
fn close(open: &mut Open, out: &mut Parsed) {
    match std::mem::replace(open, Open::None) {
        Open::None => {}
        Open::Paragraph(lines) => {
            let content = lines.inlines(&mut out.problems);
            if !content.is_empty() {
                out.blocks.push(Block::Paragraph { content });
            }
        }
        Open::List(style, mut items, item, _) => {
            items.push(item.inlines(&mut out.problems));
            items.retain(|i| !i.is_empty());
            if !items.is_empty() {
                out.blocks.push(Block::List { items, style });
            }
        }
    }
}

/// Bold and italic in effect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Style {
    bold: bool,
    italic: bool,
}

impl Style {
    /// This style inside a run of `n` stars (1 to 3).
    fn inside(self, n: usize) -> Style {
        Style {
            bold: self.bold || n >= 2,
            italic: self.italic || n != 2,
        }
    }
}

/// Text runs being built, adjacent runs of one style merged.
#[derive(Debug, Default)]
struct Runs(Vec<(Style, String)>);

impl Runs {
    fn push(&mut self, style: Style, c: char) {
        match self.0.last_mut() {
            Some((s, text)) if *s == style => text.push(c),
            _ => self.0.push((style, c.to_string())),
        }
    }

    fn into_inlines(self) -> Vec<Inline<'static>> {
        self.0
            .into_iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(s, t)| {
                // The dataset's text is NFC and stars are never next to
                // a combining mark; this keeps it so for any other caller.
                let t = if unicode_normalization::is_nfc(&t) {
                    t
                } else {
                    t.nfc().collect()
                };
                if s == Style::default() {
                    Inline::text(t)
                } else {
                    Inline::styled(t, s.bold, s.italic)
                }
            })
            .collect()
    }
}

/// The length of the run of stars at `i` (0 when there is none).
fn stars(chars: &[(usize, char)], i: usize) -> usize {
    chars[i..].iter().take_while(|(_, c)| *c == '*').count()
}

/// Whether a run of stars from `i` to `end` (exclusive) may open emphasis:
/// a non-space follows, and no letter or digit comes before.
fn opens(chars: &[(usize, char)], i: usize, end: usize) -> bool {
    let before = i.checked_sub(1).map(|k| chars[k].1);
    let after = chars.get(end).map(|(_, c)| *c);
    after.is_some_and(|c| !c.is_whitespace() && !is_combining_mark(c))
        && before.is_none_or(|c| !in_word(c))
}

/// Whether a run of stars from `i` to `end` (exclusive) may close
/// emphasis: a non-space comes before, and no letter or digit follows.
fn closes(chars: &[(usize, char)], i: usize, end: usize) -> bool {
    let before = i.checked_sub(1).map(|k| chars[k].1);
    let after = chars.get(end).map(|(_, c)| *c);
    before.is_some_and(|c| !c.is_whitespace()) && after.is_none_or(|c| !in_word(c))
}

/// A letter, a digit or a combining mark: a star next to one is inside a
/// word (a star between a letter and its accent is never emphasis).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Where the run of exactly `n` stars that closes the one ending at
/// `from` starts, skipping escapes and other runs of stars.
fn closer(chars: &[(usize, char)], from: usize, n: usize) -> Option<usize> {
    let mut i = from;
    while i < chars.len() {
        match chars[i].1 {
            '\\' => i += 2,
            '*' => {
                let m = stars(chars, i);
                if m == n && closes(chars, i, i + m) {
                    return Some(i);
                }
                i += m;
            }
            _ => i += 1,
        }
    }
    None
}

/// Reads `chars` into styled runs; the byte offsets of unclosed `**` go
/// to `unclosed`.
fn emphasis(chars: &[(usize, char)], style: Style, runs: &mut Runs, unclosed: &mut Vec<usize>) {
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if c == '\\' {
            match chars.get(i + 1) {
                Some((_, e @ ('*' | '\\'))) => {
                    runs.push(style, *e);
                    i += 2;
                }
                _ => {
                    runs.push(style, c);
                    i += 1;
                }
            }
            continue;
        }
        if c != '*' {
            runs.push(style, c);
            i += 1;
            continue;
        }
        let n = stars(chars, i);
        let end = i + n;
        if n <= 3
            && opens(chars, i, end)
            && let Some(close) = closer(chars, end, n)
        {
            emphasis(&chars[end..close], style.inside(n), runs, unclosed);
            i = close + n;
            continue;
        }
        if n >= 2 && opens(chars, i, end) {
            unclosed.push(offset);
        }
        for _ in 0..n {
            runs.push(style, '*');
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A block written compactly: `P: text`, `H: text`, `-: a | b`,
    /// `a): a | b`, `1.: a | b`; styled runs as `[b:…]`, `[i:…]`, `[bi:…]`.
    fn show(blocks: &[Block<'_>]) -> Vec<String> {
        fn runs(content: &[Inline<'_>]) -> String {
            content
                .iter()
                .map(|i| match i {
                    Inline::Styled { text, bold, italic } => {
                        let s = match (bold, italic) {
                            (true, true) => "bi",
                            (true, false) => "b",
                            _ => "i",
                        };
                        format!("[{s}:{text}]")
                    }
                    other => other.as_str().to_owned(),
                })
                .collect()
        }
        blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { content } => format!("P: {}", runs(content)),
                Block::Heading { level, content, .. } => {
                    format!("H{level}: {}", runs(content))
                }
                Block::List { items, style } => {
                    let marker = match style {
                        ListStyle::Bullet => "-",
                        ListStyle::Letter => "a)",
                        ListStyle::Number => "1.",
                    };
                    let items: Vec<String> = items.iter().map(|i| runs(i)).collect();
                    format!("{marker}: {}", items.join(" | "))
                }
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (input, expected) in cases {
            let parsed = parse(input);
            assert_eq!(show(&parsed.blocks), *expected, "input: {input:?}");
        }
    }

    #[test]
    fn paragraphs() {
        check(&[
            ("", &[]),
            ("\n\n   \n", &[]),
            ("Một dòng.", &["P: Một dòng."]),
            (
                "Dòng một\ndòng hai.\n\nĐoạn hai.",
                &["P: Dòng một dòng hai.", "P: Đoạn hai."],
            ),
            // Spaces at the ends of lines, and blank lines of spaces.
            (
                "  Dòng một   \n   dòng hai.  \n   \n\n Đoạn hai. ",
                &["P: Dòng một dòng hai.", "P: Đoạn hai."],
            ),
            // CRLF line ends.
            (
                "Dòng một\r\ndòng hai.\r\n\r\n- mục\r\n",
                &["P: Dòng một dòng hai.", "-: mục"],
            ),
            // Vietnamese text, NFC kept.
            (
                "Năm 2024, Sở Công Thương đã tích cực tham mưu.",
                &["P: Năm 2024, Sở Công Thương đã tích cực tham mưu."],
            ),
        ]);
    }

    #[test]
    fn lists() {
        check(&[
            ("- một\n- hai", &["-: một | hai"]),
            ("+ một\n• hai\n- ba", &["-: một | hai | ba"]),
            ("a) một\nb) hai\nc) ba", &["a): một | hai | ba"]),
            // đ after d, and the Vietnamese alphabet's gaps.
            (
                "a) một\nd) hai\nđ) ba\ng) bốn",
                &["a): một | hai | ba | bốn"],
            ),
            ("1. một\n2. hai\n3) ba", &["1.: một | hai | ba"]),
            // A list right after a paragraph line, and a paragraph line
            // right after a list: no blank line needed.
            (
                "Gồm các nhiệm vụ:\n- một;\n- hai.\nSau danh sách.",
                &[
                    "P: Gồm các nhiệm vụ:",
                    "-: một; | hai.",
                    "P: Sau danh sách.",
                ],
            ),
            // An indented line continues the item; lists do not nest.
            (
                "a) Công nghiệp:\n  phát triển công nghiệp\n\tchủ lực;\n  - hỗ trợ.\nb) Thương mại.",
                &["a): Công nghiệp: phát triển công nghiệp chủ lực; - hỗ trợ. | Thương mại."],
            ),
            // An indented line after a paragraph is the paragraph's.
            ("Đoạn\n  tiếp.", &["P: Đoạn tiếp."]),
            // A blank line ends a list; the next list starts afresh.
            ("- một\n\n- hai", &["-: một", "-: hai"]),
            // A change of marker starts another list.
            ("- một\na) hai\n1. ba", &["-: một", "a): hai", "1.: ba"]),
            // A lone marker, or a marker with nothing after it, is text.
            ("-\n- \n+", &["P: - - +"]),
            ("a)\n1.", &["P: a) 1."]),
            // A dash inside a line is not an item.
            ("Kinh tế - xã hội", &["P: Kinh tế - xã hội"]),
        ]);
    }

    #[test]
    fn numbers_and_letters_only_in_sequence() {
        check(&[
            // Prose that starts with a year or a number is not a list.
            ("2024. Năm bản lề.", &["P: 2024. Năm bản lề."]),
            ("3. Ba nhóm nhiệm vụ.", &["P: 3. Ba nhóm nhiệm vụ."]),
            ("01. Một.", &["P: 01. Một."]),
            ("5.9% là mức tăng.", &["P: 5.9% là mức tăng."]),
            // Out of sequence: the line is a paragraph, ending the list.
            ("1. một\n3. ba", &["1.: một", "P: 3. ba"]),
            // Starting again at 1 or a) starts another list.
            ("1. một\n1. lại", &["1.: một", "1.: lại"]),
            ("a) một\na) lại", &["a): một", "a): lại"]),
            ("b) không mở danh sách", &["P: b) không mở danh sách"]),
            // Upper case and words are not letters of a list.
            ("A) hoa\nab) chữ", &["P: A) hoa ab) chữ"]),
        ]);
    }

    #[test]
    fn sub_headings() {
        check(&[
            (
                "# Lĩnh vực công nghiệp\nPhát triển.",
                &["H3: Lĩnh vực công nghiệp", "P: Phát triển."],
            ),
            (
                "Đoạn.\n# Tiêu đề **đậm**\n- mục",
                &["P: Đoạn.", "H3: Tiêu đề [b:đậm]", "-: mục"],
            ),
            // Not a heading: no space, more than one #, or nothing after.
            ("#1 ưu tiên\n## hai\n#", &["P: #1 ưu tiên ## hai #"]),
            // Under an item, an indented "# " is the item's text.
            ("- mục\n  # tiếp", &["-: mục # tiếp"]),
        ]);
    }

    #[test]
    fn emphasis_rules() {
        check(&[
            ("**đậm** và *nghiêng*", &["P: [b:đậm] và [i:nghiêng]"]),
            ("***cả hai***.", &["P: [bi:cả hai]."]),
            ("**đậm *cả hai* đậm**", &["P: [b:đậm ][bi:cả hai][b: đậm]"]),
            // Across the lines of one paragraph.
            ("**đậm\nqua dòng**", &["P: [b:đậm qua dòng]"]),
            // Inside words and numbers, and stars alone, are text.
            ("5*3 = 15, a*b*c", &["P: 5*3 = 15, a*b*c"]),
            ("(*) ghi chú", &["P: (*) ghi chú"]),
            ("Năm 2024*", &["P: Năm 2024*"]),
            ("* không phải mục", &["P: * không phải mục"]),
            ("****", &["P: ****"]),
            ("** rời **", &["P: ** rời **"]),
            // Escapes.
            (r"\*\*không đậm\*\*", &["P: **không đậm**"]),
            (r"a\\b \n", &[r"P: a\b \n"]),
            (r"\**nghiêng*", &["P: *[i:nghiêng]"]),
            // Unclosed: printed as written.
            ("**chưa đóng", &["P: **chưa đóng"]),
            ("*chưa đóng", &["P: *chưa đóng"]),
            // Punctuation around emphasis.
            (
                "(**Công nghiệp**): *ưu tiên*.",
                &["P: ([b:Công nghiệp]): [i:ưu tiên]."],
            ),
            // In list items.
            ("- **một**\n- hai", &["-: [b:một] | hai"]),
        ]);
    }

    #[test]
    fn unclosed_bold_is_told_with_its_line() {
        let parsed = parse("Đoạn một.\n\nDòng hai\n**chưa đóng\nvà *đơn*\n\n- **mục");
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [4, 7]);
        assert!(parse("*đơn lẻ và 5*3").problems.is_empty());
        assert!(parse(r"\*\*").problems.is_empty());
    }

    #[test]
    fn text_stays_nfc_and_data() {
        // A star between a letter and its combining accent is not
        // emphasis (removing it would split the pair across runs).
        check(&[("*a*\u{301}", &["P: *a*\u{301}"])]);
        // Text a reader did not normalize comes out NFC.
        check(&[("**e\u{302}\u{301}**", &["P: [b:\u{1ebf}]"])]);
        // Template syntax and markup.rs's markers are text.
        let tricky = "{{ data.grdp.growth }} {% if x %}\u{E000}0\u{E001}";
        check(&[(tricky, &[&format!("P: {tricky}")])]);
    }
}
