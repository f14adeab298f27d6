//! `baocao check`: everything wrong with a department's data and templates,
//! found in one run and told once.
//!
//! The order is the order a clerk fixes things in: the dataset's errors
//! (nothing else can be checked without it), then the consistency checks
//! of every period the dataset holds, then what the templates make of it
//! (errors, each once however many periods hit it), then leftovers of
//! another department (place names, a template language that is not the
//! report's), and last, as information, the sentences left out for lack of
//! figures, so a clerk knows what to add.

use std::collections::BTreeMap;
use std::path::Path;

use baocao_calc::CheckStatus;
use baocao_config::Department;
use baocao_dataset::{Dataset, Period};

use crate::{DriverError, Job};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// The report cannot be made, or must not be sent as it is.
    Error,
    /// Worth a look: a failed consistency check, leftover prose.
    Warning,
    /// What the report leaves out for lack of figures.
    Info,
}

impl Level {
    /// The word printed before the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub level: Level,
    /// Where: `file:line:col`, `file:line` or a file; `None` for the whole.
    pub at: Option<String>,
    /// What is wrong and what would fix it.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.at {
            Some(at) => write!(f, "{at}: {}: {}", self.level.as_str(), self.message),
            None => write!(f, "{}: {}", self.level.as_str(), self.message),
        }
    }
}

/// What to check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions<'a> {
    /// Only this period; `None`: every period the dataset holds.
    pub period: Option<Period>,
    /// Failed consistency checks are errors, not warnings.
    pub strict: bool,
    /// A dataset to use instead of the department's.
    pub data: Option<&'a Path>,
}

/// Checks a department: its dataset, the consistency of its figures in
/// every period, its templates over every period, leftovers of another
/// department. Findings come in the order described in the module doc.
pub fn check(dept: &Department, options: &CheckOptions<'_>) -> Vec<Finding> {
    let ds = match crate::load_dataset(dept, options.data) {
        Ok(ds) => ds,
        Err(e) => {
            return e
                .diagnostics
                .iter()
                .map(|d| Finding {
                    level: Level::Error,
                    at: d.at.as_ref().map(ToString::to_string),
                    message: d.message.clone(),
                })
                .collect();
        }
    };
    let mut out = Vec::new();
    english_names(dept, &ds, &mut out);
    let periods = match options.period {
        Some(p) => vec![p],
        None => ds.periods(),
    };
    let templates = crate::templates(dept);
    let mut consistency = Vec::new();
    let mut template_errors: Vec<Finding> = Vec::new();
    // (template, what) → (missing figures, periods)
    let mut omitted: BTreeMap<(String, String), (Vec<String>, Vec<Period>)> = BTreeMap::new();
    for period in periods {
        let job = Job {
            templates: Some(&templates),
            ..Job::new(dept, period)
        };
        let figures = std::sync::Arc::new(baocao_calc::compute(&ds, period));
        for c in figures
            .checks
            .iter()
            .filter(|c| c.status == CheckStatus::Failed)
        {
            consistency.push(Finding {
                level: if options.strict {
                    Level::Error
                } else {
                    Level::Warning
                },
                at: ds.indicator(&c.indicator).map(|i| i.at.to_string()),
                message: c.message.clone(),
            });
        }
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
            Ok(made) => {
                for o in made.omitted {
                    let entry = omitted
                        .entry((o.template, o.what))
                        .or_insert_with(|| (o.missing, Vec::new()));
                    entry.1.push(period);
                }
            }
            Err(DriverError::NoData { .. }) => {}
            Err(e) => {
                let finding = template_finding(&e);
                // The same broken line fails every period: told once, with
                // the first period it failed for.
                if !template_errors
                    .iter()
                    .any(|f| f.at == finding.at && f.message.starts_with(&finding.message))
                {
                    let mut finding = finding;
                    finding
                        .message
                        .push_str(&format!(" (writing the {period} report)"));
                    template_errors.push(finding);
                }
            }
        }
    }
    out.extend(consistency);
    out.extend(template_errors);
    let used = used_templates(&templates, &dept.settings.report.template);
    unknown_ids(&templates, &used, &ds, &mut out);
    leftovers(dept, &used, &ds, &mut out);
    for ((template, what), (missing, periods)) in omitted {
        let path = templates.path(&template).unwrap_or(&template).to_owned();
        let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
        let missing: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
        out.push(Finding {
            level: Level::Info,
            at: Some(path),
            message: format!(
                "{what} left out for {}: no {} in the data",
                periods.join(", "),
                missing.join(", ")
            ),
        });
    }
    out
}

