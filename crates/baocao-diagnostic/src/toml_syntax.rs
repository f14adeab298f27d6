//! TOML syntax errors in words a clerk can act on.
//!
//! Both files a clerk edits by hand, the dataset and `department.toml`,
//! are TOML, and the parser's words are a programmer's ("invalid float,
//! expected nothing", "unexpected key or value, expected newline, `#`").
//! The mistakes behind them are few and always the same: a decimal comma,
//! a `%` or a unit after a number, text without quotes, a comma where TOML
//! wants a new line. This module recognises them from the text around the
//! parser's position, so both readers say the same thing for the same
//! slip. It takes the parser's span and message as plain values and so
//! does not depend on the TOML crate.

use std::ops::Range;

use crate::{Diagnostic, Span};

/// A TOML syntax error of `file` (whose whole text is `text`): the parser
/// stopped at `span` saying `message`.
pub fn toml_syntax(
    file: &str,
    text: &str,
    span: Option<Range<usize>>,
    message: &str,
) -> Diagnostic {
    let span = span.unwrap_or(0..0);
    let start = span.start.min(text.len());
    let line = line_around(text, start);
    if let Some(d) = value_mistake(file, text, line.clone(), start) {
        return d;
    }
    // An error is sometimes only noticed at the start of the next line.
    if let Some(previous) = line.start.checked_sub(1).map(|end| line_around(text, end))
        && start == line.start + indent(&text[line.clone()])
        && let Some(d) = value_mistake(file, text, previous.clone(), previous.end)
    {
        return d;
    }
    let written = text.get(span.clone()).unwrap_or_default().trim();
    let description = message
        .split(", expected")
        .next()
        .unwrap_or(message)
        .trim_end_matches('.');
    let at = |range: Range<usize>| Span::of_range(file, text, range);
    let whole = at(span.clone());
    let (message, help): (String, Option<String>) = match description {
        "duplicate key" => (
            format!("`{written}` is given twice"),
            Some("a key or table may appear only once in the same table: remove one".to_owned()),
        ),
        "string values must be quoted" | "key with no value" | "missing value for key"
            if written.is_empty() =>
        {
            ("missing value after `=`".to_owned(), None)
        }
        "invalid boolean" if matches!(written.to_lowercase().as_str(), "true" | "false") => (
            format!("`{written}` is not a value"),
            Some("write true or false in lowercase".to_owned()),
        ),
        // `flow` and `tỷ đồng` start like `false` and `true`.
        "string values must be quoted" | "invalid boolean" => {
            let word = rest_of_value(&text[start..line.end]);
            return Diagnostic::error(format!("`{word}` is text without quotes"))
                .at(at(start..start + word.len()))
                .label("text must be in double quotes")
                .help(format!("write \"{word}\""));
        }
        "invalid basic string" | "invalid multi-line basic string" => (
            "a string is not closed".to_owned(),
            Some("add the closing `\"`".to_owned()),
        ),
        "invalid literal string" => (
            "a string is not closed".to_owned(),
            Some("add the closing `'`".to_owned()),
        ),
        "unclosed inline table" => (
            "a `{` is not closed".to_owned(),
            Some("add the closing `}` on the same line".to_owned()),
        ),
        "unclosed array" => (
            "a `[` is not closed".to_owned(),
            Some("add the closing `]`".to_owned()),
        ),
        "unclosed table" | "unclosed array table" => (
            "a table header is not closed".to_owned(),
            Some("add the closing `]`".to_owned()),
        ),
        "missing comma between key-value pairs" | "extra assignment between key-value pairs" => (
            "missing `,` between two entries of a `{ … }` table".to_owned(),
            None,
        ),
        "missing comma between array elements" => {
            ("missing `,` between two items of an array".to_owned(), None)
        }
        "invalid unquoted key" => (
            format!("`{written}` cannot be in a key without quotes"),
            Some(
                "keys use letters a-z, digits, `-` and `_`; put other keys in double quotes"
                    .to_owned(),
            ),
        ),
        "unexpected leading zero" => (
            "a number cannot start with 0".to_owned(),
            Some("remove the leading zero".to_owned()),
        ),
        "unexpected key or value" if written.starts_with(',') || text[start..].starts_with(',') => {
            return Diagnostic::error("a `,` after a value, outside `[ … ]` or `{ … }`")
                .at(at(start..start + 1))
                .label("remove this comma")
                .help("each key = value stands on its own line; commas separate items only inside `[ … ]` and `{ … }`");
        }
        "unexpected key or value" => (
            "a second value on the same line".to_owned(),
            Some("put each key = value on its own line".to_owned()),
        ),
        _ => (format!("invalid TOML: {message}"), None),
    };
    let mut d = Diagnostic::error(message).at(if whole.width == 0 {
        whole.with_width(1)
    } else {
        whole
    });
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

/// A number written as a clerk would on paper, after the first `=` of
/// `line` (or of the inline-table entry the parser stopped in): `6,52`,
/// `1.062,5`, `8.5%`, `12 tỷ`.
fn value_mistake(file: &str, text: &str, line: Range<usize>, stop: usize) -> Option<Diagnostic> {
    let line_text = &text[line.clone()];
    // The `=` nearest before the stop, so that `{ 2023 = 1, 2024 = 8.5% }`
    // looks at the entry that failed.
    let stop_in_line = stop.saturating_sub(line.start).min(line_text.len());
    let eq = line_text[..stop_in_line]
        .rfind('=')
        .or_else(|| line_text.find('='))?;
    let after = &line_text[eq + 1..];
    let value_start = eq + 1 + indent(after);
    let value = &line_text[value_start..];
    let number_len = value
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+')))
        .unwrap_or(value.len());
    let number = &value[..number_len];
    if !number.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let at = |from: usize, len: usize| {
        Span::of_range(file, text, line.start + from..line.start + from + len)
    };
    let rest = &value[number_len..];
    // `1000,2024 = 5`: a valid entry and the next key.
    let followed_by_key = rest.trim_start().starts_with('=');
    if !followed_by_key && let Some(fixed) = comma_decimal(number.trim_end_matches(',')) {
        let written = number.trim_end_matches(',');
        return Some(
            Diagnostic::error(format!(
                "`{written}` is not a number: TOML numbers take a decimal point"
            ))
            .at(at(value_start, written.len()))
            .label(format!("write {fixed}")),
        );
    }
    let unit = rest
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '}' | ']' | '#'))
        .next()
        .unwrap_or_default();
    if !number.contains(',') && !unit.is_empty() && !unit.starts_with(['"', '\'', '=']) {
        let gap = rest.len() - rest.trim_start().len();
        let written = &value[..number_len + gap + unit.len()];
        let help = if unit == "%" {
            "write the number alone: the unit is the indicator's (`unit = \"%\"`), not the figure's"
        } else {
            "write the number alone and give the unit once, as the indicator's `unit`"
        };
        return Some(
            Diagnostic::error(format!("`{written}` is not a number"))
                .at(at(value_start, written.chars().count().max(1)))
                .label(format!("write {number}"))
                .help(help),
        );
    }
    None
}

