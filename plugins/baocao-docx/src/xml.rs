//! Writing WordprocessingML text.
//!
//! The parts of a `.docx` are small XML documents in a fixed vocabulary, so
//! they are written as text in one pass rather than through a DOM: element
//! names and attribute values that baocao chooses are literals; everything
//! that comes from the report goes through [`Xml::text`] or an escaped
//! attribute, which escape `& < > "` and drop the code points XML 1.0
//! forbids (a control character in a note would make Word refuse the file).

use std::fmt::Write as _;

/// XML text under construction.
#[derive(Debug, Default)]
pub(crate) struct Xml {
    pub(crate) out: String,
}

impl Xml {
    /// Markup written as is: only literals of this crate.
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// Formatted markup (numbers in attributes).
    pub(crate) fn rawf(&mut self, args: std::fmt::Arguments<'_>) {
        // Writing into a String cannot fail.
        let _ = self.out.write_fmt(args);
    }

    /// Text content or an attribute value, escaped.
    pub(crate) fn text(&mut self, text: &str) {
        escape_into(&mut self.out, text);
    }
}

/// Escapes `text` for XML content and double-quoted attributes.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if allowed(c) => out.push(c),
            // Not a character XML 1.0 can hold at all.
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Whether XML 1.0 allows `c` in a document (the `Char` production).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// `text` escaped, as a new string.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn escapes_markup_and_replaces_what_xml_cannot_hold() {
        assert_eq!(
            escaped("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; 'd'"
        );
        assert_eq!(escaped("x\u{1}y\u{FFFF}z"), "x\u{FFFD}y\u{FFFD}z");
        assert_eq!(escaped("Đà Nẵng\t1"), "Đà Nẵng\t1");
    }
}
