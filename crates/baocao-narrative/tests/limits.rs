//! Templates that would hang the machine or fill its memory stop, with a
//! message at their place (`src/limits.rs`, `src/rewrite.rs`); the shipped
//! reports use a twentieth of the limits at most; figures at the decimal
//! limit are an error, not a panic.

use std::path::{Path, PathBuf};

use baocao_diagnostic::{Diagnostic, Style, render};
use baocao_narrative::{Limits, Locale, Report, Templates, Used};

/// The diagnostic of a template that must fail, with the default limits.
fn fails(template: &str) -> Diagnostic {
    super::render(template)
        .expect_err("the template goes beyond a limit")
        .diagnostic()
}

/// The message and place of a template that must fail.
fn told(template: &str) -> (String, u32) {
    let d = fails(template);
    let line = d.span.as_ref().map_or(0, |s| s.line);
    (d.message, line)
}

const FUEL: &str =
    "the template did more work than allowed (fuel of 2000000 exhausted): a loop too long?";
const TEXT: &str = "the template built more text than allowed (8192 KB): a text doubled, or written in a loop too long?";

#[test]
fn loops_inside_loops_run_out_of_fuel() {
    let (message, line) = told(
        "Mở đầu.\n{% for i in range(100000) %}\n{% for j in range(100000) %}{% endfor %}\n{% endfor %}\n",
    );
    assert_eq!(message, FUEL);
    assert!((2..=4).contains(&line), "line {line}");
}

#[test]
fn a_text_doubled_stops_at_the_text_limit() {
    let doubling = [
        // with `~`, kept in a namespace
        "{% set ns = namespace(s=\"ab\") %}\n{% for i in range(200) %}\n{% set ns.s = ns.s ~ ns.s %}\n{% endfor %}\n",
        // by a macro that calls itself
        "{% macro d(s, n) %}{% if n > 0 %}{{ d(s ~ s, n - 1) }}{% else %}{{ s }}{% endif %}{% endmacro %}\n\n{{ d(\"ab\", 60) }}\n",
        // captured twice in a block
        "{% set ns = namespace(s=\"ab\") %}\n{% for i in range(200) %}\n{% set x %}{{ ns.s }}{{ ns.s }}{% endset %}{% set ns.s = x %}\n{% endfor %}\n",
        // joined with `+`
        "{% set ns = namespace(s=\"ab\") %}\n{% for i in range(200) %}\n{% set ns.s = ns.s + ns.s %}\n{% endfor %}\n",
        // a list doubled with `+`, then written
        "{% set ns = namespace(l=[\"ab\"]) %}\n{% for i in range(200) %}\n{% set ns.l = ns.l + ns.l %}\n{% endfor %}\n",
        // squared by `replace`
        "{% set ns = namespace(s=\"aa\") %}\n{% for i in range(200) %}\n{% set ns.s = ns.s | replace(\"a\", ns.s) %}\n{% endfor %}\n",
        // a macro's output kept in a list
        "{% macro m(s) %}{{ s }}{{ s }}{% endmacro %}{% set ns = namespace(s=\"ab\") %}\n{% for i in range(200) %}\n{% set ns.s = m(ns.s) %}\n{% endfor %}\n",
    ];
    for template in doubling {
        let (message, line) = told(template);
        assert_eq!(message, TEXT, "{template}");
        assert!(line >= 1, "{template}: no line");
    }
}

#[test]
fn one_step_that_would_build_too_much_is_refused_before_it_builds() {
    for (template, line) in [
        ("Mở đầu.\n{{ \"ab\" * 100000000 }}\n", 2),
        ("Mở đầu.\n{{ \"a\\nb\" | indent(1000000000000) }}\n", 2),
        (
            "Mở đầu.\n{{ [1] | batch(1000000000000000, 0) | length }}\n",
            2,
        ),
        ("Mở đầu.\n{{ [1] | slice(1000000000000000) | length }}\n", 2),
        ("Mở đầu.\n{{ \"%999999999999s\" | format(1) }}\n", 2),
        ("Mở đầu.\n{{ range(100000) | list * 100000 }}\n", 2),
        (
            "Mở đầu.\n{% for i in range(100000) %}\nMột đoạn văn dài, lặp lại cho đến khi vượt giới hạn của báo cáo.\n{% endfor %}\n",
            2,
        ),
    ] {
        assert_eq!(told(template), (TEXT.to_owned(), line), "{template}");
    }
}

