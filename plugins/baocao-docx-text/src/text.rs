//! Text as the layout sees it: NFC words with a display width.

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Spaces that join two words into one unit for line breaking ("4.268&nbsp;nghìn"),
/// so that a narrator can keep a number with its unit. They are printed as
/// ordinary spaces: in a text file the difference cannot be seen, and a
/// reader's tools (grep, diff) expect U+0020.
const GLUE: [char; 3] = ['\u{00A0}', '\u{2007}', '\u{202F}'];

/// The displayed width of `text` in terminal columns.
///
/// `text` must already be NFC (everything from [`words`] is): a decomposed
/// "ộ" and a composed one have the same width, but only NFC is what we print.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// Splits `text` into NFC words at whitespace (except glue spaces).
///
/// Control characters other than whitespace are dropped first: they have no
/// place in a report, and a terminal would either act on them or show them
/// with a width we cannot know. They are dropped *before* normalising, so that
/// a control character between a letter and its combining mark cannot leave
/// the pair uncomposed.
pub(crate) fn words(text: &str) -> Vec<String> {
    // Almost all text arrives clean and already NFC: check before copying.
    let clean: std::borrow::Cow<'_, str> =
        if !text.chars().any(|c| c.is_control() && !c.is_whitespace())
            && unicode_normalization::is_nfc(text)
        {
            std::borrow::Cow::Borrowed(text)
        } else {
            std::borrow::Cow::Owned(
                text.chars()
                    .filter(|c| !c.is_control() || c.is_whitespace())
                    .nfc()
                    .collect(),
            )
        };
    clean
        .split(|c: char| c.is_whitespace() && !GLUE.contains(&c))
        // Glue only joins: at the edge of a word, or alone, it is a space.
        .map(|word| word.trim_matches(GLUE))
        .filter(|word| !word.is_empty())
        .map(|word| word.replace(GLUE, " "))
        .collect()
}

/// The sum of the widths of `words` joined by single spaces.
pub(crate) fn joined_width(words: &[String]) -> usize {
    let gaps = words.len().saturating_sub(1);
    words.iter().map(|w| width(w)).sum::<usize>() + gaps
}

/// `n` spaces.
pub(crate) fn spaces(n: usize) -> String {
    " ".repeat(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_vietnamese_is_composed_and_measured_by_columns() {
        // "Hà Nội" with combining grave, circumflex and dot below
        let decomposed = "Ha\u{300} No\u{302}\u{323}i";
        let w = words(decomposed);
        assert_eq!(w, ["Hà", "Nội"]);
        assert_eq!(width(&w[1]), 3);
        assert_eq!(joined_width(&w), 6);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("中"), 2);
        assert_eq!(joined_width(&words("a 中")), 4);
    }

    #[test]
    fn glue_spaces_keep_words_together_and_print_as_spaces() {
        assert_eq!(
            words("đạt 4.268\u{a0}nghìn tỷ"),
            ["đạt", "4.268 nghìn", "tỷ"]
        );
        assert_eq!(words("\u{a0}a\u{a0} \u{202f}"), ["a"]);
    }

    #[test]
    fn control_characters_are_dropped_before_composition() {
        assert_eq!(words("a\u{1}\u{301}\tb\r\nc"), ["á", "b", "c"]);
    }
}
