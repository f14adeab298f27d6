//! The importer on whole tables: a Cục Thống kê annex workbook (wide),
//! a long CSV file, and the rows and headers it cannot place.

#![allow(clippy::unwrap_used, reason = "tests")]

mod annex;
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

/// Asserts that an imported dataset's figures equal the hand-written
/// one's, in every period the fixtures have.
pub fn assert_same_figures(imported: &Dataset) {
    let expected = expected();
    assert_eq!(imported.periods(), expected.periods());
    for period in ["2024", "2024-Q4", "2023"] {
        assert_eq!(
            figures(imported, period),
            figures(&expected, period),
            "the figures of {period}"
        );
    }
}
