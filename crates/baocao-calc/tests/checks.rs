//! Consistency checks by rounding intervals, and targets.

use baocao_calc::{CheckStatus, TargetStatus};

use crate::{compute, ind};

fn tree(root: &str, a: &str, b: &str) -> String {
    [
        ind(
            "p",
            "flow",
            &format!("exhaustive = true\ngrowth = {{ 2024 = {root} }}"),
        ),
        ind(
            "a",
            "flow",
            &format!("parent = \"p\"\ncontribution = {{ 2024 = {a} }}"),
        ),
        ind(
            "b",
            "flow",
            &format!("parent = \"p\"\ncontribution = {{ 2024 = {b} }}"),
        ),
    ]
    .concat()
}

fn sum_check(root: &str, a: &str, b: &str) -> Option<CheckStatus> {
    let f = compute(&tree(root, a, b), "2024");
    f.checks
        .iter()
        .find(|c| c.indicator == "p" && c.rule == "contribution_sum_of_children")
        .map(|c| c.status)
}

#[test]
fn sums_are_checked_within_the_written_precision() {
    let cases = [
        // root, a, b, status
        ("6.5", "3.2", "3.3", CheckStatus::Ok),
        // 1.3 + 1.3 stands for 2.5 … 2.7; 2.68 ± 0.005 overlaps
        ("2.68", "1.3", "1.3", CheckStatus::Ok),
        // 2.71 ± 0.005 starts at 2.705 > 2.7
        ("2.71", "1.3", "1.3", CheckStatus::Failed),
        ("6.50", "3.0", "4.2", CheckStatus::Failed),
    ];
    for (root, a, b, want) in cases {
        assert_eq!(sum_check(root, a, b), Some(want), "{root} vs {a} + {b}");
    }
}

#[test]
fn a_failed_check_says_both_sides_and_the_gap() {
    let f = compute(&tree("6.50", "3.0", "4.2"), "2024");
    let c = f.failed_checks().next().unwrap();
    assert_eq!(c.found.unwrap().normalize().to_string(), "6.5");
    assert_eq!(c.expected.unwrap().normalize().to_string(), "7.2");
    assert_eq!(c.gap.unwrap().normalize().to_string(), "-0.7");
    assert!(
        c.message.contains("a.contribution + b.contribution = 7.2"),
        "{}",
        c.message
    );
}

/// The checks of `f`: (rule, indicator, status, found, expected, gap).
fn sides(f: &baocao_calc::Figures) -> Vec<(&str, &str, CheckStatus, String, String, String)> {
    let text = |d: Option<rust_decimal::Decimal>| d.unwrap().normalize().to_string();
    f.checks
        .iter()
        .map(|c| {
            (
                c.rule.as_str(),
                c.indicator.as_str(),
                c.status,
                text(c.found),
                text(c.expected),
                text(c.gap),
            )
        })
        .collect()
}

#[test]
fn reported_growth_against_reported_levels() {
    let levels = "value = { 2023 = 1000, 2024 = 1062 }";
    let with_growth = |g: &str| {
        compute(
            &ind("x", "flow", &format!("{levels}\ngrowth = {{ 2024 = {g} }}")),
            "2024",
        )
    };
    // The level is checked first, against 1000 × (1 + g / 100); the growth
    // against the levels would be the same identity. 1062 and 1000 stand
    // for ±0.5 each: the identity holds for a growth of 6.15 … 6.31.
    // 1000 × 1.065 = 1065, and even 999.5 × 1.0645 = 1063.97 > 1062.5.
    let rule = "value_value_from_previous";
    let f = with_growth("6.5");
    let (o, x) = (CheckStatus::Ok, CheckStatus::Failed);
    let s = |v: &str| v.to_owned();
    assert_eq!(sides(&f), [(rule, "x", x, s("1062"), s("1065"), s("-3"))]);
    // 1063 against 1062 is a gap of −1, within the precision.
    let f = with_growth("6.3");
    assert_eq!(sides(&f), [(rule, "x", o, s("1062"), s("1063"), s("-1"))]);
    // 6.2 exactly lies inside 6.15 … 6.25 of a reported 6.2
    let f = with_growth("6.2");
    assert_eq!(sides(&f), [(rule, "x", o, s("1062"), s("1062"), s("0"))]);
    // a reported figure is never altered by a check
    assert_eq!(
        f.get("x")
            .unwrap()
            .growth
            .as_ref()
            .unwrap()
            .value()
            .to_string(),
        "6.2"
    );
}

