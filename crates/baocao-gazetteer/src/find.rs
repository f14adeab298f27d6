//! Finding the names of [`crate::places`] in a text: whole words, longest
//! first, case as written, with the spellings derived once into one table.

use crate::Mention;
use crate::places::{
    HO_CHI_MINH, NOT_PLACES, PERSON_NAME_WORDS, PLACES, Place, THE_MAN_AFTER, THE_MAN_BEFORE,
};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc, is_nfc_quick};

/// The mentions in `text`, with offsets into `text`.
pub(crate) fn mentions(text: &str) -> Vec<Mention> {
    let view = Normalized::of(text);
    let table = &*TABLE;
    scan(&view.text, table)
        .into_iter()
        .map(|m| Mention {
            name: m.name,
            start: view.original_start(m.start),
            end: view.original_end(m.end),
        })
        .collect()
}

/// Whether `c` continues a word: a letter, a digit, "_" (template
/// identifiers), or a combining mark (a letter with an extra accent is
/// another letter, not the end of a word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Any of the dashes documents put in "Bà Rịa - Vũng Tàu".
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}'
    )
}

/// The names are written precomposed (NFC) and matched letter by letter, so
/// a decomposed "Hà Nội" must be composed first. Most texts already are NFC
/// (baocao normalises what it reads) and are searched as they are; others
/// are composed piece by piece, each piece being one character with the
/// combining marks after it, so that every offset found in the composed text
/// can be mapped back to the text the caller gave.
struct Normalized<'a> {
    text: Cow<'a, str>,
    /// For a composed text: (offset in `text`, offset in the original) of
    /// every piece, in order. Empty when `text` is the original.
    pieces: Vec<(usize, usize)>,
    /// The original's length, where the end of `text` maps.
    original_len: usize,
}

impl<'a> Normalized<'a> {
    fn of(original: &'a str) -> Self {
        let already = match is_nfc_quick(original.chars()) {
            IsNormalized::Yes => true,
            IsNormalized::No => false,
            IsNormalized::Maybe => is_nfc(original),
        };
        if already {
            return Normalized {
                text: Cow::Borrowed(original),
                pieces: Vec::new(),
                original_len: original.len(),
            };
        }
        let mut text = String::with_capacity(original.len());
        let mut pieces = Vec::new();
        let mut piece_start = 0;
        for (i, c) in original.char_indices() {
            if i > piece_start && canonical_combining_class(c) == 0 {
                pieces.push((text.len(), piece_start));
                text.extend(original[piece_start..i].nfc());
                piece_start = i;
            }
        }
        if piece_start < original.len() {
            pieces.push((text.len(), piece_start));
            text.extend(original[piece_start..].nfc());
        }
        Normalized {
            text: Cow::Owned(text),
            pieces,
            original_len: original.len(),
        }
    }

    /// The piece of the composed text that `pos` falls in: its index and
    /// whether `pos` is its first byte.
    fn piece_at(&self, pos: usize) -> Option<(usize, bool)> {
        let after = self
            .pieces
            .partition_point(|&(composed, _)| composed <= pos);
        let index = after.checked_sub(1)?;
        let (composed, _) = self.pieces.get(index)?;
        Some((index, *composed == pos))
    }

    /// Where a mention starting at `pos` of the composed text starts in the
    /// original. A position inside a piece (a mention cannot start there,
    /// but this must not panic) widens to the piece's start.
    fn original_start(&self, pos: usize) -> usize {
        if self.pieces.is_empty() {
            return pos;
        }
        if pos >= self.text.len() {
            return self.original_len;
        }
        match self.piece_at(pos) {
            Some((index, _)) => self.pieces.get(index).map_or(0, |&(_, original)| original),
            None => 0,
        }
    }

