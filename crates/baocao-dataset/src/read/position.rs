//! Byte offsets (what the TOML parser reports) to the line and column a
//! clerk sees in an editor.

use std::cell::Cell;
use std::sync::Arc;

use crate::Location;

/// One named text and where its lines start.
pub(crate) struct Source<'t> {
    /// The file as the user named it.
    pub(crate) file: Arc<str>,
    /// The text, without a byte order mark (editors do not show it, so it
    /// must not shift the columns of the first line).
    pub(crate) text: &'t str,
    line_starts: Vec<usize>,
    /// The last offset located and the characters from the start of its
    /// line to it.
    last: Cell<(usize, usize)>,
}

impl<'t> Source<'t> {
    pub(crate) fn new(file: &str, text: &'t str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Source {
            file: Arc::from(file),
            text,
            line_starts,
            last: Cell::new((0, 0)),
        }
    }

    /// Where 1-based line `line` starts; `None` for line 0 (the whole
    /// file) and past the last line.
    pub(crate) fn line_start(&self, line: u32) -> Option<usize> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.line_starts.get(index).copied()
    }

    /// The line and column of a byte offset. Columns count characters, so a
    /// value after "Hà Nội" is where the editor shows it; an offset past the
    /// end is clamped to the end.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        // `line_starts` starts with 0, so at least one start is <= offset.
        let line_index = self
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        // Values are mostly asked for in the order they are written: on
        // the line of the previous one, the characters are counted from
        // it rather than from the start of the line (a line holding a
        // table of thousands of figures would make that quadratic).
        let (from, before) = match self.last.get() {
            (last, chars) if last >= line_start && last <= offset => (last, chars),
            _ => (line_start, 0),
        };
        // Counting bytes that begin a character cannot fail, even if the
        // offset were in the middle of one.
        let chars = self
            .text
            .as_bytes()
            .get(from..offset)
            .map_or(0, |bytes| {
                bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
            })
            .saturating_add(before);
        self.last.set((offset, chars));
        Location {
            file: Arc::clone(&self.file),
            line: to_u32(line_index.saturating_add(1)),
            column: to_u32(chars.saturating_add(1)),
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    fn at(text: &str, offset: usize) -> String {
        Source::new("f.toml", text).location(offset).to_string()
    }

    #[test]
    fn first_character_is_line_1_column_1() {
        assert_eq!(at("a = 1\n", 0), "f.toml:1:1");
        assert_eq!(at("", 0), "f.toml:1:1");
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "x = { \"Hà Nội\" = 5 }\n";
        let offset = text.find('5').unwrap();
        // "Hà Nội" is 6 characters but 9 bytes.
        assert_eq!(offset, 20);
        assert_eq!(at(text, offset), "f.toml:1:18");
    }

    #[test]
    fn lines_after_multibyte_text() {
        let text = "region = \"Hà Nội\"\nname = \"ngành công nghiệp\"\nkind = 5\n";
        assert_eq!(at(text, text.find('5').unwrap()), "f.toml:3:8");
        let offset = text.find("nghiệp").unwrap() + "nghiệp".len();
        // `name = "` is 8 characters, "ngành công nghiệp" 17.
        assert_eq!(at(text, offset), "f.toml:2:26");
    }

    #[test]
    fn crlf_and_line_starts() {
        let text = "a = 1\r\nb = 2\r\n";
        assert_eq!(at(text, text.find('b').unwrap()), "f.toml:2:1");
        assert_eq!(at(text, text.find('2').unwrap()), "f.toml:2:5");
        // The break itself belongs to the line it ends.
        assert_eq!(at(text, 6), "f.toml:1:7");
    }

    #[test]
    fn byte_order_mark_does_not_shift_columns() {
        let source = Source::new("f.toml", "\u{feff}a = 1\n");
        assert_eq!(source.location(4).to_string(), "f.toml:1:5");
    }

    /// Offsets in any order, on one line and across lines, give the
    /// columns they give alone.
    #[test]
    fn columns_do_not_depend_on_the_order_asked() {
        let text = "x = { \"Hà Nội\" = 5, b = 6 }\nà = 7\n";
        let alone: Vec<String> = (0..=text.len()).map(|o| at(text, o)).collect();
        let source = Source::new("f.toml", text);
        let order = (0..=text.len())
            .chain((0..=text.len()).rev())
            .chain([3, 20, 1, 25, 2]);
        for offset in order {
            assert_eq!(
                source.location(offset).to_string(),
                alone[offset],
                "{offset}"
            );
        }
    }

    #[test]
    fn odd_offsets_never_panic() {
        let text = "à\nb";
        assert_eq!(at(text, 1), "f.toml:1:2"); // inside "à"
        assert_eq!(at(text, 100), "f.toml:2:2");
    }
}
