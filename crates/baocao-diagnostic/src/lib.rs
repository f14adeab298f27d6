//! One kind of problem report for all of baocao.
//!
//! A clerk meets problems in five places: the dataset (a decimal comma, an
//! unknown id), `department.toml` (a misspelt key), the templates (an
//! unclosed `{% if %}`), the figures (a published total that does not add
//! up) and the plugins (a format nobody provides). Each layer describes
//! its problems with this one type, the driver collects them (once, however
//! many periods meet the same mistake) and the binary prints them with one
//! function, in the spirit of rustc's and typst's messages:
//!
//! ```text
//! error: a decimal comma: TOML numbers take a point
//!   --> data/hanoi.toml:12:10
//!    |
//! 12 | growth = 6,52
//!    |          ^^^^ write 6.52
//! ```
//!
//! It sits at the bottom of the workspace with the suggestion crate: it
//! depends on no baocao crate, so every layer can produce it. A [`Span`]
//! carries the text of its line, so a diagnostic can be shown long after
//! its file was read, and for the built-in department, whose files are not
//! on disk at all.
//!
//! ```
//! use baocao_diagnostic::{Diagnostic, Span};
//! let text = "[dataset]\ngrowth = 6,52\n";
//! let d = Diagnostic::error("a decimal comma: TOML numbers take a point")
//!     .at(Span::of_range("hanoi.toml", text, 19..23))
//!     .help("write 6.52");
//! assert_eq!(d.to_string(), "hanoi.toml:2:10: a decimal comma: TOML numbers take a point; write 6.52");
//! let shown = baocao_diagnostic::render(&[d], baocao_diagnostic::Style::Plain);
//! assert!(shown.contains("2 | growth = 6,52\n  |          ^^^^"));
//! ```

use std::fmt;
use std::ops::Range;

mod toml_syntax;
pub use toml_syntax::{comma_decimal, toml_syntax};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use serde::Serialize;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The report cannot be made, or is wrong.
    Error,
    /// The report is made but something in it deserves a look (a published
    /// figure that does not add up).
    Warning,
    /// Worth knowing, nothing to fix (a sentence left out for lack of data).
    Note,
}

impl Severity {
    /// `error`, `warning`, `note`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A place in a file: where a mistake is, as an editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// The file as the user named it (or `department.toml` of the built-in
    /// department).
    pub file: String,
    /// 1-based line; 0 for the whole file.
    pub line: u32,
    /// 1-based column, in characters; 0 for the whole line.
    pub column: u32,
    /// How many characters the mistake spans (0: a point).
    pub width: u32,
    /// The text of the line, to show under the message.
    #[serde(skip)]
    pub source_line: Option<String>,
}

impl Span {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Span {
            file: file.into(),
            line: 0,
            column: 0,
            width: 0,
            source_line: None,
        }
    }

    /// A line and column of a file whose text is not at hand.
    pub fn at(file: impl Into<String>, line: u32, column: u32) -> Self {
        Span {
            line,
            column,
            ..Span::file(file)
        }
    }

    /// The bytes `range` of `text` (the whole file): its line, column and
    /// width in characters, with the line's text kept for display. A range
    /// over several lines is cut at the end of its first line; a range past
    /// the end is clamped to the end.
    pub fn of_range(file: impl Into<String>, text: &str, range: Range<usize>) -> Self {
        let start = floor_char(text, range.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line_text = text[line_start..line_end].trim_end_matches('\r');
        // A start on the `\r` of a CRLF line is past the line's text: the
        // end is then the start, not before it.
        let line_end = (line_start + line_text.len()).max(start);
        let end = floor_char(text, range.end.clamp(start, line_end));
        let line = text[..line_start].matches('\n').count() + 1;
        Span {
            file: file.into(),
            line: to_u32(line),
            column: to_u32(text[line_start..start].chars().count() + 1),
            width: to_u32(text[start..end].chars().count()),
            source_line: Some(line_text.to_owned()),
        }
    }

    /// The word, number or quoted string that starts at byte `offset` of
    /// `text`: where a value or key is known only by its start.
    pub fn of_token(file: impl Into<String>, text: &str, offset: usize) -> Self {
        let offset = floor_char(text, offset.min(text.len()));
        let rest = &text[offset..];
        let line = rest.find(['\n', '\r']).map_or(rest, |end| &rest[..end]);
        let chars = token_width(line);
        let len = line.chars().take(chars).map(char::len_utf8).sum::<usize>();
        Span::of_range(file, text, offset..offset + len)
    }

    /// The `line`th line (1-based) of `text`, from its first non-blank
    /// character to its end: for problems known only by line.
    pub fn of_line(file: impl Into<String>, text: &str, line: u32) -> Self {
        let Some(line_text) = text.lines().nth((line as usize).saturating_sub(1)) else {
            return Span::at(file, line, 0);
        };
        let indent = line_text.len() - line_text.trim_start().len();
        let start = line_text.as_ptr() as usize - text.as_ptr() as usize + indent;
        Span::of_range(file, text, start..start + line_text.trim().len())
    }

    /// Underlines `width` characters from the column.
    pub fn with_width(mut self, width: u32) -> Self {
        self.width = width;
        self
    }

    /// Keeps `line` as the text shown under the message.
    pub fn with_source_line(mut self, line: impl Into<String>) -> Self {
        self.source_line = Some(line.into());
        self
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.file),
            (l, 0) => write!(f, "{}:{l}", self.file),
            (l, c) => write!(f, "{}:{l}:{c}", self.file),
        }
    }
}