#[test]
fn what_calls_itself_without_end_is_stopped_within_the_stack() {
    // A batch renders on threads with 2 MiB of stack; debug builds use
    // the most.
    let told = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let ds = baocao_dataset::read_str(super::DATA, "t.toml").unwrap();
            let mut told = Vec::new();
            for (main, other) in [
                (
                    "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}\n{{ r(0) }}\n",
                    "",
                ),
                ("x{% include \"r.jinja\" %}\n", ""),
                ("{% include \"o.jinja\" %}", "{% include \"r.jinja\" %}"),
                (
                    "{% for c in [1] recursive %}{{ loop([1]) }}{% endfor %}",
                    "",
                ),
            ] {
                let mut t = Templates::default();
                t.insert("r.jinja", "templates/r.jinja", main);
                t.insert("o.jinja", "templates/o.jinja", other);
                let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
                let d = baocao_narrative::render(&Report::new(&ds, figures, &t, "r.jinja"))
                    .unwrap_err()
                    .diagnostic();
                told.push(render(&[d], Style::Plain));
            }
            told
        })
        .unwrap()
        .join()
        .unwrap();
    for t in told {
        assert!(
            t.contains(&format!(
                "macros, includes or recursive loops nested too deep (beyond the limit of {}): one that calls itself without end?",
                baocao_narrative::RECURSION
            )),
            "{t}"
        );
    }
}

#[test]
fn a_department_sets_its_own_limits() {
    let ds = baocao_dataset::read_str(super::DATA, "t.toml").unwrap();
    let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
    let mut t = Templates::default();
    t.insert(
        "r.jinja",
        "templates/r.jinja",
        "{% for i in range(10000) %}{{ i }}{% endfor %}",
    );
    t.set_limits(Limits {
        fuel: 100,
        ..Limits::DEFAULT
    });
    let err = baocao_narrative::render(&Report::new(&ds, figures.clone(), &t, "r.jinja"))
        .unwrap_err()
        .diagnostic();
    assert_eq!(
        err.message,
        "the template did more work than allowed (fuel of 100 exhausted): a loop too long?"
    );
    assert!(
        err.help[0].contains("raise `fuel` in the `[templates]` table of department.toml"),
        "{err}"
    );
    t.set_limits(Limits {
        max_output: 4096,
        ..Limits::DEFAULT
    });
    let err = baocao_narrative::render(&Report::new(&ds, figures, &t, "r.jinja"))
        .unwrap_err()
        .diagnostic();
    assert_eq!(
        err.message,
        "the template built more text than allowed (4 KB): a text doubled, or written in a loop too long?"
    );
}

/// Figures at the decimal limit never reach a template: the reader refuses
/// a figure of more than 15 digits before the point at its place (the
/// narrative's own checked arithmetic stays, for derived figures).
#[test]
fn figures_at_the_decimal_limit_are_refused_before_the_template() {
    for (line, written) in [
        (
            "growth = { 2024 = 7.9228162514264337593543950300e28 }",
            "7.9228162514264337593543950300e28",
        ),
        ("value = { 2024 = 7.9e28 }", "7.9e28"),
    ] {
        let data = format!(
            "format = 1\n[dataset]\nregion = \"Hà Nội\"\n[[indicator]]\nid = \"x\"\nname = \"x\"\nkind = \"flow\"\n{line}\n"
        );
        let err = baocao_dataset::read_str(&data, "t.toml").unwrap_err();
        let d = &err.diagnostics[0];
        assert!(
            d.message.contains(&format!("{written} is too large")),
            "{d}"
        );
        assert_eq!(d.span.as_ref().map(|s| s.line), Some(8));
    }
}

#[test]
fn a_report_leaves_nothing_behind_in_memory() {
    // The text budget remembers the lists a template builds; one holding
    // an indicator once kept the whole report alive (a cycle through the
    // figures), every report of a batch.
    let ds = baocao_dataset::read_str(super::DATA, "t.toml").unwrap();
    let figures = std::sync::Arc::new(baocao_calc::compute(&ds, "2024".parse().unwrap()));
    let mut t = Templates::default();
    t.insert(
        "r.jinja",
        "templates/r.jinja",
        "{% set l = [data.grdp, data.up] %}{{ data.grdp.top(2) | length }} {{ l | length }}",
    );
    let report = Report::new(&ds, std::sync::Arc::clone(&figures), &t, "r.jinja");
    let doc = baocao_narrative::render(&report).unwrap();
    assert_eq!(doc.plain_text(), "2 2");
    drop(report);
    assert_eq!(std::sync::Arc::strong_count(&figures), 1);
}

// ------------------------------------------------- the shipped reports ----

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// What the report of `period` used, rendered as the driver does.
fn used(dept: &baocao_config::Department, ds: &baocao_dataset::Dataset, period: &str) -> Used {
    let mut t = Templates::default();
    for f in &dept.templates {
        t.insert(&f.name, &f.path, &f.source);
    }
    let figures = baocao_calc::compute(ds, period.parse().unwrap());
    let s = &dept.settings;
    let mut report = Report::new(ds, figures, &t, &s.report.template);
    report.meta.subject = s.report.subject.clone().into();
    report.locale = Locale::from_tag(&s.locale).unwrap();
    baocao_narrative::render_report(&report)
        .unwrap_or_else(|e| panic!("{} {period}: {e}", s.id))
        .used
}

