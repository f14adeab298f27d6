//! The two-column rows of an official report: the header block at the top
//! and the recipients beside the signature at the end.

use crate::flow::{Breaks, centring};
use crate::output::Output;
use crate::text::{Word, joined_width, push_joined, push_spaces};

/// Columns a cell's text keeps free inside its column, shared between the
/// two sides, like a Word cell's margins: text that fills its column would
/// otherwise run into its neighbour's.
pub(crate) const CELL_MARGIN: usize = 2;

/// The room for text in a column `col` wide.
pub(crate) fn text_room(col: usize) -> usize {
    col.saturating_sub(CELL_MARGIN)
}

/// One line of a column: `lead` blanks, then `words` joined by single
/// spaces (none for a blank line).
///
/// Kept as words rather than as a `String`, since the line is only printed
/// once, beside its neighbour, and its width is known from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'w, 'a> {
    /// Blanks before the text: centring or a hanging indent.
    pub(crate) lead: usize,
    /// The text.
    pub(crate) words: &'w [Word<'a>],
}

impl Line<'_, '_> {
    /// A blank line.
    pub(crate) const BLANK: Line<'static, 'static> = Line {
        lead: 0,
        words: &[],
    };

    /// The width of the text, blanks not counted.
    pub(crate) fn text_width(&self) -> usize {
        joined_width(self.words)
    }

    /// The displayed width of the line.
    pub(crate) fn width(&self) -> usize {
        self.lead + self.text_width()
    }

    /// Writes the line.
    pub(crate) fn push(&self, out: &mut String) {
        push_spaces(out, self.lead);
        push_joined(out, self.words);
    }
}

/// `words` wrapped to the text room of a column `col` wide, each line
/// centred in the column.
pub(crate) fn centred<'w, 'a>(words: &'w [Word<'a>], col: usize) -> Vec<Line<'w, 'a>> {
    let room = text_room(col);
    Breaks::new(words, room, room)
        .map(|line| {
            let words = &words[line];
            Line {
                lead: centring(joined_width(words), col),
                words,
            }
        })
        .collect()
}

/// `words` wrapped to `room` columns, flush left; lines after the first
/// start `hang` columns in.
pub(crate) fn hanging<'w, 'a>(
    words: &'w [Word<'a>],
    room: usize,
    hang: usize,
) -> impl Iterator<Item = Line<'w, 'a>> {
    Breaks::new(words, room, room.saturating_sub(hang)).map(move |line| Line {
        lead: if line.start == 0 { 0 } else { hang },
        words: &words[line],
    })
}

/// Whether `word` is written like a word of a proper name: a capital first,
/// and a small letter in it ("Nẵng;", "Công"), so not an abbreviation
/// ("UBND", "VT,").
fn capitalised(word: &Word<'_>) -> bool {
    let mut chars = word.as_str().chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// `words` (a recipient, "- Sở Công Thương thành phố Đà Nẵng;") with the
/// last two words of each run of [`capitalised`] words joined into one
/// word, so that a line never breaks inside them: "Đà Nẵng", "Công
/// Thương", "Hà Nội". Vietnamese names are capitalised word by word, and
/// their last two words are the ones a reader cannot take apart (a place
/// is named by two syllables; "Đà" alone names nothing), while earlier
/// ones can go on the line before ("Sở / Công Thương"). A pair wider than
/// `room` (a line's room) stays two words, since it would overflow the
/// column.
pub(crate) fn names_kept(words: Vec<Word<'_>>, room: usize) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::with_capacity(words.len());
    let mut words = words.into_iter().peekable();
    // How many capitalised words end `out`.
    let mut run = 0;
    while let Some(word) = words.next() {
        if !capitalised(&word) {
            run = 0;
            out.push(word);
            continue;
        }
        run += 1;
        let ends_run = !words.peek().is_some_and(capitalised);
        match out.last_mut() {
            Some(last) if run >= 2 && ends_run && last.width + 1 + word.width <= room => {
                *last = Word::new(format!("{} {}", last.as_str(), word.as_str()));
            }
            _ => out.push(word),
        }
    }
    out
}

/// The width of the widest of `lines`, leading blanks not counted.
pub(crate) fn text_width(lines: &[Line<'_, '_>]) -> usize {
    lines.iter().map(Line::text_width).max().unwrap_or(0)
}

/// The split of the page into a left and a right column.
///
/// Nghị định 30 draws both blocks as a borderless two-column table whose left
/// cell holds the agency (or the recipients) and whose right cell holds the
/// nation and motto (or the signer). At 80 columns the spec fixes the split
/// at 32 + 48; other widths keep the same proportion, two fifths on the left.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    /// Width of the left column.
    pub(crate) left: usize,
    /// Width of the right column.
    pub(crate) right: usize,
}

impl Columns {
    /// The split for a page `width` columns wide.
    pub(crate) fn for_width(width: usize) -> Self {
        let left = width * 2 / 5;
        Columns {
            left,
            right: width - left,
        }
    }

    /// The length of the short rule under the agency and under the subject:
    /// a third of the left column (10 at 80 columns, as in the spec's
    /// example), so it stays "1/3–1/2 of the line" whatever the width.
    pub(crate) fn short_rule(self) -> usize {
        self.left / 3
    }

