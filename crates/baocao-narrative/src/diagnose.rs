//! A template mistake as a clerk reads it: the place of the mistake (the
//! tag, the name), what is wrong in plain words, and what to do.
//!
//! minijinja says where it noticed a problem, which is not always where
//! the mistake is: an unclosed `{% if %}` is noticed at the end of the
//! file, a misspelt figure when the sentence is written. This module reads
//! the template's own text to find the mistake, with a small scanner of
//! its tags ([`scan`]) and the names the report's environment knows
//! ([`Scope`]).

use std::ops::Range;

use baocao_diagnostic::{Diagnostic, Span};
use minijinja::ErrorKind;

use crate::filters::{FILTERS, FUNCTIONS};
use crate::template::{FIGURE_KEYS, HAS_KEYS, INDICATOR_KEYS, INDICATOR_METHODS, MEASURES};
use crate::{NarrativeError, Templates};

/// minijinja's own filters, as candidates for "did you mean": only those
/// the environment really has are offered (see [`Scope::of`]).
const BUILTIN_FILTERS: &[&str] = &[
    "abs",
    "attr",
    "batch",
    "bool",
    "capitalize",
    "chain",
    "count",
    "d",
    "default",
    "dictsort",
    "e",
    "escape",
    "first",
    "float",
    "format",
    "groupby",
    "indent",
    "int",
    "items",
    "join",
    "last",
    "length",
    "lines",
    "list",
    "lower",
    "map",
    "max",
    "min",
    "pprint",
    "reject",
    "rejectattr",
    "replace",
    "reverse",
    "round",
    "safe",
    "select",
    "selectattr",
    "slice",
    "sort",
    "split",
    "string",
    "sum",
    "title",
    "trim",
    "unique",
    "upper",
    "zip",
];

/// minijinja's tests (`x is defined`), as candidates for "did you mean".
const BUILTIN_TESTS: &[&str] = &[
    "boolean",
    "defined",
    "divisibleby",
    "endingwith",
    "eq",
    "equalto",
    "escaped",
    "even",
    "false",
    "filter",
    "float",
    "ge",
    "greaterthan",
    "gt",
    "in",
    "int",
    "integer",
    "iterable",
    "le",
    "lessthan",
    "lower",
    "lt",
    "mapping",
    "ne",
    "none",
    "number",
    "odd",
    "safe",
    "sameas",
    "sequence",
    "startingwith",
    "string",
    "test",
    "true",
    "undefined",
    "upper",
];

/// The statements a `{% … %}` tag can hold.
const STATEMENTS: &[&str] = &[
    "if",
    "elif",
    "else",
    "endif",
    "for",
    "endfor",
    "set",
    "endset",
    "include",
    "import",
    "from",
    "macro",
    "endmacro",
    "call",
    "endcall",
    "block",
    "endblock",
    "extends",
    "with",
    "endwith",
    "filter",
    "endfilter",
    "autoescape",
    "endautoescape",
    "raw",
    "endraw",
    "do",
];

/// What a `{% … %}` tag holds, for a clerk who wrote something else.
const NOT_A_STATEMENT: &str = "a `{% … %}` tag holds a statement: if, elif, else, endif, for, endfor, set, include, import, macro; to write a value use `{{ … }}`";

/// Statements that open a part closed by `end<statement>`.
const OPENERS: &[&str] = &[
    "if",
    "for",
    "macro",
    "block",
    "with",
    "filter",
    "call",
    "autoescape",
    "set",
];

/// Mistakes of more than a letter or two, and of two words, with what was
/// meant.
const MISTAKES: &[(&str, &str)] = &[
    ("elsif", "elif"),
    ("elseif", "elif"),
    ("else if", "elif"),
    ("else_if", "elif"),
    ("end if", "endif"),
    ("end for", "endfor"),
    ("end macro", "endmacro"),
    ("end block", "endblock"),
    ("end set", "endset"),
    ("end with", "endwith"),
    ("end filter", "endfilter"),
    ("end call", "endcall"),
    ("end raw", "endraw"),
    ("fi", "endif"),
    ("end_if", "endif"),
    ("end_for", "endfor"),
    ("foreach", "for"),
    ("endforeach", "endfor"),
    ("done", "endfor"),
    ("let", "set"),
    ("define", "macro"),
];

/// What the report's environment knows, to answer a misspelt name with
/// the closest one.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    /// Indicator ids the dataset defines (with the standard ids, the ids a
    /// template can name).
    pub(crate) known: Vec<String>,
    /// Names a template sees: the report's facts and the globals.
    pub(crate) variables: Vec<String>,
    /// The functions, besides macros.
    pub(crate) functions: Vec<String>,
    /// The filters.
    pub(crate) filters: Vec<String>,
    /// The tests.
    pub(crate) tests: Vec<String>,
    /// The attributes of the report's facts: `period` → `label`, `year`, …
    pub(crate) attributes: Vec<(String, Vec<String>)>,
    /// Whether the templates asked for more text than their limit: the
    /// error is then that, wherever it surfaced.
    pub(crate) text_exceeded: bool,
}

impl Scope {
    /// What a template sees in `env` with `ctx`, for a dataset defining
    /// `known`: filters and tests are asked of the environment itself.
    pub(crate) fn of(
        env: &minijinja::Environment<'_>,
        ctx: &minijinja::Value,
        known: &[String],
    ) -> Scope {
        let state = env.empty_state();
        let mut scope = Scope {
            known: known.to_vec(),
            filters: FILTERS
                .iter()
                .map(|f| f.name)
                .chain(BUILTIN_FILTERS.iter().copied())
                .filter(|n| minijinja::tests::is_filter(&state, n))
                .map(str::to_owned)
                .collect(),
            tests: BUILTIN_TESTS
                .iter()
                .filter(|n| minijinja::tests::is_test(&state, n))
                .map(|n| (*n).to_owned())
                .collect(),
            ..Scope::default()
        };
        let mut add = |name: &str, value: &minijinja::Value| {
            if scope.variables.iter().any(|v| v == name) {
                return;
            }
            scope.variables.push(name.to_owned());
            match value.kind() {
                minijinja::value::ValueKind::Plain => scope.functions.push(name.to_owned()),
                minijinja::value::ValueKind::Map if name != "data" => {
                    scope.attributes.push((name.to_owned(), keys(value)));
                }
                minijinja::value::ValueKind::Seq => {
                    if let Ok(first) = value.get_item_by_index(0)
                        && first.kind() == minijinja::value::ValueKind::Map
                    {
                        scope.attributes.push((name.to_owned(), keys(&first)));
                    }
                }
                _ => {}
            }
        };
        if let Ok(names) = ctx.try_iter() {
            for name in names {
                if let (Some(n), Ok(v)) = (name.as_str(), ctx.get_item(&name)) {
                    add(n, &v);
                }
            }
        }
        for (name, value) in env.globals() {
            // The guards of `rewrite.rs` are nobody's names.
            if !name.starts_with(crate::rewrite::PREFIX) {
                add(name, &value);
            }
        }
        scope
    }

    /// The ids a template can name: the dataset's, then the standard ones.
    fn ids(&self) -> impl Iterator<Item = &str> + Clone {
        self.known
            .iter()
            .map(String::as_str)
            .chain(baocao_dataset::STANDARD.iter().map(|s| s.id))
    }
}

/// The keys of a map value.
fn keys(value: &minijinja::Value) -> Vec<String> {
    value
        .try_iter()
        .map(|it| it.filter_map(|k| k.as_str().map(str::to_owned)).collect())
        .unwrap_or_default()
}

/// A template error as a diagnostic, in the template where it happened
/// (an included or imported one too), under the department's path for it.
pub(crate) fn template_error(
    templates: &Templates,
    scope: &Scope,
    e: &minijinja::Error,
) -> NarrativeError {
    NarrativeError::Template(Box::new(diagnose(templates, scope, e)))
}

