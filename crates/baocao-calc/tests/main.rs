//! The engine, row by row of the spec's table, with hand-computed cases.

#![allow(clippy::unwrap_used, reason = "tests")]

mod api;
mod checks;
mod end_to_end;
mod format_1_1;
mod fuzz;
mod limits;
mod no_panic;
mod plausible;
mod properties;
mod rows;
mod targets;

use baocao_calc::{Figures, Measure};
use rust_decimal::Decimal;

/// Reads a dataset written in a test and computes one period.
pub fn compute(toml: &str, period: &str) -> Figures {
    compute_in("1", toml, period)
}

/// [`compute`] for a dataset of format 1.1 (`structure`, `value_current`,
/// approximate figures, `contribution_to_year`).
pub fn compute_1_1(toml: &str, period: &str) -> Figures {
    compute_in("1.1", toml, period)
}

/// Reads a dataset of the format given, written in a test, and computes
/// one period.
fn compute_in(format: &str, toml: &str, period: &str) -> Figures {
    let text = format!("format = {format}\n[dataset]\nregion = \"Test\"\n{toml}");
    let ds = baocao_dataset::read_str(&text, "test.toml").unwrap_or_else(|e| panic!("{e}"));
    baocao_calc::compute(&ds, period.parse().unwrap())
}

/// One expected figure: indicator, measure, the value rounded to 10
/// decimals (or exactly), and the rule that gave it.
pub fn check(figures: &Figures, expected: &[(&str, Measure, &str, &str)]) {
    for (id, m, value, rule) in expected {
        let ind = figures
            .get(id)
            .unwrap_or_else(|| panic!("no figures for {id}"));
        let fig = ind
            .figure(*m)
            .unwrap_or_else(|| panic!("{id}.{m} is absent; have {ind:#?}"));
        let got = fig.value().round_dp(10).normalize();
        let want: Decimal = value.parse().unwrap();
        assert_eq!(got, want.normalize(), "{id}.{m} ({})", fig.formula);
        assert_eq!(fig.rule.as_str(), *rule, "{id}.{m}");
    }
}

/// An indicator block.
pub fn ind(id: &str, kind: &str, extra: &str) -> String {
    let unit = if kind == "index" {
        ""
    } else {
        "unit = \"tỷ đồng\"\n"
    };
    format!("[[indicator]]\nid = \"{id}\"\nname = \"{id}\"\nkind = \"{kind}\"\n{unit}{extra}\n")
}