/// The most any shipped department's report uses, over Hà Nội's periods
/// and every real release's.
fn most_used() -> Used {
    let mut datasets =
        vec![baocao_dataset::read_path(&workspace().join("config/hanoi/data")).unwrap()];
    let mut real: Vec<PathBuf> = std::fs::read_dir(workspace().join("tests/datasets/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    real.sort();
    for p in real {
        datasets.push(baocao_dataset::read_path(&p).unwrap());
    }
    let mut most = Used::default();
    for name in ["hanoi", "hanoi-en", "hanoi-quarterly"] {
        let dept = baocao_config::Department::load(&workspace().join("config").join(name)).unwrap();
        for ds in &datasets {
            for period in ds.periods() {
                let u = used(&dept, ds, &period.to_string());
                most.fuel = most.fuel.max(u.fuel);
                most.text = most.text.max(u.text);
            }
        }
    }
    most
}

#[test]
fn the_shipped_reports_use_a_twentieth_of_the_limits_at_most() {
    let most = most_used();
    let limits = Limits::DEFAULT;
    assert!(most.fuel > 0 && most.text > 0, "{most:?}");
    assert!(
        most.fuel.saturating_mul(20) <= limits.fuel,
        "the shipped reports use up to {} fuel: the default of {} leaves less than 20 times that",
        most.fuel,
        limits.fuel
    );
    assert!(
        most.text.saturating_mul(20) <= limits.max_output,
        "the shipped reports build up to {} bytes of text: the default of {} leaves less than 20 times that",
        most.text,
        limits.max_output
    );
}

#[test]
fn the_defaults_and_caps_are_the_departments() {
    let (d, m) = (
        baocao_config::TemplateLimits::DEFAULT,
        baocao_config::TemplateLimits::MAX,
    );
    assert_eq!(Limits::DEFAULT.fuel, d.fuel);
    assert_eq!(Limits::DEFAULT.max_output as u64, d.max_output_kb * 1024);
    assert_eq!(Limits::MAX.fuel, m.fuel);
    assert_eq!(Limits::MAX.max_output as u64, m.max_output_kb * 1024);
}

#[test]
fn what_a_template_builds_never_holds_itself_nor_nests_past_the_stack() {
    // Writing, comparing or dropping a value goes down it one call a
    // level: a list nested 100000 deep overflowed the stack.
    let told = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            let literal = format!("{{{{ {}1{} }}}}", "[".repeat(40), "]".repeat(40));
            [
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = [ns.l] %}{% endfor %}{{ ns.l | length }}",
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = [ns.l] | list %}{% endfor %}",
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = [1] + [ns.l] %}{% endfor %}",
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = {\"a\": ns.l} %}{% endfor %}",
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = dict(a=ns.l) %}{% endfor %}",
                "{% set ns = namespace(l=[]) %}{% for i in range(100000) %}{% set ns.l = [ns.l] | batch(1) %}{% endfor %}",
                "{% set ns = namespace() %}{% set ns.me = ns %}{{ ns }}",
                "{% set a = namespace() %}{% set b = namespace(x=a) %}{% set a.x = [b] %}{{ a == b }}",
                "{% set ns = namespace() %}{% macro m() %}{{ ns }}{% endmacro %}{% set ns.m = m %}",
                literal.as_str(),
                // a list that holds itself twice: its text doubles too
                "{% set ns = namespace(l=[\"ab\"]) %}{% for i in range(200) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}{{ ns.l }}",
            ]
            .iter()
            .map(|t| {
                super::render(t)
                    .expect_err("refused")
                    .diagnostic()
                    .message
            })
            .collect::<Vec<_>>()
        })
        .unwrap()
        .join()
        .unwrap();
    let deep = "lists or maps nested more than 32 deep: a list put inside itself in a loop?";
    assert_eq!(
        told,
        [
            deep,
            deep,
            deep,
            deep,
            deep,
            deep,
            "a namespace holds texts, numbers, figures, lists and maps, not a namespace or a macro",
            "a namespace holds texts, numbers, figures, lists and maps, not a namespace or a macro",
            "a namespace holds texts, numbers, figures, lists and maps, not a namespace or a macro",
            deep,
            deep,
        ]
    );
    // Shallow ones are what they always were.
    assert_eq!(
        super::text(
            "{% set ns = namespace(l=[]) %}{% for i in range(3) %}{% set ns.l = ns.l + [[i]] %}{% endfor %}{{ ns.l }} {{ ns.l | reverse | list }}"
        ),
        "[[0], [1], [2]] [[2], [1], [0]]"
    );
}
