//! Dataset format 1.1 in the engine: reported structure, levels at current
//! prices, approximate figures, each quarter's part of its year's growth,
//! the prices of the figures JSON and the hint of a failed level check.
//! Tables of cases, each expected figure worked out by hand beside it.

use baocao_calc::{Check, CheckStatus, Figures, Measure, Rule};
use baocao_dataset::Approx;
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{check, compute, compute_1_1, ind};

use CheckStatus::{Failed, Ok};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The check of `rule` on `id`, when it was made; made twice is a failure.
fn find<'a>(f: &'a Figures, rule: &str, id: &str) -> Option<&'a Check> {
    let mut found = f
        .checks
        .iter()
        .filter(|c| c.rule == rule && c.indicator == id);
    let first = found.next();
    assert!(found.next().is_none(), "{rule} of {id} made twice");
    first
}

/// A check's status, found, expected and gap (rounded to 10 decimals).
fn sides(c: &Check) -> (CheckStatus, String, String, String) {
    let text = |x: Option<Decimal>| {
        x.map_or_else(
            || "none".to_owned(),
            |x| x.round_dp(10).normalize().to_string(),
        )
    };
    (c.status, text(c.found), text(c.expected), text(c.gap))
}

/// The same, written by hand.
fn want(
    status: CheckStatus,
    found: &str,
    expected: &str,
    gap: &str,
) -> (CheckStatus, String, String, String) {
    (
        status,
        found.to_owned(),
        expected.to_owned(),
        gap.to_owned(),
    )
}

/// A figure's value rounded to 10 decimals and its rule, when known.
fn figure(f: &Figures, id: &str, m: Measure) -> Option<(String, &'static str)> {
    let fig = f.get(id).unwrap_or_else(|| panic!("no {id}")).figure(m)?;
    Some((
        fig.value().round_dp(10).normalize().to_string(),
        fig.rule.as_str(),
    ))
}

/// The figures JSON, parsed.
fn json(f: &Figures) -> serde_json::Value {
    serde_json::from_str(&f.to_json()).unwrap()
}

mod structure {
    use super::*;

    /// `a` is 400 of its root's 1000 (levels at constant prices): 40%
    /// exactly. The levels stand for ±0.5, so they allow
    /// 399.5 / 1000.5 × 100 = 39.93003… up to 400.5 / 999.5 × 100 =
    /// 40.07004…; a reported structure stands for ±½ unit of its last
    /// decimal.
    #[test]
    fn a_reported_structure_against_the_levels() {
        let cases = [
            // reported, status, found, expected, gap
            ("40", Ok, "40", "40", "0"),
            // 40.065 … 40.075 reaches 40.07004
            ("40.07", Ok, "40.07", "40", "0.07"),
            // 40.075 … 40.085 is above 40.07004
            ("40.08", Failed, "40.08", "40", "0.08"),
            // 39.925 … 39.935 reaches 39.93003
            ("39.93", Ok, "39.93", "40", "-0.07"),
            // 39.915 … 39.925 is below 39.93003
            ("39.92", Failed, "39.92", "40", "-0.08"),
            ("43.69", Failed, "43.69", "40", "3.69"),
            // 39.95 … 40.05
            ("40.0", Ok, "40", "40", "0"),
        ];
        for (reported, status, found, expected, gap) in cases {
            let toml = [
                ind("p", "flow", "value = { 2024 = 1000 }"),
                ind(
                    "a",
                    "flow",
                    &format!(
                        "parent = \"p\"\nvalue = {{ 2024 = 400 }}\nstructure = {{ 2024 = {reported} }}"
                    ),
                ),
            ]
            .concat();
            let f = compute_1_1(&toml, "2024");
            let c = find(&f, "structure_structure", "a")
                .unwrap_or_else(|| panic!("{reported}: not checked: {:#?}", f.checks));
            assert_eq!(sides(c), want(status, found, expected, gap), "{reported}");
            // Checked, never altered.
            check(&f, &[("a", Measure::Structure, reported, "reported")]);
            assert_eq!(
                f.failed_checks().count(),
                usize::from(status == Failed),
                "{reported}: {:#?}",
                f.checks
            );
        }
    }

    /// The children's structures of an exhaustive root against its 100
    /// (the root has no level: its 100 is `structure_of_root`). Two
    /// figures of one decimal add up to ±0.1 of their sum.
    #[test]
    fn children_against_the_root_s_100() {
        let cases = [
            // a, b, exhaustive, the check: status, found, expected, gap
            ("60", "40", true, Some(want(Ok, "100", "100", "0"))),
            // 59.95 … 60.05 + 40.05 … 40.15 = 100.0 … 100.2: reaches 100
            ("60.0", "40.1", true, Some(want(Ok, "100", "100.1", "-0.1"))),
            // 100.1 … 100.3
            (
                "60.1",
                "40.1",
                true,
                Some(want(Failed, "100", "100.2", "-0.2")),
            ),
            (
                "60.5",
                "40.1",
                true,
                Some(want(Failed, "100", "100.6", "-0.6")),
            ),
            // 48.5 … 49.5 + 49.5 … 50.5 = 98 … 100: reaches 100
            ("49", "50", true, Some(want(Ok, "100", "99", "1"))),
            // 97 … 99
            ("48", "50", true, Some(want(Failed, "100", "98", "2"))),
            // Not exhaustive: the children need not add up to the whole.
            ("60.5", "40.1", false, None),
        ];
        for (a, b, exhaustive, expected) in cases {
            let toml = [
                ind("p", "flow", &format!("exhaustive = {exhaustive}")),
                ind(
                    "a",
                    "flow",
                    &format!("parent = \"p\"\nstructure = {{ 2024 = {a} }}"),
                ),
                ind(
                    "b",
                    "flow",
                    &format!("parent = \"p\"\nstructure = {{ 2024 = {b} }}"),
                ),
            ]
            .concat();
            let f = compute_1_1(&toml, "2024");
            let got = find(&f, "structure_sum_of_children", "p").map(sides);
            assert_eq!(got, expected, "{a} + {b}, exhaustive {exhaustive}");
            // The only check made.
            assert_eq!(f.checks.len(), usize::from(exhaustive), "{:#?}", f.checks);
            let root = f.get("p").unwrap().structure.as_ref().unwrap();
            assert_eq!((root.value(), root.rule), (d("100"), Rule::StructureOfRoot));
            assert_eq!(root.formula, "p is the whole: 100");
        }
    }

