//! The dataset TOML of what a sheet gave: readable, each figure with a
//! comment naming its cell.

use std::fmt::Write as _;

use baocao_dataset::{Kind, Period};

use crate::table::{Entry, Found, Layout, Measure};

/// Where the text came from, for its header comment.
pub(crate) struct Origin<'a> {
    pub(crate) file: &'a str,
    pub(crate) sheet: Option<&'a str>,
    pub(crate) region: &'a str,
    pub(crate) region_kind: Option<&'a str>,
    pub(crate) region_from: Option<&'a str>,
}

/// The text, and for each of its lines that holds a figure (1-based),
/// the cell it came from.
pub(crate) fn dataset(found: &Found, origin: &Origin<'_>) -> (String, Vec<(u32, String)>) {
    let mut out = Lines::default();
    let layout = match found.layout {
        Layout::Wide => "wide: one row per indicator, a column per period",
        Layout::Long => "long: one row per figure",
    };
    let sheet = origin
        .sheet
        .map_or_else(String::new, |s| format!(", sheet `{s}`"));
    out.line(
        &format!(
            "# Imported by `baocao import` from `{}`{sheet} ({layout}).",
            origin.file
        ),
        None,
    );
    out.line(
        "# Each figure names the cell it was read from. The importer sets no",
        None,
    );
    out.line(
        "# `exhaustive`, `weight`, target or note: add them by hand, then run",
        None,
    );
    out.line("# `baocao check` before a report is sent.", None);
    let from_text = found
        .entries
        .iter()
        .flat_map(|e| e.figures.values().flat_map(|t| t.values()))
        .any(|o| o.remarks.iter().any(|r| r.starts_with("text ")));
    if from_text {
        out.line(
            "# Numbers typed as text (\"text …\" below) are read the Vietnamese way:",
            None,
        );
        out.line(
            "# a dot between thousands, a comma before the decimals.",
            None,
        );
    }
    out.line(
        if needs_1_1(found) {
            "format = 1.1"
        } else {
            "format = 1"
        },
        None,
    );
    out.line("", None);
    out.line("[dataset]", None);
    out.pair("region", &quote(origin.region), origin.region_from);
    if let Some(kind) = origin.region_kind {
        out.line(&format!("region_kind = {}", quote(kind)), None);
    }
    if let Some(source) = &found.source {
        out.line(&format!("source = {}", quote(source)), None);
    }
    for entry in &found.entries {
        out.line("", None);
        indicator(&mut out, entry, &found.entries);
    }
    (out.text, out.cells)
}

/// Whether the text holds anything only format 1.1 allows
/// (docs/dataset.md, "What format 1.1 adds"), so that it must say
/// `format = 1.1`: the first 2 or 4 months, an index of a flow or a stock,
/// a structure, levels at current prices, an approximate figure. A file
/// that has none says `format = 1`, which any baocao reads.
fn needs_1_1(found: &Found) -> bool {
    found.entries.iter().any(|e| {
        e.figures.iter().any(|(measure, table)| {
            let measure_1_1 = match measure {
                Measure::Index => matches!(e.standard.kind, Kind::Flow | Kind::Stock),
                Measure::Structure | Measure::ValueCurrent => true,
                Measure::Value | Measure::Growth | Measure::Contribution | Measure::Share => false,
            };
            measure_1_1
                || table.iter().any(|(period, obs)| {
                    matches!(period, Period::Months(_, 2 | 4)) || obs.approx.is_some()
                })
        })
    })
}

