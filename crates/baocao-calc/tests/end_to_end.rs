//! The fixtures of `tests/fixtures/`, end to end: each file is a dataset
//! followed by an `[expected]` section holding, with its arithmetic in
//! comments, the part of the figures JSON that matters. The dataset is
//! computed (`compute`, then `Figures::to_json`), the JSON parsed, and the
//! expected part compared with it as JSON values. Adding a case is adding a
//! file.
//!
//! The `[expected]` section (see `tests/fixtures/README.md`):
//! - `period` (required): the period computed, also compared with the
//!   JSON's own `period`;
//! - `indicators.<id>.<key>`: compared as a subset, recursively: each key
//!   written must be in the JSON with that value; keys not written are not
//!   looked at, so that what is added elsewhere breaks nothing. Arrays and
//!   scalars are compared whole. A string `"≈12.5767"` matches a decimal
//!   that rounds (half away from zero) to it at the decimals written. A
//!   figure (`growth = { … }`) must say its `value` and `rule`, and a
//!   derived one its `from`;
//! - `absent`: `"<id>.<key>"` that must not be in the JSON (a figure that
//!   cannot be derived is absent, never a made-up 0);
//! - `[[expected.checks]]`: each must match (as a subset) a check of its
//!   own, and every failed check must be one of them: no failure goes
//!   unexpected. With `all_checks = true`, every check, ok or failed, must
//!   be one of them.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Map, Value};

/// Where the fixtures are.
fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// One fixture file, read and split.
struct Fixture {
    /// The file name, as the dataset's locations say it.
    name: String,
    /// The dataset: the file up to its `[expected]` section, so that lines
    /// and columns are the file's own.
    dataset: String,
    /// The `[expected]` section, as JSON.
    expected: Map<String, Value>,
}

/// Every fixture, by file name.
fn fixtures() -> Vec<Fixture> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir().display());
    paths.iter().map(|p| read(p)).collect()
}

fn read(path: &Path) -> Fixture {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let at = text
        .match_indices("[expected")
        .map(|(at, _)| at)
        .find(|&at| at == 0 || text[..at].ends_with('\n'))
        .unwrap_or_else(|| panic!("{name}: no [expected] section"));
    let (dataset, rest) = text.split_at(at);
    let table: toml::Table = toml::from_str(rest).unwrap_or_else(|e| panic!("{name}: {e}"));
    let Value::Object(mut top) = serde_json::to_value(table).unwrap() else {
        unreachable!("a TOML table is a JSON object")
    };
    let Some(Value::Object(expected)) = top.remove("expected") else {
        panic!("{name}: [expected] must be the last section, and a table")
    };
    assert!(top.is_empty(), "{name}: only [expected…] may follow it");
    Fixture {
        name,
        dataset: dataset.to_owned(),
        expected,
    }
}

/// The figures JSON of a fixture, parsed.
fn figures(f: &Fixture) -> Value {
    let period = f.expected["period"]
        .as_str()
        .unwrap_or_else(|| panic!("{}: expected.period is a string", f.name));
    let ds = baocao_dataset::read_str(&f.dataset, &f.name)
        .unwrap_or_else(|e| panic!("{}: the dataset does not read: {e}", f.name));
    let figures = baocao_calc::compute(&ds, period.parse().unwrap());
    serde_json::from_str(&figures.to_json()).unwrap()
}

/// A decimal written as a string, when it is one.
fn decimal(v: &Value) -> Option<Decimal> {
    v.as_str()?.parse().ok()
}

/// Whether `actual` is `expected`: equal JSON, or for `"≈…"`, a decimal
/// that rounds to it.
fn same(expected: &Value, actual: &Value) -> bool {
    if let Some(about) = expected.as_str().and_then(|s| s.strip_prefix('≈')) {
        let want: Decimal = about.parse().unwrap_or_else(|_| panic!("≈ of {about}"));
        return decimal(actual).is_some_and(|got| {
            got.round_dp_with_strategy(want.scale(), RoundingStrategy::MidpointAwayFromZero) == want
        });
    }
    expected == actual
}