    /// The root's 100: from its level when it has one (at current prices
    /// when the period has them), else `structure_of_root`, and that only
    /// in a tree that reports a structure.
    #[test]
    fn the_root_s_100_and_where_it_comes_from() {
        let child = |extra: &str| ind("a", "flow", &format!("parent = \"p\"\n{extra}"));
        let cases = [
            // root's lines, child's lines, the root's structure
            (
                "",
                "structure = { 2024 = 40 }",
                Some(("100", "structure_of_root")),
            ),
            (
                "value = { 2024 = 1000 }",
                "structure = { 2024 = 40 }",
                Some(("100", "structure")),
            ),
            (
                "value_current = { 2024 = 1200 }",
                "structure = { 2024 = 40 }",
                Some(("100", "structure_at_current_prices")),
            ),
            // Nothing reports a structure: no 100 made up for a root
            // without a level.
            ("", "growth = { 2024 = 5 }", None),
            ("growth = { 2024 = 6 }", "growth = { 2024 = 5 }", None),
        ];
        for (root, kid, expected) in cases {
            let toml = [ind("p", "flow", root), child(kid)].concat();
            let f = compute_1_1(&toml, "2024");
            let got = figure(&f, "p", Measure::Structure);
            let expected = expected.map(|(v, r)| (v.to_owned(), r));
            assert_eq!(got, expected, "{root} / {kid}");
        }
        // A format 1 dataset's root has no structure without a level, as
        // it never had.
        let toml = [ind("p", "flow", ""), child("growth = { 2024 = 5 }")].concat();
        assert_eq!(
            figure(&compute(&toml, "2024"), "p", Measure::Structure),
            None
        );
    }

    /// The real release of Nghệ An 2024: services' 43,69% is not what
    /// its levels give, (hơn 92 590) / (hơn 216 943) × 100 = 42,679…
    /// (92 590 … 92 591 over 216 943 … 216 944: 42,6792 … 42,6799, far
    /// below 43,685); and the four structures add up to 101,01 (each ±0,005:
    /// 100,99 … 101,03), not 100. The other three agree with their levels.
    #[test]
    fn the_nghe_an_release() {
        let text = include_str!("../../../tests/datasets/real/nghean-2024.toml");
        let ds = baocao_dataset::read_str(text, "nghean-2024.toml").unwrap();
        let f = baocao_calc::compute(&ds, "2024".parse().unwrap());
        let failed: Vec<_> = f
            .failed_checks()
            .map(|c| (c.rule.as_str(), c.indicator.as_str(), sides(c)))
            .collect();
        assert_eq!(
            failed,
            [
                (
                    "structure_sum_of_children",
                    "grdp",
                    want(Failed, "100", "101.01", "-1.01")
                ),
                (
                    "structure_structure_at_current_prices",
                    "services",
                    // 92590 / 216943 × 100 = 42.67941348649…
                    want(Failed, "43.69", "42.6794134865", "1.0105865135")
                ),
            ]
        );
        for id in ["agriculture", "industry_construction", "product_taxes"] {
            let c = find(&f, "structure_structure_at_current_prices", id).unwrap();
            assert_eq!(c.status, Ok, "{id}: {}", c.message);
        }
    }
}

mod value_current {
    use super::*;

    /// Two trees. Under `p`, `a` and `b` have levels at constant prices
    /// (`value`) and at current prices (`value_current`) in both years;
    /// `q`'s children only at constant prices.
    ///
    /// 2024: p = 330 + 735 = 1065 (constant), 300 + 700 = 1000 a year
    /// earlier: growth 6.5; at current prices 400 + 800 = 1200.
    /// a: growth 330 / 300 = +10 (at current prices it would be
    /// 400 / 350 = +14.29), structure 400 / 1200 = 33.33… (at constant
    /// prices it would be 330 / 1065 = 30.99); b: growth +5, structure
    /// 66.66…; a's points (330 − 300) / 1000 × 100 = 3.
    /// 2023: at current prices 350 + 650 = 1000: a is 35 (30 at constant).
    ///
    /// `q`'s children have no current prices, but the period has some:
    /// their structures come from current prices only, so they have none.
    fn dataset() -> String {
        [
            ind("p", "flow", "exhaustive = true"),
            ind(
                "a",
                "flow",
                "parent = \"p\"\nvalue = { 2023 = 300, 2024 = 330 }\nvalue_current = { 2023 = 350, 2024 = 400 }",
            ),
            ind(
                "b",
                "flow",
                "parent = \"p\"\nvalue = { 2023 = 700, 2024 = 735 }\nvalue_current = { 2023 = 650, 2024 = 800 }",
            ),
            ind("q", "flow", "exhaustive = true"),
            ind("r", "flow", "parent = \"q\"\nvalue = { 2024 = 40 }"),
            ind("s", "flow", "parent = \"q\"\nvalue = { 2024 = 60 }"),
        ]
        .concat()
    }

