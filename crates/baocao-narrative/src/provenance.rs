//! Where a figure came from, in the report's language and as data.
//!
//! The engine records each figure's origin for people who check: the
//! place it was written, or its rule and the figures it read
//! (`industry.contribution / grdp.growth × 100`). That is the engine's
//! English and the dataset's ids; a reader of a Vietnamese report who
//! hovers over a figure wants "Tính: đóng góp ngành công nghiệp ÷ tăng
//! trưởng GRDP × 100", and a file named relative to the department's
//! folder, never a path of the machine that made the report (two runs of
//! the same department, named by an absolute or a relative path, give the
//! same bytes). Each figure run of the document carries both: the words
//! (`provenance`, what every exporter shows) and the same as data
//! ([`baocao_document::Source`], for exporters that show it their own way).

use std::sync::Arc;

use baocao_calc::{Figure, Measure, Rule};
use baocao_dataset::{Location, Period};
use baocao_document::{Inline, Source};

use crate::template::Shared;

/// How a report names the files figures were written in: the driver
/// names them relative to the department's folder. Without it, a file is
/// named as the dataset's reader was given it.
#[derive(Clone)]
pub struct SourceNames(pub Arc<dyn Fn(&str) -> String + Send + Sync>);

impl std::fmt::Debug for SourceNames {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SourceNames(..)")
    }
}

/// What a figure is, for its provenance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Of<'a> {
    /// The indicator's id.
    pub(crate) id: &'a str,
    /// The measure.
    pub(crate) measure: Measure,
    /// The period of the figure (a quarter of a year's report, say).
    pub(crate) period: Period,
}

impl Shared {
    /// The name of a dataset file as the report prints it.
    fn file_name(&self, at: &Location) -> String {
        // A table's cell: "bieu.xlsx: Sheet1!C7" names the file, then the cell.
        let (file, cell) = match (at.line, at.file.split_once(": ")) {
            (0, Some((file, cell))) => (file, Some(cell)),
            _ => (&*at.file, None),
        };
        let name = match &self.source_names {
            Some(names) => (names.0)(file),
            None => file.to_owned(),
        };
        match cell {
            Some(cell) => format!("{name}: {cell}"),
            None => name,
        }
    }