/// A template that parses but could not be rewritten to check its limits
/// (`rewrite.rs`): a bug of baocao, told at the template rather than
/// rendered unchecked.
pub(crate) fn unrewritable(templates: &Templates, name: &str, at: usize) -> NarrativeError {
    let file = templates.path(name).unwrap_or(name);
    let span = match templates.source(name) {
        Some(source) => Span::of_token(file, source, at.min(source.len())),
        None => Span::file(file),
    };
    NarrativeError::Template(Box::new(
        Diagnostic::error("baocao cannot check the size of this expression (a bug of baocao)")
            .at(span)
            .help(
                "write the expression more simply, and report the template to baocao's maintainers",
            ),
    ))
}

/// The diagnostic of a template error.
fn diagnose(templates: &Templates, scope: &Scope, e: &minijinja::Error) -> Diagnostic {
    // An error inside an included template is reported where it happened.
    let mut inner: &minijinja::Error = e;
    while let Some(next) =
        std::error::Error::source(inner).and_then(|s| s.downcast_ref::<minijinja::Error>())
    {
        inner = next;
    }
    let name = inner.name().or(e.name()).unwrap_or("template");
    let file = templates.path(name).unwrap_or(name);
    let line = inner.line().or(e.line());
    let Some(source) = templates.source(name) else {
        let span = match line {
            Some(l) => Span::at(file, to_u32(l), 0),
            None => Span::file(file),
        };
        return Diagnostic::error(plain_message(inner)).at(span);
    };
    // minijinja's places are in the compiled text (`rewrite.rs`).
    let range = inner.range().map(|r| {
        let (start, end) = (
            templates.original_offset(name, r.start),
            templates.original_offset(name, r.end),
        );
        let end = end.min(source.len());
        floor_char(source, start.min(end))..floor_char(source, end)
    });
    let tags = scan(source);
    let at = At {
        templates,
        scope,
        file,
        source,
        aliases: aliases(source, &tags),
        tags,
        range,
        line,
    };
    at.diagnose(inner)
        .unwrap_or_else(|| Diagnostic::error(plain_message(inner)).at(at.place()))
}

/// An error, its template and what is known of the place.
struct At<'a> {
    templates: &'a Templates,
    scope: &'a Scope,
    /// The department's path for the template.
    file: &'a str,
    source: &'a str,
    tags: Vec<Tag>,
    /// Names the template sets to an indicator.
    aliases: Vec<String>,
    /// Where minijinja noticed the problem, within `source`.
    range: Option<Range<usize>>,
    line: Option<usize>,
}