    #[test]
    fn structure_at_current_prices_growth_at_constant_prices() {
        use Measure::*;
        let cases = [
            ("2024", "p", Value, Some(("1065", "sum_of_children"))),
            ("2024", "p", Previous, Some(("1000", "sum_of_children"))),
            ("2024", "p", ValueCurrent, Some(("1200", "sum_of_children"))),
            ("2024", "p", Growth, Some(("6.5", "growth_from_levels"))),
            (
                "2024",
                "p",
                Structure,
                Some(("100", "structure_at_current_prices")),
            ),
            ("2024", "a", Growth, Some(("10", "growth_from_levels"))),
            ("2024", "b", Growth, Some(("5", "growth_from_levels"))),
            (
                "2024",
                "a",
                Contribution,
                Some(("3", "contribution_from_levels")),
            ),
            (
                "2024",
                "a",
                Structure,
                Some(("33.3333333333", "structure_at_current_prices")),
            ),
            (
                "2024",
                "b",
                Structure,
                Some(("66.6666666667", "structure_at_current_prices")),
            ),
            // No structure at constant prices beside current ones.
            ("2024", "r", Structure, None),
            ("2024", "q", Structure, None),
            (
                "2023",
                "a",
                Structure,
                Some(("35", "structure_at_current_prices")),
            ),
            ("2023", "a", ValueCurrent, Some(("350", "reported"))),
            ("2023", "p", ValueCurrent, Some(("1000", "sum_of_children"))),
        ];
        let f24 = compute_1_1(&dataset(), "2024");
        let f23 = compute_1_1(&dataset(), "2023");
        for (period, id, m, expected) in cases {
            let f = if period == "2024" { &f24 } else { &f23 };
            let expected = expected.map(|(v, r)| (v.to_owned(), r));
            assert_eq!(figure(f, id, m), expected, "{period} {id}.{m}");
        }
        assert!(f24.current_prices && f23.current_prices);
        // Without current prices in the period, the structure is of the
        // levels at constant prices: r is 40 of q's 100.
        let alone = [
            ind("q", "flow", "exhaustive = true"),
            ind("r", "flow", "parent = \"q\"\nvalue = { 2024 = 40 }"),
            ind("s", "flow", "parent = \"q\"\nvalue = { 2024 = 60 }"),
        ]
        .concat();
        let f = compute_1_1(&alone, "2024");
        assert!(!f.current_prices);
        assert_eq!(
            figure(&f, "r", Measure::Structure),
            Some(("40".to_owned(), "structure"))
        );
        assert_eq!(f24.failed_checks().count(), 0, "{:#?}", f24.checks);
    }

    /// A parent's reported level at current prices against its
    /// children's: 400 + 800 = 1200, each ±0.5, so 1199 … 1201.
    #[test]
    fn the_sum_of_the_children_s_current_levels_is_checked() {
        let cases = [
            // the parent's, status, found, expected, gap
            ("1200", Ok, "1200", "1200", "0"),
            // 1200.5 … 1201.5 reaches 1201
            ("1201", Ok, "1201", "1200", "1"),
            // 1201.5 … 1202.5
            ("1202", Failed, "1202", "1200", "2"),
            ("1150", Failed, "1150", "1200", "-50"),
            // 1199.95 … 1200.05
            ("1199.0", Ok, "1199", "1200", "-1"),
            ("1198.9", Failed, "1198.9", "1200", "-1.1"),
        ];
        for (parent, status, found, expected, gap) in cases {
            let toml = [
                ind(
                    "p",
                    "flow",
                    &format!("exhaustive = true\nvalue_current = {{ 2024 = {parent} }}"),
                ),
                ind(
                    "a",
                    "flow",
                    "parent = \"p\"\nvalue_current = { 2024 = 400 }",
                ),
                ind(
                    "b",
                    "flow",
                    "parent = \"p\"\nvalue_current = { 2024 = 800 }",
                ),
            ]
            .concat();
            let f = compute_1_1(&toml, "2024");
            let c = find(&f, "value_current_sum_of_children", "p")
                .unwrap_or_else(|| panic!("{parent}: {:#?}", f.checks));
            assert_eq!(sides(c), want(status, found, expected, gap), "{parent}");
            assert_eq!(f.checks.len(), 1, "{:#?}", f.checks);
        }
    }