#[test]
fn a_residual_is_not_checked_against_itself() {
    let f = compute(
        &[
            ind("p", "flow", "exhaustive = true\ngrowth = { 2024 = 6.52 }"),
            ind(
                "a",
                "flow",
                "parent = \"p\"\ncontribution = { 2024 = 1.34 }",
            ),
            ind("b", "flow", "parent = \"p\""),
        ]
        .concat(),
        "2024",
    );
    assert!(f.checks.is_empty(), "{:#?}", f.checks);
}

#[test]
fn targets_are_judged_with_their_margin() {
    let toml = [
        ind("x", "flow", "growth = { 2024 = 7.1 }"),
        ind("cpi", "index", "index = { 2024 = 104.25 }"),
        ind("e", "flow", ""),
        "[[target]]\nyear = 2024\nindicator = \"x\"\nmeasure = \"growth\"\nop = \">=\"\nvalue = 7\n".into(),
        "[[target]]\nyear = 2024\nindicator = \"cpi\"\nmeasure = \"growth\"\nop = \"<\"\nvalue = 4\n".into(),
        "[[target]]\nyear = 2024\nindicator = \"e\"\nmeasure = \"growth\"\nop = \">=\"\nvalue = 5\n".into(),
        "[[target]]\nyear = 2025\nindicator = \"x\"\nmeasure = \"growth\"\nop = \"between\"\nvalue = 7\nupper = 7.5\n".into(),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let got: Vec<(&str, i32, TargetStatus, Option<String>)> = f
        .targets
        .iter()
        .map(|t| {
            (
                t.target.indicator.as_str(),
                t.target.year,
                t.status,
                t.margin.map(|m| m.normalize().to_string()),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("x", 2024, TargetStatus::Exceeded, Some("0.1".to_owned())),
            ("cpi", 2024, TargetStatus::NotMet, Some("-0.25".to_owned())),
            ("e", 2024, TargetStatus::NoData, None),
            ("x", 2025, TargetStatus::Pending, None),
        ]
    );
}

#[test]
fn shares_of_an_exhaustive_root_must_add_to_100() {
    // 60 + 50 = 110 under a root growing 7,0: points 4,2 + 3,5 = 7,7.
    let toml = [
        ind("p", "flow", "exhaustive = true\ngrowth = { 2024 = 7.0 }"),
        ind("a", "flow", "parent = \"p\"\nshare = { 2024 = 60 }"),
        ind("b", "flow", "parent = \"p\"\nshare = { 2024 = 50 }"),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let failed: Vec<_> = f
        .failed_checks()
        .map(|c| {
            (
                c.rule.as_str(),
                c.indicator.as_str(),
                c.found.unwrap().normalize().to_string(),
                c.expected.unwrap().normalize().to_string(),
            )
        })
        .collect();
    assert_eq!(
        failed,
        [(
            "share_sum_of_children",
            "p",
            "100".to_owned(),
            "110".to_owned()
        )]
    );
    // Shares that add up pass, and are checked.
    let fine = toml.replace("share = { 2024 = 50 }", "share = { 2024 = 40 }");
    let f = compute(&fine, "2024");
    assert_eq!(f.failed_checks().count(), 0);
    assert!(
        f.checks
            .iter()
            .any(|c| c.rule == "share_sum_of_children" && c.indicator == "p"),
        "{:#?}",
        f.checks
    );
}

#[test]
fn the_root_is_the_whole_of_its_structure() {
    let toml = [
        ind("p", "flow", "exhaustive = true\nvalue = { 2024 = 300 }"),
        ind("a", "flow", "parent = \"p\"\nvalue = { 2024 = 100 }"),
        ind("b", "flow", "parent = \"p\"\nvalue = { 2024 = 200 }"),
    ]
    .concat();
    let f = compute(&toml, "2024");
    crate::check(
        &f,
        &[
            ("p", baocao_calc::Measure::Structure, "100", "structure"),
            (
                "a",
                baocao_calc::Measure::Structure,
                "33.3333333333",
                "structure",
            ),
        ],
    );
    let p = f.get("p").unwrap().structure.as_ref().unwrap();
    assert_eq!(p.value(), rust_decimal::Decimal::ONE_HUNDRED);
    assert_eq!(p.from, ["p.value"]);
}

#[test]
fn shares_just_above_100_fail_against_the_root_s_exact_100() {
    // 51 + 51 stands for 101 … 103: no values within the written precision
    // add up to 100.
    let toml = [
        ind("q", "flow", "exhaustive = true\ngrowth = { 2024 = 7.0 }"),
        ind("a", "flow", "parent = \"q\"\nshare = { 2024 = 51 }"),
        ind("b", "flow", "parent = \"q\"\nshare = { 2024 = 51 }"),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let failed: Vec<&str> = f.failed_checks().map(|c| c.rule.as_str()).collect();
    assert_eq!(failed, ["share_sum_of_children"], "{:#?}", f.checks);
}