/// A second place that explains the first ("the `{% if %}` opened here").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Label {
    /// Where.
    #[serde(flatten)]
    pub span: Span,
    /// What about it.
    pub message: String,
}

/// One problem: what, where, and what would fix it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// Where the mistake is; `None` for problems of no one place (a
    /// missing plugin, a folder that cannot be read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// The note under the caret: what was expected there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Other places that explain it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<Label>,
    /// What to do, in a clerk's words ("did you mean `endif`?").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub help: Vec<String>,
}

impl Diagnostic {
    /// A problem of a given severity, not yet placed.
    pub fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            span: None,
            label: None,
            labels: Vec::new(),
            help: Vec::new(),
        }
    }

    /// An error.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Error, message)
    }

    /// A warning.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Warning, message)
    }

    /// A note.
    pub fn note(message: impl Into<String>) -> Self {
        Diagnostic::new(Severity::Note, message)
    }

    /// Placed at `span`.
    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Placed at `span` when there is one.
    pub fn at_opt(mut self, span: Option<Span>) -> Self {
        self.span = span;
        self
    }

    /// The note under the caret.
    pub fn label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    /// Another place that explains this one.
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// What to do about it.
    pub fn help(mut self, text: impl Into<String>) -> Self {
        self.help.push(text.into());
        self
    }

    /// The file it is in, if any.
    pub fn file(&self) -> Option<&str> {
        self.span.as_ref().map(|s| s.file.as_str())
    }
}

/// One line: `file:line:col: message: label; help`, for logs, batch
/// summaries and error chains, where there is no room for the source.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(span) = &self.span {
            write!(f, "{span}: ")?;
        }
        f.write_str(&self.message)?;
        if let Some(label) = &self.label {
            write!(f, ": {label}")?;
        }
        for h in &self.help {
            write!(f, "; {h}")?;
        }
        Ok(())
    }
}

/// Many problems, as one error value (a dataset may hold several).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Lines(&self.0).fmt(f)
    }
}

/// A list of problems shown one a line, each as its one-line `Display`:
/// the `Display` of every error type that holds a list of them.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a>(pub &'a [Diagnostic]);

impl fmt::Display for Lines<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, d) in self.0.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// Removes every diagnostic equal to an earlier one, keeping the order: a
/// template mistake met by every period of a dataset is told once.
pub fn dedup(list: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    list.retain(|d| seen.insert(d.clone()));
}

/// Gives the spans in `file` that lack it the text of their line (and,
/// when they have no width, the width of the word or quoted string at
/// their column), so that a layer that knows only a file, line and column
/// (a consistency check of an indicator) is shown like the others.
pub fn attach_source(list: &mut [Diagnostic], file: &str, text: &str) {
    let spans = list.iter_mut().flat_map(|d| {
        d.span
            .iter_mut()
            .chain(d.labels.iter_mut().map(|l| &mut l.span))
    });
    for span in spans.filter(|s| s.file == file && s.source_line.is_none() && s.line > 0) {
        let Some(line) = text.lines().nth(span.line as usize - 1) else {
            continue;
        };
        let line = line.trim_end_matches('\r');
        if span.width == 0 && span.column > 0 {
            let rest: String = line.chars().skip(span.column as usize - 1).collect();
            span.width = to_u32(token_width(&rest));
        }
        span.source_line = Some(line.to_owned());
    }
}