    /// The one child missing its level at current prices is the rest of
    /// its parent's: 1200 − 400 = 800, two thirds of the whole; parts
    /// above the whole leave it unknown, and say so.
    #[test]
    fn the_residual_current_level_of_the_one_missing_child() {
        let cases = [
            // parent, a, b's level at current prices and structure
            ("1200", "400", Some(("800", "66.6666666667"))),
            ("1200", "1200", Some(("0", "0"))),
            ("1200", "1300", None),
        ];
        for (parent, a, expected) in cases {
            let toml = [
                ind(
                    "p",
                    "flow",
                    &format!("exhaustive = true\nvalue_current = {{ 2024 = {parent} }}"),
                ),
                ind(
                    "a",
                    "flow",
                    &format!("parent = \"p\"\nvalue_current = {{ 2024 = {a} }}"),
                ),
                // b's constant level would give 50 / 100 = 50%.
                ind("b", "flow", "parent = \"p\"\nvalue = { 2024 = 50 }"),
            ]
            .concat();
            let f = compute_1_1(&toml, "2024");
            let level = figure(&f, "b", Measure::ValueCurrent);
            let structure = figure(&f, "b", Measure::Structure);
            match expected {
                Some((v, s)) => {
                    assert_eq!(level, Some((v.to_owned(), "residual")), "{a}");
                    assert_eq!(
                        structure,
                        Some((s.to_owned(), "structure_at_current_prices")),
                        "{a}"
                    );
                    let b = f.get("b").unwrap().value_current.as_ref().unwrap();
                    assert_eq!(b.formula, "p.value_current − a.value_current");
                }
                None => {
                    assert_eq!((level, structure), (None, None), "{a}");
                    let failed: Vec<&str> = f.failed_checks().map(|c| c.rule.as_str()).collect();
                    assert_eq!(failed, ["parts_above_whole_value_current"]);
                }
            }
        }
    }
}

mod approx {
    use super::*;

    /// One unit of the last significant digit: of the last decimal
    /// written, or of the lowest non-zero digit of a whole number.
    #[test]
    fn the_unit_of_a_figure() {
        let cases = [
            // written, unit
            ("24000", "1000"),
            ("24500", "100"),
            ("24510", "10"),
            ("24001", "1"),
            ("100", "100"),
            ("7", "1"),
            ("6.2", "0.1"),
            ("6.20", "0.01"),
            ("0", "1"),
            ("0.0", "0.1"),
            ("-24000", "1000"),
            ("-6.2", "0.1"),
            ("2400.0", "0.1"),
        ];
        for (written, unit) in cases {
            let v = d(written);
            assert_eq!(Approx::unit(v, v.scale()), d(unit), "{written}");
        }
    }

    /// khoảng ±½ unit, gần one unit below up to the figure, hơn and trên
    /// from the figure up to one unit above.
    #[test]
    fn the_interval_of_each_word() {
        use Approx::{About, Above, MoreThan, Nearly};
        let cases = [
            // written, word, low, high
            ("24000", About, "23500", "24500"),
            ("24000", Nearly, "23000", "24000"),
            ("24000", MoreThan, "24000", "25000"),
            ("24000", Above, "24000", "25000"),
            ("24500", About, "24450", "24550"),
            ("24500", Nearly, "24400", "24500"),
            ("24500", MoreThan, "24500", "24600"),
            ("24500", Above, "24500", "24600"),
            ("6.2", About, "6.15", "6.25"),
            ("6.2", Nearly, "6.1", "6.2"),
            ("6.2", MoreThan, "6.2", "6.3"),
            ("6.2", Above, "6.2", "6.3"),
            ("6.20", About, "6.195", "6.205"),
            ("6.20", Nearly, "6.19", "6.20"),
            ("6.20", MoreThan, "6.20", "6.21"),
            ("6.20", Above, "6.20", "6.21"),
            ("0", About, "-0.5", "0.5"),
            ("0", Nearly, "-1", "0"),
            ("0", MoreThan, "0", "1"),
            ("0", Above, "0", "1"),
            ("-24000", About, "-24500", "-23500"),
            ("-24000", Nearly, "-25000", "-24000"),
            ("-24000", MoreThan, "-24000", "-23000"),
            ("-24000", Above, "-24000", "-23000"),
            ("-6.2", About, "-6.25", "-6.15"),
            ("-6.2", MoreThan, "-6.2", "-6.1"),
        ];
        for (written, word, lo, hi) in cases {
            let v = d(written);
            let got = word.interval(v, v.scale()).unwrap();
            assert_eq!(got, (d(lo), d(hi)), "{} {written}", word.word());
            // What a check compares: the same interval, the value as written.
            let n = baocao_dataset::Number {
                value: v,
                scale: v.scale(),
                approx: Some(word),
                at: baocao_dataset::Location {
                    file: "t.toml".into(),
                    line: 1,
                    column: 1,
                },
            };
            let q = baocao_calc::Quantity::of(&n).unwrap();
            assert_eq!(
                (q.value, q.lo, q.hi),
                (v, d(lo), d(hi)),
                "{} {written}",
                word.word()
            );
        }
        // Words and their spellings.
        for word in Approx::ALL {
            assert_eq!(Approx::from_word(word.word()), Some(word));
        }
        assert_eq!(
            Approx::ALL.map(Approx::word),
            ["khoảng", "gần", "hơn", "trên"]
        );
    }

