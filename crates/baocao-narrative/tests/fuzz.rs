//! A smoke fuzz of the template layer: the shipped Hà Nội templates, their
//! text mutated the way a hurried hand or a malicious one would (a token
//! deleted, duplicated, swapped or replaced, a tag or an operator dropped
//! in), rendered with Hà Nội's data. However broken, a template never
//! panics, never hangs (`src/limits.rs`), and every error is a diagnostic
//! at a place (file and line) in one of the templates, in plain lowercase
//! words.
//!
//! `BAOCAO_FUZZ_CASES` sets the number of cases (200 by default, a few
//! seconds) and `BAOCAO_FUZZ_SEED` which ones (fixed by default, so a run
//! is repeatable). A long run, in release:
//!
//! ```sh
//! BAOCAO_FUZZ_CASES=1000000 cargo test --release -p baocao-narrative --test main fuzz
//! ```
//!
//! A failure is shrunk to the fewest mutations and printed with the
//! mutated templates; every one found is kept below as a regression case.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use baocao_calc::Figures;
use baocao_dataset::Dataset;
use baocao_narrative::{Limits, NarrativeError, Report, Templates};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};

/// Cases per run when `BAOCAO_FUZZ_CASES` does not say.
const CASES: u32 = 200;
/// The seed when `BAOCAO_FUZZ_SEED` does not say.
const SEED: u64 = 0xF022_BA0C;

/// What a mutation may drop into a template: tags, operators, names and
/// calls the templates know, and some they do not.
const SNIPPETS: &[&str] = &[
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#}",
    "{{ ",
    " }}",
    "{% if ",
    "{% endif %}",
    "{% else %}",
    "{% elif x %}",
    "{% for i in range(3) %}",
    "{% for i in range(100000) %}",
    "{% endfor %}",
    "{% set x = ",
    "{% set x %}",
    "{% endset %}",
    "{% macro m(a, b=1) %}",
    "{% endmacro %}",
    "{{ m(x ~ x) }}",
    "{% call m(1) %}",
    "{% endcall %}",
    "{{ caller() }}",
    "{% filter upper %}",
    "{% endfilter %}",
    "{% raw %}",
    "{% endraw %}",
    "{% with a = 1 %}",
    "{% endwith %}",
    "{% include \"sections/words.jinja\" %}",
    "{% include \"report.jinja\" %}",
    "{% import \"sections/words.jinja\" as w %}",
    "{% from \"sections/words.jinja\" import contribution %}",
    "{% extends \"report.jinja\" %}",
    "{% block b %}",
    "{% endblock %}",
    "{{ super() }}",
    "{{ self.b() }}",
    "{% for c in data.grdp.children recursive %}{{ loop(c.children) }}{% endfor %}",
    "~",
    " ~ ",
    "+",
    "*",
    "-",
    "/",
    "//",
    "%",
    "**",
    " in ",
    " not ",
    " and ",
    " or ",
    " is ",
    "==",
    "!=",
    "<",
    ">=",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    ".",
    "|",
    "\"",
    "'",
    "=",
    "|upper",
    "|indent(1000000)",
    "|batch(100000, 0)",
    "|slice(3)",
    "|format(1)",
    "|join(\",\")",
    "|replace(\"a\", \"bb\")",
    "|list",
    "|length",
    "|string",
    "|pprint",
    "|sort",
    "|reverse",
    "|default(\"-\", true)",
    "|change",
    "|pct",
    "|num(30)",
    "|contrib",
    "|points",
    "|level",
    "|capfirst",
    "|pctt",
    "data",
    "data.grdp",
    "data.grdp.growth",
    "data.iip.growth.positive",
    "data.nope.growth",
    "data[\"grdp\"]",
    "period.label",
    "period",
    "targets",
    "next_targets",
    "loop.index",
    "loop",
    "namespace(a=1)",
    "range(100000)",
    "[1, 2]",
    "{\"a\": 1}",
    "has(\"iip.growth\")",
    "has(\"iip.growht\", what=\"x\")",
    "table([\"grdp\"], [\"growth\"])",
    "targets_table()",
    "notes(\"overview\")",
    "data.grdp.top(3)",
    "data.grdp.tree(2)",
    "dict(a=1)",
    "none",
    "true",
    "0",
    "-1",
    "99999999999999999999999",
    "1.5",
    "\"x\" * 100000000",
    "x",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "- ",
    " ",
    "Ngành tăng ",
    "đ",
];