/// Compares `expected` with `actual` as a subset, writing each difference
/// to `errors` with its path.
fn subset(path: &str, expected: &Value, actual: &Value, errors: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => subset(&p, ev, av, errors),
                    None => errors.push(format!("{p}: missing, expected {ev}")),
                }
            }
        }
        _ if same(expected, actual) => {}
        _ => errors.push(format!("{path}: expected {expected}, found {actual}")),
    }
}

/// Whether `actual` has every key of `expected` with its value.
fn matches(expected: &Value, actual: &Value) -> bool {
    let mut errors = Vec::new();
    subset("", expected, actual, &mut errors);
    errors.is_empty()
}

const MEASURES: [&str; 7] = [
    "value",
    "previous",
    "index",
    "growth",
    "contribution",
    "share",
    "structure",
];

/// A fixture that forgets what a figure must say is a fixture bug.
fn well_formed(f: &Fixture) {
    let Some(Value::Object(indicators)) = f.expected.get("indicators") else {
        return;
    };
    for (id, ind) in indicators {
        for (key, fig) in ind.as_object().unwrap() {
            if !MEASURES.contains(&key.as_str()) {
                continue;
            }
            let has = |k: &str| fig.get(k).is_some();
            assert!(
                has("value") && has("rule"),
                "{}: {id}.{key} must say its value and rule",
                f.name
            );
            let reported = fig["rule"]
                .as_str()
                .is_some_and(|r| r.starts_with("reported"));
            assert!(
                reported || has("from"),
                "{}: {id}.{key} is derived: say what `from`",
                f.name
            );
        }
    }
}

/// What every figure of any output must be: reported, with the place it
/// was written and nothing else to say where it came from; or derived,
/// with its formula and the figures it came from, and no place.
fn provenance(actual: &Value, errors: &mut Vec<String>) {
    for (id, ind) in actual["indicators"].as_object().unwrap() {
        for m in MEASURES {
            let Some(fig) = ind.get(m) else { continue };
            let rule = fig["rule"].as_str().unwrap_or_default();
            let reported = rule == "reported" || rule == "reported_previous";
            let origin = if reported { "reported" } else { "derived" };
            let keys: BTreeSet<&str> = fig
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            let want: BTreeSet<&str> = if reported {
                BTreeSet::from(["at", "origin", "rule", "value"])
            } else {
                BTreeSet::from(["formula", "from", "origin", "rule", "value"])
            };
            if fig["origin"] != origin || keys != want {
                errors.push(format!("indicators.{id}.{m}: a {origin} figure as {fig}"));
            }
        }
    }
}

/// Every difference between a fixture's expectations and its figures.
fn differences(f: &Fixture, actual: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    provenance(actual, &mut errors);
    let mut plain = f.expected.clone();
    let checks = plain.remove("checks");
    let absent = plain.remove("absent");
    let all_checks = plain.remove("all_checks") == Some(Value::Bool(true));
    subset("", &Value::Object(plain), actual, &mut errors);

    for what in absent.iter().flat_map(|a| a.as_array().unwrap()) {
        let what = what.as_str().unwrap();
        let (id, key) = what.split_once('.').unwrap();
        if let Some(v) = actual["indicators"].get(id).and_then(|i| i.get(key)) {
            errors.push(format!("indicators.{what}: should be absent, found {v}"));
        }
    }

    let found = actual["checks"].as_array().unwrap();
    let mut used = vec![false; found.len()];
    for (n, want) in checks
        .iter()
        .flat_map(|c| c.as_array().unwrap())
        .enumerate()
    {
        let hit = (0..found.len()).find(|&k| !used[k] && matches(want, &found[k]));
        match hit {
            Some(k) => used[k] = true,
            None => errors.push(format!(
                "checks[{n}]: no check matches {want}; the checks are {}",
                serde_json::to_string_pretty(found).unwrap()
            )),
        }
    }
    for (c, _) in found.iter().zip(&used).filter(|(_, used)| !**used) {
        if all_checks || c["status"] == "failed" {
            errors.push(format!("an unexpected check: {c}"));
        }
    }
    errors
}