    /// A level of 24 000 a year after 22 000 does not make a growth of
    /// 10%: 22 000 × 1.1 = 24 200 (the written precision allows
    /// 21 999.5 × 1.0995 = 24 188.45 … 22 000.5 × 1.1005 = 24 211.55).
    /// "hơn 24000" (24 000 … 25 000) and "khoảng 24000" (23 500 …
    /// 24 500) allow it; "gần 24000" (23 000 … 24 000) and 24000 as
    /// written (23 999.5 … 24 000.5) do not.
    #[test]
    fn a_check_passes_by_the_word_alone() {
        let cases = [
            // the level written, status, found, expected, gap
            ("24000", Failed, "24000", "24200", "-200"),
            ("\"khoảng 24000\"", Ok, "24000", "24200", "-200"),
            ("\"gần 24000\"", Failed, "24000", "24200", "-200"),
            ("\"hơn 24000\"", Ok, "24000", "24200", "-200"),
            ("\"trên 24000\"", Ok, "24000", "24200", "-200"),
            // 24 500 … 24 600: the unit of 24500 is 100
            ("\"hơn 24500\"", Failed, "24500", "24200", "300"),
            // 24 150 … 24 250
            ("\"khoảng 24200\"", Ok, "24200", "24200", "0"),
            // 24 100 … 24 200: its top is the growth's
            ("\"gần 24200\"", Ok, "24200", "24200", "0"),
        ];
        for (level, status, found, expected, gap) in cases {
            let toml = ind(
                "x",
                "flow",
                &format!("value = {{ 2023 = 22000, 2024 = {level} }}\ngrowth = {{ 2024 = 10 }}"),
            );
            let f = compute_1_1(&toml, "2024");
            let c = find(&f, "value_value_from_previous", "x")
                .unwrap_or_else(|| panic!("{level}: {:#?}", f.checks));
            assert_eq!(sides(c), want(status, found, expected, gap), "{level}");
            assert_eq!(f.checks.len(), 1, "{:#?}", f.checks);
        }
    }

    /// A reported figure keeps its word, an exact one none; a figure
    /// derived from an approximate one is "khoảng", one derived from
    /// exact figures alone none, in a dataset with approximate figures.
    #[test]
    fn derived_from_an_approximate_figure_is_about() {
        use Approx::{About, MoreThan};
        use Measure::*;
        let toml = [
            ind(
                "x",
                "flow",
                "value = { 2023 = 22000, 2024 = \"hơn 24000\" }",
            ),
            ind("y", "flow", "value = { 2023 = 100, 2024 = 110 }"),
            ind(
                "z",
                "flow",
                "value = { 2023 = 200 }\ngrowth = { 2024 = \"khoảng 5\" }",
            ),
        ]
        .concat();
        let f = compute_1_1(&toml, "2024");
        let cases = [
            // id, measure, value, rule, word
            ("x", Value, "24000", "reported", Some(MoreThan)),
            ("x", Previous, "22000", "reported_previous", None),
            // 24000 / 22000 × 100 − 100
            (
                "x",
                Growth,
                "9.0909090909",
                "growth_from_levels",
                Some(About),
            ),
            // at the root, the points are the growth: approximate too
            (
                "x",
                Contribution,
                "9.0909090909",
                "contribution_of_root",
                Some(About),
            ),
            ("y", Value, "110", "reported", None),
            ("y", Growth, "10", "growth_from_levels", None),
            ("z", Growth, "5", "reported", Some(About)),
            // 200 × 1.05
            ("z", Value, "210", "value_from_previous", Some(About)),
            ("z", Previous, "200", "reported_previous", None),
        ];
        for (id, m, value, rule, word) in cases {
            let fig = f.get(id).unwrap().figure(m).unwrap();
            assert_eq!(
                (
                    fig.value().round_dp(10).normalize().to_string(),
                    fig.rule.as_str()
                ),
                (value.to_owned(), rule),
                "{id}.{m}"
            );
            assert_eq!(fig.approx, word, "{id}.{m}");
        }
        // The JSON words them.
        let j = json(&f);
        let word = |id: &str, m: &str| j["indicators"][id][m].get("approx").cloned();
        assert_eq!(word("x", "value"), Some("hơn".into()));
        assert_eq!(word("x", "growth"), Some("khoảng".into()));
        assert_eq!(word("z", "value"), Some("khoảng".into()));
        assert_eq!(word("y", "growth"), None);
        assert_eq!(word("x", "previous"), None);
    }

    /// The same of a quarter seen from its year: a quarter's growth and
    /// part of the year's growth, from an approximate quarterly level.
    #[test]
    fn a_quarter_from_an_approximate_level_is_about() {
        let toml = ind(
            "x",
            "flow",
            "value = { 2023 = 450000, 2023-Q1 = 100000, 2024-Q1 = \"khoảng 105500\", 2023-Q2 = 110000, 2024-Q2 = 117480 }",
        );
        let f = compute_1_1(&toml, "2024");
        let x = f.get("x").unwrap();
        let got: Vec<_> = x
            .quarters
            .iter()
            .map(|q| {
                let g = q.growth.as_ref().unwrap();
                let c = q.contribution_to_year.as_ref().unwrap();
                (
                    q.period.to_string(),
                    g.value().normalize().to_string(),
                    g.approx,
                    c.approx,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                // 105500 / 100000 − 1 = 5.5%
                (
                    "2024-Q1".to_owned(),
                    "5.5".to_owned(),
                    Some(Approx::About),
                    Some(Approx::About)
                ),
                // 117480 / 110000 − 1 = 6.8%
                ("2024-Q2".to_owned(), "6.8".to_owned(), None, None),
            ]
        );
    }
}

mod quarters {
    use super::*;

    /// The levels of `tests/datasets/cases/quarters-2024.toml`: the
    /// quarters add up to the year in 2023 (100 000 + 110 000 + 115 000 +
    /// 125 000 = 450 000) and in 2024 (105 500 + 117 480 + 123 050 +
    /// 134 625 = 480 655).
    const LEVELS: &str = "value = { 2023 = 450000, 2024 = 480655, 2023-Q1 = 100000, 2023-Q2 = 110000, 2023-Q3 = 115000, 2023-Q4 = 125000, 2024-Q1 = 105500, 2024-Q2 = 117480, 2024-Q3 = 123050, 2024-Q4 = 134625 }";

