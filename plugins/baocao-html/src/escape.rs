//! Text → HTML text that shows as that text, in content and in attributes.

/// Appends `text` to `out` with `& < > " '` written as character
/// references, so that the same function serves element content and quoted
/// attribute values. Code points HTML forbids in a document (control
/// characters other than whitespace, noncharacters) become U+FFFD.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if forbidden(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Whether HTML forbids `c` in text and attribute values.
fn forbidden(c: char) -> bool {
    match c {
        '\t' | '\n' | '\u{C}' | '\r' => false,
        // C0 controls, DEL and C1 controls.
        c if c.is_control() => true,
        '\u{FDD0}'..='\u{FDEF}' => true,
        // U+FFFE, U+FFFF, U+1FFFE, U+1FFFF, … U+10FFFF.
        c => u32::from(c) & 0xFFFE == 0xFFFE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escape(text: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, text);
        out
    }

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape(r#"<script>alert("x" & 'y')</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn vietnamese_and_whitespace_are_kept() {
        assert_eq!(
            escape("Độc lập - Tự do\t- Hạnh phúc\n"),
            "Độc lập - Tự do\t- Hạnh phúc\n"
        );
    }

    #[test]
    fn forbidden_code_points_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{7f}c\u{85}d\u{FDD0}e\u{FFFF}f\u{10FFFE}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{FFFD}"
        );
        assert_eq!(escape("\u{FFFD}\u{FFFC}"), "\u{FFFD}\u{FFFC}");
    }
}