    /// Writes the lines of two columns beside each other, top-aligned like
    /// the cells of a table row; the shorter column is padded with blank
    /// lines.
    ///
    /// Left lines are padded to the left column's width; a left line wider
    /// than its column (a single word that cannot be wrapped) pushes its
    /// right neighbour along rather than being cut.
    pub(crate) fn side_by_side(
        self,
        left: &[Line<'_, '_>],
        right: &[Line<'_, '_>],
        out: &mut Output,
    ) {
        let rows = left.len().max(right.len());
        for i in 0..rows {
            let l = left.get(i).copied().unwrap_or(Line::BLANK);
            let r = right.get(i).copied().unwrap_or(Line::BLANK);
            out.line(|text| {
                l.push(text);
                push_spaces(text, self.left.saturating_sub(l.width()));
                r.push(text);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn printed(lines: &[Line<'_, '_>]) -> Vec<String> {
        lines
            .iter()
            .map(|line| {
                let mut text = String::new();
                line.push(&mut text);
                text
            })
            .collect()
    }

    #[test]
    fn the_split_is_32_48_at_80_columns_and_proportional_elsewhere() {
        let c = Columns::for_width(80);
        assert_eq!((c.left, c.right, c.short_rule()), (32, 48, 10));
        let c = Columns::for_width(60);
        assert_eq!((c.left, c.right, c.short_rule()), (24, 36, 8));
    }

    #[test]
    fn centred_text_keeps_clear_of_the_column_edges() {
        let words = words("SỞ CÔNG THƯƠNG");
        // 14 columns of text do not fit in a 14-column cell
        assert_eq!(printed(&centred(&words, 14)), ["   SỞ CÔNG", "    THƯƠNG"]);
        assert_eq!(text_width(&centred(&words, 14)), 7);
        assert_eq!(printed(&centred(&words, 16)), [" SỞ CÔNG THƯƠNG"]);
        assert_eq!(centred(&words, 16)[0].width(), 15);
        assert_eq!(printed(&centred(&words, 32)), ["         SỞ CÔNG THƯƠNG"]);
    }

    #[test]
    fn wrapped_lines_hang_under_the_text() {
        let words = words("- Thường trực HĐND Thành phố;");
        let lines: Vec<_> = hanging(&words, 16, 2).collect();
        assert_eq!(printed(&lines), ["- Thường trực", "  HĐND Thành", "  phố;"]);
    }

    #[test]
    fn a_recipient_never_breaks_inside_the_end_of_a_name() {
        let recipient = words("- Sở Công Thương thành phố Đà Nẵng;");
        // Before: "- Sở Công Thương" / "thành phố Đà" / "Nẵng;".
        let plain: Vec<_> = hanging(&recipient, 16, 2).collect();
        assert_eq!(
            printed(&plain),
            ["- Sở Công Thương", "  thành phố Đà", "  Nẵng;"]
        );
        let kept = names_kept(recipient, 14);
        let lines: Vec<_> = hanging(&kept, 16, 2).collect();
        assert_eq!(
            printed(&lines),
            ["- Sở Công Thương", "  thành phố", "  Đà Nẵng;"]
        );
    }

    #[test]
    fn names_are_capitalised_words_and_abbreviations_are_not() {
        let texts = |w: &[Word<'_>]| w.iter().map(|w| w.as_str().to_owned()).collect::<Vec<_>>();
        assert_eq!(
            texts(&names_kept(words("- UBND Thành phố Hà Nội;"), 20)),
            ["-", "UBND", "Thành", "phố", "Hà Nội;"]
        );
        assert_eq!(
            texts(&names_kept(words("- Lưu: VT, KHTC."), 20)),
            ["-", "Lưu:", "VT,", "KHTC."]
        );
        // a pair wider than the room stays two words
        assert_eq!(
            texts(&names_kept(words("Thừa Thiên Huế"), 8)),
            ["Thừa", "Thiên", "Huế"]
        );
        assert_eq!(
            texts(&names_kept(words("Thừa Thiên Huế"), 9)),
            ["Thừa", "Thiên Huế"]
        );
    }

    #[test]
    fn the_shorter_column_is_padded_with_blank_rows() {
        let c = Columns { left: 4, right: 6 };
        let (ab, xy) = (words("ab"), words("x y"));
        let mut out = Output::new();
        let left = [Line {
            lead: 0,
            words: &ab,
        }];
        let right = [
            Line {
                lead: 0,
                words: &xy[..1],
            },
            Line {
                lead: 0,
                words: &xy[1..],
            },
        ];
        c.side_by_side(&left, &right, &mut out);
        // a left line that overflows its column pushes the right one along
        let wide = words("abcdef");
        c.side_by_side(
            &[Line {
                lead: 1,
                words: &wide,
            }],
            &right[..1],
            &mut out,
        );
        // and a left line beside nothing leaves no trailing blanks
        c.side_by_side(&left, &[], &mut out);
        assert_eq!(out.lines(), ["ab  x", "    y", " abcdefx", "ab"]);
    }
}
