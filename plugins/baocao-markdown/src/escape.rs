//! Text from data and notes → Markdown source that reads back as that text.
//!
//! The rule is "escape where Markdown would interpret, and nowhere else", so
//! that ordinary Vietnamese prose (`.`, `,`, `(`, `)`, `%`, `:`) stays
//! readable in a terminal. Characters that open inline constructs are
//! escaped everywhere; characters that only mean something at the start of
//! a line (lists, headings, quotes, setext underlines, table delimiter rows,
//! definition lists) are escaped only there.

/// Where an escaped text is written; decides which characters are markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// At the start of a line of its own (a paragraph, a list item's text,
    /// a line of the letterhead): block syntax applies to its first characters.
    LineStart,
    /// After `## `: inline syntax, plus `#` which would close the heading.
    Heading,
    /// Inside a line that already starts with markup (a table cell, text
    /// wrapped in `**`): inline syntax only.
    Inline,
}

/// The text as it is printed: line breaks and other whitespace controls
/// become spaces (every block is one line), other control characters become
/// U+FFFD, and leading and trailing whitespace is dropped (Markdown would drop
/// it, and emphasis markers must touch the text).
pub(crate) fn clean(text: &str) -> String {
    let mapped = flatten(text);
    match mapped.trim() {
        trimmed if trimmed.len() == mapped.len() => mapped,
        trimmed => trimmed.to_owned(),
    }
}

/// The text with line breaks and other whitespace controls as spaces and
/// other control characters as U+FFFD, not trimmed: [`clean`] for a piece of
/// a line.
pub(crate) fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            c if c.is_control() && c.is_whitespace() => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Escapes a [`clean`]ed text for `place`.
pub(crate) fn escape(text: &str, place: Place) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Byte index of a `.` or `)` that would make the line an ordered list item.
    let mut list_delimiter = None;
    if place == Place::LineStart {
        match text.chars().next() {
            // `-`, `+`: list items, thematic breaks and setext underlines;
            // `=`: setext underlines; `#`: headings; `:`: definitions and
            // table delimiter rows. Always escaped at the start: the rare
            // extra backslash is cheaper than an exact rule per renderer.
            Some('-' | '+' | '=' | '#' | ':') => out.push('\\'),
            Some('0'..='9') => list_delimiter = ordered_list_delimiter(text),
            _ => {}
        }
    }
    for (i, c) in text.char_indices() {
        let markup = match c {
            // Emphasis, strikethrough, code, links, images, autolinks and raw
            // HTML, quotes, table cells, math (GitHub), the escape itself.
            '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '`' | '~' | '$' => true,
            // `## a #` would lose its closing `#`.
            '#' => place == Place::Heading,
            '&' => starts_entity(&text[i + c.len_utf8()..]),
            _ => list_delimiter == Some(i),
        };
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The byte index of the delimiter when `text` starts like an ordered list
/// item: digits, then `.` or `)`, then whitespace or the end.
fn ordered_list_delimiter(text: &str) -> Option<usize> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some('.' | ')'), None) => Some(digits),
        (Some('.' | ')'), Some(next)) if next.is_whitespace() => Some(digits),
        _ => None,
    }
}

/// Whether `&` followed by `rest` could be read as a character reference
/// (`&amp;`, `&#38;`, `&#x26;`).
fn starts_entity(rest: &str) -> bool {
    let rest = rest.strip_prefix('#').unwrap_or(rest);
    let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_prose_is_untouched() {
        let text = "Giá trị tăng thêm ước tăng 6,2% (chiếm 12,6%): tốt. R&D, 4.268 nghìn tỷ đồng!";
        assert_eq!(escape(text, Place::LineStart), text);
    }

    #[test]
    fn line_starts_are_escaped_only_at_line_start() {
        assert_eq!(escape("- a", Place::LineStart), "\\- a");
        assert_eq!(escape("- a", Place::Inline), "- a");
        assert_eq!(escape("2024. Năm", Place::LineStart), "2024\\. Năm");
        assert_eq!(escape("2024.5 tỷ", Place::LineStart), "2024.5 tỷ");
        assert_eq!(escape("1)", Place::LineStart), "1\\)");
        assert_eq!(escape("# a #", Place::LineStart), "\\# a #");
        assert_eq!(escape("C# a #", Place::Heading), "C\\# a \\#");
    }

    #[test]
    fn entities_are_escaped_only_when_they_would_decode() {
        assert_eq!(
            escape("&amp; &#38; &#x26;", Place::Inline),
            "\\&amp; \\&#38; \\&#x26;"
        );
        assert_eq!(escape("R&D & co; &;", Place::Inline), "R&D & co; &;");
    }

    #[test]
    fn clean_flattens_lines_and_controls() {
        assert_eq!(clean("  a\r\nb\tc\u{0}\u{a0}"), "a  b c\u{FFFD}");
    }
}