/// The characters of the word, number or quoted string `s` starts with.
fn token_width(s: &str) -> usize {
    let mut chars = s.chars();
    match chars.next() {
        None => 0,
        Some(q @ ('"' | '\'')) => match chars.position(|c| c == q) {
            Some(n) => n + 2,
            None => s.chars().count(),
        },
        // A table header: `[dataset]`, `[[indicator]]`.
        Some('[') => match s.find(']') {
            Some(end) => {
                let closing = s[end..].chars().take_while(|&c| c == ']').count();
                s[..end].chars().count() + closing
            }
            None => s.chars().count(),
        },
        Some(_) => s
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']' | '='))
            .count()
            .max(1),
    }
}

/// How [`render`] decorates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// No colour: files, pipes, tests.
    Plain,
    /// ANSI colours, for a terminal.
    Color,
}

/// The diagnostics as a person reads them: each with its message, its
/// place, the source line with a caret under the mistake, the other
/// places, and the help; a blank line between two.
pub fn render(list: &[Diagnostic], style: Style) -> String {
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    };
    let mut out = String::new();
    for d in list {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let mut group = Group::with_title(level.primary_title(d.message.as_str()));
        if let Some(span) = &d.span {
            group = group.element(element(span, d.label.as_deref(), AnnotationKind::Primary));
        }
        for l in &d.labels {
            group = group.element(element(
                &l.span,
                Some(l.message.as_str()),
                AnnotationKind::Context,
            ));
        }
        for h in &d.help {
            group = group.element(Level::HELP.message(h.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
    }
    out
}

/// A span as a snippet of its line with the mistake underlined, or only
/// its place when the line's text is not known.
fn element<'a>(
    span: &'a Span,
    label: Option<&'a str>,
    kind: AnnotationKind,
) -> annotate_snippets::Element<'a> {
    match &span.source_line {
        Some(text) if span.line > 0 => {
            let start = byte_of_char(text, span.column.saturating_sub(1) as usize);
            let end = byte_of_char(
                text,
                (span.column.saturating_sub(1) + span.width.max(1)) as usize,
            )
            .max(start);
            let mut range = start..end;
            if range.is_empty() && start < text.len() {
                range.end = start + text[start..].chars().next().map_or(0, char::len_utf8);
            }
            Snippet::source(text.as_str())
                .line_start(span.line as usize)
                .path(span.file.as_str())
                .annotation(kind.span(range).label(label))
                .into()
        }
        _ => {
            let mut origin = Origin::path(span.file.as_str());
            if span.line > 0 {
                origin = origin.line(span.line as usize);
                if span.column > 0 {
                    origin = origin.char_column(span.column as usize);
                }
            }
            origin.into()
        }
    }
}

/// The diagnostics as JSON, one object per line (as `cargo
/// --message-format json`): `severity`, `message`, and when known `file`,
/// `line`, `column`, `width`, `label`, `labels`, `help`.
pub fn to_json_lines(list: &[Diagnostic]) -> String {
    #[derive(Serialize)]
    struct Line<'a> {
        severity: Severity,
        message: &'a str,
        #[serde(flatten, skip_serializing_if = "Option::is_none")]
        span: Option<&'a Span>,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: Option<&'a str>,
        #[serde(skip_serializing_if = "<[Label]>::is_empty")]
        labels: &'a [Label],
        #[serde(skip_serializing_if = "<[String]>::is_empty")]
        help: &'a [String],
    }
    let mut out = String::new();
    for d in list {
        let line = Line {
            severity: d.severity,
            message: &d.message,
            span: d.span.as_ref(),
            label: d.label.as_deref(),
            labels: &d.labels,
            help: &d.help,
        };
        out.push_str(&serde_json::to_string(&line).expect("strings and numbers serialize"));
        out.push('\n');
    }
    out
}