/// A failed report as a finding, at the template line when there is one.
fn template_finding(e: &DriverError) -> Finding {
    match e {
        DriverError::Narrative(n) => {
            let d = n.diagnostic();
            Finding {
                level: Level::Error,
                at: d.span.as_ref().map(ToString::to_string),
                message: d.message,
            }
        }
        other => Finding {
            level: Level::Error,
            at: None,
            message: other.to_string(),
        },
    }
}

/// An English report names indicators in English: a dataset's own
/// indicator without `name_en` would be an error in the report (the
/// standard ids have English names of their own).
fn english_names(dept: &Department, ds: &Dataset, out: &mut Vec<Finding>) {
    if dept.settings.locale != "en" {
        return;
    }
    for ind in ds
        .indicators
        .iter()
        .filter(|i| i.name_en.is_none() && baocao_dataset::standard(i.id.as_str()).is_none())
    {
        out.push(Finding {
            level: Level::Error,
            at: Some(ind.at.to_string()),
            message: format!(
                "indicator `{}` has no `name_en`, which an English department needs (it is not a standard id with an English name of its own)",
                ind.id
            ),
        });
    }
}

/// Ids the templates name that are neither the dataset's nor standard:
/// most likely a misspelling, which would leave a sentence out silently.
fn unknown_ids(
    templates: &baocao_narrative::Templates,
    used: &[String],
    ds: &Dataset,
    out: &mut Vec<Finding>,
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
        for (line_no, line) in source.lines().enumerate() {
            for id in named_ids(line) {
                if known.contains(&id) {
                    continue;
                }
                let hint = baocao_suggest::closest(id, known.iter().copied())
                    .map_or_else(String::new, |k| format!("; did you mean `{k}`?"));
                out.push(Finding {
                    level: Level::Warning,
                    at: Some(format!("{path}:{}", line_no + 1)),
                    message: format!(
                        "`{id}` is neither an indicator of the dataset nor a standard id, so what needs it is always left out{hint}"
                    ),
                });
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
fn leftovers(dept: &Department, used: &[String], ds: &Dataset, out: &mut Vec<Finding>) {
    let region = ds.region.as_str();
    for note in &ds.notes {
        let places = foreign(&note.text, region);
        if !places.is_empty() {
            out.push(Finding {
                level: Level::Warning,
                at: Some(note.at.to_string()),
                message: format!(
                    "the `{}` note of {} names {}, not this dataset's region ({region}): prose copied from another department?",
                    note.section,
                    note.year,
                    places.join(", ")
                ),
            });
        }
    }
    let want = match dept.settings.locale.as_str() {
        "en" => baocao_gazetteer::Language::English,
        _ => baocao_gazetteer::Language::Vietnamese,
    };
    for t in dept.templates.iter().filter(|t| used.contains(&t.name)) {
        let visible = without_comments(&t.source);
        for (line_no, line) in visible.lines().enumerate() {
            let places = foreign(line, region);
            if !places.is_empty() {
                out.push(Finding {
                    level: Level::Warning,
                    at: Some(format!("{}:{}", t.path, line_no + 1)),
                    message: format!(
                        "names {}, not this dataset's region ({region}): prose copied from another department?",
                        places.join(", ")
                    ),
                });
            }
        }
        let found = baocao_gazetteer::language_of(&t.source);
        if found != want && found != baocao_gazetteer::Language::Unknown {
            out.push(Finding {
                level: Level::Warning,
                at: Some(t.path.clone()),
                message: format!(
                    "the template reads as {}, but the department's locale is `{}`: the report would mix languages",
                    language_name(found),
                    dept.settings.locale
                ),
            });
        }
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
