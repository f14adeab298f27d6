//! Target verdicts: every operator × good direction × position of the
//! figure (below, at each bound, inside, above), then end to end through
//! a dataset: the status, the margin and "% so KH".

use baocao_calc::{Better, Op, TargetStatus, judge_value};
use rust_decimal::Decimal;

use crate::{compute, ind};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// One row of the verdict table: op, value, upper, better, actual → status,
/// margin.
type Case = (
    Op,
    &'static str,
    Option<&'static str>,
    Better,
    &'static str,
    TargetStatus,
    &'static str,
);

/// (op, value, upper, better, actual) → (status, margin).
#[test]
fn every_operator_direction_and_position() {
    use Better::{Higher, Lower};
    use Op::{Above, AtLeast, AtMost, Below, Between};
    use TargetStatus::{Exceeded, Met, NotMet};
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // ">= 6.95", higher is better: a floor to clear; above it is "vượt".
        (AtLeast, "6.95", None, Higher, "6.9", NotMet, "-0.05"),
        (AtLeast, "6.95", None, Higher, "6.95", Met, "0"),
        (AtLeast, "6.95", None, Higher, "7.2", Exceeded, "0.25"),
        // "> 5": at the bound is not above it.
        (Above, "5", None, Higher, "4", NotMet, "-1"),
        (Above, "5", None, Higher, "5", NotMet, "0"),
        (Above, "5", None, Higher, "5.01", Exceeded, "0.01"),
        // A floor on an indicator where lower is better: met or not.
        (AtLeast, "90", None, Lower, "89", NotMet, "-1"),
        (AtLeast, "90", None, Lower, "90", Met, "0"),
        (AtLeast, "90", None, Lower, "95", Met, "5"),
        (Above, "90", None, Lower, "90", NotMet, "0"),
        (Above, "90", None, Lower, "91", Met, "1"),
        // "< 4.5" on CPI: held below the cap is met, never "vượt".
        (Below, "4.5", None, Lower, "3.6", Met, "0.9"),
        (Below, "4.5", None, Lower, "4.5", NotMet, "0"),
        (Below, "4.5", None, Lower, "4.6", NotMet, "-0.1"),
        // "<= 4.5": at the cap is held.
        (AtMost, "4.5", None, Lower, "4.4", Met, "0.1"),
        (AtMost, "4.5", None, Lower, "4.5", Met, "0"),
        (AtMost, "4.5", None, Lower, "4.51", NotMet, "-0.01"),
        // A cap on an indicator where higher is better is still a cap.
        (Below, "10", None, Higher, "9", Met, "1"),
        (Below, "10", None, Higher, "11", NotMet, "-1"),
        (AtMost, "10", None, Higher, "10", Met, "0"),
        (AtMost, "10", None, Higher, "10.5", NotMet, "-0.5"),
        // GRDP 6.5–7, higher is better: above the range is "vượt".
        (Between, "6.5", Some("7"), Higher, "6.4", NotMet, "-0.1"),
        (Between, "6.5", Some("7"), Higher, "6.5", Met, "0"),
        (Between, "6.5", Some("7"), Higher, "6.52", Met, "0.02"),
        (Between, "6.5", Some("7"), Higher, "7", Met, "0.5"),
        (Between, "6.5", Some("7"), Higher, "7.51", Exceeded, "0.51"),
        // CPI 3.5–4, lower is better: below the range is held, above is not.
        (Between, "3.5", Some("4"), Lower, "3.2", Met, "0.3"),
        (Between, "3.5", Some("4"), Lower, "3.5", Met, "0.5"),
        (Between, "3.5", Some("4"), Lower, "3.8", Met, "0.2"),
        (Between, "3.5", Some("4"), Lower, "4", Met, "0"),
        (Between, "3.5", Some("4"), Lower, "4.2", NotMet, "-0.2"),
        // A range written upside down means the same range.
        (Between, "7", Some("6.5"), Higher, "7.51", Exceeded, "0.51"),
        (Between, "7", Some("6.5"), Higher, "6.4", NotMet, "-0.1"),
        // Negative figures: a floor of a fall (exports "giảm không quá 2%").
        (AtLeast, "-2", None, Higher, "-1.5", Exceeded, "0.5"),
        (AtLeast, "-2", None, Higher, "-2.5", NotMet, "-0.5"),
    ];
    for (op, value, upper, better, actual, status, margin) in cases {
        let got = judge_value(d(actual), *op, d(value), upper.map(d), *better);
        let want = Some((*status, d(margin)));
        assert_eq!(
            got.map(|(s, m)| (s, m.normalize())),
            want.map(|(s, m)| (s, m.normalize())),
            "{op:?} {value} {upper:?} ({better:?}) with {actual}"
        );
    }
}

