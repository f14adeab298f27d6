//! A large file cut into pieces that TOML can parse one at a time.
//!
//! The TOML parser holds every token and every parse event of a text
//! before it builds the table (about thirty bytes of memory for each byte
//! of input), then the table itself: a file of a hundred megabytes would
//! take gigabytes. A dataset file is mostly `[[indicator]]`, `[[target]]`
//! and `[[note]]` entries, each complete in itself, so a large file is cut
//! before such headers into pieces of at least [`PIECE`] bytes, and each
//! piece is parsed and read on its own, its table dropped before the next.
//!
//! The pieces are read as the whole file would be only when that is
//! certain; `file::read_file` checks it and otherwise reads the whole file
//! at once: when a piece is not valid TOML alone (a cut inside a multi-line
//! string leaves it open, so it never is), or when a key of the top level
//! is in more than one piece other than as an array of tables in pieces
//! after the first (a `[dataset]` given twice, `[indicator]` beside
//! `[[indicator]]`: mistakes the whole file's parse tells best). A piece
//! after the first starts with a header, so every key of its top level
//! comes from a header, and an array there can only come from `[[…]]`
//! headers, which add to the array of the pieces before; the first piece
//! ends before the first such header, so that an array written inline
//! there (`indicator = [ … ]`, which headers cannot add to) is never
//! taken for one.

use std::ops::Range;

/// The smallest piece a file is cut into, in bytes; a file is cut only when
/// it is at least twice as long.
pub(super) const PIECE: usize = 1 << 20;

/// The arrays of tables a file may be cut before.
const ENTRIES: [&str; 3] = ["indicator", "target", "note"];

/// `text` cut into pieces: the first ends where the first `[[indicator]]`,
/// `[[target]]` or `[[note]]` header line starts (so that it holds the
/// top-level keys and no such header), and each of the others starts at
/// such a line and is at least `piece` bytes long, the last one too. One
/// piece when `text` is shorter than twice `piece`.
pub(super) fn split(text: &str, piece: usize) -> Vec<Range<usize>> {
    let mut cuts = vec![0];
    if text.len() / 2 >= piece {
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let start = line_start;
            line_start += line.len();
            let last = cuts.last().copied().unwrap_or(0);
            let first = cuts.len() == 1;
            let long = start - last >= piece && text.len() - start >= piece;
            if (first || long) && header(line).is_some() {
                cuts.push(start);
            }
        }
    }
    cuts.push(text.len());
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// The name of the array of tables a line starts, when it is one the file
/// may be cut before: `[[indicator]]`, with spaces around the name and a
/// comment after it allowed.
pub(super) fn header(line: &str) -> Option<&'static str> {
    let inner = line.trim().strip_prefix("[[")?;
    let (name, rest) = inner.split_once("]]")?;
    let rest = rest.trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    let name = name.trim();
    ENTRIES.into_iter().find(|e| *e == name)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    #[test]
    fn headers_that_may_start_a_piece() {
        assert_eq!(header("[[indicator]]\n"), Some("indicator"));
        assert_eq!(header("  [[ target ]]  # next year\r\n"), Some("target"));
        assert_eq!(header("[[note]]"), Some("note"));
        for line in [
            "[indicator]\n",
            "[[indicator.value]]\n",
            "[[\"indicator\"]]\n",
            "[[dataset]]\n",
            "[[indicator]] x = 1\n",
            "x = \"[[indicator]]\"\n",
        ] {
            assert_eq!(header(line), None, "{line:?}");
        }
    }

    #[test]
    fn pieces_start_at_headers_and_cover_the_text() {
        let text = "format = 1\n[[indicator]]\nid = \"a\"\n[[target]]\nyear = 1\n[[note]]\n";
        let pieces = split(text, 1);
        let starts: Vec<&str> = pieces.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            starts,
            [
                "format = 1\n",
                "[[indicator]]\nid = \"a\"\n",
                "[[target]]\nyear = 1\n",
                "[[note]]\n"
            ]
        );
        // The top level alone, then pieces of at least 20 bytes, the last
        // one too.
        let pieces = split(text, 20);
        assert_eq!(pieces, [0..11, 11..34, 34..text.len()]);
        // A text that starts with an entry has an empty first piece.
        let entries = &text[11..];
        assert_eq!(split(entries, 1)[0], 0..0);
        assert_eq!(
            split(text, 1000).as_slice(),
            std::slice::from_ref(&(0..text.len()))
        );
        assert_eq!(split("", 1).as_slice(), std::slice::from_ref(&(0..0)));
    }
}