/// A template's text cut into tokens: tag marks, names, numbers, quoted
/// strings, runs of spaces, and single other characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let rest = &text[i..];
        let mark = ["{{", "}}", "{%", "%}", "{#", "#}"]
            .iter()
            .find(|m| rest.starts_with(**m));
        let end = if let Some(m) = mark {
            chars.next();
            i + m.len()
        } else if c.is_alphanumeric() || c == '_' {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !(d.is_alphanumeric() || d == '_') {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            end
        } else if c == '"' || c == '\'' {
            let mut end = i + 1;
            for (j, d) in chars.by_ref() {
                end = j + d.len_utf8();
                if d == c || d == '\n' {
                    break;
                }
            }
            end
        } else if c.is_whitespace() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if !d.is_whitespace() {
                    break;
                }
                end = j + d.len_utf8();
                chars.next();
            }
            end
        } else {
            i + c.len_utf8()
        };
        out.push(text[i..end].to_owned());
    }
    out
}

/// One change of one template's tokens; positions are taken modulo the
/// number of tokens.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Swap(usize, usize, usize),
    Insert(usize, usize, usize),
    /// A token replaced by one of any template.
    Replace(usize, usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>;
    prop_oneof![
        (n(), n()).prop_map(|(t, a)| Mutation::Delete(t, a)),
        (n(), n(), n()).prop_map(|(t, a, b)| Mutation::Duplicate(t, a, b)),
        (n(), n(), n()).prop_map(|(t, a, b)| Mutation::Swap(t, a, b)),
        (n(), n(), 0..SNIPPETS.len()).prop_map(|(t, a, s)| Mutation::Insert(t, a, s)),
        (n(), n(), n(), n()).prop_map(|(t, a, u, b)| Mutation::Replace(t, a, u, b)),
    ]
}

/// The shipped templates, their data and figures, read once.
struct Bench {
    /// (name, path, tokens) of each template.
    templates: Vec<(String, String, Vec<String>)>,
    dataset: Dataset,
    figures: Vec<Arc<Figures>>,
}

impl Bench {
    fn load() -> Bench {
        let dept = baocao_config::Department::builtin();
        let baocao_config::DataSource::Builtin(files) = &dept.data else {
            panic!("the built-in department's data is built in");
        };
        let sources: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let dataset = baocao_dataset::read_sources(&sources).unwrap();
        let figures = ["2024", "2024-H1", "2023"]
            .iter()
            .map(|p| Arc::new(baocao_calc::compute(&dataset, p.parse().unwrap())))
            .collect();
        Bench {
            templates: dept
                .templates
                .iter()
                .map(|t| (t.name.clone(), t.path.clone(), tokens(&t.source)))
                .collect(),
            dataset,
            figures,
        }
    }

    /// The templates with the mutations made.
    fn mutated(&self, mutations: &[Mutation]) -> Vec<(String, String, String)> {
        let mut all: Vec<Vec<String>> = self.templates.iter().map(|t| t.2.clone()).collect();
        let count = all.len();
        for m in mutations {
            let t = match m {
                Mutation::Delete(t, ..)
                | Mutation::Duplicate(t, ..)
                | Mutation::Swap(t, ..)
                | Mutation::Insert(t, ..)
                | Mutation::Replace(t, ..) => t % count,
            };
            let donor = match m {
                Mutation::Replace(_, _, u, b) => {
                    let d = &all[u % count];
                    (!d.is_empty()).then(|| d[b % d.len()].clone())
                }
                _ => None,
            };
            let toks = &mut all[t];
            let len = toks.len();
            match m {
                Mutation::Delete(_, a) if len > 0 => {
                    toks.remove(a % len);
                }
                Mutation::Duplicate(_, a, b) if len > 0 => {
                    let copy = toks[a % len].clone();
                    toks.insert(b % (len + 1), copy);
                }
                Mutation::Swap(_, a, b) if len > 0 => toks.swap(a % len, b % len),
                Mutation::Insert(_, a, s) => toks.insert(a % (len + 1), SNIPPETS[*s].to_owned()),
                Mutation::Replace(_, a, _, _) if len > 0 => {
                    if let Some(d) = donor {
                        toks[a % len] = d;
                    }
                }
                _ => {}
            }
        }
        self.templates
            .iter()
            .zip(all)
            .map(|((name, path, _), toks)| (name.clone(), path.clone(), toks.concat()))
            .collect()
    }
}