#[test]
fn every_fixture_gives_its_expected_figures() {
    let mut report = String::new();
    for f in fixtures() {
        well_formed(&f);
        let actual = figures(&f);
        let errors = differences(&f, &actual);
        if !errors.is_empty() {
            writeln!(report, "\n{}:", f.name).unwrap();
            for e in errors {
                writeln!(report, "  {e}").unwrap();
            }
        }
    }
    assert!(report.is_empty(), "fixtures that disagree:{report}");
}

/// Every rule of "What the engine derives", reported figures included.
const RULES: [&str; 16] = [
    "reported",
    "reported_previous",
    "growth_from_index",
    "growth_from_levels",
    "index_from_growth",
    "index_from_children",
    "previous_from_growth",
    "value_from_previous",
    "sum_of_children",
    "residual",
    "contribution_of_root",
    "contribution_from_levels",
    "contribution_from_weights",
    "contribution_from_share",
    "share_from_contribution",
    "structure",
];

/// Every kind of check the engine can make: a measure and the rule of the
/// other way of getting it. Two pairs never meet (`docs/testing.md`): a
/// level is checked before its previous level and growth, so
/// `previous_previous_from_growth` is always the level's
/// `value_value_from_previous` first, and an index before its growth.
const CHECKS: [&str; 16] = [
    "value_sum_of_children",
    "value_value_from_previous",
    "value_residual",
    "previous_sum_of_children",
    "previous_residual",
    "index_index_from_children",
    "index_index_from_growth",
    "growth_growth_from_levels",
    "contribution_contribution_of_root",
    "contribution_contribution_from_levels",
    "contribution_contribution_from_weights",
    "contribution_contribution_from_share",
    "contribution_sum_of_children",
    "contribution_residual",
    "share_share_from_contribution",
    "share_sum_of_children",
];

/// The problems met while deriving: always failed.
const PROBLEMS: [&str; 5] = [
    "division_by_zero_growth",
    "division_by_zero_previous",
    "division_by_zero_contribution",
    "parts_above_whole_value",
    "parts_above_whole_previous",
];

/// Every rule gives a figure in some fixture, and every kind of check both
/// holds and fails in some fixture.
#[test]
fn the_fixtures_cover_every_rule_and_check() {
    let mut rules = BTreeSet::new();
    let mut checks = BTreeSet::new();
    for f in fixtures() {
        if let Some(Value::Object(indicators)) = f.expected.get("indicators") {
            for ind in indicators.values() {
                for (key, fig) in ind.as_object().unwrap() {
                    if MEASURES.contains(&key.as_str()) {
                        rules.insert((key.clone(), fig["rule"].as_str().unwrap().to_owned()));
                    }
                }
            }
        }
        for c in f
            .expected
            .get("checks")
            .iter()
            .flat_map(|c| c.as_array().unwrap())
        {
            let rule = c["rule"].as_str().unwrap().to_owned();
            checks.insert((rule, c["status"].as_str().unwrap().to_owned()));
        }
    }
    let missing: Vec<&str> = RULES
        .into_iter()
        .filter(|r| !rules.iter().any(|(_, got)| got == r))
        .collect();
    assert!(missing.is_empty(), "rules no fixture expects: {missing:?}");
    // The sums of children, of each measure they apply to.
    for m in ["value", "previous", "contribution"] {
        for r in ["sum_of_children", "residual"] {
            assert!(
                rules.contains(&(m.to_owned(), r.to_owned())),
                "no fixture expects a {m} by {r}"
            );
        }
    }
    let mut missing = Vec::new();
    for c in CHECKS {
        for status in ["ok", "failed"] {
            if !checks.contains(&(c.to_owned(), status.to_owned())) {
                missing.push(format!("{c} {status}"));
            }
        }
    }
    for c in PROBLEMS {
        if !checks.contains(&(c.to_owned(), "failed".to_owned())) {
            missing.push(c.to_owned());
        }
    }
    assert!(missing.is_empty(), "checks no fixture expects: {missing:?}");
}
