//! The sentences a report says, one folder each in `tests/wording/`, and
//! the template mistakes of `tests/bad-input/template/`: adding a case is
//! adding a folder (see `docs/testing.md`).
//!
//! A case folder holds `dataset.toml` (a small dataset), `template.jinja`
//! (the sentence, rendered as the report's main template), and optionally
//! `period` (default: the dataset's last year) and `locale` (`vi`, the
//! default, or `en`). A wording case's snapshot is the text the template
//! writes, a paragraph a line; a mistake's is the error, which must name
//! the template and its line.

use std::path::Path;

use baocao_document::Block;
use baocao_narrative::{Locale, NarrativeError, Report, Templates};

/// An optional one-line file of a case.
fn option(case: &Path, name: &str) -> Option<String> {
    let text = std::fs::read_to_string(case.join(name)).ok()?;
    Some(text.trim().to_owned())
}

/// Renders the case in folder `case`; the template is named
/// `template.jinja` in messages.
fn render(case: &Path) -> Result<String, NarrativeError> {
    let what = case.display();
    let data = std::fs::read_to_string(case.join("dataset.toml"))
        .unwrap_or_else(|e| panic!("{what}: no dataset.toml: {e}"));
    let ds =
        baocao_dataset::read_str(&data, "dataset.toml").unwrap_or_else(|e| panic!("{what}: {e}"));
    let period = match option(case, "period") {
        Some(key) => key.parse().unwrap_or_else(|e| panic!("{what}/period: {e}")),
        None => {
            let year = *ds
                .years()
                .last()
                .unwrap_or_else(|| panic!("{what}: no year in the data: write a `period` file"));
            baocao_dataset::Period::Year(year)
        }
    };
    let locale = option(case, "locale").map_or_else(Locale::vietnamese, |tag| {
        Locale::from_tag(&tag).unwrap_or_else(|| panic!("{what}/locale: unknown `{tag}`"))
    });
    let template = std::fs::read_to_string(case.join("template.jinja"))
        .unwrap_or_else(|e| panic!("{what}: no template.jinja: {e}"));
    let mut templates = Templates::default();
    templates.insert("template.jinja", "template.jinja", &template);
    let figures = baocao_calc::compute(&ds, period);
    let mut report = Report::new(&ds, figures, &templates, "template.jinja");
    report.locale = locale;
    let document = baocao_narrative::render(&report)?;
    Ok(document
        .blocks
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The template of a case, for the snapshot's header.
fn template(case: &Path) -> String {
    std::fs::read_to_string(case.join("template.jinja"))
        .unwrap()
        .trim_end()
        .to_owned()
}

#[test]
fn each_wording_case_says_its_snapshot() {
    // `[!.]*`: every folder but hidden ones, and not `tests/wording` itself.
    insta::glob!("../../../tests/wording", "[!.]*", |case| {
        if !case.is_dir() {
            return;
        }
        let text = render(case).unwrap_or_else(|e| panic!("{}: {e}", case.display()));
        insta::with_settings!({ description => template(case), omit_expression => true }, {
            insta::assert_snapshot!("wording", text);
        });
    });
}

#[test]
fn each_template_mistake_names_the_template_and_line() {
    insta::glob!("../../../tests/bad-input/template", "[!.]*", |case| {
        if !case.is_dir() {
            return;
        }
        let Err(error) = render(case) else {
            panic!("{}: the template renders without an error", case.display())
        };
        let message = error.to_string();
        let line = message
            .strip_prefix("template.jinja:")
            .and_then(|rest| rest.split(':').next())
            .is_some_and(|n| n.parse::<u32>().is_ok());
        assert!(
            line,
            "{}: no template and line in `{message}`",
            case.display()
        );
        // As the clerk sees it: the line and a caret under the mistake.
        let shown =
            baocao_diagnostic::render(&[error.diagnostic()], baocao_diagnostic::Style::Plain);
        assert!(
            shown.contains('^'),
            "{}: no caret in\n{shown}",
            case.display()
        );
        insta::with_settings!({ description => template(case), omit_expression => true }, {
            insta::assert_snapshot!("template-mistake", format!("{message}\n\n{shown}"));
        });
    });
}
