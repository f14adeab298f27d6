//! Figures at the limits of an exact decimal: what the reader accepts (at
//! most 15 digits before the point) can still make a product or a quotient
//! beyond 28 digits, and a dataset built by hand can hold anything. No
//! figure is made up and nothing panics: a figure that cannot be computed
//! is absent, with a failed check that names it.

use baocao_calc::{CheckStatus, Figures, Measure, Quantity};
use baocao_dataset::{Dataset, Indicator, IndicatorId, Kind, Location, Number, Period};
use rust_decimal::Decimal;

use crate::{compute, ind};

/// The problem told about `id`'s figure `m`, if any.
fn too_large<'f>(f: &'f Figures, id: &str, m: Measure) -> Option<&'f baocao_calc::Check> {
    let rule = format!("too_large_{m}");
    f.checks
        .iter()
        .find(|c| c.indicator == id && c.rule == rule)
}

/// A dataset the reader accepts, the figure that overflows, and another
/// figure that must still be there.
struct Case {
    what: &'static str,
    toml: String,
    id: &'static str,
    measure: Measure,
    kept: (&'static str, Measure),
}

#[test]
fn derived_figures_beyond_28_digits_are_absent_and_told() {
    let big = "999999999999999";
    let tiny = "0.0000000000001";
    let cases: [Case; 7] = [
        Case {
            what: "a level from a huge base and a huge growth",
            toml: ind(
                "a",
                "flow",
                &format!("value = {{ 2023 = {big} }}\ngrowth = {{ 2024 = {big} }}"),
            ),
            id: "a",
            measure: Measure::Value,
            kept: ("a", Measure::Growth),
        },
        Case {
            what: "a growth of a level over a tiny base",
            toml: ind(
                "a",
                "flow",
                &format!("value = {{ 2023 = {tiny}, 2024 = {big} }}"),
            ),
            id: "a",
            measure: Measure::Growth,
            kept: ("a", Measure::Previous),
        },
        Case {
            what: "a previous level from a growth next to -100",
            toml: ind(
                "a",
                "flow",
                &format!("value = {{ 2024 = {big} }}\ngrowth = {{ 2024 = -99.999999999999 }}"),
            ),
            id: "a",
            measure: Measure::Previous,
            kept: ("a", Measure::Value),
        },
        Case {
            what: "a contribution from a huge share of a huge growth",
            toml: [
                ind("r", "flow", &format!("growth = {{ 2024 = {big} }}")),
                ind(
                    "c",
                    "flow",
                    &format!("parent = \"r\"\nshare = {{ 2024 = {big} }}"),
                ),
            ]
            .concat(),
            id: "c",
            measure: Measure::Contribution,
            kept: ("r", Measure::Contribution),
        },
        Case {
            what: "a parent index from huge weights and indices",
            toml: [
                ind("p", "index", ""),
                ind(
                    "c",
                    "index",
                    &format!(
                        "parent = \"p\"\nweight = {{ 2024 = {big} }}\nindex = {{ 2024 = {big} }}"
                    ),
                ),
            ]
            .concat(),
            id: "p",
            measure: Measure::Index,
            kept: ("c", Measure::Growth),
        },
        Case {
            what: "a share of a root's tiny growth",
            toml: [
                ind("r", "flow", &format!("growth = {{ 2024 = {tiny} }}")),
                ind(
                    "c",
                    "flow",
                    &format!("parent = \"r\"\ncontribution = {{ 2024 = {big} }}"),
                ),
            ]
            .concat(),
            id: "c",
            measure: Measure::Share,
            kept: ("c", Measure::Contribution),
        },
        Case {
            what: "a structure of a part over a tiny whole",
            toml: [
                ind(
                    "r",
                    "flow",
                    &format!("exhaustive = true\nvalue = {{ 2024 = {tiny} }}"),
                ),
                ind(
                    "c",
                    "flow",
                    &format!("parent = \"r\"\nvalue = {{ 2024 = {big} }}"),
                ),
            ]
            .concat(),
            id: "c",
            measure: Measure::Structure,
            kept: ("c", Measure::Value),
        },
    ];
    for Case {
        what,
        toml,
        id,
        measure: m,
        kept: (other, om),
    } in cases
    {
        let f = compute(&toml, "2024");
        let ind = f.get(id).unwrap();
        assert!(
            ind.figure(m).is_none(),
            "{what}: {id}.{m} = {:?}",
            ind.figure(m)
        );
        let check = too_large(&f, id, m).unwrap_or_else(|| panic!("{what}: {:#?}", f.checks));
        assert_eq!(check.status, CheckStatus::Failed, "{what}");
        assert_eq!(
            check.message,
            format!("`{id}.{m}` for 2024 is too large to compute with (more than 28 digits)"),
            "{what}"
        );
        assert!(
            f.get(other).unwrap().figure(om).is_some(),
            "{what}: {other}.{om}"
        );
        // The figures JSON still writes out.
        assert!(f.to_json().contains(&check.message), "{what}");
    }
}

/// A figure that overflows one way but is derived another is not told.
#[test]
fn a_figure_derived_another_way_is_not_told() {
    let big = "999999999999999";
    // The level overflows from the previous level and growth, but the
    // parent is the sum of its children.
    let toml = [
        ind(
            "p",
            "flow",
            &format!("exhaustive = true\nvalue = {{ 2023 = {big} }}\ngrowth = {{ 2024 = {big} }}"),
        ),
        ind("c", "flow", "parent = \"p\"\nvalue = { 2024 = 7 }"),
    ]
    .concat();
    let f = compute(&toml, "2024");
    let value = f.get("p").unwrap().value.as_ref().unwrap();
    assert_eq!(value.value(), Decimal::from(7));
    assert!(
        too_large(&f, "p", Measure::Value).is_none(),
        "{:#?}",
        f.checks
    );
}

fn at() -> Location {
    Location {
        file: "built.toml".into(),
        line: 1,
        column: 1,
    }
}

fn number(value: Decimal) -> Number {
    Number {
        value,
        scale: value.scale(),
        approx: None,
        at: at(),
    }
}

fn indicator(id: &str, kind: Kind) -> Indicator {
    Indicator {
        id: IndicatorId::new(id).unwrap(),
        name: id.to_owned(),
        name_en: None,
        kind,
        unit: None,
        parent: None,
        exhaustive: false,
        better: None,
        weight: Default::default(),
        value: Default::default(),
        index: Default::default(),
        growth: Default::default(),
        contribution: Default::default(),
        share: Default::default(),
        structure: Default::default(),
        value_current: Default::default(),
        contribution_to_year: Default::default(),
        at: at(),
    }
}

fn dataset(indicators: Vec<Indicator>) -> Dataset {
    Dataset {
        format: Default::default(),
        region: "Built".to_owned(),
        region_kind: None,
        source: None,
        contribution_base: Default::default(),
        indicators,
        targets: Vec::new(),
        notes: Vec::new(),
    }
}

/// Datasets built by hand, past what the reader accepts: figures at and
/// next to the largest and smallest decimals, with every scale. Each
/// computes, and a reported figure whose interval cannot be held is absent,
/// told at its place, and never derived in its stead.
#[test]
fn figures_at_the_largest_decimals_built_by_hand() {
    let y24: Period = "2024".parse().unwrap();
    let y23: Period = "2023".parse().unwrap();
    let extremes = [
        Decimal::MAX,
        Decimal::MIN,
        Decimal::MAX - Decimal::ONE,
        Decimal::MAX - Decimal::new(5, 1),
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::ZERO,
        Decimal::from(10_i64.pow(15)),
    ];
    for x in extremes {
        for y in extremes {
            let mut a = indicator("a", Kind::Flow);
            a.exhaustive = true;
            a.value.insert(y24, number(x));
            a.value.insert(y23, number(y));
            a.growth.insert(y24, number(y));
            a.contribution.insert(y24, number(x));
            a.share.insert(y24, number(y));
            let mut b = indicator("b", Kind::Flow);
            b.parent = Some(IndicatorId::new("a").unwrap());
            b.value.insert(y24, number(y));
            b.growth.insert(y24, number(x));
            let mut i = indicator("i", Kind::Index);
            i.exhaustive = true;
            i.index.insert(y24, number(x));
            let mut k = indicator("k", Kind::Index);
            k.parent = Some(IndicatorId::new("i").unwrap());
            k.weight.insert(y24, number(y));
            k.index.insert(y24, number(x));
            let ds = dataset(vec![a, b, i, k]);
            for period in [y24, y23, "2024-Q4".parse().unwrap()] {
                let f = baocao_calc::compute(&ds, period);
                let _ = f.to_json();
                if period == y24 && Quantity::written(x, x.scale()).is_none() {
                    let a = f.get("a").unwrap();
                    assert!(a.value.is_none(), "a.value of {x} is not derived instead");
                    let told = too_large(&f, "a", Measure::Value).unwrap();
                    assert_eq!(told.at.as_ref(), Some(&at()));
                }
            }
        }
    }
}

/// A parent with many children and a chain many levels deep give the
/// figures a small tree gives (the engine's work is linear in them; the
/// time is measured by `docs/performance.md`, not here).
#[test]
fn wide_and_deep_trees_give_the_right_figures() {
    let n = 1_500;
    let ds = baocao_dataset::read_str(&baocao_datagen::stress::many_children(n), "w.toml").unwrap();
    let f = baocao_calc::compute(&ds, "2024".parse().unwrap());
    let grdp = f.get("grdp").unwrap();
    // The last child's previous level is the residual: the parent's less
    // the others' 1000 each.
    let last = f.get(&format!("s{n:05}")).unwrap();
    let previous = last.previous.as_ref().unwrap();
    assert_eq!(previous.value(), Decimal::from(1000));
    assert_eq!(previous.rule.as_str(), "residual");
    // Every child grew; the points add up to the parent's growth.
    assert_eq!(grdp.count.map(|c| (c.grew, c.of)), Some((n, n)));
    let sum = f
        .checks
        .iter()
        .find(|c| c.rule == "contribution_sum_of_children")
        .unwrap();
    assert_eq!(sum.status, CheckStatus::Ok, "{}", sum.message);
    let value = f
        .checks
        .iter()
        .find(|c| c.rule == "value_sum_of_children")
        .unwrap();
    assert_eq!(value.status, CheckStatus::Ok);
    let iip = f.get("iip").unwrap();
    assert!(iip.index.is_some() && iip.count.is_some());
    let weighted = f.get("iip00007").unwrap().contribution.as_ref().unwrap();
    assert_eq!(weighted.rule.as_str(), "contribution_from_weights");
    assert_eq!(f.failed_checks().count(), 0);

    let depth = 600;
    let ds =
        baocao_dataset::read_str(&baocao_datagen::stress::deep_chain(depth), "d.toml").unwrap();
    let f = baocao_calc::compute(&ds, "2024".parse().unwrap());
    let top = f.get("c00001").unwrap();
    assert_eq!(top.value.as_ref().unwrap().value(), Decimal::from(105));
    assert_eq!(top.growth.as_ref().unwrap().value(), Decimal::from(5));
    let bottom = f.get(&format!("c{depth:05}")).unwrap();
    assert_eq!(bottom.root, "c00001");
    assert_eq!(
        bottom.contribution.as_ref().unwrap().value(),
        Decimal::from(5)
    );
}
