//! `baocao check`: everything wrong with a department's formats, data and
//! templates, found in one run and told once.
//!
//! The order is the order a clerk fixes things in: the formats the
//! department configures in `department.toml`, each one's options asked of
//! its plugin without rendering anything ([`formats`]; they need no
//! dataset), then the dataset's errors
//! (nothing else can be checked without it), then the consistency checks
//! of every period the dataset holds, then the figures that pass them but
//! are most likely mistyped (`baocao_calc::in_series`, `in_period`: a
//! thousands dot, a jump, a growth read as an index, a contribution above
//! its part's growth, a share outside 0–100; in the order of the dataset),
//! then unfinished markup in notes, then what the templates make of it
//! (errors, each once however many periods hit it), then leftovers of
//! another department (place names, a template language that is not the
//! report's), and last, as information, the sentences left out for lack of
//! figures, so a clerk knows what to add.

use std::collections::BTreeMap;
use std::path::Path;

use baocao_calc::{CheckStatus, Figures, Plausibility, Suspect, Suspicion};
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};
use baocao_diagnostic::{Diagnostic, Severity, Span};
use baocao_plugin_host::PluginSet;

use crate::{DriverError, Job, PluginSearch};

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions<'a> {
    /// Only this period; `None`: every period the dataset holds.
    pub period: Option<Period>,
    /// Failed consistency checks are errors, not warnings.
    pub strict: bool,
    /// A dataset to use instead of the department's.
    pub data: Option<&'a Path>,
    /// Where the plugins of the department's formats are searched (as a
    /// render searches them), to ask each about its options; `None`: no
    /// plugin is loaded, and the options are not checked.
    pub plugins: Option<&'a PluginSearch>,
}

/// The failed consistency checks of a period's figures, each at the
/// indicator it is about: warnings, or errors when `strict`.
pub fn failed_checks(figures: &Figures, ds: &Dataset, strict: bool) -> Vec<Diagnostic> {
    let severity = if strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    figures
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Failed)
        .map(|c| {
            let (at, label) = match &c.at {
                Some(at) => (Some(at.span()), "the figure checked"),
                None => (
                    ds.indicator(&c.indicator).map(|i| i.at.span()),
                    "the indicator checked",
                ),
            };
            Diagnostic::new(severity, c.message.clone())
                .at_opt(at)
                .label(label)
        })
        .collect()
}

/// Figures that pass the consistency checks but are most likely mistyped,
/// each at its place with what to do: warnings, or errors when `strict`.
/// In the order they are written in the dataset.
pub fn suspicious(mut found: Vec<Suspicion>, strict: bool) -> Vec<Diagnostic> {
    let severity = if strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    found.sort_by(|a, b| a.at.cmp(&b.at).then(a.rule.cmp(&b.rule)));
    found.dedup_by(|a, b| a.at == b.at && a.rule == b.rule);
    found
        .into_iter()
        .map(|s| {
            let d = Diagnostic::new(severity, s.message)
                .at(s.at.span())
                .label("the figure in doubt")
                .help(s.help);
            if s.rule == Suspect::Jump {
                d.help("a real jump? raise `jump_factor` under `[checks]` in department.toml")
            } else {
                d
            }
        })
        .collect()
}

/// Checks a department: its dataset, the consistency of its figures in
/// every period, its templates over every period, leftovers of another
/// department. Diagnostics come in the order described in the module doc,
/// each once, with their source lines.
pub fn check(dept: &Department, options: &CheckOptions<'_>) -> Vec<Diagnostic> {
    let mut out = match options.plugins {
        Some(search) => formats(dept, &search.load(dept)),
        None => Vec::new(),
    };
    out.extend(check_unplaced(dept, options));
    baocao_diagnostic::dedup(&mut out);
    crate::attach_sources(&mut out, Some(dept));
    out
}