fn indicator(out: &mut Lines, e: &Entry, all: &[Entry]) {
    let s = e.standard;
    let (at, label) = &e.label;
    out.line(&format!("# {at}: {}", one_line(label)), None);
    out.line("[[indicator]]", Some(at.clone()));
    let mut block: Vec<(String, Option<String>, Option<String>)> = vec![
        (format!("id = {}", quote(s.id)), None, None),
        (format!("name = {}", quote(s.name)), None, None),
        (format!("kind = {}", quote(s.kind.as_str())), None, None),
    ];
    if let Some(parent) = s.parent.filter(|p| all.iter().any(|o| o.standard.id == *p)) {
        block.push((format!("parent = {}", quote(parent)), None, None));
    }
    if let Some((cell, unit)) = &e.unit {
        block.push((format!("unit = {}", quote(unit)), Some(cell.clone()), None));
    }
    for (measure, table) in &e.figures {
        for (period, obs) in table {
            let mut comment = obs.cell.clone();
            if !obs.remarks.is_empty() {
                comment.push_str(", ");
                comment.push_str(&obs.remarks.join(", "));
            }
            let figure = match obs.approx {
                Some(_) => quote(&obs.figure()),
                None => obs.figure(),
            };
            block.push((
                format!("{}.{period} = {figure}", measure.as_str()),
                Some(comment),
                Some(obs.cell.clone()),
            ));
        }
    }
    let width = block
        .iter()
        .filter(|(_, comment, _)| comment.is_some())
        .map(|(l, _, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    for (line, comment, cell) in block {
        match comment {
            Some(c) => {
                let pad = width - line.chars().count();
                out.line(&format!("{line}{:pad$}  # {c}", ""), cell);
            }
            None => out.line(&line, None),
        }
    }
}

#[derive(Default)]
struct Lines {
    text: String,
    cells: Vec<(u32, String)>,
    count: u32,
}

impl Lines {
    fn line(&mut self, line: &str, cell: Option<String>) {
        self.count += 1;
        if let Some(cell) = cell {
            self.cells.push((self.count, cell));
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn pair(&mut self, key: &str, value: &str, comment: Option<&str>) {
        let mut line = format!("{key} = {value}");
        if let Some(c) = comment {
            let _ = write!(line, "  # {c}");
        }
        self.line(&line, None);
    }
}

/// Text on one line (a label with a line break in its cell).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A TOML basic string.
fn quote(text: &str) -> String {
    let mut q = String::with_capacity(text.len() + 2);
    q.push('"');
    for c in text.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04X}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use baocao_dataset::Approx;

    use super::*;
    use crate::table::Obs;

    /// A table of one indicator with one figure.
    fn one(id: &str, measure: Measure, period: &str, approx: Option<Approx>) -> Found {
        let obs = Obs {
            value: rust_decimal::Decimal::ONE_HUNDRED,
            approx,
            cell: "A1".to_owned(),
            remarks: Vec::new(),
        };
        let figures = [(measure, [(period.parse().unwrap(), obs)].into())].into();
        Found {
            layout: Layout::Wide,
            entries: vec![Entry {
                standard: baocao_dataset::standard(id).unwrap(),
                label: ("A1".to_owned(), id.to_owned()),
                unit: None,
                figures,
            }],
            region: None,
            source: None,
        }
    }

    #[test]
    fn the_format_is_1_1_when_anything_of_1_1_is_written() {
        use Measure::*;
        let v1_1 = [
            one("iip", Index, "2025-2M", None),
            one("retail", Value, "2024-4M", None),
            one("grdp", Index, "2024", None),
            one("services", Structure, "2024", None),
            one("grdp", ValueCurrent, "2024", None),
            one("grdp", Value, "2024", Some(Approx::MoreThan)),
        ];
        for found in &v1_1 {
            assert!(needs_1_1(found), "{found:?}");
        }
        for found in [
            one("iip", Index, "2024", None),
            one("retail", Value, "2024-5M", None),
            one("grdp", Growth, "2024-Q1", None),
            one("services", Share, "2024", None),
        ] {
            assert!(!needs_1_1(&found), "{found:?}");
        }
    }

    #[test]
    fn quotes() {
        assert_eq!(quote("Hà \"Nội\"\\"), "\"Hà \\\"Nội\\\"\\\\\"");
        assert_eq!(quote("a\u{1}"), "\"a\\u0001\"");
    }
}
