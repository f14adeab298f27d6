//! What a sheet holds, read as one of the two layouts, into figures with
//! the cells they came from.
//!
//! **Wide**: one row per indicator, a column per period (its header row
//! found below any title rows, possibly two rows deep where a merged
//! "Năm 2024" stands over "Ước tính" and "So cùng kỳ (%)"), a unit column,
//! notes rows at the bottom. **Long**: one row per figure, with columns
//! indicator, period, measure and value.

use std::collections::BTreeMap;

use baocao_dataset::{Approx, Kind, Period, Standard};
use baocao_diagnostic::{Diagnostic, Span};
use rust_decimal::Decimal;

use crate::fold::fold;
use crate::header::{self, Column, Role};
use crate::names;
use crate::number::{Figure, Reading};
use crate::sheet::{Cell, Sheet};

mod long;
mod wide;

/// The two layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per indicator, one column per period.
    Wide,
    /// One row per figure: indicator, period, measure, value.
    Long,
}

/// An observation table of the dataset format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Measure {
    Value,
    /// A level at current prices ("giá hiện hành"), format 1.1; `Value`
    /// is then at constant prices.
    ValueCurrent,
    Index,
    Growth,
    Contribution,
    Share,
    /// Share of the root's level, % ("cơ cấu"), format 1.1.
    Structure,
}

impl Measure {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Measure::Value => "value",
            Measure::Index => "index",
            Measure::Growth => "growth",
            Measure::Contribution => "contribution",
            Measure::Share => "share",
            Measure::Structure => "structure",
            Measure::ValueCurrent => "value_current",
        }
    }
}

/// One figure and where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Obs {
    pub(crate) value: Decimal,
    /// The word before an approximate figure ("hơn 216943").
    pub(crate) approx: Option<Approx>,
    pub(crate) cell: String,
    /// What the comment tells besides the cell.
    pub(crate) remarks: Vec<String>,
}

impl Obs {
    /// The figure as the dataset writes it, without its quotes:
    /// `216943`, or `hơn 216943` for an approximate one.
    pub(crate) fn figure(&self) -> String {
        match self.approx {
            Some(a) => format!("{} {}", a.word(), self.value),
            None => self.value.to_string(),
        }
    }
}

/// One indicator found.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) standard: &'static Standard,
    /// The cell of its label, and the label.
    pub(crate) label: (String, String),
    pub(crate) unit: Option<(String, String)>,
    pub(crate) figures: BTreeMap<Measure, BTreeMap<Period, Obs>>,
}

/// What one sheet gave.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) layout: Layout,
    pub(crate) entries: Vec<Entry>,
    /// The region a title row names: (region, kind, the title's cell).
    pub(crate) region: Option<(String, &'static str, String)>,
    /// A "Nguồn: …" row.
    pub(crate) source: Option<String>,
}

/// Reads a sheet, or says why not; `None` when it has no header row.
pub(crate) fn read(sheet: &Sheet, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Found> {
    let (row, layout) = find_header(sheet)?;
    let mut c = Collector {
        sheet,
        file,
        entries: Vec::new(),
        diags,
    };
    let mut source = None;
    match layout {
        Layout::Wide => wide::read(&mut c, row, &mut source),
        Layout::Long => long::read(&mut c, row),
    }
    let region = (0..row).find_map(|r| {
        (0..sheet.width()).find_map(|col| {
            let (region, kind) = sheet.cell(r, col).text().and_then(region_in)?;
            Some((region, kind, sheet.reference(r, col)))
        })
    });
    let mut entries = c.entries;
    for e in &mut entries {
        current_prices_alone(e);
    }
    Some(Found {
        layout,
        entries,
        region,
        source,
    })
}

/// The levels of an indicator outside the value-added tree (retail sales,
/// exports) given at current prices only are its levels, `value`, as the
/// statistics offices give them: trade is measured at current prices, and
/// its growth too. `value_current` is kept for the value-added tree
/// (GRDP and its sectors), whose growth is at constant prices; and for
/// any indicator that has constant-price levels beside.
fn current_prices_alone(e: &mut Entry) {
    let mut id = Some(e.standard.id);
    let mut value_added = false;
    while let Some(i) = id {
        if i == "grdp" {
            value_added = true;
        }
        id = baocao_dataset::standard(i).and_then(|s| s.parent);
    }
    if value_added || e.figures.contains_key(&Measure::Value) {
        return;
    }
    if let Some(mut current) = e.figures.remove(&Measure::ValueCurrent) {
        for obs in current.values_mut() {
            obs.remarks.push("giá hiện hành".to_owned());
        }
        e.figures.insert(Measure::Value, current);
    }
}

/// The first row that reads as a header: of a long table (indicator,
/// period and value columns), or of a wide one. A wide header has two
/// periods' columns, or one beside a "Chỉ tiêu" or unit header; failing
/// that, any row with a period's column among two cells or more, or
/// right of an empty first cell (a title row is one merged cell from
/// column A, or a label beside one).
fn find_header(sheet: &Sheet) -> Option<(usize, Layout)> {
    let roles = |r: usize| -> Vec<Role> {
        (0..sheet.width())
            .filter_map(|c| sheet.cell(r, c).text().map(header::role))
            .collect()
    };
    let periods = |roles: &[Role]| {
        roles
            .iter()
            .filter(|x| {
                matches!(
                    x,
                    Role::Figures(Column {
                        period: Some(_),
                        ..
                    })
                )
            })
            .count()
    };
    let strict = (0..sheet.rows.len()).find_map(|r| {
        let roles = roles(r);
        let has = |want: &Role| roles.iter().any(|x| x == want);
        if has(&Role::Indicator) && has(&Role::Period) && has(&Role::Value) {
            return Some((r, Layout::Long));
        }
        let n = periods(&roles);
        (n >= 2 || n == 1 && (has(&Role::Indicator) || has(&Role::Unit)))
            .then_some((r, Layout::Wide))
    });
    strict.or_else(|| {
        (0..sheet.rows.len())
            .find(|&r| {
                let roles = roles(r);
                let indented = sheet.cell(r, 0).is_empty();
                periods(&roles) >= 1 && (roles.len() >= 2 || indented)
            })
            .map(|r| (r, Layout::Wide))
    })
}

struct Collector<'a> {
    sheet: &'a Sheet,
    file: &'a str,
    entries: Vec<Entry>,
    diags: &'a mut Vec<Diagnostic>,
}