    /// A figure run: the figure as printed, its exact value, and where it
    /// came from in words and as data.
    pub(crate) fn figure_run(&self, of: Of<'_>, fig: &Figure, text: String) -> Inline<'static> {
        let text = match fig.approx {
            Some(word) => format!("{} {text}", self.locale.approx(word)),
            None => text,
        };
        let (words, source) = self.provenance(of, fig);
        Inline::sourced_figure(text, fig.value().normalize().to_string(), words, source)
    }

    /// A figure's provenance: the words and the data.
    pub(crate) fn provenance(&self, of: Of<'_>, fig: &Figure) -> (String, Source<'static>) {
        let en = self.locale.is_english();
        let kind = if fig.is_reported() {
            "reported"
        } else if fig.rule == Rule::Residual {
            "residual"
        } else {
            "derived"
        };
        let (file, line) = fig
            .at
            .as_ref()
            .map_or((String::new(), 0), |at| (self.file_name(at), at.line));
        let formula = if fig.is_reported() {
            String::new()
        } else {
            self.formula(fig)
        };
        let words = match kind {
            "reported" => {
                let head = if en { "Reported" } else { "Số báo cáo" };
                place(head, &file, line, en)
            }
            "residual" if en => format!("Derived (the remainder): {formula}"),
            "residual" => format!("Tính (phần còn lại): {formula}"),
            _ if en => format!("Derived: {formula}"),
            _ => format!("Tính: {formula}"),
        };
        let source = Source {
            kind: kind.into(),
            indicator: of.id.to_owned().into(),
            measure: of.measure.as_str().into(),
            period: of.period.to_string().into(),
            file: file.into(),
            line,
            rule: fig.rule.as_str().into(),
            formula: formula.into(),
            inputs: fig.from.iter().map(|f| f.clone().into()).collect(),
        };
        (words, source)
    }

    /// A target's provenance: the plan of a year, where it was written.
    pub(crate) fn target_provenance(
        &self,
        indicator: &str,
        year: i32,
        at: &Location,
    ) -> (String, Source<'static>) {
        let en = self.locale.is_english();
        let file = self.file_name(at);
        let head = if en {
            format!("Target for {year}")
        } else {
            format!("Chỉ tiêu kế hoạch năm {year}")
        };
        let words = place(&head, &file, at.line, en);
        let source = Source {
            kind: "target".into(),
            indicator: indicator.to_owned().into(),
            measure: "target".into(),
            period: year.to_string().into(),
            file: file.into(),
            line: at.line,
            rule: "reported".into(),
            formula: "".into(),
            inputs: Vec::new(),
        };
        (words, source)
    }

    /// Provenance in words of a figure computed from others of the table
    /// it is in (a target's "% so KH"): "Tính: thực hiện ÷ kế hoạch × 100".
    pub(crate) fn computed(&self, vi: &str, en: &str) -> String {
        if self.locale.is_english() {
            format!("Derived: {en}")
        } else {
            format!("Tính: {vi}")
        }
    }

    /// The formula of a derived figure in words, with the names of the
    /// figures it read: "đóng góp ngành công nghiệp ÷ tăng trưởng GRDP × 100".
    fn formula(&self, fig: &Figure) -> String {
        let en = self.locale.is_english();
        let n: Vec<String> = fig.from.iter().map(|f| self.input_name(f)).collect();
        let at = |i: usize| n.get(i).map_or("?", String::as_str);
        let whole = if en {
            "the whole: 100"
        } else {
            "toàn bộ: 100"
        };
        match fig.rule {
            Rule::SumOfChildren => n.join(" + "),
            Rule::Residual => n.join(" − "),
            Rule::ValueFromPrevious => format!("{} × (1 + {} ÷ 100)", at(0), at(1)),
            Rule::PreviousFromGrowth => format!("{} ÷ (1 + {} ÷ 100)", at(0), at(1)),
            Rule::IndexFromChildren if en => {
                format!("the mean of {} weighted by their weights", n.join(", "))
            }
            Rule::IndexFromChildren => format!("bình quân gia quyền của {}", n.join(", ")),
            Rule::IndexFromGrowth => format!("100 + {}", at(0)),
            Rule::GrowthFromIndex => format!("{} − 100", at(0)),
            Rule::GrowthFromLevels => format!("{} ÷ {} × 100 − 100", at(0), at(1)),
            Rule::ContributionOfRoot if en => format!("equal to {}", at(0)),
            Rule::ContributionOfRoot => format!("bằng {}", at(0)),
            Rule::ContributionFromLevels | Rule::ContributionToYear => {
                format!("({} − {}) ÷ {} × 100", at(0), at(1), at(2))
            }
            Rule::ContributionFromWeights if en => {
                format!("weight × ({} − 100) ÷ the sum of the weights", at(0))
            }
            Rule::ContributionFromWeights => {
                format!("quyền số × ({} − 100) ÷ tổng quyền số", at(0))
            }
            Rule::ContributionFromShare => format!("{} × {} ÷ 100", at(0), at(1)),
            Rule::ShareFromContribution => format!("{} ÷ {} × 100", at(0), at(1)),
            Rule::Structure | Rule::StructureAtCurrentPrices if n.len() == 1 => whole.to_owned(),
            Rule::Structure | Rule::StructureAtCurrentPrices => {
                format!("{} ÷ {} × 100", at(0), at(1))
            }
            Rule::StructureOfRoot => whole.to_owned(),
            // A rule of a later engine: its own formula, as it wrote it.
            _ => fig.formula.clone(),
        }
    }

    /// "tăng trưởng GRDP", "đóng góp ngành công nghiệp", "giá trị GRDP
    /// quý II năm 2024"; "growth of GRDP", "contribution of industry": the
    /// name of an input as the engine names it (`grdp.growth`,
    /// `grdp.value of 2024-Q2`).
    fn input_name(&self, input: &str) -> String {
        let en = self.locale.is_english();
        let (figure, period) = match input.split_once(" of ") {
            Some((f, p)) => (f, p.parse::<Period>().ok()),
            None => (input, None),
        };
        let Some((id, measure)) = figure.split_once('.') else {
            return input.to_owned();
        };
        let name = self.short_name(id);
        // "chỉ số giá tiêu dùng", not "chỉ số chỉ số giá tiêu dùng".
        if measure == "index" && !en && name.to_lowercase().starts_with("chỉ số") {
            let mut out = name;
            if let Some(p) = period {
                out.push(' ');
                out.push_str(&self.locale.period_label(p));
            }
            return out;
        }
        let mut out = match (measure, en) {
            ("value", false) => format!("giá trị {name}"),
            ("previous", false) => format!("giá trị cùng kỳ {name}"),
            ("value_current", false) => format!("giá trị theo giá hiện hành {name}"),
            ("index", false) => format!("chỉ số {name}"),
            ("growth", false) => format!("tăng trưởng {name}"),
            ("contribution", false) => format!("đóng góp {name}"),
            ("share", false) => format!("tỷ trọng đóng góp {name}"),
            ("structure", false) => format!("cơ cấu {name}"),
            ("value", true) => format!("value of {name}"),
            ("previous", true) => format!("{name} a year earlier"),
            ("value_current", true) => format!("{name} at current prices"),
            ("index", true) => format!("index of {name}"),
            ("growth", true) => format!("growth of {name}"),
            ("contribution", true) => format!("contribution of {name}"),
            ("share", true) => format!("share of {name} in the growth"),
            ("structure", true) => format!("structure of {name}"),
            _ => return input.to_owned(),
        };
        if let Some(p) = period {
            out.push(' ');
            out.push_str(&self.locale.period_label(p));
        }
        out
    }

    /// An indicator's name in a formula: its abbreviation when its name
    /// ends with one ("Tổng sản phẩm trên địa bàn (GRDP)" → "GRDP"), else
    /// its name in the report's language, else its id.
    fn short_name(&self, id: &str) -> String {
        let name = self.name_of(id).unwrap_or_else(|| id.to_owned());
        let short = name
            .trim_end()
            .strip_suffix(')')
            .and_then(|s| s.rsplit_once('('))
            .map(|(_, abbr)| abbr)
            .filter(|a| {
                a.len() >= 2
                    && a.chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            });
        match short {
            Some(abbr) => abbr.to_owned(),
            None => name,
        }
    }
}

/// "Số báo cáo, data/hanoi.toml dòng 54"; "Reported, data/hanoi.toml
/// line 54"; the file alone for a table's cell, the head alone without
/// a file.
fn place(head: &str, file: &str, line: u32, en: bool) -> String {
    match (file.is_empty(), line) {
        (true, _) => head.to_owned(),
        (false, 0) => format!("{head}, {file}"),
        (false, line) if en => format!("{head}, {file} line {line}"),
        (false, line) => format!("{head}, {file} dòng {line}"),
    }
}
