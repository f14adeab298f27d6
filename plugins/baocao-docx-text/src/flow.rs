//! Filling words into lines: justified body text, ragged and centred lines.

use std::ops::Range;

use crate::output::Output;
use crate::text::{Word, joined_width, push_joined, push_spaces, width};

/// How a run of words is filled into lines.
pub(crate) struct Flow<'p> {
    /// The full line width, prefixes included.
    pub(crate) width: usize,
    /// Printed before the first line (first-line indent, list marker).
    pub(crate) first: &'p str,
    /// Printed before every other line (hanging indent).
    pub(crate) rest: &'p str,
    /// Stretch every line but the last to the full width.
    pub(crate) justify: bool,
}

impl Flow<'_> {
    /// Lays `words` out into `out`; no words, no lines.
    pub(crate) fn write(&self, words: &[Word<'_>], out: &mut Output) {
        let first_room = self.width.saturating_sub(width(self.first));
        let rest_room = self.width.saturating_sub(width(self.rest));
        for line in Breaks::new(words, first_room, rest_room) {
            let (prefix, room) = if line.start == 0 {
                (self.first, first_room)
            } else {
                (self.rest, rest_room)
            };
            // The last line of a paragraph keeps single spaces, as a word
            // processor leaves it: stretching it would scatter a few words
            // across the page.
            let last = line.end == words.len();
            let words = &words[line];
            out.line(|text| {
                text.push_str(prefix);
                if self.justify && !last {
                    justify(text, words, room);
                } else {
                    push_joined(text, words);
                }
            });
        }
    }
}

/// Greedy first-fit line breaking: each line takes as many words as fit.
/// Yields the words of each line as a range of indices, first line first.
///
/// Greedy rather than optimal (Knuth–Plass) because that is what a word
/// processor does, so the text reads like the Word document it mirrors, and
/// because it is linear and obviously deterministic. A word wider than the
/// room goes on a line of its own and overflows: words are never split, a
/// broken figure ("10.2|21,8") would be misread.
///
/// An iterator rather than a list: most callers write each line as soon as
/// it is found, and some only count lines.
pub(crate) struct Breaks<'w, 'a> {
    words: &'w [Word<'a>],
    /// The first word of the next line.
    start: usize,
    /// Room for the first line.
    first_room: usize,
    /// Room for every other line.
    rest_room: usize,
}

impl<'w, 'a> Breaks<'w, 'a> {
    /// The lines of `words` with `first_room` columns for the first line and
    /// `rest_room` for the others.
    pub(crate) fn new(words: &'w [Word<'a>], first_room: usize, rest_room: usize) -> Self {
        Breaks {
            words,
            start: 0,
            first_room,
            rest_room,
        }
    }
}

impl Iterator for Breaks<'_, '_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = self.start;
        let first = self.words.get(start)?;
        let room = if start == 0 {
            self.first_room
        } else {
            self.rest_room
        };
        // The first word goes on the line even if it does not fit.
        let mut used = first.width;
        let mut end = start + 1;
        while let Some(word) = self.words.get(end) {
            if used + 1 + word.width > room {
                break;
            }
            used += 1 + word.width;
            end += 1;
        }
        self.start = end;
        Some(start..end)
    }
}

/// Writes `words` joined with spaces so that the line is exactly `room`
/// columns wide.
///
/// The spaces left over after giving every gap the same number are spread
/// evenly along the line (the gap `i` of `g` gets one more when
/// `⌊(i+1)·r/g⌋ > ⌊i·r/g⌋`), not heaped on the left: heaped spaces make a
/// visible hole at the start of every line, spread ones do not. The rule
/// depends only on the line, so the output is deterministic. A single word,
/// or words that already overflow, are joined by single spaces.
fn justify(out: &mut String, words: &[Word<'_>], room: usize) {
    let gaps = words.len().saturating_sub(1);
    let natural = joined_width(words);
    if gaps == 0 || natural >= room {
        push_joined(out, words);
        return;
    }
    let blank = room - natural + gaps;
    let base = blank / gaps;
    let extra = blank % gaps;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let gap = i - 1;
            let more = (gap + 1) * extra / gaps - gap * extra / gaps;
            push_spaces(out, base + more);
        }
        out.push_str(word.as_str());
    }
}