fn check_unplaced(dept: &Department, options: &CheckOptions<'_>) -> Vec<Diagnostic> {
    let ds = match crate::load_dataset(dept, options.data) {
        Ok(ds) => ds,
        Err(e) => return e.diagnostics,
    };
    let mut out = Vec::new();
    english_names(dept, &ds, &mut out);
    if !out.is_empty() {
        // An English report of indicators without English names cannot be
        // written: its templates would only fail on each of them again.
        return out;
    }
    let periods = match options.period {
        Some(p) => vec![p],
        None => ds.periods(),
    };
    let templates = crate::templates(dept);
    let mut consistency = Vec::new();
    let plausibility = Plausibility::new(dept.settings.checks.jump_factor);
    let mut doubts: Vec<Suspicion> = baocao_calc::in_series(&ds, &plausibility)
        .into_iter()
        .filter(|s| options.period.is_none_or(|p| p == s.period))
        .collect();
    // Each template error once, with the periods whose report met it.
    let mut template_errors: Vec<(Diagnostic, Vec<Period>)> = Vec::new();
    let mut made = 0usize;
    // (template, what) → (missing figures, periods)
    let mut omitted: BTreeMap<(String, String), (Vec<String>, Vec<Period>)> = BTreeMap::new();
    for period in periods {
        let job = Job {
            templates: Some(&templates),
            ..Job::new(dept, period)
        };
        let figures = std::sync::Arc::new(baocao_calc::compute(&ds, period));
        consistency.extend(failed_checks(&figures, &ds, options.strict));
        doubts.extend(baocao_calc::in_period(&ds, &figures));
        let of = |p: Period| {
            if p == period {
                std::sync::Arc::clone(&figures)
            } else {
                std::sync::Arc::new(baocao_calc::compute_with(
                    &ds,
                    p,
                    baocao_calc::Scope::FiguresOnly,
                ))
            }
        };
        let job = Job {
            figures_of: Some(crate::FiguresOf(&of)),
            ..job
        };
        match job.run_with(&ds) {
            Ok(report) => {
                made += 1;
                for o in report.omitted {
                    let entry = omitted
                        .entry((o.template, o.what))
                        .or_insert_with(|| (o.missing, Vec::new()));
                    entry.1.push(period);
                }
            }
            Err(DriverError::NoData { .. }) => continue,
            Err(e) => {
                made += 1;
                // The same broken line fails every period: told once.
                let d = e.diagnostic();
                match template_errors.iter_mut().find(|(f, _)| *f == d) {
                    Some((_, periods)) => periods.push(period),
                    None => template_errors.push((d, vec![period])),
                }
            }
        }
    }
    out.extend(consistency);
    out.extend(suspicious(doubts, options.strict));
    // Notes whose markup is unfinished (an unclosed `**`): printed as
    // written, which is rarely what was meant.
    out.extend(baocao_narrative::note_warnings(&ds));
    // A mistake met by every report is the template's; one met by some
    // depends on their figures, and says which.
    for (d, periods) in template_errors {
        if periods.len() == made {
            out.push(d);
        } else {
            let mut shown: Vec<String> = periods.iter().take(3).map(ToString::to_string).collect();
            if periods.len() > 3 {
                shown.push(format!("{} more", periods.len() - 3));
            }
            out.push(d.help(match shown.as_slice() {
                [one] => format!("met writing the {one} report"),
                _ => format!("met writing the reports of {}", shown.join(", ")),
            }));
        }
    }
    let used = used_templates(&templates, &dept.settings.report.template);
    unknown_ids(&templates, &used, &ds, &mut out);
    leftovers(dept, &used, &ds, &mut out);
    for ((template, what), (missing, periods)) in omitted {
        let path = templates.path(&template).unwrap_or(&template).to_owned();
        let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
        let missing: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        out.push(
            Diagnostic::note(format!(
                "{what} left out for {}: no {} in the data",
                periods.join(", "),
                missing.join(", ")
            ))
            .at(Span::file(path)),
        );
    }
    out
}

/// The formats a department configures, each asked of its plugin: the
/// formats of `formats.default`, in their order, then those with a
/// `[formats.options.<format>]` table, in the order of their ids; the
/// built-in `document` format is not a plugin's, and is left out.
///
/// For each, what a render of it would meet before any report is made:
/// no plugin provides it (a warning, with the message a render gives, at
/// its options table or at `formats.default`: the department may be
/// checked where its plugins are not installed); a file its options name
/// that cannot be sent; options the plugin refuses, asked with
/// `Plugin::validate_options`, which decodes them as its render does
/// without rendering, told as a render tells them ([`crate::export_diagnostic`]:
/// at the key in `department.toml`, with what the format expects). A
/// plugin of ABI 1.0 cannot be asked, and accepts anything here; its
/// render still checks its options.
pub fn formats(dept: &Department, plugins: &PluginSet) -> Vec<Diagnostic> {
    let configured = &dept.settings.formats;
    let mut formats: Vec<&str> = Vec::new();
    for format in configured
        .default
        .iter()
        .chain(configured.options.keys())
        .map(|f| f.trim())
    {
        if format != crate::DOCUMENT_FORMAT && !formats.contains(&format) {
            formats.push(format);
        }
    }
    let mut out = Vec::new();
    for format in formats {
        let Some(plugin) = plugins.get(format) else {
            let at = if configured.options.contains_key(format) {
                dept.option_span(format, "")
            } else {
                dept.setting_span(&["formats", "default"])
            };
            out.push(Diagnostic::warning(crate::missing_format(plugins, format)).at(at));
            continue;
        };
        let options = match crate::format_options(dept, format) {
            Ok(options) => options,
            Err(e) => {
                out.extend(e.diagnostics());
                continue;
            }
        };
        if let Err(e) = plugin.validate_options(&options) {
            out.push(crate::export_diagnostic(dept, &e.into()));
        }
    }
    out
}