    /// Where a mention ending at `pos` of the composed text ends in the
    /// original. A position inside a piece widens to the piece's end.
    fn original_end(&self, pos: usize) -> usize {
        if self.pieces.is_empty() {
            return pos;
        }
        if pos >= self.text.len() {
            return self.original_len;
        }
        match self.piece_at(pos) {
            Some((index, true)) => self.pieces.get(index).map_or(0, |&(_, original)| original),
            Some((index, false)) => self
                .pieces
                .get(index + 1)
                .map_or(self.original_len, |&(_, original)| original),
            None => 0,
        }
    }
}

/// One element of a compiled spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    /// This letter, exactly.
    Char(char),
    /// One or more white-space characters.
    Space,
    /// Optional white space, a dash, optional white space.
    Dash,
    /// A full stop, then optional white space ("TP.HCM", "TP. HCM").
    Dot,
}

/// What a spelling, when found, is.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A name of this place. `bare_ho_chi_minh` marks the spellings that
    /// may also be the man (see [`HO_CHI_MINH`]).
    Place {
        place: &'static Place,
        bare_ho_chi_minh: bool,
    },
    /// A phrase that contains a name but is not a place (see [`NOT_PLACES`]).
    NotAPlace,
}

/// One spelling, compiled.
#[derive(Debug)]
struct Entry {
    pieces: Vec<Piece>,
    target: Target,
}

/// Every spelling, by its first letter, and the words of the context rules
/// in every form they may be written in.
struct Table {
    by_first: BTreeMap<char, Vec<Entry>>,
    /// [`PERSON_NAME_WORDS`], also upper-cased and without accents.
    person_words: BTreeSet<String>,
    /// [`THE_MAN_BEFORE`], lower-case, as written and without accents, each
    /// split into words.
    the_man_before: Vec<Vec<String>>,
}

static TABLE: LazyLock<Table> = LazyLock::new(Table::build);

impl Table {
    fn build() -> Table {
        let mut by_first: BTreeMap<char, Vec<Entry>> = BTreeMap::new();
        let mut add = |spelling: &str, target: Target| {
            let pieces = compile(spelling);
            // Every spelling starts with a letter (a test checks it), so
            // this only skips what could never match at a word start.
            if let Some(&Piece::Char(first)) = pieces.first() {
                by_first
                    .entry(first)
                    .or_default()
                    .push(Entry { pieces, target });
            }
        };
        for place in &PLACES {
            let written = std::iter::once(place.name).chain(place.spellings.iter().copied());
            let mut forms = BTreeMap::new();
            for spelling in written {
                let bare = spelling == HO_CHI_MINH;
                for form in forms_of(spelling) {
                    forms.entry(form).or_insert(bare);
                }
            }
            for (form, bare_ho_chi_minh) in forms {
                add(
                    &form,
                    Target::Place {
                        place,
                        bare_ho_chi_minh,
                    },
                );
            }
        }
        for phrase in NOT_PLACES {
            for form in forms_of(phrase) {
                add(&form, Target::NotAPlace);
            }
        }
        let person_words = PERSON_NAME_WORDS.iter().flat_map(|w| forms_of(w)).collect();
        let the_man_before = THE_MAN_BEFORE
            .iter()
            .flat_map(|p| [p.to_string(), without_accents(p)])
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|p| p.split_whitespace().map(str::to_owned).collect())
            .collect();
        Table {
            by_first,
            person_words,
            the_man_before,
        }
    }
}

/// A spelling as written, upper-cased ("HÀ NỘI", letterheads and headings),
/// without accents ("Ha Noi", English and unaccented text), and both.
fn forms_of(spelling: &str) -> BTreeSet<String> {
    let plain = without_accents(spelling);
    [
        spelling.to_owned(),
        spelling.to_uppercase(),
        plain.to_uppercase(),
        plain,
    ]
    .into_iter()
    .collect()
}

/// "Hà Nội" → "Ha Noi", "Đà Nẵng" → "Da Nang".
fn without_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            other => other,
        })
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect()
}

