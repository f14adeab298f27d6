//! Text as the layout sees it: NFC words with a display width.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthStr;

/// Spaces that join two words into one unit for line breaking ("4.268&nbsp;nghìn"),
/// so that a narrator can keep a number with its unit. They are printed as
/// ordinary spaces: in a text file the difference cannot be seen, and a
/// reader's tools (grep, diff) expect U+0020.
const GLUE: [char; 3] = ['\u{00A0}', '\u{2007}', '\u{202F}'];

/// A word as the layout handles it: NFC text (glue spaces already turned
/// into spaces) and its displayed width.
///
/// The width is measured once, here: line breaking, justification, centring
/// and table sizing all ask for it, often several times per word. The text
/// borrows from the run it was cut from whenever that run was already clean
/// NFC and the word holds no glue, which is almost always; only the rest is
/// copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'t> {
    /// The text as printed.
    pub(crate) text: Cow<'t, str>,
    /// `width(&text)`.
    pub(crate) width: usize,
}

impl<'t> Word<'t> {
    /// A word of `text`, measured.
    pub(crate) fn new(text: impl Into<Cow<'t, str>>) -> Self {
        let text = text.into();
        Word {
            width: width(&text),
            text,
        }
    }

    /// The text as printed.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }
}

/// The displayed width of `text` in terminal columns.
///
/// `text` must already be NFC (everything from [`words`] is): a decomposed
/// "ộ" and a composed one have the same width, but only NFC is what we print.
///
/// Many words of a report are ASCII (figures, years, many Vietnamese
/// syllables), and in a string every ASCII character is one column except
/// "\r\n", which `unicode-width` counts as one column together; such text is
/// measured by its length without the width tables.
pub(crate) fn width(text: &str) -> usize {
    if text.is_ascii() && !text.as_bytes().contains(&b'\r') {
        text.len()
    } else {
        text.width()
    }
}

/// Whether `c` is a precomposed Latin letter (Latin-1 letters, Latin
/// Extended-A and -B, Latin Extended Additional): every letter of
/// Vietnamese, "ộ", "ư", "đ", "ẫ", is one of them.
///
/// Each of these characters is a starter (combining class 0) that NFC
/// keeps (quick check "yes"), and is one column wide in every context:
/// `unicode-width` measures a string as the sum of its characters except
/// for a listed set of sequences, none of which is made of these (they
/// need emoji, variation selectors, joiners or marks of other scripts).
/// The tests check both facts against the two crates for every character.
/// (The Latin-1 range also holds "×" and "÷", which are not letters but
/// have the same properties.)
fn latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// Whether `c` is one column wide whatever surrounds it in a word: a
/// printable ASCII character or a [`latin`] letter. A word made only of
/// them is as wide as it has characters.
fn narrow(c: char) -> bool {
    c.is_ascii_graphic() || latin(c)
}

/// Whether `c` is dropped from the text: a control character that is not
/// whitespace (whitespace separates words, so it is kept until then).
fn dropped(c: char) -> bool {
    c.is_control() && !c.is_whitespace()
}

/// The words of a text: the runs between whitespace other than glue, with
/// glue trimmed from their edges (at the edge of a word, or alone, it is a
/// space) and printed as a space inside them; empty runs are left out.
///
/// One pass over the characters finds the words, measures those made only
/// of [`narrow`] characters (their width is their number of characters) and
/// learns whether the text can be used as it is (see [`Pieces::clean`]). A
/// run is searched again for glue only when it holds some, which is rare.
struct Pieces<'t> {
    text: &'t str,
    chars: std::str::CharIndices<'t>,
    /// Where the current run starts.
    start: usize,
    /// Whether a character to drop was seen.
    dropped: bool,
    /// Whether every character seen is ASCII or a [`latin`] letter.
    latin: bool,
}

/// What [`Pieces`] learns about a run of text while looking for its end.
struct Run {
    /// Where the run ends.
    end: usize,
    /// Where the next run starts: past the separator, or past the end of
    /// the text after the last run.
    next: usize,
    /// Whether the run holds glue.
    glued: bool,
    /// The run's number of characters if they are all [`narrow`].
    narrow: Option<usize>,
}

impl<'t> Pieces<'t> {
    fn new(text: &'t str) -> Self {
        Pieces {
            text,
            chars: text.char_indices(),
            start: 0,
            dropped: false,
            latin: true,
        }
    }

    /// Once every word is read: whether the text has no control character
    /// to drop and is NFC already, so that its words can be used as read.
    ///
    /// Text made of ASCII and [`latin`] letters only, which is most of a
    /// Vietnamese report, is NFC: its characters are all starters that NFC
    /// keeps. Only other text needs the normalisation tables.
    fn clean(&self) -> bool {
        !self.dropped && (self.latin || unicode_normalization::is_nfc(self.text))
    }

