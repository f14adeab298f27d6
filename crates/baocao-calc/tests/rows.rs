//! One test per row of "What the engine derives".

use baocao_calc::{Measure::*, Trend};

use crate::{check, compute, ind};

#[test]
fn growth_previous_and_value_from_levels() {
    let f = compute(
        &[
            ind("a", "flow", "value = { 2023 = 1000, 2024 = 1062 }"),
            ind(
                "b",
                "flow",
                "value = { 2024 = 4268 }\ngrowth = { 2024 = 10.6 }",
            ),
            ind("c", "flow", "value = { 2023 = 200 }\ngrowth = { 2024 = 5 }"),
            ind("s", "stock", "value = { 2023 = 80, 2024 = 60 }"),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            ("a", Growth, "6.2", "growth_from_levels"),
            ("a", Previous, "1000", "reported_previous"),
            // 4268 / 1.106, to 10 decimals
            ("b", Previous, "3858.9511754069", "previous_from_growth"),
            ("b", Growth, "10.6", "reported"),
            ("c", Value, "210", "value_from_previous"),
            ("s", Growth, "-25", "growth_from_levels"),
        ],
    );
}

#[test]
fn index_and_growth_of_index_kinds() {
    let f = compute(
        &[
            ind("iip", "index", "index = { 2024 = 105.9 }"),
            ind("inv", "index", "growth = { 2024 = -11.5 }"),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            ("iip", Growth, "5.9", "growth_from_index"),
            ("inv", Index, "88.5", "index_from_growth"),
        ],
    );
}

#[test]
fn contribution_share_and_structure_from_levels() {
    let f = compute(
        &[
            ind("grdp", "flow", "value = { 2023 = 1000, 2024 = 1065 }"),
            ind(
                "ind",
                "flow",
                "parent = \"grdp\"\nvalue = { 2023 = 200, 2024 = 212 }",
            ),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            ("grdp", Growth, "6.5", "growth_from_levels"),
            ("grdp", Contribution, "6.5", "contribution_of_root"),
            ("grdp", Share, "100", "share_from_contribution"),
            // (212 − 200) / 1000 × 100
            ("ind", Contribution, "1.2", "contribution_from_levels"),
            // 1.2 / 6.5 × 100
            ("ind", Share, "18.4615384615", "share_from_contribution"),
            // 212 / 1065 × 100
            ("ind", Structure, "19.9061032864", "structure"),
        ],
    );
}

#[test]
fn share_of_reported_points_is_the_seed_figure() {
    let f = compute(
        &[
            ind("grdp", "flow", "growth = { 2024 = 6.52 }"),
            ind(
                "industry",
                "flow",
                "parent = \"grdp\"\ncontribution = { 2024 = 0.82 }",
            ),
        ]
        .concat(),
        "2024",
    );
    let share = f.get("industry").unwrap().share.as_ref().unwrap();
    assert_eq!(share.value().to_string(), "12.576687116564417177914110430");
    assert_eq!(share.from, ["industry.contribution", "grdp.growth"]);
}

#[test]
fn parent_level_is_the_sum_of_an_exhaustive_parents_children() {
    let f = compute(
        &[
            ind("p", "flow", "exhaustive = true"),
            ind(
                "x",
                "flow",
                "parent = \"p\"\nvalue = { 2024 = 100, 2023 = 90 }",
            ),
            ind(
                "y",
                "flow",
                "parent = \"p\"\nvalue = { 2024 = 200, 2023 = 210 }",
            ),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            ("p", Value, "300", "sum_of_children"),
            ("p", Previous, "300", "sum_of_children"),
            ("p", Growth, "0", "growth_from_levels"),
            (
                "x",
                Contribution,
                "3.3333333333",
                "contribution_from_levels",
            ),
        ],
    );
}

#[test]
fn residual_is_the_one_missing_child() {
    let f = compute(
        &[
            ind(
                "grdp",
                "flow",
                "exhaustive = true\ngrowth = { 2024 = 6.52 }",
            ),
            ind("other", "flow", "parent = \"grdp\""),
            ind(
                "ic",
                "flow",
                "parent = \"grdp\"\nexhaustive = true\ncontribution = { 2024 = 1.34 }",
            ),
            ind(
                "industry",
                "flow",
                "parent = \"ic\"\ncontribution = { 2024 = 0.82 }",
            ),
            ind("construction", "flow", "parent = \"ic\""),
            ind(
                "services",
                "flow",
                "parent = \"grdp\"\ncontribution = { 2024 = 4.72 }",
            ),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            ("construction", Contribution, "0.52", "residual"),
            ("other", Contribution, "0.46", "residual"),
        ],
    );
    let c = f
        .get("construction")
        .unwrap()
        .contribution
        .as_ref()
        .unwrap();
    assert_eq!(c.formula, "ic.contribution − industry.contribution");
}