/// A spelling's pieces: see [`Place::spellings`] for what " ", "-" and "."
/// stand for.
fn compile(spelling: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = spelling.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() || is_dash(c) {
            let mut dash = is_dash(c);
            while let Some(&next) = chars.peek() {
                if !(next.is_whitespace() || is_dash(next)) {
                    break;
                }
                dash |= is_dash(next);
                chars.next();
            }
            pieces.push(if dash { Piece::Dash } else { Piece::Space });
        } else if c == '.' {
            // The Dot takes the space after it: "TP. HCM" is "TP.HCM".
            while chars.next_if(|next| next.is_whitespace()).is_some() {}
            pieces.push(Piece::Dot);
        } else {
            pieces.push(Piece::Char(c));
        }
    }
    pieces
}

/// The length in bytes of the white space at the start of `s`.
fn space_len(s: &str) -> usize {
    s.len() - s.trim_start_matches(char::is_whitespace).len()
}

impl Entry {
    /// Where this spelling, found at `start` of `text`, ends; `None` if it
    /// is not there or does not end a word.
    fn end_at(&self, text: &str, start: usize) -> Option<usize> {
        let mut pos = start;
        for piece in &self.pieces {
            let rest = text.get(pos..)?;
            match piece {
                Piece::Char(want) => {
                    let c = rest.chars().next()?;
                    if c != *want {
                        return None;
                    }
                    pos += c.len_utf8();
                }
                Piece::Space => {
                    let n = space_len(rest);
                    if n == 0 {
                        return None;
                    }
                    pos += n;
                }
                Piece::Dash => {
                    let n = space_len(rest);
                    let c = rest.get(n..)?.chars().next()?;
                    if !is_dash(c) {
                        return None;
                    }
                    pos += n + c.len_utf8();
                    pos += space_len(text.get(pos..)?);
                }
                Piece::Dot => {
                    if !rest.starts_with('.') {
                        return None;
                    }
                    pos += 1;
                    pos += space_len(text.get(pos..)?);
                }
            }
        }
        let ends_word = text
            .get(pos..)?
            .chars()
            .next()
            .is_none_or(|c| !is_word_char(c));
        ends_word.then_some(pos)
    }
}

/// Every mention in an NFC `text`: at each word start, the longest spelling
/// found there (a [`Target::NotAPlace`] phrase wins a tie); its words are
/// then skipped, whether it is kept or not.
fn scan(text: &str, table: &Table) -> Vec<Mention> {
    let mut found = Vec::new();
    let mut resume = 0;
    let mut previous_is_word = false;
    for (start, c) in text.char_indices() {
        let starts_word = is_word_char(c) && !previous_is_word;
        previous_is_word = is_word_char(c);
        if !starts_word || start < resume {
            continue;
        }
        let Some(entries) = table.by_first.get(&c) else {
            continue;
        };
        let mut best: Option<(usize, Target)> = None;
        for entry in entries {
            let Some(end) = entry.end_at(text, start) else {
                continue;
            };
            let better = match best {
                None => true,
                Some((best_end, _)) => {
                    end > best_end || (end == best_end && matches!(entry.target, Target::NotAPlace))
                }
            };
            if better {
                best = Some((end, entry.target));
            }
        }
        let Some((end, target)) = best else {
            continue;
        };
        resume = end;
        if let Target::Place {
            place,
            bare_ho_chi_minh,
        } = target
            && !names_a_person(text, start, end, bare_ho_chi_minh, table)
        {
            found.push(Mention {
                name: place.name,
                start,
                end,
            });
        }
    }
    found
}

/// Whether the name found at `start..end` is part of a person's name
/// ("Nguyễn Thị Huế"), or, for a bare "Hồ Chí Minh", the man himself.
fn names_a_person(
    text: &str,
    start: usize,
    end: usize,
    bare_ho_chi_minh: bool,
    table: &Table,
) -> bool {
    let mut before = words_before(text, start);
    if before
        .next()
        .is_some_and(|w| table.person_words.contains(w))
    {
        return true;
    }
    if !bare_ho_chi_minh {
        return false;
    }
    let before: Vec<String> = words_before(text, start)
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let after_the_man = table.the_man_before.iter().any(|phrase| {
        phrase.len() <= before.len() && phrase.iter().rev().zip(&before).all(|(p, w)| p == w)
    });
    let before_a_noun = word_after(text, end)
        .map(str::to_lowercase)
        .is_some_and(|w| THE_MAN_AFTER.contains(&w.as_str()));
    after_the_man || before_a_noun
}