/// An English report names indicators in English: a dataset's own
/// indicator without `name_en` would be an error in the report (the
/// standard ids have English names of their own).
fn english_names(dept: &Department, ds: &Dataset, out: &mut Vec<Diagnostic>) {
    if dept.settings.locale != "en" {
        return;
    }
    for ind in ds
        .indicators
        .iter()
        .filter(|i| i.name_en.is_none() && baocao_dataset::standard(i.id.as_str()).is_none())
    {
        out.push(
            Diagnostic::error(format!(
                "indicator `{}` has no `name_en`, which an English department needs",
                ind.id
            ))
            .at(ind.at.span())
            .help("add `name_en = \"…\"`: it is not a standard id with an English name of its own"),
        );
    }
}

/// Ids the templates name that are neither the dataset's nor standard:
/// most likely a misspelling, which would leave a sentence out silently.
fn unknown_ids(
    templates: &baocao_narrative::Templates,
    used: &[String],
    ds: &Dataset,
    out: &mut Vec<Diagnostic>,
) {
    let known: Vec<&str> = ds
        .indicators
        .iter()
        .map(|i| i.id.as_str())
        .chain(baocao_dataset::STANDARD.iter().map(|s| s.id))
        .collect();
    for name in used {
        let name = name.as_str();
        let Some(source) = templates.source(name) else {
            continue;
        };
        let path = templates.path(name).unwrap_or(name);
        for line in source.lines() {
            for id in named_ids(line) {
                if known.contains(&id) {
                    continue;
                }
                // `id` is a slice of `line`, itself a slice of `source`.
                let at = id.as_ptr() as usize - source.as_ptr() as usize;
                let mut d = Diagnostic::warning(format!(
                    "`{id}` is neither an indicator of the dataset nor a standard id"
                ))
                .at(Span::of_range(path, source, at..at + id.len()))
                .label("unknown id: what needs it is always left out");
                if let Some(k) = baocao_suggest::closest(id, known.iter().copied()) {
                    d = d.help(format!("did you mean `{k}`?"));
                }
                out.push(d);
            }
        }
    }
}

/// The templates a report is made from: the main one and every template
/// it includes or imports, however deep. A department has the built-in
/// templates too, which its own main template may never use; what is not
/// used is not checked.
fn used_templates(templates: &baocao_narrative::Templates, main: &str) -> Vec<String> {
    let mut used = vec![main.to_owned()];
    let mut next = 0;
    while let Some(name) = used.get(next).cloned() {
        next += 1;
        let Some(source) = templates.source(&name) else {
            continue;
        };
        // Any quoted template name inside a tag: include, import, from,
        // extends all name their template so.
        for other in templates.names() {
            if used.iter().any(|u| u == other) {
                continue;
            }
            let quoted = [format!("\"{other}\""), format!("'{other}'")];
            if source
                .split("{%")
                .skip(1)
                .filter_map(|tag| tag.split_once("%}").map(|(t, _)| t))
                .any(|tag| quoted.iter().any(|q| tag.contains(q.as_str())))
            {
                used.push(other.to_owned());
            }
        }
    }
    used
}

/// The ids a template line names: `data.<id>` and `has("<id>…")`.
fn named_ids(line: &str) -> Vec<&str> {
    let word = |rest: &str| -> usize {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    };
    let mut ids = Vec::new();
    for (i, _) in line.match_indices("data.") {
        // Not the tail of another name (`mydata.x`).
        if line[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            continue;
        }
        let rest = &line[i + 5..];
        let n = word(rest);
        if n > 0 {
            ids.push(&rest[..n]);
        }
    }
    for (i, _) in line.match_indices("has(") {
        let mut rest = &line[i + 4..];
        // Every quoted argument up to the closing parenthesis.
        while let Some(q) = rest.trim_start().strip_prefix(['"', '\'']) {
            let n = word(q);
            if n > 0 {
                ids.push(&q[..n]);
            }
            let Some(end) = q.find(['"', '\'']) else {
                break;
            };
            rest = q[end + 1..].trim_start();
            match rest.strip_prefix(',') {
                Some(r) => rest = r,
                None => break,
            }
        }
    }
    ids
}