    /// Reads up to the end of the current run.
    fn run(&mut self) -> Run {
        let mut glued = false;
        let mut narrow_chars = Some(0usize);
        for (i, c) in self.chars.by_ref() {
            // Separators too: U+2000 EN QUAD, say, is not NFC.
            self.latin &= c.is_ascii() || latin(c);
            if c.is_whitespace() {
                if !GLUE.contains(&c) {
                    return Run {
                        end: i,
                        next: i + c.len_utf8(),
                        glued,
                        narrow: narrow_chars,
                    };
                }
                glued = true;
            } else if c.is_control() {
                self.dropped = true;
            }
            narrow_chars = narrow_chars.filter(|_| narrow(c)).map(|n| n + 1);
        }
        Run {
            end: self.text.len(),
            next: self.text.len() + 1,
            glued,
            narrow: narrow_chars,
        }
    }

    /// The word of `run`, if it has one.
    fn word(&self, run: &Run) -> Option<Word<'t>> {
        let text = &self.text[self.start..run.end];
        if !run.glued {
            return (!text.is_empty()).then(|| Word {
                width: run.narrow.unwrap_or_else(|| width(text)),
                text: Cow::Borrowed(text),
            });
        }
        let text = text.trim_matches(GLUE);
        if text.is_empty() {
            None
        } else if text.contains(GLUE) {
            Some(Word::new(text.replace(GLUE, " ")))
        } else {
            Some(Word::new(text))
        }
    }
}

impl<'t> Iterator for Pieces<'t> {
    type Item = Word<'t>;

    fn next(&mut self) -> Option<Word<'t>> {
        while self.start <= self.text.len() {
            let run = self.run();
            let word = self.word(&run);
            self.start = run.next;
            if word.is_some() {
                return word;
            }
        }
        None
    }
}

/// Splits `text` into NFC words at whitespace (except glue spaces).
///
/// Control characters other than whitespace are dropped first: they have no
/// place in a report, and a terminal would either act on them or show them
/// with a width we cannot know. They are dropped *before* normalising, so that
/// a control character between a letter and its combining mark cannot leave
/// the pair uncomposed.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    // Almost all text arrives clean and already NFC: its words are read
    // first and borrow from `text`, and only if the text turns out not to
    // be clean is it cleaned and read again.
    let mut pieces = Pieces::new(text);
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    out.extend(&mut pieces);
    if pieces.clean() {
        return out;
    }
    let clean: String = text.chars().filter(|&c| !dropped(c)).nfc().collect();
    Pieces::new(&clean)
        .map(|word| Word {
            text: Cow::Owned(word.text.into_owned()),
            width: word.width,
        })
        .collect()
}

/// Whether `text` can be used as it is: no control character to drop, and
/// NFC already. ([`words`] learns it while reading the words.)
#[cfg(test)]
fn clean(text: &str) -> bool {
    let mut pieces = Pieces::new(text);
    pieces.by_ref().for_each(drop);
    pieces.clean()
}

/// The sum of the widths of `words` joined by single spaces.
///
/// This is also the width of the joined text: in a string a space is one
/// column and no sequence that `unicode-width` measures as a whole (emoji,
/// ligatures, "\r\n") runs across it, so widths add up across spaces.
pub(crate) fn joined_width(words: &[Word<'_>]) -> usize {
    let gaps = words.len().saturating_sub(1);
    words.iter().map(|w| w.width).sum::<usize>() + gaps
}

/// Writes `words` joined by single spaces.
pub(crate) fn push_joined(out: &mut String, words: &[Word<'_>]) {
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word.as_str());
    }
}

/// Writes `n` spaces.
pub(crate) fn push_spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

