//! Identities that hold for any data.

use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::{compute, ind};

fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < Decimal::new(1, 18)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// With levels given, children's contributions add up to the parent's,
    /// and the shares of an exhaustive tree add up to 100.
    #[test]
    fn contributions_and_shares_of_an_exhaustive_tree_add_up(
        levels in prop::collection::vec((1u32..1_000_000, 1u32..1_000_000), 2..6)
    ) {
        let mut toml = ind("root", "flow", "exhaustive = true");
        for (k, (prev, now)) in levels.iter().enumerate() {
            toml.push_str(&ind(&format!("c{k}"), "flow", &format!("parent = \"root\"\nvalue = {{ 2023 = {prev}, 2024 = {now} }}")));
        }
        let f = compute(&toml, "2024");
        let root = f.get("root").unwrap();
        let sum_c: Decimal = (0..levels.len()).map(|k| f.get(&format!("c{k}")).unwrap().contribution.as_ref().unwrap().value()).sum();
        prop_assert!(close(sum_c, root.contribution.as_ref().unwrap().value()), "{sum_c} vs root");
        if !root.growth.as_ref().unwrap().value().is_zero() {
            let sum_s: Decimal = (0..levels.len()).map(|k| f.get(&format!("c{k}")).unwrap().share.as_ref().unwrap().value()).sum();
            prop_assert!(close(sum_s, Decimal::ONE_HUNDRED), "shares add up to {sum_s}");
        }
        let sum_k: Decimal = (0..levels.len()).map(|k| f.get(&format!("c{k}")).unwrap().structure.as_ref().unwrap().value()).sum();
        prop_assert!(close(sum_k, Decimal::ONE_HUNDRED), "structure adds up to {sum_k}");
        prop_assert!(f.failed_checks().next().is_none());
    }

    /// A reported figure comes out exactly as written, whatever else is known.
    #[test]
    fn reported_figures_are_never_altered(units in -100_000i64..100_000, scale in 0u32..4, prev in 1u32..10_000, now in 1u32..10_000) {
        let g = Decimal::new(units, scale);
        let toml = ind("x", "flow", &format!("value = {{ 2023 = {prev}, 2024 = {now} }}\ngrowth = {{ 2024 = {g} }}"));
        let f = compute(&toml, "2024");
        prop_assert_eq!(f.get("x").unwrap().growth.as_ref().unwrap().value(), g);
    }

    /// The same input gives the same JSON, byte for byte.
    #[test]
    fn json_is_deterministic(a in 1u32..1000, b in 1u32..1000) {
        let toml = ind("x", "flow", &format!("value = {{ 2023 = {a}, 2024 = {b} }}"));
        prop_assert_eq!(compute(&toml, "2024").to_json(), compute(&toml, "2024").to_json());
    }
}