/// Prose of another department: notes and templates that name another
/// province or city, and templates in another language than the report's.
fn leftovers(dept: &Department, used: &[String], ds: &Dataset, out: &mut Vec<Diagnostic>) {
    let region = ds.region.as_str();
    for note in &ds.notes {
        let places = foreign(&note.text, region);
        if !places.is_empty() {
            out.push(
                Diagnostic::warning(format!(
                    "the `{}` note of {} names {}, not this dataset's region ({region})",
                    note.section,
                    note.year,
                    places.join(", ")
                ))
                .at(note.at.span())
                .help("prose copied from another department? rewrite it for this one"),
            );
        }
    }
    let want = match dept.settings.locale.as_str() {
        "en" => baocao_gazetteer::Language::English,
        _ => baocao_gazetteer::Language::Vietnamese,
    };
    // Templates in another language: one warning for them all.
    let mut other_language: Vec<(&str, baocao_gazetteer::Language)> = Vec::new();
    for t in dept.templates.iter().filter(|t| used.contains(&t.name)) {
        let visible = without_comments(&t.source);
        for (line_no, line) in visible.lines().enumerate() {
            let places = foreign(line, region);
            if !places.is_empty() {
                out.push(
                    Diagnostic::warning(format!(
                        "names {}, not this dataset's region ({region})",
                        places.join(", ")
                    ))
                    .at(Span::of_line(
                        &t.path,
                        &t.source,
                        u32::try_from(line_no + 1).unwrap_or(u32::MAX),
                    ))
                    .help("prose copied from another department? rewrite it for this one"),
                );
            }
        }
        let found = baocao_gazetteer::language_of(&t.source);
        if found != want && found != baocao_gazetteer::Language::Unknown {
            other_language.push((&t.path, found));
        }
    }
    if let Some((first, found)) = other_language.first() {
        let mut d = Diagnostic::warning(format!(
            "the template reads as {}, but the department's locale is `{}`: the report would mix languages",
            language_name(*found),
            dept.settings.locale
        ))
        .at(Span::file(*first));
        if other_language.len() > 1 {
            let rest: Vec<&str> = other_language[1..].iter().map(|(p, _)| *p).collect();
            d = d.help(format!("so do {}", rest.join(", ")));
        }
        out.push(d.help(format!(
            "translate the templates, or set `locale = \"{}\"` in department.toml",
            if *found == baocao_gazetteer::Language::English {
                "en"
            } else {
                "vi"
            }
        )));
    }
}

fn language_name(l: baocao_gazetteer::Language) -> &'static str {
    match l {
        baocao_gazetteer::Language::English => "English",
        baocao_gazetteer::Language::Vietnamese => "Vietnamese",
        _ => "another language",
    }
}

/// The names of other places in a text, each once, in order.
fn foreign(text: &str, region: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for m in baocao_gazetteer::foreign_places(text, region) {
        if !names.iter().any(|n| n == m.name) {
            names.push(m.name.to_owned());
        }
    }
    names
}

/// A template's text with `{# … #}` comments blanked out, lines kept.
fn without_comments(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let end = after.find("#}").map_or(after.len(), |e| e + 2);
        out.extend(after[..end].chars().filter(|c| *c == '\n'));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_named_by_a_template_line() {
        let cases: &[(&str, &[&str])] = &[
            ("{{ data.industry.growth | change }}", &["industry"]),
            (
                "{% if has(\"iip.growth\", 'grdp', what=\"x\") %}",
                &["iip", "grdp"],
            ),
            ("{% set x = mydata.foo %}", &[]),
            (
                "{{ data[id] }} {{ data.a }} {{ data.b_2.c }}",
                &["a", "b_2"],
            ),
            ("{% if has(id) %}", &[]),
        ];
        for (line, want) in cases {
            assert_eq!(named_ids(line), *want, "{line}");
        }
    }

    #[test]
    fn comments_are_blanked_and_lines_kept() {
        let src = "a {# Hà Nội\nxx #} b\nc";
        assert_eq!(without_comments(src), "a \n b\nc");
    }
}