fn target(
    year: i32,
    id: &str,
    measure: &str,
    op: &str,
    value: &str,
    upper: Option<&str>,
) -> String {
    let upper = upper.map_or(String::new(), |u| format!("upper = {u}\n"));
    format!(
        "[[target]]\nyear = {year}\nindicator = \"{id}\"\nmeasure = \"{measure}\"\nop = \"{op}\"\nvalue = {value}\n{upper}"
    )
}

#[test]
fn a_dataset_s_targets_are_judged_by_their_indicator_s_direction() {
    let toml = [
        ind("grdp", "flow", "growth = { 2024 = 7.51 }"),
        ind("cpi", "index", "index = { 2024 = 104.6 }"),
        ind("exports", "flow", "value = { 2024 = 52.4 }"),
        // An id of the dataset's own, said to be better lower.
        ind(
            "losses",
            "flow",
            "better = \"lower\"\ngrowth = { 2024 = 1.2 }",
        ),
        target(2024, "grdp", "growth", "between", "6.5", Some("7")),
        target(2024, "cpi", "growth", "<", "4.5", None),
        target(2024, "exports", "value", ">=", "50", None),
        target(2024, "losses", "growth", "between", "2", Some("3")),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let got: Vec<_> = f
        .targets
        .iter()
        .map(|t| {
            (
                t.target.indicator.as_str(),
                t.status.as_str(),
                t.better.as_str(),
                t.margin.map(|m| m.normalize().to_string()),
                t.percent_of_plan.map(|p| p.normalize().to_string()),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_owned());
    assert_eq!(
        got,
        [
            ("grdp", "exceeded", "higher", s("0.51"), None),
            ("cpi", "not_met", "lower", s("-0.1"), None),
            ("exports", "exceeded", "higher", s("2.4"), s("104.8")),
            ("losses", "met", "lower", s("0.8"), None),
        ]
    );
    // The JSON says the same.
    let json: serde_json::Value = serde_json::from_str(&f.to_json()).unwrap();
    let exports = &json["targets"][2];
    assert_eq!(exports["status"], "exceeded");
    assert_eq!(exports["percent_of_plan"], "104.8");
    assert_eq!(json["targets"][0]["better"], "higher");
    assert_eq!(json["targets"][1]["status"], "not_met");
}

#[test]
fn a_value_plan_of_zero_has_no_percent_of_plan() {
    let toml = [
        ind("x", "flow", "value = { 2024 = 3 }"),
        target(2024, "x", "value", ">=", "0", None),
    ]
    .concat();
    let f = compute(&toml, "2024");
    assert_eq!(f.targets[0].status, TargetStatus::Exceeded);
    assert_eq!(f.targets[0].percent_of_plan, None);
}

#[test]
fn exceeded_and_met_are_reached_the_others_not() {
    let toml = [
        ind("a", "flow", "growth = { 2024 = 7.5 }"),
        ind("b", "flow", "growth = { 2024 = 7 }"),
        ind("c", "flow", "growth = { 2024 = 6 }"),
        ind("d", "flow", ""),
        target(2024, "a", "growth", ">=", "7", None),
        target(2024, "b", "growth", ">=", "7", None),
        target(2024, "c", "growth", ">=", "7", None),
        target(2024, "d", "growth", ">=", "7", None),
        target(2025, "a", "growth", ">=", "7", None),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let got: Vec<(&str, bool)> = f
        .targets
        .iter()
        .map(|t| (t.status.as_str(), t.reached()))
        .collect();
    assert_eq!(
        got,
        [
            ("exceeded", true),
            ("met", true),
            ("not_met", false),
            ("no_data", false),
            ("pending", false),
        ]
    );
}