/// The blanks that centre `width` columns of text in `room` columns. An odd
/// leftover column goes to the right, as the spec's header example does;
/// only the left blanks are printed (trailing spaces never are).
pub(crate) fn centring(width: usize, room: usize) -> usize {
    room.saturating_sub(width) / 2
}

/// Writes `words` wrapped to `room` columns, each line centred.
pub(crate) fn centred_lines(words: &[Word<'_>], room: usize, out: &mut Output) {
    for line in Breaks::new(words, room, room) {
        let words = &words[line];
        out.line(|text| {
            push_spaces(text, centring(joined_width(words), room));
            push_joined(text, words);
        });
    }
}

/// Writes `words` wrapped to `room` columns, flush left.
pub(crate) fn ragged(words: &[Word<'_>], room: usize, out: &mut Output) {
    Flow {
        width: room,
        first: "",
        rest: "",
        justify: false,
    }
    .write(words, out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn justified(text: &str, width: usize, indent: &str) -> Vec<String> {
        let mut out = Output::new();
        Flow {
            width,
            first: indent,
            rest: "",
            justify: true,
        }
        .write(&words(text), &mut out);
        out.lines()
    }

    fn justify_line(text: &str, room: usize) -> String {
        let mut line = String::new();
        justify(&mut line, &words(text), room);
        line
    }

    #[test]
    fn leftover_spaces_are_spread_along_the_line() {
        // 5 words of 2 = 10, 4 gaps, room 17: 7 blanks, 1 each + 3 extra
        assert_eq!(justify_line("aa bb cc dd ee", 17), "aa bb  cc  dd  ee");
        // 3 extra over 10 gaps land on gaps 3, 6 and 9, not 0, 1, 2
        let line = justify_line("a b c d e f g h i j k", 24);
        assert_eq!(line, "a b c d  e f g  h i j  k");
        // columns, not bytes: 4 + 1 + 3 columns and 2 gaps of 3 and 4
        assert_eq!(justify_line("中国 ộ Nội", 15), "中国   ộ    Nội");
        // a single word or an overflowing line keeps single spaces
        assert_eq!(justify_line("abc", 10), "abc");
        assert_eq!(justify_line("abc def", 5), "abc def");
    }

    #[test]
    fn first_line_is_indented_and_last_line_is_not_stretched() {
        let lines = justified("một hai ba bốn năm sáu bảy tám chín mười", 16, "    ");
        assert_eq!(
            lines,
            ["    một  hai  ba", "bốn năm sáu  bảy", "tám chín mười"]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_stands_alone() {
        let lines = justified("ab abcdefghijkl cd", 8, "");
        assert_eq!(lines, ["ab", "abcdefghijkl", "cd"]);
        // also as the first word, and as the last
        let lines = justified("abcdefghijkl ab cd abcdefghijkl", 8, "");
        assert_eq!(lines, ["abcdefghijkl", "ab    cd", "abcdefghijkl"]);
    }

    #[test]
    fn lines_fill_to_exactly_the_room() {
        let w = words("aa bb cc 中 dd");
        let lines: Vec<_> = Breaks::new(&w, 5, 7).collect();
        // "aa bb" is 5 columns; "cc 中" is 5, "cc 中 dd" would be 8
        assert_eq!(lines, [0..2, 2..4, 4..5]);
        assert_eq!(Breaks::new(&[], 5, 5).count(), 0);
        // the first line has its own room
        assert_eq!(Breaks::new(&w, 2, 100).collect::<Vec<_>>(), [0..1, 1..5]);
    }

    #[test]
    fn centring_leaves_the_odd_column_on_the_right() {
        let mut out = Output::new();
        centred_lines(&words("SỞ CÔNG THƯƠNG"), 32, &mut out);
        centred_lines(&words("Số: 12/BC-SCT"), 32, &mut out);
        assert_eq!(
            out.lines(),
            ["         SỞ CÔNG THƯƠNG", "         Số: 12/BC-SCT"]
        );
        assert_eq!(centring(3, 4), 0);
        assert_eq!(centring(5, 4), 0);
    }
}
