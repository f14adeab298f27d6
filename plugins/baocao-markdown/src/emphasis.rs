//! A run of inlines → one line of Markdown, emphasis written as `*…*`,
//! `**…**` and `***…***` wherever CommonMark is sure to read it as such.
//!
//! Text is escaped as everywhere else, so a `*` or `_` of the text never
//! opens emphasis; only the markers written here can. A marker only works
//! when it is "flanking" (CommonMark 0.31, §6.2): a `**` before `(` after a
//! letter, as in `x**(y)**`, opens nothing and would print as two stars. So a
//! styled run keeps its markers only when both of its edges pass the test
//! below, and is printed plainly otherwise (its text is never lost):
//!
//! - an edge that is a letter or a digit always passes;
//! - any other edge (punctuation, a symbol, a mark) passes only when the
//!   character on the other side of the marker is the line's end, a space or
//!   punctuation we know CommonMark counts as punctuation (never `*`).
//!
//! Two styled runs that touch would write two marker runs side by side
//! (`**a***b*`), which CommonMark may pair differently: runs of the same
//! style are merged, and of two touching runs of different styles the second
//! is printed plainly. Whitespace at the edges of a styled run is moved
//! outside its markers, which must touch the text.

use baocao_plugin_api::Inline;

use crate::escape::{Place, escape, flatten};

/// A piece of the line: text that is plain or set between `marker`s.
struct Piece {
    text: String,
    /// `""` for plain text, else `*`, `**` or `***`, and no edge whitespace.
    marker: &'static str,
}

/// The markers of an inline: none for text and figures.
fn marker(inline: &Inline<'_>) -> &'static str {
    match inline {
        Inline::Styled {
            bold: true,
            italic: true,
            ..
        } => "***",
        Inline::Styled { bold: true, .. } => "**",
        Inline::Styled { italic: true, .. } => "*",
        _ => "",
    }
}

/// Appends `text` with `marker` to `pieces`, merging it into the last piece
/// when that has the same marker.
fn push(pieces: &mut Vec<Piece>, text: &str, marker: &'static str) {
    if text.is_empty() {
        return;
    }
    match pieces.last_mut() {
        Some(last) if last.marker == marker => last.text.push_str(text),
        _ => pieces.push(Piece {
            text: text.to_owned(),
            marker,
        }),
    }
}

/// The pieces of `content`: styled runs without edge whitespace, the line
/// trimmed at both ends (see [`crate::escape::clean`]).
fn pieces(content: &[Inline<'_>]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    for inline in content {
        let text = flatten(inline.as_str());
        let marker = marker(inline);
        let core = text.trim();
        if marker.is_empty() || core.is_empty() {
            push(&mut pieces, &text, "");
            continue;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        push(&mut pieces, lead, "");
        push(&mut pieces, core, marker);
        push(&mut pieces, trail, "");
    }
    if let Some(first) = pieces.first_mut() {
        first.text = first.text.trim_start().to_owned();
    }
    if let Some(last) = pieces.last_mut() {
        last.text = last.text.trim_end().to_owned();
    }
    pieces.retain(|p| !p.text.is_empty());
    pieces
}

/// Whether CommonMark surely counts `c` as whitespace or punctuation, and it
/// is not `*` (a marker of its own). ASCII punctuation and the punctuation
/// of Vietnamese typography; other characters are taken to be neither.
fn flanks(c: char) -> bool {
    c == ' '
        || (c.is_ascii_punctuation() && c != '*')
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '–' | '—' | '«' | '»')
}

/// Whether a marker between `outside` (`None` at the line's ends) and the
/// styled text's edge character `edge` is read as a marker.
fn edge_passes(edge: char, outside: Option<char>) -> bool {
    edge.is_alphanumeric() || outside.is_none_or(flanks)
}

/// `content` as one line of Markdown for `place`: plain text escaped,
/// emphasis marked where it is read back as emphasis (see the module doc).
pub(crate) fn line(content: &[Inline<'_>], place: Place) -> String {
    let mut pieces = pieces(content);
    // Decide left to right: the character before a piece is the last one
    // written, a marker's `*` included.
    let mut before: Option<char> = None;
    for i in 0..pieces.len() {
        let after = pieces.get(i + 1).and_then(|p| p.text.chars().next());
        let piece = &mut pieces[i];
        if !piece.marker.is_empty() {
            let first = piece.text.chars().next().unwrap_or(' ');
            let last = piece.text.chars().next_back().unwrap_or(' ');
            let keeps = before != Some('*')
                && after != Some('*')
                && edge_passes(first, before)
                && edge_passes(last, after);
            if !keeps {
                piece.marker = "";
            }
        }
        before = if piece.marker.is_empty() {
            piece.text.chars().next_back()
        } else {
            Some('*')
        };
    }
    let inner = if place == Place::Heading {
        Place::Heading
    } else {
        Place::Inline
    };
    let mut out = String::new();
    let mut plain = String::new();
    let flush = |out: &mut String, plain: &mut String| {
        if !plain.is_empty() {
            let place = if out.is_empty() { place } else { inner };
            out.push_str(&escape(plain, place));
            plain.clear();
        }
    };
    for piece in &pieces {
        if piece.marker.is_empty() {
            plain.push_str(&piece.text);
        } else {
            flush(&mut out, &mut plain);
            out.push_str(piece.marker);
            out.push_str(&escape(&piece.text, inner));
            out.push_str(piece.marker);
        }
    }
    flush(&mut out, &mut plain);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Inline<'_> {
        Inline::text(text)
    }

    fn b(text: &str) -> Inline<'_> {
        Inline::styled(text, true, false)
    }

    fn i(text: &str) -> Inline<'_> {
        Inline::styled(text, false, true)
    }

    fn md(content: &[Inline<'_>]) -> String {
        line(content, Place::LineStart)
    }

    #[test]
    fn emphasis_is_marked_and_its_spaces_moved_outside() {
        assert_eq!(
            md(&[t("tăng"), b(" 6,2% "), t("so với")]),
            "tăng **6,2%** so với"
        );
        assert_eq!(
            md(&[Inline::styled("Lưu ý:", true, true), t(" "), i("ước tính.")]),
            "***Lưu ý:*** *ước tính.*"
        );
        assert_eq!(md(&[t("(chiếm "), b("12,6%"), t(")")]), "(chiếm **12,6%**)");
        // inside a word, letters on both sides
        assert_eq!(md(&[t("Công"), i("Thương")]), "Công*Thương*");
    }

    #[test]
    fn markers_that_would_not_be_read_are_left_out() {
        // `**` after a letter and before `(` opens nothing
        assert_eq!(md(&[t("x"), b("(y)"), t("z")]), "x(y)z");
        // touching runs of different styles: the second is plain
        assert_eq!(md(&[b("a"), i("b")]), "**a**b");
        // of the same style: one run
        assert_eq!(md(&[b("a"), b("b")]), "**ab**");
    }

    #[test]
    fn text_inside_markers_is_escaped() {
        assert_eq!(md(&[b("*x* _y_")]), "**\\*x\\* \\_y\\_**");
        assert_eq!(md(&[b("- a")]), "**- a**");
        assert_eq!(md(&[t("- a "), b("b")]), "\\- a **b**");
        assert_eq!(md(&[t("  "), b(" "), t(" ")]), "");
        assert_eq!(md(&[t("a"), b("  "), t("b")]), "a  b");
    }
}