    /// Each quarter's rise over the year before's level:
    /// Q1 (105 500 − 100 000) / 450 000 × 100 = 1.2222…,
    /// Q2 7 480 / 4 500 = 1.66222…, Q3 8 050 / 4 500 = 1.78888…,
    /// Q4 9 625 / 4 500 = 2.13888…; together 30 655 / 4 500 = 6.81222…,
    /// the year's growth 480 655 / 450 000 × 100 − 100.
    #[test]
    fn each_quarter_s_part_of_the_year_s_growth() {
        let f = compute_1_1(&crate::ind("grdp", "flow", LEVELS), "2024");
        let g = f.get("grdp").unwrap();
        let got: Vec<_> = g
            .quarters
            .iter()
            .map(|q| {
                let c = q.contribution_to_year.as_ref().unwrap();
                (
                    q.period.to_string(),
                    c.value().round_dp(10).normalize().to_string(),
                    c.rule.as_str(),
                    q.growth.as_ref().unwrap().value().normalize().to_string(),
                )
            })
            .collect();
        let row = |p: &str, c: &str, growth: &str| {
            (
                p.to_owned(),
                c.to_owned(),
                "contribution_to_year",
                growth.to_owned(),
            )
        };
        assert_eq!(
            got,
            [
                // growth 105 500 / 100 000 − 1 = 5.5%, and so on
                row("2024-Q1", "1.2222222222", "5.5"),
                row("2024-Q2", "1.6622222222", "6.8"),
                row("2024-Q3", "1.7888888889", "7"),
                row("2024-Q4", "2.1388888889", "7.7"),
            ]
        );
        let q1 = g.quarters[0].contribution_to_year.as_ref().unwrap();
        assert_eq!(
            q1.formula,
            "(grdp.value − grdp.previous) of 2024-Q1 / grdp.value of 2023 × 100"
        );
        let sum: Decimal = g
            .quarters
            .iter()
            .map(|q| q.contribution_to_year.as_ref().unwrap().value())
            .sum();
        let growth = g.growth.as_ref().unwrap().value();
        assert_eq!(growth.round_dp(10), d("6.8122222222"));
        assert!(
            (sum - growth).abs() < Decimal::new(1, 20),
            "{sum} vs {growth}"
        );
        // Nothing reported: the four are not checked against the year.
        assert!(find(&f, "growth_sum_of_quarters", "grdp").is_none());
        assert_eq!(f.failed_checks().count(), 0, "{:#?}", f.checks);
        // A quarter's figures have no quarters.
        let q = compute_1_1(&crate::ind("grdp", "flow", LEVELS), "2024-Q1");
        assert!(q.get("grdp").unwrap().quarters.is_empty());
    }

    /// A reported part against the levels' (quý I: 1.2222…; the levels
    /// allow (105 499.5 − 100 000.5) / 450 000.5 × 100 = 1.221999 …
    /// (105 500.5 − 99 999.5) / 449 999.5 × 100 = 1.222446).
    #[test]
    fn a_reported_part_against_the_levels() {
        let cases = [
            // quarter, reported, status, found, expected, gap
            (
                "2024-Q1",
                "1.22",
                Ok,
                "1.22",
                "1.2222222222",
                "-0.0022222222",
            ),
            // 1.15 … 1.25
            ("2024-Q1", "1.2", Ok, "1.2", "1.2222222222", "-0.0222222222"),
            // 1.225 … 1.235, above 1.222446
            (
                "2024-Q1",
                "1.23",
                Failed,
                "1.23",
                "1.2222222222",
                "0.0077777778",
            ),
            // 1.205 … 1.215, below 1.221999
            (
                "2024-Q1",
                "1.21",
                Failed,
                "1.21",
                "1.2222222222",
                "-0.0122222222",
            ),
            (
                "2024-Q3",
                "1.79",
                Ok,
                "1.79",
                "1.7888888889",
                "0.0011111111",
            ),
            (
                "2024-Q4",
                "2.34",
                Failed,
                "2.34",
                "2.1388888889",
                "0.2011111111",
            ),
        ];
        for (quarter, reported, status, found, expected, gap) in cases {
            let toml = crate::ind(
                "grdp",
                "flow",
                &format!("{LEVELS}\ncontribution_to_year = {{ {quarter} = {reported} }}"),
            );
            let f = compute_1_1(&toml, "2024");
            let c = find(&f, "contribution_to_year_from_levels", "grdp")
                .unwrap_or_else(|| panic!("{quarter}: {:#?}", f.checks));
            assert_eq!(
                sides(c),
                want(status, found, expected, gap),
                "{quarter} {reported}"
            );
            assert_eq!(c.period.to_string(), quarter);
            assert!(c.at.is_some(), "told where it was written");
            // The reported figure is the quarter's, as written.
            let q = f
                .get("grdp")
                .unwrap()
                .quarters
                .iter()
                .find(|q| q.period.to_string() == quarter)
                .unwrap();
            let fig = q.contribution_to_year.as_ref().unwrap();
            assert_eq!((fig.value(), fig.rule), (d(reported), Rule::Reported));
        }
    }

