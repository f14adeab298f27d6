//! The text being written: lines, in sections separated by a blank line.

/// A page break as written: a line holding a form feed (U+000C), the
/// character printers and `pr`, `less` or Vim (`^L`) take as "new page".
pub(crate) const PAGE_BREAK: &str = "\u{C}\n";

/// The page's text, written line by line straight into one `String`.
///
/// Lines are not collected and joined at the end: a report is a few hundred
/// lines, and a `String` per line (and per piece of a line) cost more than
/// laying the text out. Every writer appends to this buffer instead.
pub(crate) struct Output {
    text: String,
    /// The next line opens a section, so it is preceded by a blank line
    /// unless it is the first line of the page.
    opening: bool,
}

impl Output {
    /// An empty page.
    pub(crate) fn new() -> Self {
        Output {
            text: String::new(),
            opening: false,
        }
    }

    /// Makes room for `bytes` more bytes of text at once, rather than as
    /// the text grows.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
    }

    /// Starts a section (the "6 pt between paragraphs" of the spec): its
    /// first line, if it has any, is set one blank line below the text
    /// before. A section without lines leaves no trace.
    pub(crate) fn section(&mut self) {
        self.opening = true;
    }

    /// Writes one line: `write` appends its text (no newline) to the buffer.
    ///
    /// Trailing spaces are removed (a padded column whose neighbour is empty
    /// would leave some), so that no line of the output ends in a blank.
    pub(crate) fn line(&mut self, write: impl FnOnce(&mut String)) {
        if std::mem::take(&mut self.opening)
            && !self.text.is_empty()
            && !self.text.ends_with(PAGE_BREAK)
        {
            self.text.push('\n');
        }
        write(&mut self.text);
        // Never reaches into the line before: it ends with '\n'.
        let end = self.text.trim_end_matches(' ').len();
        self.text.truncate(end);
        self.text.push('\n');
    }

    /// Ends the page: a line holding a form feed, after which the next
    /// section starts at the top of the new page, without a blank line. At
    /// the top of the page (nothing written yet, or just after a break) it
    /// does nothing: a blank page is never what the report means.
    pub(crate) fn page_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(PAGE_BREAK) {
            self.text.push_str(PAGE_BREAK);
        }
        self.opening = false;
    }

    /// The text: one final newline, also for an empty page, so that every
    /// output is a well-formed text file.
    pub(crate) fn finish(mut self) -> String {
        if self.text.is_empty() {
            self.text.push('\n');
        }
        self.text
    }

    /// The lines written so far, for tests.
    #[cfg(test)]
    pub(crate) fn lines(&self) -> Vec<String> {
        self.text.lines().map(String::from).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_are_separated_by_one_blank_line_and_empty_ones_vanish() {
        let mut out = Output::new();
        out.section();
        out.section();
        out.line(|s| s.push_str("a  "));
        out.line(|s| s.push_str("   "));
        out.section();
        out.section();
        out.line(|s| s.push_str(" b"));
        out.section();
        assert_eq!(out.finish(), "a\n\n\n b\n");
    }

    #[test]
    fn a_page_break_is_a_form_feed_line_and_the_next_page_starts_at_its_top() {
        let mut out = Output::new();
        out.page_break();
        out.section();
        out.line(|s| s.push('a'));
        out.section();
        out.page_break();
        out.page_break();
        out.section();
        out.line(|s| s.push('b'));
        assert_eq!(out.finish(), "a\n\u{C}\nb\n");
    }

    #[test]
    fn an_empty_page_is_one_newline() {
        let mut out = Output::new();
        out.section();
        assert_eq!(out.finish(), "\n");
    }
}
