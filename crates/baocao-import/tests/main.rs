//! The importer on whole tables: a Cục Thống kê annex workbook (wide),
//! a long CSV file, and the rows and headers it cannot place.

#![allow(clippy::unwrap_used, reason = "tests")]

mod annex;
mod format_1_1;
mod long;
mod unplaced;

use std::path::{Path, PathBuf};

use baocao_dataset::{Dataset, Period};

/// The workspace's `tests/datasets/import` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/datasets/import")
}

/// The hand-written dataset the fixtures must give.
pub fn expected() -> Dataset {
    baocao_dataset::read_path(&fixtures().join("hanoi-2024.toml")).unwrap()
}

/// Every figure of a period as JSON, without the places reported
/// figures were read from (a cell's line in one file, another line in
/// the other).
pub fn figures(ds: &Dataset, period: &str) -> serde_json::Value {
    let period: Period = period.parse().unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(&baocao_calc::compute(ds, period).to_json()).unwrap();
    strip_places(&mut json);
    json
}

fn strip_places(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("at");
            map.values_mut().for_each(strip_places);
        }
        serde_json::Value::Array(list) => list.iter_mut().for_each(strip_places),
        _ => {}
    }
}

/// Every figure's value by indicator and measure, what a report prints:
/// where a figure came from (a reported index or a growth typed by hand)
/// is left out, and so is a flow's index, which a table gives as "so cùng
/// kỳ" where the hand-written file gives the growth (its growth, derived,
/// is compared).
fn values(ds: &Dataset, json: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let indicators = json["indicators"].as_object().unwrap();
    for (id, figures) in indicators {
        let index_kind = ds
            .indicators
            .iter()
            .any(|i| i.id.as_str() == id && i.kind == baocao_dataset::Kind::Index);
        for (measure, figure) in figures.as_object().unwrap() {
            let Some(value) = figure.get("value").and_then(|v| v.as_str()) else {
                continue;
            };
            if measure == "index" && !index_kind {
                continue;
            }
            // An approximate figure with its word: "hơn 216943".
            let value = match figure.get("approx").and_then(|a| a.as_str()) {
                Some(word) => format!("{word} {value}"),
                None => value.to_owned(),
            };
            out.push((id.clone(), measure.clone(), value));
        }
    }
    out
}

/// Asserts that an imported dataset's figures equal the hand-written
/// one's, in every period the fixtures have.
pub fn assert_same_figures(imported: &Dataset) {
    let expected = expected();
    assert_eq!(imported.periods(), expected.periods());
    assert_figures_as(imported, &expected, &["2024", "2024-Q4", "2023"]);
}

/// Asserts that an imported dataset's figures and checks equal those of
/// `expected` in `periods`.
pub fn assert_figures_as(imported: &Dataset, expected: &Dataset, periods: &[&str]) {
    for period in periods {
        let (got, want) = (figures(imported, period), figures(expected, period));
        assert_eq!(
            values(imported, &got),
            values(expected, &want),
            "the figures of {period}"
        );
        assert_eq!(got["checks"], want["checks"], "the checks of {period}");
    }
}