    /// The four quarters' points against the year's growth, checked when
    /// one of them was reported. Quý I reported 1.22 with the other three
    /// from the levels: 1.22 + (7 480 + 8 050 + 9 625) / 4 500 = 1.22 +
    /// 5.59 = 6.81.
    #[test]
    fn the_four_against_the_year() {
        let cases = [
            // year's growth, reported parts, the check
            (
                "growth = { 2024 = 6.81 }",
                "contribution_to_year = { 2024-Q1 = 1.22 }",
                Some(want(Ok, "6.81", "6.81", "0")),
            ),
            // 6.85 … 6.95 against 6.81 ± 0.006
            (
                "growth = { 2024 = 6.9 }",
                "contribution_to_year = { 2024-Q1 = 1.22 }",
                Some(want(Failed, "6.9", "6.81", "0.09")),
            ),
            // None reported: not checked.
            ("growth = { 2024 = 6.9 }", "", None),
            // The year's growth from the levels, 6.8122…; the four
            // reported add up to 1.22 + 1.66 + 1.79 + 2.14 = 6.81 (each
            // ±0.005: 6.79 … 6.83).
            (
                "",
                "contribution_to_year = { 2024-Q1 = 1.22, 2024-Q2 = 1.66, 2024-Q3 = 1.79, 2024-Q4 = 2.14 }",
                Some(want(Ok, "6.8122222222", "6.81", "0.0022222222")),
            ),
            // 1.22 + 1.66 + 1.79 + 2.34 = 7.01 (6.99 … 7.03)
            (
                "",
                "contribution_to_year = { 2024-Q1 = 1.22, 2024-Q2 = 1.66, 2024-Q3 = 1.79, 2024-Q4 = 2.34 }",
                Some(want(Failed, "6.8122222222", "7.01", "-0.1977777778")),
            ),
        ];
        for (growth, parts, expected) in cases {
            let toml = crate::ind("grdp", "flow", &format!("{LEVELS}\n{growth}\n{parts}"));
            let f = compute_1_1(&toml, "2024");
            let c = find(&f, "growth_sum_of_quarters", "grdp");
            assert_eq!(c.map(sides), expected, "{growth} / {parts}");
            if let Some(c) = c {
                assert_eq!(c.period.to_string(), "2024");
            }
        }
        // Three quarters known: nothing to add up.
        let three = LEVELS.replace(", 2024-Q4 = 134625", "");
        let toml = crate::ind(
            "grdp",
            "flow",
            &format!("{three}\ncontribution_to_year = {{ 2024-Q1 = 1.22 }}"),
        );
        let f = compute_1_1(&toml, "2024");
        assert_eq!(f.get("grdp").unwrap().quarters.len(), 3);
        assert!(find(&f, "growth_sum_of_quarters", "grdp").is_none());
    }