impl At<'_> {
    /// A span of the template.
    fn span(&self, range: Range<usize>) -> Span {
        Span::of_range(self.file, self.source, range)
    }

    /// Where minijinja noticed the problem: its range, else its line.
    fn place(&self) -> Span {
        match (&self.range, self.line) {
            // `.top()` of `data.grdp.top()`: the name, not its dot.
            (Some(r), _) if self.pointed().starts_with('.') => {
                self.span(r.start + 1..r.end.max(r.start + 1))
            }
            (Some(r), _) => self.span(r.clone()),
            (None, Some(l)) => Span::of_line(self.file, self.source, to_u32(l)),
            (None, None) => Span::file(self.file),
        }
    }

    /// The end of the file: just after its last character.
    fn end_of_file(&self) -> Span {
        let end = self.source.trim_end().len();
        self.span(end..end)
    }

    /// Where minijinja noticed the problem, as an offset.
    fn offset(&self) -> Option<usize> {
        self.range.as_ref().map(|r| r.start).or_else(|| {
            let l = self.line?;
            Some(
                self.source
                    .split_inclusive('\n')
                    .take(l.saturating_sub(1))
                    .map(str::len)
                    .sum(),
            )
        })
    }

    /// The tag the problem is in.
    fn tag(&self) -> Option<&Tag> {
        let at = self.offset()?;
        self.tags.iter().find(|t| {
            t.kind != TagKind::Comment
                && t.range.start <= at
                && at < t.range.end.max(t.range.start + 1)
        })
    }

    /// The text minijinja pointed at.
    fn pointed(&self) -> &str {
        self.range
            .as_ref()
            .and_then(|r| self.source.get(r.clone()))
            .unwrap_or_default()
    }

    /// The first name in what minijinja pointed at, and where.
    fn pointed_name(&self) -> Option<(&str, Range<usize>)> {
        let r = self.range.as_ref()?;
        let text = self.pointed();
        let start = text.find(is_ident_start)?;
        let len = ident_len(&text[start..]);
        Some((
            &text[start..start + len],
            r.start + start..r.start + start + len,
        ))
    }

    fn diagnose(&self, e: &minijinja::Error) -> Option<Diagnostic> {
        let detail = e.detail().unwrap_or_default();
        if self.scope.text_exceeded {
            return Some(self.too_much_text());
        }
        match e.kind() {
            ErrorKind::OutOfFuel => Some(self.out_of_fuel()),
            ErrorKind::InvalidOperation if detail == "recursion limit exceeded" => {
                Some(self.too_deep())
            }
            ErrorKind::SyntaxError => self.syntax(detail),
            ErrorKind::UnknownFilter => self.unknown_filter(),
            ErrorKind::UnknownTest => self.unknown_test(),
            ErrorKind::UnknownFunction => self.unknown_function(),
            ErrorKind::UnknownMethod => self.figure_names().or_else(|| self.unknown_method(detail)),
            ErrorKind::UndefinedError => self.figure_names().or_else(|| self.undefined()),
            ErrorKind::TooManyArguments | ErrorKind::MissingArgument => self.arguments(e),
            ErrorKind::TemplateNotFound => self.not_found(detail),
            ErrorKind::InvalidOperation => self
                .figure_names()
                .or_else(|| self.not_available(detail))
                .or_else(|| self.not_a_figure(detail))
                .or_else(|| {
                    let mut d = Diagnostic::error(plain_message(e)).at(self.place());
                    if let Some(help) = operation_help(detail) {
                        d = d.help(help);
                    }
                    Some(d)
                }),
            _ => None,
        }
    }

    // ----- limits -----

    /// The fuel ran out here.
    fn out_of_fuel(&self) -> Diagnostic {
        let limits = self.templates.limits();
        Diagnostic::error(format!(
            "the template did more work than allowed (fuel of {} exhausted): a loop too long?",
            limits.fuel
        ))
        .at(self.place())
        .label("still working here when the fuel ran out")
        .help(format!(
            "every step of a template uses a unit of fuel; a loop over a long range, or loops inside loops, take many: shorten them, or raise `fuel` in the `[templates]` table of department.toml (at most {})",
            crate::Limits::MAX.fuel
        ))
    }

    /// The text limit was passed here.
    fn too_much_text(&self) -> Diagnostic {
        let limits = self.templates.limits();
        Diagnostic::error(format!(
            "the template built more text than allowed ({} KB): a text doubled, or written in a loop too long?",
            limits.max_output / 1024
        ))
        .at(self.place())
        .label("this would go beyond the limit")
        .help(format!(
            "a report's templates may write and build {} KB of text in all, counting what `{{% set %}}` blocks and macros capture and texts joined with `~`; raise `max_output_kb` in the `[templates]` table of department.toml (at most {}) if the report really is that long",
            limits.max_output / 1024,
            crate::Limits::MAX.max_output / 1024
        ))
    }

    /// Macros or includes nested too deep.
    fn too_deep(&self) -> Diagnostic {
        Diagnostic::error(format!(
            "macros, includes or recursive loops nested too deep (beyond the limit of {}): one that calls itself without end?",
            crate::RECURSION
        ))
        .at(self.place())
        .help("a macro or template that calls itself needs a condition that stops it")
    }

    // ----- syntax -----

    fn syntax(&self, detail: &str) -> Option<Diagnostic> {
        if let Some(word) = detail.strip_prefix("unknown statement ") {
            return self.unknown_statement(word);
        }
        if detail == "unexpected end of comment" {
            let tag = self
                .tags
                .iter()
                .find(|t| t.kind == TagKind::Comment && !t.closed)?;
            return Some(
                Diagnostic::error("a comment `{#` is never closed")
                    .at(self.span(tag.open.clone()))
                    .label("opened here, never closed")
                    .secondary(self.end_of_file(), "the file ends here")
                    .help("add `#}` where the comment ends"),
            );
        }
        if detail == "unexpected end of raw block" {
            let tag = self.tags.iter().find(|t| t.raw_unclosed)?;
            return Some(
                Diagnostic::error("`{% raw %}` is never closed")
                    .at(self.span(tag.range.clone()))
                    .label("opened here, never closed")
                    .secondary(self.end_of_file(), "the file ends here")
                    .help("add `{% endraw %}` where the text to keep as it is ends"),
            );
        }
        // A tag not closed before the next one, or the end of the file.
        if let Some(tag) = self.unclosed_tag(detail) {
            let (open, close) = match tag.kind {
                TagKind::Variable => ("{{", "}}"),
                _ => ("{%", "%}"),
            };
            // The tag up to where minijinja stumbled, on its first line.
            let stumbled = self.offset().unwrap_or(tag.range.end);
            let shown = tag.range.start
                ..self.source[tag.range.clone()]
                    .find('\n')
                    .map_or(tag.range.end, |n| tag.range.start + n)
                    .min(stumbled.max(tag.inner.start));
            let mut d = Diagnostic::error(format!("a tag `{open}` is never closed"))
                .at(self.span(shown.trim_end(self.source)))
                .label(format!("opened here, never closed with `{close}`"));
            if detail.contains("end of input") {
                d = d.secondary(self.end_of_file(), "the file ends here");
            } else if let Some(r) = &self.range {
                d = d.secondary(self.span(r.clone()), "still inside the tag here");
            }
            let single = &close[1..];
            return Some(if self.pointed() == single {
                d.help(format!("a tag ends with `{close}`, not `{single}`"))
            } else {
                d.help(format!("add `{close}` where the tag ends"))
            });
        }
        if detail.contains("unexpected end of input") {
            return self.unclosed_block();
        }
        // `{% "text" %}`, `{% + 1 %}`: no statement at all.
        if let Some(token) = detail
            .strip_prefix("unknown ")
            .and_then(|d| d.strip_suffix(", expected statement"))
            && let Some(tag) = self.tag()
        {
            return Some(
                Diagnostic::error(format!(
                    "a `{{% … %}}` tag starts with a statement, not a {}",
                    plain_syntax(token)
                ))
                .at(self.span(tag.range.clone()))
                .label("no statement")
                .help(NOT_A_STATEMENT),
            );
        }
        // `{% else if x %}`: minijinja reads `else` and stumbles on `if`.
        if let Some(tag) = self.tag()
            && tag.words.len() >= 2
            && tag.words[0].0 == "else"
            && tag.words[1].0 == "if"
        {
            return self.unknown_statement("else");
        }
        let mut d =
            Diagnostic::error(format!("syntax error: {}", plain_syntax(detail))).at(self.place());
        if let Some(r) = &self.range
            && self.source[..r.start].trim_end().ends_with('|')
        {
            d = d
                .label("a filter's name is missing after `|`")
                .help("write the filter after `|`, like `| pct`, or remove the `|`");
        }
        if let Some(tag) = self.tag()
            && detail.starts_with("unexpected end of block")
            && let Some((word, _)) = tag.words.first()
            && tag.words.len() == 1
        {
            match word.as_str() {
                "if" | "elif" => {
                    d = d.label("a condition is missing").help(format!(
                        "write the condition after `{word}`, like `{{% {word} has(\"iip.growth\") %}}`"
                    ));
                }
                "for" => {
                    d = d.label("what to repeat over is missing").help(
                        "write what to repeat over, like `{% for c in data.industry.children %}`",
                    );
                }
                _ => {}
            }
        }
        Some(d)
    }

    /// The tag that is not closed, when minijinja stumbled on what followed
    /// it (or on the end of the file): whatever minijinja says then (an
    /// unexpected name, character, end of input) is about the text after
    /// the tag.
    fn unclosed_tag(&self, detail: &str) -> Option<&Tag> {
        let at = self.offset()?;
        self.tags.iter().find(|t| {
            t.kind != TagKind::Comment
                && !t.closed
                && t.range.start <= at
                && (detail.contains("end of input") || at <= t.range.end)
        })
    }

    /// `{% if %}` without its `{% endif %}`: the innermost block open at
    /// the end of the file.
    fn unclosed_block(&self) -> Option<Diagnostic> {
        let stack = open_blocks(&self.tags, self.source.len());
        let frame = stack.last()?;
        let tag = &self.tags[frame.tag];
        let word = &tag.words[0].0;
        let mut d = Diagnostic::error(format!("`{{% {word} %}}` is never closed"))
            .at(self.span(tag.range.clone()))
            .label("opened here, never closed")
            .secondary(self.end_of_file(), "the file ends here")
            .help(format!(
                "add `{{% end{word} %}}` where {} ends",
                part_of(word)
            ));
        // With parts of the same kind inside it, the missing end may be
        // any of theirs: each end closes the nearest part still open.
        let inner_same = self.tags[frame.tag + 1..]
            .iter()
            .filter(|t| t.kind == TagKind::Block && t.words.first().is_some_and(|w| &w.0 == word))
            .count();
        if inner_same > 0 {
            d = d.help(format!(
                "each `{{% end{word} %}}` closes the nearest `{{% {word} %}}` still open: the one missing may be of a `{{% {word} %}}` further down, inside this one"
            ));
        }
        Some(d)
    }

    /// `{% end if %}`, `{% elsif %}`, an `{% endif %}` with no `{% if %}`.
    fn unknown_statement(&self, word: &str) -> Option<Diagnostic> {
        let tag = self
            .tag()
            .filter(|t| t.words.first().is_some_and(|w| w.0 == word))?;
        let index = self.tags.iter().position(|t| std::ptr::eq(t, tag))?;
        let stack = open_blocks(&self.tags[..index], tag.range.start);
        let top = stack.last().map(|f| (f, &self.tags[f.tag]));
        let first = tag.words[0].1.clone();
        // Two words (`end if`, `else if`), a known mistake, `{% end %}`
        // for what is open, or the closest statement.
        let two = tag.words.get(1).and_then(|(w, r)| {
            mistake(&format!("{word} {w}")).map(|fix| (first.start..r.end, fix))
        });
        let (wrong, fix) = match two {
            Some((r, fix)) => (r, Some(fix)),
            None if STATEMENTS.contains(&word) => {
                return Some(self.misplaced(tag, word, &stack, top));
            }
            None => (
                first,
                mistake(word)
                    .or_else(|| {
                        (word == "end")
                            .then(|| top.map(|(_, t)| close_of(&t.words[0].0)))
                            .flatten()
                    })
                    .or_else(|| baocao_suggest::closest(word, STATEMENTS.iter().copied())),
            ),
        };
        let said = self.text(wrong.clone());
        let mut d = Diagnostic::error(format!("unknown statement `{said}`"))
            .at(self.span(tag.range.clone()))
            .label("not a statement");
        d = match fix {
            Some(fix) => {
                let fixed = format!(
                    "{}{fix}{}",
                    &self.source[tag.range.start..wrong.start],
                    &self.source[wrong.end..tag.range.end]
                );
                d.help(format!("did you mean `{}`?", one_line(&fixed)))
            }
            None => d.help(NOT_A_STATEMENT),
        };
        Some(d)
    }

    /// A known statement where it does not belong: an `{% endif %}` while
    /// a `{% for %}` is open, an `{% else %}` outside an `{% if %}`.
    fn misplaced(
        &self,
        tag: &Tag,
        word: &str,
        stack: &[Frame],
        top: Option<(&Frame, &Tag)>,
    ) -> Diagnostic {
        let shown = format!("{{% {word} %}}");
        let here = self.span(tag.range.clone());
        if let Some(opener) = word
            .strip_prefix("end")
            .filter(|o| OPENERS.contains(o) || *o == "raw")
        {
            let open_one = stack
                .iter()
                .rev()
                .find(|f| self.tags[f.tag].words[0].0 == opener);
            return match (top, open_one) {
                (Some((_, top_tag)), Some(_)) => {
                    let top_word = &top_tag.words[0].0;
                    Diagnostic::error(format!(
                        "`{shown}` while the `{{% {top_word} %}}` inside the `{{% {opener} %}}` is still open"
                    ))
                    .at(here)
                    .label(format!("the `{{% {top_word} %}}` must be closed before this"))
                    .secondary(
                        self.span(top_tag.range.clone()),
                        "opened here, never closed",
                    )
                    .help(format!(
                        "add `{{% end{top_word} %}}` before this `{shown}`, where {} ends",
                        part_of(top_word)
                    ))
                }
                (Some((_, top_tag)), None) => {
                    let top_word = &top_tag.words[0].0;
                    Diagnostic::error(format!("`{shown}` closes no `{{% {opener} %}}`"))
                        .at(here)
                        .label(format!("no `{{% {opener} %}}` is open here"))
                        .secondary(
                            self.span(top_tag.range.clone()),
                            format!("the open part is this `{{% {top_word} %}}`"),
                        )
                        .help(format!(
                            "did you mean `{{% end{top_word} %}}`? Otherwise remove this `{shown}`"
                        ))
                }
                (None, _) => Diagnostic::error(format!("`{shown}` closes no `{{% {opener} %}}`"))
                    .at(here)
                    .label(format!("no `{{% {opener} %}}` is open here"))
                    .help(format!(
                        "remove it, or add the `{{% {opener} … %}}` it should close"
                    )),
            };
        }
        if matches!(word, "else" | "elif") {
            let d = Diagnostic::error(format!("`{shown}` outside an `{{% if %}}`")).at(here);
            return match top {
                Some((frame, t)) if frame.else_at.is_some() => {
                    let first = frame.else_at.clone().unwrap_or_default();
                    let opener = &t.words[0].0;
                    Diagnostic::error(format!(
                        "`{shown}` after the `{{% else %}}` of this `{{% {opener} %}}`"
                    ))
                    .at(self.span(tag.range.clone()))
                    .label("after the `{% else %}`")
                    .secondary(self.span(first), "the `{% else %}` is here")
                    .help(if word == "elif" {
                        "move the `{% elif … %}` before the `{% else %}`"
                    } else {
                        "a conditional part has one `{% else %}`: remove one"
                    })
                }
                Some((_, t)) => {
                    let opener = &t.words[0].0;
                    d.label(format!("inside a `{{% {opener} %}}`, not an `{{% if %}}`"))
                        .secondary(self.span(t.range.clone()), "the open part is this")
                        .help(format!(
                            "close the `{{% {opener} %}}` with `{{% end{opener} %}}` first, or remove this `{shown}`"
                        ))
                }
                None => d
                    .label("no `{% if %}` is open here")
                    .help("add the `{% if … %}` it belongs to, or remove it"),
            };
        }
        let d = Diagnostic::error(format!("`{shown}` cannot be written like this"))
            .at(here)
            .label("not understood");
        if word == "raw" {
            d.help("write `{% raw %}` alone in its tag, and `{% endraw %}` where the text to keep as it is ends")
        } else {
            d
        }
    }

    // ----- names -----

    fn unknown_filter(&self) -> Option<Diagnostic> {
        let (name, range) = self.pointed_name()?;
        let mut d = Diagnostic::error(format!("unknown filter `{name}`"))
            .at(self.span(range))
            .label("no filter of this name");
        if let Some(close) =
            baocao_suggest::closest(name, self.scope.filters.iter().map(String::as_str))
        {
            d = d.help(format!("did you mean `{close}`?"));
        } else if let Some(f) = FUNCTIONS.iter().find(|f| f.name == name) {
            d = d.help(format!(
                "`{name}` is a function, not a filter: write {}",
                f.usage
            ));
        } else {
            d = d.help(format!(
                "the filters that write figures are {}",
                FILTERS
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Some(d)
    }

    fn unknown_test(&self) -> Option<Diagnostic> {
        let (name, range) = self.pointed_name()?;
        let mut d = Diagnostic::error(format!("unknown test `{name}`"))
            .at(self.span(range))
            .label("no test of this name");
        if let Some(close) =
            baocao_suggest::closest(name, self.scope.tests.iter().map(String::as_str))
        {
            d = d.help(format!("did you mean `is {close}`?"));
        }
        Some(d)
    }

    fn unknown_function(&self) -> Option<Diagnostic> {
        let (name, range) = self.pointed_name()?;
        if let Some(f) = FILTERS.iter().find(|f| f.name == name) {
            return Some(
                Diagnostic::error(format!("`{name}` is a filter, not a function"))
                    .at(self.span(range))
                    .label("called like a function")
                    .help(format!("write {}", f.usage)),
            );
        }
        let macros = self.local_names();
        let mut d = Diagnostic::error(format!("unknown function `{name}`"))
            .at(self.span(range))
            .label("no function of this name");
        let candidates = self
            .scope
            .functions
            .iter()
            .map(String::as_str)
            .chain(macros.iter().map(String::as_str));
        if let Some(close) = baocao_suggest::closest(name, candidates) {
            d = d.help(format!("did you mean `{close}`?"));
        } else {
            d = d.help(format!(
                "the functions are {}, and the macros a template defines or imports",
                FUNCTIONS
                    .iter()
                    .map(|f| format!("`{}`", f.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Some(d)
    }

    fn unknown_method(&self, detail: &str) -> Option<Diagnostic> {
        let method = detail.rsplit_once("method named ").map(|(_, m)| m)?;
        let r = self.range.as_ref()?;
        let at = self.pointed().find(method).map(|i| r.start + i)?;
        let on_indicator = self.chain_before(r.start);
        let mut d = Diagnostic::error(format!("unknown method `{method}`"))
            .at(self.span(at..at + method.len()))
            .label("no method of this name");
        if on_indicator {
            d = match baocao_suggest::closest(method, INDICATOR_METHODS) {
                Some(m) => d.help(format!("did you mean `{m}`?")),
                None => d.help("an indicator has the methods `top(n)` and `tree(n)`"),
            };
        }
        Some(d)
    }

    /// Whether the text before `at` ends in `data.<id>` (an indicator).
    fn chain_before(&self, at: usize) -> bool {
        let before = &self.source[..at];
        let word_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |i| i + 1);
        before[word_start..].starts_with("data.")
    }

    fn undefined(&self) -> Option<Diagnostic> {
        let r = self.range.clone()?;
        let text = self.pointed();
        if !text.is_empty() && ident_len(text) == text.len() {
            // A name the template never set: `{{ regoin }}`.
            let locals = self.local_names();
            let mut d = Diagnostic::error(format!("unknown name `{text}`"))
                .at(self.span(r))
                .label("not defined");
            let candidates = self
                .scope
                .variables
                .iter()
                .map(String::as_str)
                .chain(locals.iter().map(String::as_str));
            d = match baocao_suggest::closest(text, candidates) {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None => d.help(format!(
                    "a template sees {}, and what it sets with `{{% set %}}`, `{{% for %}}` or imports",
                    self.scope
                        .variables
                        .iter()
                        .filter(|v| !self.scope.functions.contains(v))
                        .map(|v| format!("`{v}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            };
            return Some(d);
        }
        // An attribute: the last `.name` of what minijinja pointed at.
        let dot = text.rfind('.')?;
        let attr_start = dot + 1;
        let len = ident_len(&text[attr_start..]);
        if len == 0 {
            return None;
        }
        let attr = &text[attr_start..attr_start + len];
        let object = object_before(self.source, r.start + dot);
        let candidates: Vec<&str> = match self
            .scope
            .attributes
            .iter()
            .find(|(name, _)| Some(name.as_str()) == object)
        {
            Some((_, keys)) => keys.iter().map(String::as_str).collect(),
            None => self
                .scope
                .attributes
                .iter()
                .flat_map(|(_, keys)| keys.iter().map(String::as_str))
                .chain(LOOP_KEYS.iter().copied())
                .collect(),
        };
        let whose = object.map_or_else(|| "this".to_owned(), |o| format!("`{o}`"));
        let mut d = Diagnostic::error(format!("{whose} has no `{attr}`"))
            .at(self.span(r.start + attr_start..r.start + attr_start + len))
            .label("no such name");
        if let Some(close) = baocao_suggest::closest(attr, candidates.iter().copied()) {
            d = d.help(match object {
                Some(o) => format!("did you mean `{o}.{close}`?"),
                None => format!("did you mean `{close}`?"),
            });
        }
        Some(d)
    }

    fn arguments(&self, e: &minijinja::Error) -> Option<Diagnostic> {
        let (name, range) = self.pointed_name()?;
        let message = match (e.kind(), e.detail()) {
            (_, Some(d)) => d.to_owned(),
            (ErrorKind::TooManyArguments, None) => format!("too many arguments to `{name}`"),
            _ => format!("an argument of `{name}` is missing"),
        };
        let mut d = Diagnostic::error(message).at(self.span(range));
        if let Some(f) = FILTERS.iter().chain(FUNCTIONS).find(|f| f.name == name) {
            d = d.help(format!("write {}", f.usage));
        }
        Some(d)
    }

    fn not_found(&self, detail: &str) -> Option<Diagnostic> {
        // `tried to include non-existing template "x"`, `template "x" does
        // not exist`: the name is in quotes.
        let wanted = detail.split('"').nth(1)?;
        let r = self.range.clone()?;
        let at = self
            .pointed()
            .find(wanted)
            .map_or(r.clone(), |i| r.start + i..r.start + i + wanted.len());
        let mut d = Diagnostic::error(format!("no template named `{wanted}`"))
            .at(self.span(at))
            .label("not found");
        d = match baocao_suggest::closest(wanted, self.templates.names()) {
            Some(close) => d.help(format!("did you mean `{close}`?")),
            None => d.help(format!(
                "the templates are {}",
                self.templates
                    .names()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        Some(d)
    }

    /// A filter of figures given something else: `data.iip | pct`.
    fn not_a_figure(&self, detail: &str) -> Option<Diagnostic> {
        let rest = detail.strip_prefix("the `")?;
        let (filter, rest) = rest.split_once("` filter writes a figure")?;
        let given = rest.rsplit_once(", not ").map(|(_, g)| g)?;
        let r = self.range.clone()?;
        let tag = self.tag()?;
        // The value the filter was given: the last figure name before it.
        let value = figure_refs(self.source, tag.inner.start..r.start, &self.aliases)
            .into_iter()
            .next_back()
            .filter(|f| f.from_data);
        let mut d = Diagnostic::error(format!(
            "the `{filter}` filter writes a figure, not {given}"
        ));
        match value {
            Some(v) => {
                let name = self.text(v.range.clone());
                d = d
                    .at(self.span(v.range.clone()))
                    .label(format!("{given}, given to `{filter}`"));
                if v.attrs.is_empty() {
                    d = d.help(format!(
                        "name one of its figures, like `{name}.growth | {filter}`"
                    ));
                }
            }
            None => {
                d = d.at(self.place()).label(format!("given {given}"));
                if given.contains("worded") {
                    d = d.help("a figure takes one filter that words it");
                }
            }
        }
        Some(d)
    }

    /// An absent figure written without a guard.
    fn not_available(&self, detail: &str) -> Option<Diagnostic> {
        if let Some(id) = detail
            .strip_prefix('`')
            .and_then(|d| d.split_once("` is not an indicator of the dataset"))
            .map(|(id, _)| id)
        {
            return Some(
                Diagnostic::error(format!("the dataset has no indicator `{id}`"))
                    .at(self.place())
                    .label("nothing to write")
                    .help(format!(
                        "guard the sentence with `{{% if has(\"{id}\") %}}` … `{{% endif %}}`"
                    )),
            );
        }
        if !detail.starts_with("this figure is not available") {
            return None;
        }
        let tag = self.tag()?;
        let refs: Vec<FigureRef> = figure_refs(self.source, tag.inner.clone(), &self.aliases)
            .into_iter()
            .filter(|f| f.from_data)
            .collect();
        let (what, span) = match refs.as_slice() {
            [one] => (
                format!("`{}`", self.text(one.range.clone())),
                self.span(one.range.clone()),
            ),
            _ => ("this figure".to_owned(), self.span(tag.range.clone())),
        };
        let guard = match refs.as_slice() {
            [one] => format!("`{{% if {} %}}`", self.text(one.range.clone())),
            _ => "`{% if … %}`".to_owned(),
        };
        Some(
            Diagnostic::error(format!("{what} is not available for the period"))
                .at(span)
                .label("written without a guard")
                .help(format!(
                    "guard the sentence with {guard} … `{{% endif %}}`, or write `| default(\"…\", true)` to print a text instead"
                )),
        )
    }

    /// A figure name the dataset cannot have: `data.iip_growht`,
    /// `data.iip.growht`, `has("iip.growht")`, in the tag of the error.
    fn figure_names(&self) -> Option<Diagnostic> {
        let tag = self.tag()?;
        let mut refs = figure_refs(self.source, tag.inner.clone(), &self.aliases);
        // What minijinja pointed at first.
        if let Some(r) = &self.range {
            refs.sort_by_key(|f| !(f.range.start <= r.end && r.start <= f.range.end));
        }
        refs.iter().find_map(|f| self.figure_ref(f))
    }

    /// The diagnostic of one figure name, if it is wrong.
    fn figure_ref(&self, f: &FigureRef) -> Option<Diagnostic> {
        let id = self.text(f.id.clone());
        if !f.alias && !self.scope.ids().any(|k| k == id) {
            let mut d = Diagnostic::error(format!(
                "`{id}` is neither an indicator of the dataset nor a standard id"
            ))
            .at(self.span(f.id.clone()))
            .label("unknown indicator");
            if let Some(close) = baocao_suggest::closest(&id, self.scope.ids()) {
                d = d.help(format!("did you mean `{close}`?"));
            } else if let Some((known, measure)) = self.split_id(&id) {
                d = d.help(if f.from_data {
                    format!("did you mean `data.{known}.{measure}`?")
                } else {
                    format!("did you mean `{known}.{measure}`?")
                });
            } else {
                d = d.help(
                    "name an indicator of the dataset (its `[[indicator]]` ids) or a standard id (docs/dataset.md)",
                );
            }
            return Some(d);
        }
        let (attr, range) = f.attrs.first()?;
        if f.from_data && self.source[range.end..].starts_with('(') {
            if INDICATOR_METHODS.contains(&attr.as_str()) {
                return None;
            }
            let mut d = Diagnostic::error(format!("an indicator has no method `{attr}`"))
                .at(self.span(range.clone()))
                .label("no method of this name");
            d = match baocao_suggest::closest(attr, INDICATOR_METHODS) {
                Some(m) => d.help(format!("did you mean `{m}`?")),
                None => d.help("an indicator has the methods `top(n)` and `tree(n)`"),
            };
            return Some(d);
        }
        let allowed: Vec<&str> = if f.from_data {
            MEASURES
                .iter()
                .map(|(k, _)| *k)
                .chain(INDICATOR_KEYS)
                .chain(INDICATOR_METHODS)
                .collect()
        } else {
            MEASURES.iter().map(|(k, _)| *k).chain(HAS_KEYS).collect()
        };
        if !allowed.contains(&attr.as_str()) {
            let close = baocao_suggest::closest(attr, allowed.iter().copied());
            let measure = |k: &str| MEASURES.iter().any(|(m, _)| *m == k);
            let d = match close {
                Some(c) if !measure(c) => {
                    Diagnostic::error(format!("an indicator has no `{attr}`")).label("no such name")
                }
                _ => Diagnostic::error(format!("`{attr}` is not a figure of an indicator"))
                    .label("unknown figure"),
            }
            .at(self.span(range.clone()));
            return Some(match close {
                Some(close) => d.help(format!("did you mean `{close}`?")),
                None => d.help(format!(
                    "an indicator's figures are {}",
                    MEASURES
                        .iter()
                        .map(|(k, _)| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            });
        }
        // `data.iip.growth.postive`
        let (sub, range) = f.attrs.get(1)?;
        let allowed: &[&str] = if MEASURES.iter().any(|(k, _)| k == attr) {
            &FIGURE_KEYS
        } else if attr == "count" {
            &["grew", "of"]
        } else {
            return None;
        };
        if allowed.contains(&sub.as_str()) {
            return None;
        }
        let mut d = Diagnostic::error(format!("`{attr}` has no `{sub}`"))
            .at(self.span(range.clone()))
            .label("no such name");
        if let Some(close) = baocao_suggest::closest(sub, allowed.iter().copied()) {
            d = d.help(format!("did you mean `{close}`?"));
        }
        Some(d)
    }

    /// `iip_growth` read as an id and a figure run together.
    fn split_id<'s>(&self, id: &'s str) -> Option<(&'s str, &'static str)> {
        id.match_indices(['_', '.']).find_map(|(i, _)| {
            let (known, rest) = (&id[..i], &id[i + 1..]);
            if !self.scope.ids().any(|k| k == known) {
                return None;
            }
            baocao_suggest::closest(rest, MEASURES.iter().map(|(k, _)| *k)).map(|m| (known, m))
        })
    }

    /// Names a template sets itself: `{% set x %}`, `{% for a, b in … %}`,
    /// macros, imports.
    fn local_names(&self) -> Vec<String> {
        let mut names = vec!["loop".to_owned()];
        for tag in self.tags.iter().filter(|t| t.kind == TagKind::Block) {
            let text = &self.source[tag.inner.clone()];
            let rest = tag
                .words
                .first()
                .map_or("", |(_, r)| &self.source[r.end..tag.inner.end]);
            let idents = |s: &str| -> Vec<String> {
                s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .filter(|w| w.starts_with(is_ident_start))
                    .map(str::to_owned)
                    .collect()
            };
            match tag.words.first().map(|(w, _)| w.as_str()) {
                Some("set") => names.extend(idents(rest.split(['=', '|']).next().unwrap_or(""))),
                Some("for") => names.extend(idents(rest.split(" in ").next().unwrap_or(""))),
                Some("macro") => names.extend(idents(rest.split('(').next().unwrap_or(""))),
                Some("import") => {
                    if let Some((_, alias)) = text.rsplit_once(" as ") {
                        names.extend(idents(alias));
                    }
                }
                Some("from") => {
                    if let Some((_, imported)) = text.split_once(" import ") {
                        names.extend(idents(imported).into_iter().filter(|w| w != "as"));
                    }
                }
                _ => {}
            }
        }
        names
    }

    fn text(&self, range: Range<usize>) -> String {
        self.source.get(range).unwrap_or_default().to_owned()
    }
}

/// What a loop variable has (`loop.index`).
const LOOP_KEYS: &[&str] = &[
    "index",
    "index0",
    "revindex",
    "revindex0",
    "first",
    "last",
    "length",
    "cycle",
    "depth",
    "depth0",
    "previtem",
    "nextitem",
    "changed",
];

/// The name right before a `.` at `dot` (`period` of `period.lable`).
fn object_before(source: &str, dot: usize) -> Option<&str> {
    let before = &source[..dot];
    let start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    let name = &before[start..];
    // Only a plain name, not the tail of a longer chain.
    (!name.is_empty() && !before[..start].ends_with('.') && !before[..start].ends_with(']'))
        .then_some(name)
}

/// What part a block statement encloses, for "add `{% endif %}` where …
/// ends".
fn part_of(word: &str) -> &'static str {
    match word {
        "if" => "the conditional part",
        "for" => "the repeated part",
        "macro" => "the macro",
        "block" => "the block",
        "set" => "the text to keep",
        "call" => "the call",
        "filter" => "the filtered text",
        _ => "the part",
    }
}

/// The closing statement of an opener.
fn close_of(word: &str) -> &'static str {
    match word {
        "if" => "endif",
        "for" => "endfor",
        "macro" => "endmacro",
        "block" => "endblock",
        "set" => "endset",
        "with" => "endwith",
        "filter" => "endfilter",
        "call" => "endcall",
        "autoescape" => "endautoescape",
        _ => "end",
    }
}

/// What a known mistake meant.
fn mistake(said: &str) -> Option<&'static str> {
    MISTAKES
        .iter()
        .find(|(m, _)| *m == said)
        .map(|(_, fix)| *fix)
}

/// The message of an error without minijinja's jargon.
fn plain_message(e: &minijinja::Error) -> String {
    let detail = e.detail();
    let mut message = match (e.kind(), detail) {
        (ErrorKind::SyntaxError, Some(d)) => format!("syntax error: {}", plain_syntax(d)),
        (ErrorKind::InvalidOperation, Some(d)) => plain_operation(d),
        (ErrorKind::UndefinedError, None) => "a name or value that is not defined".to_owned(),
        (ErrorKind::BadSerialization, Some(d)) => d.to_owned(),
        (kind, Some(d)) => format!("{kind}: {d}"),
        (kind, None) => kind.to_string(),
    };
    // Causes that are not template errors (a failed write): say them.
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if s.downcast_ref::<minijinja::Error>().is_none() {
            message.push_str(": ");
            message.push_str(&s.to_string());
        }
        source = s.source();
    }
    message
}

/// minijinja's names of tokens as they are typed.
fn plain_syntax(detail: &str) -> String {
    detail
        .replace("end of variable block", "`}}`")
        .replace("start of variable block", "`{{`")
        .replace("end of block", "`%}`")
        .replace("start of block", "`{%`")
        .replace("end of input", "end of the file")
        .replace("template-data", "text")
        .replace("identifier", "name")
}

/// What minijinja calls the kinds of values, in a clerk's words.
fn kind_word(kind: &str) -> String {
    match kind {
        "plain object" => "a figure".to_owned(),
        "string" => "a text".to_owned(),
        "number" => "a number".to_owned(),
        "undefined" | "none" => "nothing (an absent value)".to_owned(),
        "sequence" => "a list".to_owned(),
        "map" => "a mapping".to_owned(),
        "bool" => "true or false".to_owned(),
        other => format!("a {other}"),
    }
}

/// An operator on two values it cannot work on: the operator and the two
/// kinds (`+`, `string`, `number`).
fn operator(detail: &str) -> Option<(&str, &str, &str)> {
    let rest = detail.strip_prefix("tried to use ")?;
    let (op, rest) = rest.split_once(" operator on unsupported types ")?;
    let (a, b) = rest.split_once(" and ")?;
    Some((op, a, b))
}

/// An invalid operation in a clerk's words: what the template did.
fn plain_operation(detail: &str) -> String {
    if let Some((op, a, b)) = operator(detail) {
        return format!(
            "`{op}` cannot work on {} and {}",
            kind_word(a),
            kind_word(b)
        );
    }
    if let Some(kind) = detail
        .strip_prefix("value of type ")
        .and_then(|r| r.strip_suffix(" is not callable"))
    {
        return format!("{} was called like a function, with `(…)`", kind_word(kind));
    }
    if detail == "template name was not a string" {
        return "the template to include is not named in quotes".to_owned();
    }
    detail.to_owned()
}

/// What to do about an invalid operation, when there is a plain answer.
fn operation_help(detail: &str) -> Option<String> {
    if let Some((op, a, b)) = operator(detail) {
        if a == "plain object" || b == "plain object" {
            return Some(
                "a template does not calculate with figures: write them with a filter (`| pct`, `| change`), and test their sign with `.positive` or `.negative`"
                    .to_owned(),
            );
        }
        if op == "+" && (a == "string" || b == "string") {
            return Some("join texts with `~`: `\"năm \" ~ period.year`".to_owned());
        }
        return None;
    }
    if detail.ends_with(" is not callable") {
        return Some("remove the `(…)`, or check the name of the function".to_owned());
    }
    if detail == "template name was not a string" {
        return Some("write `{% include \"sections/industry.jinja\" %}`".to_owned());
    }
    None
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The largest character boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// The length of the name at the start of `text` (0: none).
fn ident_len(text: &str) -> usize {
    if !text.starts_with(is_ident_start) {
        return 0;
    }
    text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len())
}

/// A multi-line tag as one line, for a help message.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

trait TrimEnd {
    /// The range without the whitespace at its end.
    fn trim_end(self, source: &str) -> Range<usize>;
}

impl TrimEnd for Range<usize> {
    fn trim_end(self, source: &str) -> Range<usize> {
        let text = source.get(self.clone()).unwrap_or_default();
        self.start..self.start + text.trim_end().len()
    }
}

// ----- the scanner -----

/// What a tag is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// `{{ … }}`
    Variable,
    /// `{% … %}`
    Block,
    /// `{# … #}`
    Comment,
}

/// A tag of a template, as its text reads.
#[derive(Debug, Clone)]
struct Tag {
    kind: TagKind,
    /// The whole tag, with its delimiters; up to where it was given up
    /// when it is not closed.
    range: Range<usize>,
    /// Its opening delimiter (`{{`, `{%-`, `{#`).
    open: Range<usize>,
    /// Between the delimiters and their whitespace control.
    inner: Range<usize>,
    /// Whether its closing delimiter was found.
    closed: bool,
    /// The first two names of a `{% … %}` tag (`end`, `if`), where they
    /// are.
    words: Vec<(String, Range<usize>)>,
    /// A `{% raw %}` without its `{% endraw %}`.
    raw_unclosed: bool,
    /// An `=` outside quotes: `{% set x = 1 %}` sets, where
    /// `{% set x %}` opens a part.
    assigns: bool,
}

/// The tags of a template, in order: comments, `{{ … }}` and `{% … %}`,
/// with what `{% raw %}` encloses skipped. A tag not closed before the
/// next `{{`, `{%` or `{#`, or before the end, is kept as not closed.
fn scan(source: &str) -> Vec<Tag> {
    let b = source.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(start) = find_open(b, i) {
        let kind = match b[start + 1] {
            b'{' => TagKind::Variable,
            b'%' => TagKind::Block,
            _ => TagKind::Comment,
        };
        let mut inner_start = start + 2;
        if matches!(b.get(inner_start), Some(b'-' | b'+')) {
            inner_start += 1;
        }
        let open = start..inner_start;
        if kind == TagKind::Comment {
            let (end, closed) = match source[start + 2..].find("#}") {
                Some(n) => (start + 2 + n + 2, true),
                None => (source.len(), false),
            };
            tags.push(Tag {
                kind,
                range: start..end,
                open,
                inner: inner_start..if closed { end - 2 } else { end }.max(inner_start),
                closed,
                words: Vec::new(),
                raw_unclosed: false,
                assigns: false,
            });
            i = end;
            continue;
        }
        let close = if kind == TagKind::Variable {
            b'}'
        } else {
            b'%'
        };
        let (inner_end, end, closed) = find_close(b, inner_start, close);
        let inner_end = if closed && matches!(b.get(inner_end.wrapping_sub(1)), Some(b'-' | b'+')) {
            inner_end - 1
        } else {
            inner_end
        };
        let words = if kind == TagKind::Block {
            words(source, inner_start..inner_end)
        } else {
            Vec::new()
        };
        let is_raw = words.first().is_some_and(|(w, _)| w == "raw");
        let mut tag = Tag {
            kind,
            range: start..end,
            open,
            inner: inner_start..inner_end.max(inner_start),
            closed,
            words,
            raw_unclosed: false,
            assigns: kind == TagKind::Block
                && assigns(&source[inner_start..inner_end.max(inner_start)]),
        };
        i = end;
        if is_raw && closed {
            match find_endraw(source, end) {
                Some(after) => i = after,
                None => {
                    tag.raw_unclosed = true;
                    i = source.len();
                }
            }
        }
        tags.push(tag);
    }
    tags
}

/// The next `{{`, `{%` or `{#` at or after `from`.
fn find_open(b: &[u8], from: usize) -> Option<usize> {
    (from..b.len().saturating_sub(1))
        .find(|&i| b[i] == b'{' && matches!(b[i + 1], b'{' | b'%' | b'#'))
}

/// Where a tag's text ends, where the tag ends and whether it was closed
/// by `close` followed by `}`: quotes and braces are skipped over; a `{{`
/// or `{%` (outside quotes) means this one was never closed.
fn find_close(b: &[u8], from: usize, close: u8) -> (usize, usize, bool) {
    let mut i = from;
    let mut quote: Option<u8> = None;
    let mut depth = 0usize;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(q) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                b'"' | b'\'' => quote = Some(c),
                b'{' if matches!(b.get(i + 1), Some(b'{' | b'%')) => {
                    return (i, i, false);
                }
                b'{' => depth += 1,
                _ if c == close && depth == 0 && b.get(i + 1) == Some(&b'}') => {
                    return (i, i + 2, true);
                }
                b'}' => depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        i += 1;
    }
    (b.len(), b.len(), false)
}

/// The end of the `{% endraw %}` after `from`.
fn find_endraw(source: &str, from: usize) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = from;
    while let Some(start) = source[i..].find("{%").map(|n| i + n) {
        let (inner_end, end, closed) = find_close(b, start + 2, b'%');
        let inner = source[start + 2..inner_end].trim_matches(['-', '+', ' ', '\t', '\r', '\n']);
        if closed && inner == "endraw" {
            return Some(end);
        }
        i = start + 2;
    }
    None
}

/// Whether a tag's text has an `=` outside quotes.
fn assigns(text: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        match quote {
            Some(_) if escaped => escaped = false,
            Some(_) if c == '\\' => escaped = true,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '=' => return true,
            None => {}
        }
    }
    false
}

/// The first two names of a tag's text, where they are.
fn words(source: &str, inner: Range<usize>) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut at = inner.start;
    while out.len() < 2 && at < inner.end {
        let text = &source[at..inner.end];
        let skipped = text.len() - text.trim_start().len();
        at += skipped;
        let len = ident_len(&source[at..inner.end]);
        if len == 0 {
            break;
        }
        out.push((source[at..at + len].to_owned(), at..at + len));
        at += len;
    }
    out
}

/// A part opened by a block statement and not yet closed.
#[derive(Debug, Clone)]
struct Frame {
    /// The index of its opening tag.
    tag: usize,
    /// Where its `{% else %}` is, once met.
    else_at: Option<Range<usize>>,
}

/// The parts open just before `at`: `{% if %}`, `{% for %}`, … each with
/// its opening tag, innermost last. A closing statement closes the
/// innermost part it matches.
fn open_blocks(tags: &[Tag], at: usize) -> Vec<Frame> {
    let mut stack: Vec<Frame> = Vec::new();
    for (n, tag) in tags.iter().enumerate() {
        if tag.range.start >= at {
            break;
        }
        let Some((word, _)) = tag.words.first() else {
            continue;
        };
        if tag.kind != TagKind::Block {
            continue;
        }
        let word = word.as_str();
        if OPENERS.contains(&word) {
            // `{% set x = 1 %}` sets; only `{% set x %}…{% endset %}` opens.
            if word == "set" && tag.assigns {
                continue;
            }
            stack.push(Frame {
                tag: n,
                else_at: None,
            });
        } else if let Some(opener) = word.strip_prefix("end")
            && let Some(pos) = stack.iter().rposition(|f| tags[f.tag].words[0].0 == opener)
        {
            stack.truncate(pos);
        } else if word == "else"
            && let Some(top) = stack.last_mut()
        {
            top.else_at = Some(tag.range.clone());
        }
    }
    stack
}

/// A figure a template names: `data.<id>.<attr>…`, `<alias>.<attr>…`
/// for a name set to an indicator (`{% set iip = data.iip %}`), or a
/// quoted `"<id>.<attr>"` given to `has(…)`.
#[derive(Debug, Clone)]
struct FigureRef {
    /// The whole name.
    range: Range<usize>,
    /// The indicator id, or the alias.
    id: Range<usize>,
    /// The names after the id.
    attrs: Vec<(String, Range<usize>)>,
    /// `data.…` or an alias, not a `has(…)` string.
    from_data: bool,
    /// Through an alias: the id is not written here.
    alias: bool,
}

/// The names a template sets to an indicator: `{% set iip = data.iip %}`,
/// `{% set sector = data.industry if … else data.industry_construction %}`.
fn aliases(source: &str, tags: &[Tag]) -> Vec<String> {
    tags.iter()
        .filter(|t| t.kind == TagKind::Block && t.assigns)
        .filter(|t| t.words.first().is_some_and(|(w, _)| w == "set"))
        .filter_map(|t| {
            let (name, value) = source[t.inner.clone()].split_once('=')?;
            let name = name.trim().strip_prefix("set")?.trim();
            (ident_len(name) == name.len()
                && !name.is_empty()
                && name != "data"
                && value.trim_start().starts_with("data."))
            .then(|| name.to_owned())
        })
        .collect()
}

/// The figures named in `within` of `source`, with `aliases` of
/// indicators.
fn figure_refs(source: &str, within: Range<usize>, aliases: &[String]) -> Vec<FigureRef> {
    let text = &source[within.clone()];
    let base = within.start;
    let mut out = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(q) = quote {
            if c == '\\' {
                chars.next();
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c == '"' || c == '\'' {
            quote = Some(c);
            continue;
        }
        let prev = text[..i].chars().next_back();
        let at_word = prev.is_none_or(|p| !(p.is_ascii_alphanumeric() || p == '_' || p == '.'));
        if !at_word {
            continue;
        }
        let word = &text[i..i + ident_len(&text[i..])];
        let alias = aliases.iter().any(|a| a == word) && text[i + word.len()..].starts_with('.');
        if alias || text[i..].starts_with("data.") {
            let mut at = if alias { i } else { i + 5 };
            let len = ident_len(&text[at..]);
            if len == 0 {
                continue;
            }
            let id = base + at..base + at + len;
            at += len;
            let mut attrs = Vec::new();
            while text[at..].starts_with('.') {
                let len = ident_len(&text[at + 1..]);
                if len == 0 {
                    break;
                }
                attrs.push((
                    text[at + 1..at + 1 + len].to_owned(),
                    base + at + 1..base + at + 1 + len,
                ));
                at += 1 + len;
            }
            out.push(FigureRef {
                range: base + i..base + at,
                id,
                attrs,
                from_data: true,
                alias,
            });
            // Skip what was read.
            while chars.peek().is_some_and(|(j, _)| *j < at) {
                chars.next();
            }
        } else if text[i..].starts_with("has(") {
            out.extend(has_refs(source, base + i + 4, within.end));
        }
    }
    out
}

/// The figure names quoted in the arguments of a `has(` call whose
/// arguments start at `from`; a keyword argument (`what="…"`) is not one.
fn has_refs(source: &str, from: usize, end: usize) -> Vec<FigureRef> {
    let mut out = Vec::new();
    let mut at = from;
    loop {
        let rest = &source[at..end];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n', ',']).len();
        at += skipped;
        let rest = &source[at..end];
        let Some(q) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(len) = rest[1..].find(q) else {
            break;
        };
        let start = at + 1;
        let path = &source[start..start + len];
        let id_len = path.find('.').unwrap_or(path.len());
        let mut attrs = Vec::new();
        let mut a = id_len;
        while a < path.len() {
            let from = a + 1;
            let len = path[from..].find('.').unwrap_or(path.len() - from);
            attrs.push((
                path[from..from + len].to_owned(),
                start + from..start + from + len,
            ));
            a = from + len;
        }
        out.push(FigureRef {
            range: start..start + len,
            id: start..start + id_len,
            attrs,
            from_data: false,
            alias: false,
        });
        at = start + len + 1;
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    /// The tags as `kind word text closed`, for comparing.
    fn tags(source: &str) -> Vec<String> {
        scan(source)
            .iter()
            .map(|t| {
                format!(
                    "{:?} {} {:?}{}",
                    t.kind,
                    t.words.first().map_or("-", |(w, _)| w.as_str()),
                    &source[t.range.clone()],
                    if t.closed { "" } else { " unclosed" }
                )
            })
            .collect()
    }

    #[test]
    fn the_scanner_reads_tags_as_minijinja_does() {
        assert_eq!(
            tags("a {{ x }} {%- if y -%} {# {% if z %} #} {% endif %}"),
            [
                "Variable - \"{{ x }}\"",
                "Block if \"{%- if y -%}\"",
                "Comment - \"{# {% if z %} #}\"",
                "Block endif \"{% endif %}\"",
            ]
        );
        // Quotes and braces inside a tag do not close it.
        assert_eq!(
            tags("{{ \"}}\" ~ {'a': {'b': 1}} }}{% set x = \"%}\" %}"),
            [
                "Variable - \"{{ \\\"}}\\\" ~ {'a': {'b': 1}} }}\"",
                "Block set \"{% set x = \\\"%}\\\" %}\"",
            ]
        );
        // What raw encloses is text.
        assert_eq!(
            tags("{% raw %}{% if %}{{ }}{% endraw %}{{ y }}"),
            ["Block raw \"{% raw %}\"", "Variable - \"{{ y }}\""]
        );
        // A tag given up at the next one.
        assert_eq!(
            tags("{{ x\n{% if y %}"),
            ["Variable - \"{{ x\\n\" unclosed", "Block if \"{% if y %}\""]
        );
        assert_eq!(tags("{# Đ"), ["Comment - \"{# Đ\" unclosed"]);
        assert!(scan("{% raw %}x")[0].raw_unclosed);
    }

    #[test]
    fn open_parts_are_matched_with_a_stack() {
        let source = "{% if a %}{% for b in c %}{% set d %}x{% endset %}{% set e = 1 %}{% else %}{% endfor %}";
        let t = scan(source);
        let open: Vec<&str> = open_blocks(&t, source.len())
            .iter()
            .map(|f| t[f.tag].words[0].0.as_str())
            .collect();
        assert_eq!(open, ["if"]);
        let before_endfor = source.find("{% endfor").unwrap();
        let stack = open_blocks(&t, before_endfor);
        assert_eq!(stack.len(), 2);
        assert!(stack[1].else_at.is_some());
    }

    #[test]
    fn figure_names_in_a_tag() {
        let source = r#"{% if has("iip.growth", 'grdp', what="x.y") and data.up.growth.positive and mydata.z %}"#;
        let refs: Vec<(String, Vec<String>, bool)> = figure_refs(source, 0..source.len(), &[])
            .into_iter()
            .map(|f| {
                (
                    source[f.id].to_owned(),
                    f.attrs.into_iter().map(|(a, _)| a).collect(),
                    f.from_data,
                )
            })
            .collect();
        assert_eq!(
            refs,
            [
                ("iip".to_owned(), vec!["growth".to_owned()], false),
                ("grdp".to_owned(), vec![], false),
                (
                    "up".to_owned(),
                    vec!["growth".to_owned(), "positive".to_owned()],
                    true
                ),
            ]
        );
    }

    /// The names offered as "did you mean" are those minijinja has: a name
    /// it drops would be a suggestion that fails.
    #[test]
    fn the_builtin_names_are_the_environments() {
        let env = crate::template::base();
        let state = env.empty_state();
        for name in BUILTIN_FILTERS {
            assert!(minijinja::tests::is_filter(&state, name), "filter {name}");
        }
        for name in BUILTIN_TESTS {
            assert!(minijinja::tests::is_test(&state, name), "test {name}");
        }
        for name in FILTERS.iter().chain(FUNCTIONS).map(|f| f.name) {
            assert!(
                !BUILTIN_FILTERS.contains(&name),
                "{name} shadows a built-in"
            );
        }
    }
}