#[test]
fn two_missing_children_give_no_residual() {
    let f = compute(
        &[
            ind(
                "grdp",
                "flow",
                "exhaustive = true\ngrowth = { 2024 = 6.52 }",
            ),
            ind("a", "flow", "parent = \"grdp\""),
            ind("b", "flow", "parent = \"grdp\""),
            ind(
                "c",
                "flow",
                "parent = \"grdp\"\ncontribution = { 2024 = 4.72 }",
            ),
        ]
        .concat(),
        "2024",
    );
    assert!(f.get("a").unwrap().contribution.is_none());
    assert!(f.get("b").unwrap().share.is_none());
}

#[test]
fn weighted_index_aggregation_and_contributions() {
    let f = compute(
        &[
            ind("iip", "index", ""),
            ind(
                "m",
                "index",
                "parent = \"iip\"\nweight = { 2024 = 60 }\nindex = { 2024 = 110 }",
            ),
            ind(
                "e",
                "index",
                "parent = \"iip\"\nweight = { 2024 = 40 }\nindex = { 2024 = 95 }",
            ),
        ]
        .concat(),
        "2024",
    );
    check(
        &f,
        &[
            // (60 × 110 + 40 × 95) / 100
            ("iip", Index, "104", "index_from_children"),
            ("iip", Growth, "4", "growth_from_index"),
            ("m", Contribution, "6", "contribution_from_weights"),
            ("e", Contribution, "-2", "contribution_from_weights"),
            ("e", Share, "-50", "share_from_contribution"),
        ],
    );
}

#[test]
fn contribution_from_share() {
    let f = compute(
        &[
            ind("grdp", "flow", "growth = { 2024 = 6 }"),
            ind("x", "flow", "parent = \"grdp\"\nshare = { 2024 = 50 }"),
        ]
        .concat(),
        "2024",
    );
    check(&f, &[("x", Contribution, "3", "contribution_from_share")]);
}

#[test]
fn quarterly_trend_counts_and_top_n() {
    let toml = [
        ind("iip", "index", "index = { 2024 = 105, 2024-Q1 = 103.6, 2024-Q2 = 105.7, 2024-Q3 = 106.3, 2024-Q4 = 107.1 }"),
        ind("a", "index", "parent = \"iip\"\nindex = { 2024 = 130, 2024-Q1 = 101, 2024-Q2 = 100 }"),
        ind("b", "index", "parent = \"iip\"\nindex = { 2024 = 129.3 }"),
        ind("c", "index", "parent = \"iip\"\nindex = { 2024 = 99 }"),
        ind("d", "index", "parent = \"iip\"\nindex = { 2024 = 129.3 }"),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let iip = f.get("iip").unwrap();
    assert_eq!(iip.trend, Some(Trend::Rising));
    assert_eq!(iip.count.map(|c| (c.grew, c.of)), Some((3, 4)));
    let top: Vec<&str> = f.top("iip", 3).iter().map(|i| i.id.as_str()).collect();
    assert_eq!(top, ["a", "b", "d"], "ties by id");
    // a has only two quarters: no trend for the year
    assert_eq!(f.get("a").unwrap().trend, None);
    // for the first half, two quarters so far are enough
    let h1 = compute(&toml, "2024-H1");
    assert_eq!(h1.get("a").unwrap().trend, Some(Trend::Falling));
    let falling = toml.replace("2024-Q3 = 106.3", "2024-Q3 = 105.0");
    assert_eq!(
        compute(&falling, "2024").get("iip").unwrap().trend,
        Some(Trend::Mixed)
    );
}

#[test]
fn absent_is_absent_never_zero() {
    let f = compute(&ind("x", "flow", "value = { 2024 = 10 }"), "2024");
    let x = f.get("x").unwrap();
    assert!(x.growth.is_none() && x.previous.is_none() && x.contribution.is_none());
    let zero_prev = compute(&ind("z", "flow", "value = { 2023 = 0, 2024 = 10 }"), "2024");
    assert!(zero_prev.get("z").unwrap().growth.is_none());
    assert!(
        zero_prev
            .checks
            .iter()
            .any(|c| c.rule == "division_by_zero_growth")
    );
}