/// The words before `start`, nearest first, as long as only white space
/// separates them from each other and from `start`.
fn words_before(text: &str, start: usize) -> impl Iterator<Item = &str> {
    let mut rest = text.get(..start).unwrap_or("");
    std::iter::from_fn(move || {
        let trimmed = rest.trim_end_matches(char::is_whitespace);
        if trimmed.len() == rest.len() {
            return None;
        }
        let word_start = trimmed
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_word_char(c))
            .last()
            .map(|(i, _)| i)?;
        let word = trimmed.get(word_start..)?;
        rest = trimmed.get(..word_start)?;
        Some(word)
    })
}

/// The word after `end`, if only white space separates it.
fn word_after(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?;
    let trimmed = rest.trim_start_matches(char::is_whitespace);
    if trimmed.len() == rest.len() {
        return None;
    }
    let len = trimmed
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(trimmed.len(), |(i, _)| i);
    trimmed.get(..len).filter(|w| !w.is_empty())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    #[test]
    fn spellings_compile_to_patterns_that_start_and_end_with_a_letter() {
        let all = PLACES
            .iter()
            .flat_map(|p| std::iter::once(p.name).chain(p.spellings.iter().copied()))
            .chain(NOT_PLACES.iter().copied());
        for spelling in all {
            for form in forms_of(spelling) {
                let pieces = compile(&form);
                assert!(
                    matches!(pieces.first(), Some(Piece::Char(c)) if c.is_alphanumeric()),
                    "{form}"
                );
                assert!(
                    matches!(pieces.last(), Some(Piece::Char(c)) if c.is_alphanumeric()),
                    "{form}"
                );
            }
        }
    }

    #[test]
    fn compiling() {
        use Piece::{Char, Dash, Dot, Space};
        assert_eq!(
            compile("TP.HCM"),
            [Char('T'), Char('P'), Dot, Char('H'), Char('C'), Char('M')]
        );
        assert_eq!(compile("A - B"), [Char('A'), Dash, Char('B')]);
        assert_eq!(compile("A-B"), [Char('A'), Dash, Char('B')]);
        assert_eq!(compile("A  B"), [Char('A'), Space, Char('B')]);
        assert_eq!(compile("A. B"), [Char('A'), Dot, Char('B')]);
    }

    #[test]
    fn forms() {
        let forms = forms_of("Đà Nẵng");
        let expected = ["DA NANG", "Da Nang", "ĐÀ NẴNG", "Đà Nẵng"];
        assert_eq!(
            forms.iter().map(String::as_str).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(without_accents("Thừa Thiên Huế"), "Thua Thien Hue");
    }

    #[test]
    fn decomposed_text_maps_back_to_the_original() {
        // "Hà Nội" decomposed, after a composed word.
        let original = "tại Ha\u{300} No\u{323}\u{302}i nói riêng";
        let view = Normalized::of(original);
        assert_eq!(view.text, "tại Hà Nội nói riêng");
        let m = mentions(original);
        assert_eq!(m.len(), 1);
        assert_eq!(
            &original[m[0].start..m[0].end],
            "Ha\u{300} No\u{323}\u{302}i"
        );
    }

    #[test]
    fn words_around() {
        let text = "Chủ tịch  Hồ Chí Minh Thought";
        let start = text.find("Hồ").unwrap();
        let before: Vec<&str> = words_before(text, start).collect();
        assert_eq!(before, ["tịch", "Chủ"]);
        assert_eq!(words_before("(Hà", 1).count(), 0);
        assert_eq!(words_before("Hà", 0).count(), 0);
        let end = text.find(" Thought").unwrap();
        assert_eq!(word_after(text, end), Some("Thought"));
        assert_eq!(word_after("Huế.", 5), None);
    }
}