impl Collector<'_> {
    fn error(&mut self, row: usize, col: usize, message: String) -> &mut Diagnostic {
        let at = self.sheet.reference(row, col);
        self.diags
            .push(Diagnostic::error(format!("{at}: {message}")).at(Span::file(self.file)));
        self.diags.last_mut().expect("just pushed")
    }

    /// The indicator a label cell names, or a problem at it.
    fn indicator(&mut self, row: usize, col: usize) -> Option<usize> {
        let label = match self.sheet.cell(row, col) {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => {
                self.error(
                    row,
                    col,
                    "figures without an indicator: the row has no name".to_owned(),
                );
                return None;
            }
        };
        let Some(standard) = names::find(&label) else {
            let mut message = format!("unknown indicator `{label}`");
            if let Some(s) = names::suggest(&label) {
                message.push_str(&format!("; did you mean `{}` ({})?", s.id, s.name));
            }
            let where_ = self.sheet.reference(row, col);
            let d = self.error(row, col, message);
            d.help.push(format!(
                "write a standard id or its Vietnamese name in {where_} (docs/dataset.md, Standard indicator ids), or delete the row"
            ));
            return None;
        };
        let at = self.sheet.reference(row, col);
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.standard.id == standard.id)
        {
            return Some(i);
        }
        self.entries.push(Entry {
            standard,
            label: (at, label),
            unit: None,
            figures: BTreeMap::new(),
        });
        Some(self.entries.len() - 1)
    }

    /// The figure of a cell, or a problem at it; `None` for a blank.
    fn figure(&mut self, row: usize, col: usize) -> Option<Figure> {
        match self.sheet.cell(row, col).reading() {
            Reading::Blank => None,
            Reading::Figure(f) => Some(f),
            Reading::Text => {
                let text = self
                    .sheet
                    .cell(row, col)
                    .text()
                    .unwrap_or_default()
                    .to_owned();
                let d = self.error(row, col, format!("`{text}` is not a number"));
                if let Some((approx, _)) = crate::number::approx_word(&text) {
                    let word = approx.word();
                    d.help.push(format!(
                        "an approximate figure is the word and a number alone, in the unit of the row: `{word} 24.000`, not `{word} 24 nghìn`"
                    ));
                }
                None
            }
            Reading::BadNumber(text) => {
                self.error(
                    row,
                    col,
                    format!("cannot read `{text}` as a Vietnamese number"),
                )
                .help
                .push("a dot separates thousands (131.500), a comma the decimals (6,52); or store the cell as a number".to_owned());
                None
            }
        }
    }

    /// Records a figure (a level of an index indicator is its index); a
    /// second, different figure for the same place is a problem.
    fn record(
        &mut self,
        entry: usize,
        measure: Measure,
        period: Period,
        figure: Figure,
        (row, col): (usize, usize),
        mut remarks: Vec<String>,
    ) {
        let kind = self.entries[entry].standard.kind;
        if let Some(text) = &figure.from_text {
            remarks.push(format!("text \"{text}\""));
        }
        // A flow's "so cùng kỳ" stays the index it is: format 1.1 holds it
        // as reported and derives the growth (the file then says 1.1).
        let (measure, value) = match (measure, kind) {
            (Measure::Value, Kind::Index) => (Measure::Index, figure.value),
            (m, _) => (m, figure.value),
        };
        let obs = Obs {
            value,
            approx: figure.approx,
            cell: self.sheet.reference(row, col),
            remarks,
        };
        let table = self.entries[entry].figures.entry(measure).or_default();
        match table.get(&period) {
            Some(first) if first.value == obs.value && first.approx == obs.approx => {}
            Some(first) => {
                let message = format!(
                    "{} for {period} is {} here and {} at {}: keep one",
                    measure.as_str(),
                    obs.figure(),
                    first.figure(),
                    first.cell
                );
                self.error(row, col, message);
            }
            None => {
                table.insert(period, obs);
            }
        }
    }

    fn unit(&mut self, entry: usize, row: usize, col: usize) {
        if let Some(t) = self
            .sheet
            .cell(row, col)
            .text()
            .filter(|t| !t.is_empty() && !crate::number::is_blank(t))
        {
            let e = &mut self.entries[entry];
            if e.unit.is_none() && e.standard.kind != Kind::Index && t != "%" {
                e.unit = Some((self.sheet.reference(row, col), unit_text(t)));
            }
        }
    }
}