/// The value as written up to the end of the line or of an inline-table
/// entry: `Hà Nội` in `name = Hà Nội # …`.
fn rest_of_value(s: &str) -> &str {
    let end = s.find(['#', ',', '}', ']']).unwrap_or(s.len());
    s[..end].trim_end()
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start().len()
}

/// The byte range of the line holding `offset`, without its line break.
fn line_around(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if text[start..end].ends_with('\r') {
        end - 1
    } else {
        end
    };
    start..end.max(start)
}

/// A number written the Vietnamese way, with a decimal comma and maybe dots
/// between thousands (`6,2`, `1.062,5`), rewritten with a decimal dot.
pub fn comma_decimal(text: &str) -> Option<String> {
    let (sign, unsigned) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (text.get(..1).unwrap_or_default(), rest),
        None => ("", text),
    };
    let (whole, fraction) = unsigned.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(fraction) {
        return None;
    }
    let mut groups = whole.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let grouped = rest.iter().all(|g| g.len() == 3 && digits(g)) && first.len() <= 3;
    if !digits(first) || !(rest.is_empty() || grouped) {
        return None;
    }
    Some(format!("{sign}{}.{fraction}", whole.replace('.', "")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Style, render};

    /// What the clerk sees for `text`, the parser having stopped at `at`.
    fn shown(text: &str, at: &str, message: &str) -> String {
        let start = text.find(at).unwrap();
        render(
            &[toml_syntax("f.toml", text, Some(start..start + 1), message)],
            Style::Plain,
        )
    }

    #[test]
    fn a_decimal_comma() {
        let s = shown(
            "growth = { 2024 = 6,52 }\n",
            ",",
            "missing comma between key-value pairs",
        );
        assert!(
            s.contains("`6,52` is not a number: TOML numbers take a decimal point"),
            "{s}"
        );
        assert!(s.contains("^^^^ write 6.52"), "{s}");
        let s = shown("x = 1.062,5\n", ",", "unexpected key or value");
        assert!(s.contains("write 1062.5"), "{s}");
    }

    #[test]
    fn a_percent_or_unit_after_a_number() {
        let s = shown(
            "growth = { 2024 = 8.5% }\n",
            "%",
            "invalid float, expected nothing",
        );
        assert!(s.contains("`8.5%` is not a number"), "{s}");
        assert!(s.contains("^^^^ write 8.5"), "{s}");
        assert!(s.contains("the unit is the indicator's"), "{s}");
        let s = shown("value = 12 tỷ\n", "t", "unexpected key or value");
        assert!(s.contains("`12 tỷ` is not a number"), "{s}");
    }

    #[test]
    fn text_without_quotes() {
        let s = shown(
            "name = Hà Nội # the city\n",
            "H",
            "string values must be quoted",
        );
        assert!(s.contains("`Hà Nội` is text without quotes"), "{s}");
        assert!(s.contains("^^^^^^ text must be in double quotes"), "{s}");
        assert!(s.contains("write \"Hà Nội\""), "{s}");
    }

    #[test]
    fn a_comma_after_a_value() {
        let s = shown(
            "id = \"hanoi\",\n",
            ",",
            "unexpected key or value, expected newline, `#`",
        );
        assert!(s.contains("a `,` after a value"), "{s}");
        assert!(s.contains("1 | id = \"hanoi\","), "{s}");
    }

    #[test]
    fn an_error_noticed_on_the_next_line_is_shown_where_it_is() {
        let s = shown("a = 6,5\nb = 1\n", "b", "unexpected key or value");
        assert!(s.contains("f.toml:1:5"), "{s}");
    }

    #[test]
    fn valid_neighbours_are_not_mistakes() {
        // `1000,2024 = 5` is an entry and the next key.
        let s = shown(
            "v = { 2023 = 1000,2024 = 1062 x }\n",
            "x",
            "unexpected key or value",
        );
        assert!(!s.contains("not a number: TOML"), "{s}");
        assert_eq!(comma_decimal("1.062,5").as_deref(), Some("1062.5"));
        assert_eq!(comma_decimal("-6,2").as_deref(), Some("-6.2"));
        assert_eq!(comma_decimal("12.34,5"), None);
        assert_eq!(comma_decimal("6.5"), None);
    }
}
