//! Identities that hold for any data.

use baocao_calc::{CheckStatus, Figures, IndicatorFigures, Measure};
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{compute, ind};

/// Equal but for the last of the 28 digits a division keeps.
fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 18)
}

fn value(f: &Figures, id: &str, m: Measure) -> Decimal {
    let ind = f.get(id).unwrap_or_else(|| panic!("no {id}"));
    ind.figure(m)
        .unwrap_or_else(|| panic!("{id}.{m} is absent"))
        .value()
}

/// A tree three levels deep, every parent exhaustive: the root's children
/// are leaves (one pair of levels) or parents of 2 or 3 leaves. Levels are
/// (previous, now).
fn tree() -> impl Strategy<Value = Vec<Vec<(u32, u32)>>> {
    prop::collection::vec(
        prop::collection::vec((1u32..1_000_000, 1u32..1_000_000), 1..4),
        2..5,
    )
}

/// The tree as a dataset: `root`, its children `c{k}`, their children
/// `c{k}_{j}`; levels on the leaves only.
fn tree_toml(tree: &[Vec<(u32, u32)>]) -> String {
    let levels = |(prev, now): (u32, u32)| format!("value = {{ 2023 = {prev}, 2024 = {now} }}");
    let mut toml = ind("root", "flow", "exhaustive = true");
    for (k, kids) in tree.iter().enumerate() {
        let id = format!("c{k}");
        if let [one] = kids.as_slice() {
            toml.push_str(&ind(
                &id,
                "flow",
                &format!("parent = \"root\"\n{}", levels(*one)),
            ));
            continue;
        }
        toml.push_str(&ind(&id, "flow", "parent = \"root\"\nexhaustive = true"));
        for (j, l) in kids.iter().enumerate() {
            let extra = format!("parent = \"{id}\"\n{}", levels(*l));
            toml.push_str(&ind(&format!("{id}_{j}"), "flow", &extra));
        }
    }
    toml
}

/// The children of `parent` in the figures.
fn kids<'a>(f: &'a Figures, parent: &str) -> Vec<&'a IndicatorFigures> {
    let p = f.get(parent).unwrap();
    p.children.iter().map(|c| f.get(c).unwrap()).collect()
}

/// `d` rounded to `scale` decimals, half away from zero.
fn written(d: Decimal, scale: u32) -> Decimal {
    d.round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
}

