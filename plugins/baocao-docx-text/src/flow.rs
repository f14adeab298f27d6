//! Filling words into lines: justified body text, ragged and centred lines.

use crate::text::{joined_width, spaces, width};

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
    /// Lays `words` out; no words, no lines.
    pub(crate) fn lines(&self, words: &[String]) -> Vec<String> {
        let first_room = self.width.saturating_sub(width(self.first));
        let rest_room = self.width.saturating_sub(width(self.rest));
        let breaks = break_lines(words, first_room, rest_room);
        let last = breaks.len().saturating_sub(1);
        breaks
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let (prefix, room) = if i == 0 {
                    (self.first, first_room)
                } else {
                    (self.rest, rest_room)
                };
                let words = &words[line.clone()];
                // The last line of a paragraph keeps single spaces, as a word
                // processor leaves it: stretching it would scatter a few words
                // across the page.
                let body = if self.justify && i != last {
                    justify(words, room)
                } else {
                    words.join(" ")
                };
                format!("{prefix}{body}")
            })
            .collect()
    }
}

/// Greedy first-fit line breaking: each line takes as many words as fit.
///
/// Greedy rather than optimal (Knuth–Plass) because that is what a word
/// processor does, so the text reads like the Word document it mirrors, and
/// because it is linear and obviously deterministic. A word wider than the
/// room goes on a line of its own and overflows: words are never split, a
/// broken figure ("10.2|21,8") would be misread.
fn break_lines(
    words: &[String],
    first_room: usize,
    rest_room: usize,
) -> Vec<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, word) in words.iter().enumerate() {
        let room = if lines.is_empty() {
            first_room
        } else {
            rest_room
        };
        let w = width(word);
        if i == start {
            used = w;
        } else if used + 1 + w <= room {
            used += 1 + w;
        } else {
            lines.push(start..i);
            start = i;
            used = w;
        }
    }
    if start < words.len() {
        lines.push(start..words.len());
    }
    lines
}

/// Joins `words` with spaces so that the line is exactly `room` columns wide.
///
/// The spaces left over after giving every gap the same number are spread
/// evenly along the line (the gap `i` of `g` gets one more when
/// `⌊(i+1)·r/g⌋ > ⌊i·r/g⌋`), not heaped on the left: heaped spaces make a
/// visible hole at the start of every line, spread ones do not. The rule
/// depends only on the line, so the output is deterministic. A single word,
/// or words that already overflow, are joined by single spaces.
fn justify(words: &[String], room: usize) -> String {
    let gaps = words.len().saturating_sub(1);
    let natural = joined_width(words);
    if gaps == 0 || natural >= room {
        return words.join(" ");
    }
    let blank = room - natural + gaps;
    let base = blank / gaps;
    let extra = blank % gaps;
    let mut line = String::new();
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let gap = i - 1;
            let more = (gap + 1) * extra / gaps - gap * extra / gaps;
            line.push_str(&spaces(base + more));
        }
        line.push_str(word);
    }
    line
}

/// `text` centred in `room` columns, padded on the left only (trailing
/// spaces are never printed). An odd leftover column goes to the right, as
/// the spec's header example does.
pub(crate) fn centre(text: &str, room: usize) -> String {
    let pad = room.saturating_sub(width(text)) / 2;
    format!("{}{text}", spaces(pad))
}

/// `words` wrapped to `room` columns, each line centred.
pub(crate) fn centred_lines(words: &[String], room: usize) -> Vec<String> {
    ragged(words, room)
        .iter()
        .map(|line| centre(line, room))
        .collect()
}

/// `words` wrapped to `room` columns, flush left.
pub(crate) fn ragged(words: &[String], room: usize) -> Vec<String> {
    Flow {
        width: room,
        first: "",
        rest: "",
        justify: false,
    }
    .lines(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words;

    fn justified(text: &str, width: usize, indent: &str) -> Vec<String> {
        Flow {
            width,
            first: indent,
            rest: "",
            justify: true,
        }
        .lines(&words(text))
    }

    #[test]
    fn leftover_spaces_are_spread_along_the_line() {
        // 5 words of 2 = 10, 4 gaps, room 17: 7 blanks, 1 each + 3 extra
        let line = justify(&words("aa bb cc dd ee"), 17);
        assert_eq!(line, "aa bb  cc  dd  ee");
        // 3 extra over 10 gaps land on gaps 3, 6 and 9, not 0, 1, 2
        let line = justify(&words("a b c d e f g h i j k"), 24);
        assert_eq!(line, "a b c d  e f g  h i j  k");
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
    }

    #[test]
    fn centring_leaves_the_odd_column_on_the_right() {
        assert_eq!(centre("SỞ CÔNG THƯƠNG", 32), "         SỞ CÔNG THƯƠNG");
        assert_eq!(centre("Số: 12/BC-SCT", 32), "         Số: 12/BC-SCT");
    }
}