    /// The figures JSON has `quarters` for a format 1.1 dataset only: a
    /// format 1 dataset with the same levels gives the JSON it always
    /// gave.
    #[test]
    fn quarters_in_the_json_of_format_1_1_only() {
        let toml = crate::ind("grdp", "flow", LEVELS);
        let old = json(&compute(&toml, "2024"));
        assert_eq!(old["indicators"]["grdp"].get("quarters"), None, "{old:#}");
        let new = json(&compute_1_1(&toml, "2024"));
        let q1 = &new["indicators"]["grdp"]["quarters"]["2024-Q1"];
        assert_eq!(q1["contribution_to_year"]["rule"], "contribution_to_year");
        assert_eq!(q1["contribution_to_year"]["origin"], "derived");
        assert!(
            q1["contribution_to_year"]["value"]
                .as_str()
                .unwrap()
                .starts_with("1.22222222"),
            "{q1:#}"
        );
        assert_eq!(q1["growth"]["value"], "5.5");
        let periods: Vec<&String> = new["indicators"]["grdp"]["quarters"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(periods, ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
        // Apart from `quarters`, the two are the same JSON.
        let mut stripped = new.clone();
        stripped["indicators"]["grdp"]
            .as_object_mut()
            .unwrap()
            .remove("quarters");
        assert_eq!(stripped, old);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// With quarterly levels that add up to the year's in both years,
        /// the four quarters' parts add up to the year's growth, as
        /// decimals (but for the rounding of 28-digit quotients), each is
        /// (V_q − V_q,t−1) / V_t−1 × 100; and the four written to 2
        /// decimals pass both checks.
        #[test]
        fn the_four_parts_add_up_to_the_year_s_growth(
            before in prop::collection::vec(1_000u32..1_000_000, 4),
            now in prop::collection::vec(1_000u32..1_000_000, 4),
        ) {
            let total = |v: &[u32]| v.iter().map(|x| u64::from(*x)).sum::<u64>();
            let (year_before, year) = (total(&before), total(&now));
            let mut levels = format!("value = {{ 2023 = {year_before}, 2024 = {year}");
            for (q, (b, n)) in before.iter().zip(&now).enumerate() {
                let q = q + 1;
                levels.push_str(&format!(", 2023-Q{q} = {b}, 2024-Q{q} = {n}"));
            }
            levels.push_str(" }");
            let f = compute_1_1(&ind("x", "flow", &levels), "2024");
            let x = f.get("x").unwrap();
            let growth = x.growth.as_ref().unwrap().value();
            let parts: Vec<Decimal> = x
                .quarters
                .iter()
                .map(|q| q.contribution_to_year.as_ref().unwrap().value())
                .collect();
            prop_assert_eq!(parts.len(), 4);
            let tolerance = Decimal::new(1, 20);
            let hundred = Decimal::ONE_HUNDRED;
            for (k, part) in parts.iter().enumerate() {
                let rise = Decimal::from(now[k]) - Decimal::from(before[k]);
                let own = rise / Decimal::from(year_before) * hundred;
                prop_assert!((*part - own).abs() < tolerance, "Q{}: {} vs {}", k + 1, part, own);
            }
            let sum: Decimal = parts.iter().sum();
            prop_assert!((sum - growth).abs() < tolerance, "{} vs {}", sum, growth);
            prop_assert_eq!(f.failed_checks().count(), 0);

            // Written as a release would, to 2 decimals: they agree with
            // the levels and with the year's growth.
            let written: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let p = p.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
                    format!("2024-Q{} = {p}", k + 1)
                })
                .collect();
            let reported = format!("{levels}\ncontribution_to_year = {{ {} }}", written.join(", "));
            let f = compute_1_1(&ind("x", "flow", &reported), "2024");
            let failed: Vec<_> = f.failed_checks().collect();
            prop_assert!(failed.is_empty(), "{reported}\n{:#?}", failed);
            let made = |rule: &str| f.checks.iter().filter(|c| c.rule == rule).count();
            prop_assert_eq!(made("contribution_to_year_from_levels"), 4);
            prop_assert_eq!(made("growth_sum_of_quarters"), 1);
        }
    }
}

/// `prices` in the figures JSON: only when the period has levels at
/// current prices; `current` for those and the structures, `constant`
/// for the other levels and what grows from them, none for an index kind.
#[test]
fn prices_in_the_json_only_with_current_levels() {
    let toml = [
        ind("p", "flow", "exhaustive = true"),
        ind(
            "a",
            "flow",
            "parent = \"p\"\nvalue = { 2023 = 300, 2024 = 330 }\nvalue_current = { 2024 = 400 }",
        ),
        ind(
            "b",
            "flow",
            "parent = \"p\"\nvalue = { 2023 = 700, 2024 = 735 }\nvalue_current = { 2024 = 800 }\nstructure = { 2024 = 66.7 }",
        ),
        ind("cpi", "index", "index = { 2024 = 103.5, 2023 = 103.2 }"),
    ]
    .concat();
    // Every figure of the JSON: (indicator, measure, prices).
    let prices = |f: &Figures| -> Vec<(String, String, Option<String>)> {
        let j = json(f);
        let mut out = Vec::new();
        for (id, ind) in j["indicators"].as_object().unwrap() {
            for (m, fig) in ind.as_object().unwrap() {
                if fig.get("rule").is_some() {
                    let p = fig.get("prices").map(|p| p.as_str().unwrap().to_owned());
                    out.push((id.clone(), m.clone(), p));
                }
            }
        }
        out
    };
    let row =
        |id: &str, m: &str, p: Option<&str>| (id.to_owned(), m.to_owned(), p.map(str::to_owned));
    let (c, k) = (Some("constant"), Some("current"));
    let level = |id: &str| {
        vec![
            row(id, "contribution", c),
            row(id, "growth", c),
            row(id, "previous", c),
            row(id, "share", c),
            row(id, "structure", k),
            row(id, "value", c),
            row(id, "value_current", k),
        ]
    };
    let mut expected = level("a");
    expected.extend(level("b"));
    expected.extend([
        row("cpi", "contribution", None),
        row("cpi", "growth", None),
        row("cpi", "index", None),
        row("cpi", "share", None),
    ]);
    expected.extend(level("p"));
    let f = compute_1_1(&toml, "2024");
    assert!(f.current_prices);
    let mut got = prices(&f);
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
    // b's structure is reported (at current prices, as releases give it).
    assert_eq!(
        figure(&f, "b", Measure::Structure),
        Some(("66.7".to_owned(), "reported"))
    );
    // 2023 has no current levels: no `prices` anywhere.
    let f = compute_1_1(&toml, "2023");
    assert!(!f.current_prices);
    let text = f.to_json();
    assert!(!text.contains("\"prices\""), "{text}");
    assert!(
        prices(&f).iter().any(|r| r.1 == "structure"),
        "structures are made, at constant prices"
    );
}

/// A failed check of a level against a growth whose levels rise faster
/// than the growth by what a year of prices could add (more than 1, at
/// most 1.15 times) says the levels may be at current prices. 1000 a year
/// earlier and a growth of 6.5 give 1065.
#[test]
fn a_failed_level_check_that_looks_like_current_prices_says_so() {
    let cases = [
        // level, status, the hint
        // 1150 / 1065 = 1.0798: 8% faster
        ("1150", Failed, true),
        // 1224.75 / 1065 = 1.15 exactly
        ("1224.75", Failed, true),
        // 1225 / 1065 = 1.1502
        ("1225", Failed, false),
        // 1385 / 1065 = 1.3005: 30% off, a mistyped figure
        ("1385", Failed, false),
        // 1000 / 1065 = 0.939: slower, not prices
        ("1000", Failed, false),
        ("1065", Ok, false),
    ];
    for (level, status, hint) in cases {
        let toml = ind(
            "x",
            "flow",
            &format!("value = {{ 2023 = 1000, 2024 = {level} }}\ngrowth = {{ 2024 = 6.5 }}"),
        );
        let f = compute(&toml, "2024");
        let c = find(&f, "value_value_from_previous", "x").unwrap();
        assert_eq!(c.status, status, "{level}: {}", c.message);
        assert_eq!(
            c.message.contains("value_current"),
            hint,
            "{level}: {}",
            c.message
        );
    }
}