/// `d` as a dataset writes it with `scale` decimals, trailing zeros kept
/// (0.0 stands for −0.05 … 0.05, 0 for −0.5 … 0.5).
fn text(d: Decimal, scale: u32) -> String {
    let mut d = written(d, scale);
    d.rescale(scale);
    d.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With the leaves' levels given, at every exhaustive parent the
    /// children's points add up to the parent's (at the root, to its
    /// growth), their shares to the parent's share (at the root, to 100)
    /// and their structure to the parent's (at the root, to 100); nothing
    /// fails a check.
    #[test]
    fn points_shares_and_structure_add_up_at_every_level(tree in tree()) {
        let f = compute(&tree_toml(&tree), "2024");
        let growth = value(&f, "root", Measure::Growth);
        // Shares are of a growth that cannot be 0 within the levels' precision.
        let g = f.get("root").unwrap().growth.as_ref().unwrap().quantity;
        let shared = g.lo > Decimal::ZERO || g.hi < Decimal::ZERO;
        prop_assert_eq!(value(&f, "root", Measure::Contribution), growth);
        prop_assert_eq!(value(&f, "root", Measure::Structure), Decimal::ONE_HUNDRED);
        let mut parents = vec!["root".to_owned()];
        parents.extend((0..tree.len()).filter(|k| tree[*k].len() > 1).map(|k| format!("c{k}")));
        for p in &parents {
            let children = kids(&f, p);
            let sum = |m: Measure| -> Decimal {
                children.iter().map(|c| c.figure(m).unwrap().value()).sum()
            };
            let points = sum(Measure::Contribution);
            prop_assert!(close(points, value(&f, p, Measure::Contribution)), "{p}: points {points}");
            let structure = sum(Measure::Structure);
            prop_assert!(close(structure, value(&f, p, Measure::Structure)), "{p}: structure {structure}");
            if shared {
                let shares = sum(Measure::Share);
                prop_assert!(close(shares, value(&f, p, Measure::Share)), "{p}: shares {shares}");
            }
        }
        if shared {
            prop_assert_eq!(value(&f, "root", Measure::Share), Decimal::ONE_HUNDRED);
        }
        let failed: Vec<_> = f.failed_checks().collect();
        prop_assert!(failed.is_empty(), "{:#?}", failed);
    }

    /// Figures true to one set of levels, written rounded to any number of
    /// decimals (the root's growth, each child's points and share), pass
    /// every check: the true values lie within what each written figure
    /// stands for. And one child's points moved by more than every half
    /// unit together fail the sum, with the gap between the written sides.
    #[test]
    fn rounded_figures_pass_and_moved_ones_fail(
        root_prev in 1_000u32..1_000_000,
        kids in prop::collection::vec((1u32..100_000, 1u32..100_000), 2..5),
        scale in 0u32..4,
        moved in any::<prop::sample::Index>(),
        up in any::<bool>(),
    ) {
        let prev: Decimal = kids.iter().map(|(p, _)| Decimal::from(*p)).sum();
        // The rest of the root, unlisted, grows nothing: its points are 0.
        let rest = Decimal::from(root_prev);
        let root_prev = prev + rest;
        let now: Decimal = kids.iter().map(|(_, n)| Decimal::from(*n)).sum::<Decimal>() + rest;
        let growth = now / root_prev * Decimal::ONE_HUNDRED - Decimal::ONE_HUNDRED;
        let points: Vec<Decimal> = kids
            .iter()
            .map(|(p, n)| (Decimal::from(*n) - Decimal::from(*p)) / root_prev * Decimal::ONE_HUNDRED)
            .collect();
        let unit = Decimal::new(1, scale);
        let write = |toml: &mut String, points: &[Decimal], shares: bool| {
            toml.push_str(&ind("root", "flow", &format!("exhaustive = true\ngrowth = {{ 2024 = {} }}", text(growth, scale))));
            for (k, c) in points.iter().enumerate() {
                let mut extra = format!("parent = \"root\"\ncontribution = {{ 2024 = {} }}", text(*c, scale));
                if shares && !growth.is_zero() {
                    let s = text(*c / growth * Decimal::ONE_HUNDRED, scale);
                    extra.push_str(&format!("\nshare = {{ 2024 = {s} }}"));
                }
                toml.push_str(&ind(&format!("c{k}"), "flow", &extra));
            }
            // the unlisted rest, with its 0 points
            toml.push_str(&ind("rest", "flow", &format!("parent = \"root\"\ncontribution = {{ 2024 = {} }}", text(Decimal::ZERO, scale))));
        };
        let mut toml = String::new();
        write(&mut toml, &points, true);
        let f = compute(&toml, "2024");
        let failed: Vec<_> = f.failed_checks().collect();
        prop_assert!(failed.is_empty(), "{toml}\n{:#?}", failed);
        prop_assert!(
            f.checks.iter().any(|c| c.rule == "contribution_sum_of_children" && c.indicator == "root"),
            "the sum is checked: {:#?}", f.checks
        );

        // Half a unit for the root, each child and the rest: the sum can
        // absorb (n + 2) / 2 units, and rounding may have used them all;
        // move one child by n + 3.
        let mut bad = points.clone();
        let n = Decimal::from(points.len());
        let by = (n + Decimal::from(3)) * unit;
        let k = moved.index(points.len());
        bad[k] += if up { by } else { -by };
        let mut toml = String::new();
        write(&mut toml, &bad, false);
        let f = compute(&toml, "2024");
        let failed: Vec<_> = f.failed_checks().collect();
        prop_assert_eq!(failed.len(), 1, "{:#?}", failed);
        let c = failed[0];
        prop_assert_eq!((c.rule.as_str(), c.indicator.as_str()), ("contribution_sum_of_children", "root"));
        let found = written(growth, scale);
        let expected: Decimal = bad.iter().map(|c| written(*c, scale)).sum();
        prop_assert_eq!(c.found, Some(found));
        prop_assert_eq!(c.expected, Some(expected));
        prop_assert_eq!(c.gap, Some(found - expected));
        prop_assert_eq!(c.status, CheckStatus::Failed);
    }

    /// A reported figure comes out exactly as written, whatever else is
    /// known. (A growth of a level is -100 or more: the reader refuses less.)
    #[test]
    fn reported_figures_are_never_altered(units in 0i64..200_000, scale in 0u32..4, prev in 1u32..10_000, now in 1u32..10_000) {
        let g = Decimal::new(units - 100 * 10i64.pow(scale), scale);
        let toml = ind("x", "flow", &format!("value = {{ 2023 = {prev}, 2024 = {now} }}\ngrowth = {{ 2024 = {g} }}"));
        let f = compute(&toml, "2024");
        prop_assert_eq!(f.get("x").unwrap().growth.as_ref().unwrap().value(), g);
    }

    /// Two computations of one dataset, read twice and computed on two
    /// threads at once, give the same JSON, byte for byte; and that JSON
    /// holds the figures (an empty or constant output would also be "the
    /// same").
    #[test]
    fn json_is_deterministic(tree in tree()) {
        let toml = tree_toml(&tree);
        let json = || {
            let toml = toml.clone();
            std::thread::spawn(move || compute(&toml, "2024").to_json())
        };
        let (a, b) = (json(), json());
        let (a, b) = (a.join().unwrap(), b.join().unwrap());
        prop_assert_eq!(&a, &b);
        let parsed: serde_json::Value = serde_json::from_str(&a).unwrap();
        let prev: u64 = tree.iter().flatten().map(|(p, _)| u64::from(*p)).sum();
        let now: u64 = tree.iter().flatten().map(|(_, n)| u64::from(*n)).sum();
        prop_assert_eq!(&parsed["indicators"]["root"]["previous"]["value"], &serde_json::json!(prev.to_string()));
        prop_assert_eq!(&parsed["indicators"]["root"]["value"]["value"], &serde_json::json!(now.to_string()));
        prop_assert!(a.ends_with("}\n"), "one trailing newline");
    }
}