/// Renders `templates` (name, path, text) for `figures`: nothing wrong,
/// or what is.
fn check(
    bench: &Bench,
    templates: &[(String, String, String)],
    figures: &Arc<Figures>,
) -> Result<(), String> {
    let mut set = Templates::default();
    for (name, path, text) in templates {
        set.insert(name, path, text);
    }
    // Smaller than the defaults, so that a loop that runs to the limit
    // costs a case little.
    set.set_limits(Limits {
        fuel: 200_000,
        max_output: 1024 * 1024,
    });
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let report = Report::new(&bench.dataset, Arc::clone(figures), &set, "report.jinja");
        baocao_narrative::render_report(&report).map(|_| ())
    }))
    .map_err(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        format!("panicked: {what}")
    })?;
    let Err(e) = rendered else { return Ok(()) };
    let NarrativeError::Template(_) = &e else {
        return Err(format!("not a template's mistake: {e}"));
    };
    let d = e.diagnostic();
    let span = d.span.as_ref().ok_or_else(|| format!("no place: {d}"))?;
    let Some((_, _, text)) = templates.iter().find(|(_, path, _)| *path == span.file) else {
        return Err(format!("a place in no template: {d}"));
    };
    let lines = u32::try_from(text.lines().count()).unwrap_or(u32::MAX);
    if span.line == 0 || span.line > lines + 1 {
        return Err(format!("no line of the template: {d}"));
    }
    let first = d.message.chars().next().unwrap_or(' ');
    if d.message.is_empty() || first.is_uppercase() {
        return Err(format!("not a plain lowercase message: {d}"));
    }
    if d.message.contains("a bug of baocao") {
        return Err(format!("the rewriting failed: {d}"));
    }
    Ok(())
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

#[test]
fn no_mutation_of_the_shipped_templates_panics_or_goes_untold() {
    let bench = Bench::load();
    let cases =
        env_number("BAOCAO_FUZZ_CASES").map_or(CASES, |n| u32::try_from(n).unwrap_or(u32::MAX));
    let seed = env_number("BAOCAO_FUZZ_SEED").unwrap_or(SEED);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_time: 120_000,
        ..Config::default()
    });
    let strategy = (
        prop::collection::vec(mutation(), 1..6),
        0..bench.figures.len(),
    );
    let result = runner.run(&strategy, |(mutations, period)| {
        let templates = bench.mutated(&mutations);
        check(&bench, &templates, &bench.figures[period]).map_err(|why| {
            let changed: Vec<String> = templates
                .iter()
                .zip(&bench.templates)
                .filter(|((_, _, text), (_, _, toks))| *text != toks.concat())
                .map(|((name, _, text), _)| format!("--- {name}\n{text}"))
                .collect();
            TestCaseError::fail(format!("{why}\n{}", changed.join("\n")))
        })
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// What the fuzz once found wrong: an edit of a shipped template (its
/// name, a text in it, what replaces it), with what went wrong.
const FOUND: &[(&str, &str, &str, &str)] = &[
    (
        "report.jinja",
        "{% include \"sections/results.jinja\" %}",
        "{% include\"sections/results.jinja\" %}",
        "the guard of an include ran into the word `include` (`include__baocao_include(…)`) and the rewritten template did not compile",
    ),
    (
        "sections/services.jinja",
        "{% if \"-M\" not in period.key %}",
        "{% if \"-M\"~ not in period.key %}",
        "a variable spelt `not` after `~` became the operator `not` as an argument of the guard, and the rewritten template did not compile",
    ),
    (
        "sections/results.jinja",
        "{% set ns = namespace(reached=0, of=0, missed=[], beyond=[]) %}",
        "{% set ns = namespace(reached=0, of=0, missed=[], beyond=[]) %}{% set pair = ns, ns, ns %}",
        "a list written without brackets would have been wrapped from its second item",
    ),
    (
        "sections/words.jinja",
        "is startingwith(\"giá trị\")",
        "is startingwith not (\"giá trị\")",
        "a call of a variable spelt `not` (`not (…)` as a test's argument): its guard opened where the name was replaced, and the rewriting sliced the text backwards (a panic)",
    ),
];

#[test]
fn what_the_fuzz_found_stays_fixed() {
    let bench = Bench::load();
    for (name, from, to, what) in FOUND {
        let mut templates = bench.mutated(&[]);
        let t = templates.iter_mut().find(|t| t.0 == *name).unwrap();
        assert!(t.2.contains(from), "{name} lost `{from}`");
        t.2 = t.2.replacen(from, to, 1);
        for figures in &bench.figures {
            if let Err(why) = check(&bench, &templates, figures) {
                panic!("{what}: {why}");
            }
        }
    }
}

#[test]
fn the_tokens_put_back_together_are_the_template() {
    for t in &Bench::load().templates {
        let dept = baocao_config::Department::builtin();
        let source = &dept
            .templates
            .iter()
            .find(|s| s.name == t.0)
            .unwrap()
            .source;
        assert_eq!(&t.2.concat(), source);
        assert!(t.2.len() > 50, "{}: {} tokens", t.0, t.2.len());
    }
}