/// `n` spaces.
pub(crate) fn spaces(n: usize) -> String {
    " ".repeat(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(words: &'a [Word<'_>]) -> Vec<&'a str> {
        words.iter().map(Word::as_str).collect()
    }

    #[test]
    fn decomposed_vietnamese_is_composed_and_measured_by_columns() {
        // "Hà Nội" with combining grave, circumflex and dot below
        let decomposed = "Ha\u{300} No\u{302}\u{323}i";
        let w = words(decomposed);
        assert_eq!(texts(&w), ["Hà", "Nội"]);
        assert_eq!(w[1].width, 3);
        assert_eq!(width(&w[1].text), 3);
        assert_eq!(joined_width(&w), 6);
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("中"), 2);
        assert_eq!(joined_width(&words("a 中")), 4);
    }

    #[test]
    fn glue_spaces_keep_words_together_and_print_as_spaces() {
        let w = words("đạt 4.268\u{a0}nghìn tỷ");
        assert_eq!(texts(&w), ["đạt", "4.268 nghìn", "tỷ"]);
        assert_eq!(w[1].width, 11);
        assert_eq!(texts(&words("\u{a0}a\u{a0} \u{202f}")), ["a"]);
        // glue in decomposed text, which takes the copying path
        let w = words("4.268\u{2007}nghi\u{300}n\u{202f}tỷ");
        assert_eq!(texts(&w), ["4.268 nghìn tỷ"]);
        assert_eq!(w[0].width, 14);
    }

    #[test]
    fn control_characters_are_dropped_before_composition() {
        assert_eq!(texts(&words("a\u{1}\u{301}\tb\r\nc")), ["á", "b", "c"]);
        // ASCII controls in otherwise ASCII text, and a C1 control
        assert_eq!(texts(&words("a\u{1}b\u{7f} c\u{85}d")), ["ab", "c", "d"]);
        assert_eq!(texts(&words("x\u{9b}y")), ["xy"]);
        // the vertical tab is whitespace, not a dropped control
        assert_eq!(texts(&words("a\u{b}b\u{c}c")), ["a", "b", "c"]);
    }

    #[test]
    fn clean_words_borrow_and_others_are_copied() {
        let text = "Hà Nội 2024 4.268\u{a0}nghìn";
        let w = words(text);
        assert!(matches!(w[0].text, Cow::Borrowed(_)));
        assert!(matches!(w[2].text, Cow::Borrowed(_)));
        assert!(matches!(w[3].text, Cow::Owned(_)));
        assert!(
            words("Ha\u{300}")
                .iter()
                .all(|w| matches!(w.text, Cow::Owned(_)))
        );
    }

    #[test]
    fn the_ascii_fast_path_measures_like_unicode_width() {
        // every pair of ASCII characters, controls included
        for a in 0u8..0x80 {
            for b in 0u8..0x80 {
                let s = String::from_utf8(vec![a, b, b'x', a]).unwrap_or_default();
                assert_eq!(width(&s), s.width(), "{s:?}");
            }
        }
        // "\r\n" is one column in a string; it takes the slow path
        assert_eq!(width("a\r\nb"), 3);
        assert_eq!(width("a\rb"), 3);
        assert_eq!(width("2024"), 4);
        assert_eq!(width(""), 0);
    }

    #[test]
    fn non_ascii_words_are_measured_by_unicode_width() {
        for s in [
            "Nội",
            "中国",
            "a\u{200b}b",
            "\u{301}",
            "─────",
            "👨\u{200d}👩",
            "1\u{fe0f}",
        ] {
            assert_eq!(width(s), s.width(), "{s:?}");
            assert_eq!(Word::new(s).width, s.width(), "{s:?}");
        }
    }

    /// Every character [`latin`] and [`narrow`] let through.
    fn narrow_chars() -> Vec<char> {
        ('\0'..='\u{1EFF}').filter(|&c| narrow(c)).collect()
    }

    #[test]
    fn latin_letters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let latin: Vec<char> = narrow_chars().into_iter().filter(|&c| latin(c)).collect();
        assert_eq!(latin.len(), 0x250 - 0xC0 + 0x100);
        for &c in &latin {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
        // and so is any text of them and ASCII, which is what `clean` relies on
        let text: String = latin.iter().chain(&['a', ' ', '\n']).collect();
        assert!(unicode_normalization::is_nfc(&text));
        for &a in &latin {
            for &b in &latin {
                let pair: String = [a, b].into_iter().collect();
                assert_eq!(is_nfc_quick(pair.chars()), IsNormalized::Yes, "{pair:?}");
            }
        }
        assert!(clean("Tổng mức bán ra đạt 4.268 nghìn tỷ đồng; Ưu tiên ×2"));
        assert!(clean("Hà Nội… “中”"));
        assert!(!clean("Ha\u{300}"));
        assert!(!clean("Hà\u{1}"));
        // a separator that NFC changes makes the text need the full check
        assert!(!clean("Hà\u{2000}Nội"));
        assert_eq!(texts(&words("Hà\u{2000}Nội")), ["Hà", "Nội"]);
    }

    #[test]
    fn narrow_characters_are_one_column_in_any_word() {
        let narrow = narrow_chars();
        assert_eq!(narrow.len(), 94 + 0x250 - 0xC0 + 0x100);
        for &a in &narrow {
            assert_eq!(a.to_string().width(), 1, "{a:?}");
            for &b in &narrow {
                let pair: String = [a, b].into_iter().collect();
                assert_eq!(pair.width(), 2, "{pair:?}");
            }
        }
        // the width the scan finds is the one `unicode-width` gives
        let text = "Tổng mức bán ra ĐẠT 4.268 nghìn tỷ đồng; ưu tiên ×2 …中 \
                    Hà\u{a0}Nội ẞ 1\u{fe0f} ©\u{fe0f} a\u{301} x\u{ad}y";
        for word in words(text) {
            assert_eq!(word.width, word.text.width(), "{:?}", word.text);
        }
    }

    #[test]
    fn widths_add_up_across_spaces() {
        let text = "a\u{fe0f} 1\u{fe0f} 👨\u{200d}👩 中 x\u{301} \u{fe0e}b Nội";
        let w = words(text);
        let joined: Vec<&str> = texts(&w);
        assert_eq!(joined_width(&w), joined.join(" ").width());
        let mut out = String::new();
        push_joined(&mut out, &w);
        assert_eq!(out, joined.join(" "));
    }
}