/// A unit as sentences write it: "Tỷ đồng" as "tỷ đồng", "USD" as it is.
fn unit_text(t: &str) -> String {
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().chain(t.chars().skip(1)).collect()
        }
        _ => t.to_owned(),
    }
}

/// Whether a cell holds a figure, or text meant as one (an approximate
/// figure's word before a number not read as one: "khoảng 24 nghìn").
fn figure_like(cell: &Cell) -> bool {
    match cell.reading() {
        Reading::Figure(_) | Reading::BadNumber(_) => true,
        Reading::Text => cell
            .text()
            .and_then(crate::number::approx_word)
            .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit())),
        Reading::Blank => false,
    }
}

/// Whether a row is a note below the table.
fn is_note(text: &str) -> bool {
    let f = fold(text);
    ["ghi chu", "nguon", "chu thich", "luu y"]
        .iter()
        .any(|p| f.starts_with(p))
}

/// The region a title names ("… THÀNH PHỐ HÀ NỘI NĂM 2024"): the words
/// after "tỉnh", "thành phố" or "TP." up to a period's words.
fn region_in(title: &str) -> Option<(String, &'static str)> {
    use unicode_normalization::UnicodeNormalization as _;
    let original: Vec<&str> = title.split_whitespace().collect();
    // Markers compared with their accents: "tình hình" is no "tỉnh".
    let lower: Vec<String> = original
        .iter()
        .map(|w| w.nfc().flat_map(char::to_lowercase).collect())
        .collect();
    let (start, kind) = lower
        .iter()
        .enumerate()
        .find_map(|(i, w)| match w.as_str() {
            "tỉnh" => Some((i + 1, "Tỉnh")),
            "thành" if lower.get(i + 1).is_some_and(|n| n == "phố") => {
                Some((i + 2, "Thành phố"))
            }
            "tp." | "tp" => Some((i + 1, "Thành phố")),
            _ => None,
        })?;
    let mut words = Vec::new();
    for w in original.iter().skip(start) {
        let f = fold(w);
        let stop = ["nam", "thang", "quy", "giai", "ky"].contains(&f.as_str())
            || f.starts_with(|c: char| c.is_ascii_digit() || "(-–".contains(c));
        if stop {
            break;
        }
        let bare = w.trim_end_matches([',', '.', ':', ';']);
        let mut chars = bare.chars();
        let word: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars.flat_map(char::to_lowercase))
            .collect();
        words.push(word);
        if bare.len() < w.len() {
            break;
        }
    }
    (!words.is_empty()).then(|| (words.join(" "), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_in_titles() {
        assert_eq!(
            region_in("MỘT SỐ CHỈ TIÊU KINH TẾ - XÃ HỘI THÀNH PHỐ HÀ NỘI NĂM 2024"),
            Some(("Hà Nội".to_owned(), "Thành phố"))
        );
        assert_eq!(
            region_in("Biểu 01: Tình hình kinh tế tỉnh Bắc Ninh 9 tháng"),
            Some(("Bắc Ninh".to_owned(), "Tỉnh"))
        );
        assert_eq!(region_in("Chỉ tiêu chủ yếu"), None);
    }

    #[test]
    fn a_title_of_two_cells_is_no_header() {
        let table = "Biểu 01;Tình hình kinh tế năm 2024\nChỉ tiêu;Năm 2024\ngrdp;106\n";
        let sheet = crate::sheet::csv(table.as_bytes()).unwrap();
        assert_eq!(find_header(&sheet), Some((1, Layout::Wide)));
        let bare = crate::sheet::csv(";Năm 2024\ngrdp;106\n".as_bytes()).unwrap();
        assert_eq!(find_header(&bare), Some((0, Layout::Wide)));
    }

    #[test]
    fn units_as_sentences_write_them() {
        assert_eq!(unit_text("Tỷ đồng"), "tỷ đồng");
        assert_eq!(unit_text("USD"), "USD");
        assert_eq!(unit_text("Triệu USD"), "triệu USD");
    }
}