/// The byte offset of the `n`th character, or the end.
fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The largest character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_counts_characters_not_bytes() {
        let text = "name = \"Hà Nội\"\nx = 1,5\n";
        let s = Span::of_range("f.toml", text, 23..26);
        assert_eq!((s.line, s.column, s.width), (2, 5, 3));
        assert_eq!(s.source_line.as_deref(), Some("x = 1,5"));
        let s = Span::of_range("f.toml", text, 12..17);
        assert_eq!((s.line, s.column, s.width), (1, 12, 3));
    }

    #[test]
    fn a_span_past_the_end_or_over_lines_is_cut() {
        let text = "a = 1\nb = [\n";
        let s = Span::of_range("f", text, 10..400);
        assert_eq!((s.line, s.column, s.width), (2, 5, 1));
        let s = Span::of_range("f", text, 2..9);
        assert_eq!((s.line, s.column, s.width), (1, 3, 3));
        let s = Span::of_range("f", text, 900..901);
        assert_eq!((s.line, s.column, s.width), (3, 1, 0));
    }

    #[test]
    fn a_span_starting_on_the_cr_of_a_crlf_line_does_not_panic() {
        let text = "name = \"open\r\nnext = 1\r\n";
        let cr = text.find('\r').unwrap();
        let s = Span::of_range("f.toml", text, cr..cr + 3);
        assert_eq!((s.line, s.column, s.width), (1, 13, 0));
        assert_eq!(s.source_line.as_deref(), Some("name = \"open"));
    }

    #[test]
    fn a_line_span_skips_the_indent() {
        let s = Span::of_line("t.jinja", "a\n   {% if x %}\n", 2);
        assert_eq!((s.line, s.column, s.width), (2, 4, 10));
    }

    #[test]
    fn shown_with_the_line_a_caret_and_help() {
        let text = "[dataset]\n  {% if has(\"iip\") %}\nrest\n";
        let d = Diagnostic::error("`{% if %}` is never closed")
            .at(Span::of_range("report.jinja", text, 12..31))
            .label("opened here")
            .secondary(Span::of_line("report.jinja", text, 3), "the file ends here")
            .help("add `{% endif %}` where the conditional part ends");
        insta::assert_snapshot!(render(&[d], Style::Plain), @r#"
        error: `{% if %}` is never closed
         --> report.jinja:2:3
          |
        2 |   {% if has("iip") %}
          |   ^^^^^^^^^^^^^^^^^^^ opened here
          |
         ::: report.jinja:3:1
          |
        3 | rest
          | ---- the file ends here
          |
          = help: add `{% endif %}` where the conditional part ends
        "#);
    }

    #[test]
    fn without_a_source_line_the_place_is_still_named() {
        let d = Diagnostic::warning("growth does not add up")
            .at(Span::at("data.toml", 4, 0))
            .help("check the published total");
        let shown = render(std::slice::from_ref(&d), Style::Plain);
        assert!(shown.contains("data.toml:4"), "{shown}");
        assert_eq!(
            d.to_string(),
            "data.toml:4: growth does not add up; check the published total"
        );
    }

    #[test]
    fn json_is_one_object_a_line() {
        let d = Diagnostic::error("bad")
            .at(Span::at("f", 1, 2).with_width(3))
            .help("fix");
        assert_eq!(
            to_json_lines(&[d, Diagnostic::note("n")]),
            "{\"severity\":\"error\",\"message\":\"bad\",\"file\":\"f\",\"line\":1,\"column\":2,\"width\":3,\"help\":[\"fix\"]}\n{\"severity\":\"note\",\"message\":\"n\"}\n"
        );
    }

    #[test]
    fn a_place_without_text_gets_its_line_and_word() {
        let text = "[dataset]\nid = \"hà nội\" # x\nvalue = 12.5, y\n";
        let mut list = vec![
            Diagnostic::error("a").at(Span::at("d.toml", 2, 6)),
            Diagnostic::error("b").at(Span::at("d.toml", 3, 9)),
            Diagnostic::error("c").at(Span::at("other.toml", 3, 9)),
        ];
        attach_source(&mut list, "d.toml", text);
        let s = list[0].span.as_ref().unwrap();
        assert_eq!(
            (s.width, s.source_line.as_deref()),
            (8, Some("id = \"hà nội\" # x"))
        );
        assert_eq!(list[1].span.as_ref().unwrap().width, 4);
        assert_eq!(list[2].span.as_ref().unwrap().source_line, None);
    }

    #[test]
    fn duplicates_are_told_once_in_order() {
        let a = Diagnostic::error("a");
        let b = Diagnostic::warning("b");
        let mut list = vec![a.clone(), b.clone(), a.clone(), b.clone()];
        dedup(&mut list);
        assert_eq!(list, [a, b]);
    }
}
