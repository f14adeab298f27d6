//! No dataset makes the engine panic: datasets of any shape (from
//! `baocao_datagen::shape`), with figures replaced by the most extreme
//! decimals there are, past what the reader accepts, compute every period
//! and write their JSON.

use baocao_calc::Scope;
use baocao_datagen::shape::Shape;
use baocao_dataset::{Dataset, Number};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Decimals at and near the limits, of every scale, with both signs, and
/// the values where formulas turn (0, -100, 100).
fn extremes() -> Vec<Decimal> {
    let mut out = vec![
        Decimal::MAX,
        Decimal::MIN,
        Decimal::MAX - Decimal::ONE,
        Decimal::MIN + Decimal::ONE,
        Decimal::MAX - Decimal::new(5, 1),
        Decimal::new(1, 28),
        Decimal::new(-1, 28),
        Decimal::new(5, 28),
        Decimal::ZERO,
        Decimal::new(0, 28),
        Decimal::NEGATIVE_ONE * Decimal::ONE_HUNDRED,
        Decimal::new(-99_999_999_999_999, 12),
        Decimal::ONE_HUNDRED,
        Decimal::new(999_999_999_999_999, 0),
        Decimal::new(-999_999_999_999_999, 0),
        Decimal::new(1, 13),
        Decimal::from_i128_with_scale(9_999_999_999_999_999_999_999_999_999, 14),
        Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 28),
    ];
    out.extend(out.clone().iter().map(|d| -*d));
    out
}

/// Every figure of the dataset, in a fixed order.
fn numbers(ds: &mut Dataset) -> Vec<&mut Number> {
    let mut out = Vec::new();
    for ind in &mut ds.indicators {
        for map in [
            &mut ind.weight,
            &mut ind.value,
            &mut ind.index,
            &mut ind.growth,
            &mut ind.contribution,
            &mut ind.share,
        ] {
            out.extend(map.values_mut());
        }
    }
    for t in &mut ds.targets {
        out.push(&mut t.value);
        if let Some(u) = &mut t.upper {
            out.push(u);
        }
    }
    out
}

/// The dataset of `seed` with the figures `picks` name replaced by
/// extremes: (which figure, modulo their number; which extreme).
fn extreme_dataset(seed: u64, picks: &[(usize, usize)]) -> Dataset {
    let sample = Shape::draw(seed).dataset(seed);
    let mut ds = baocao_dataset::read_str(&sample.text, "sample.toml")
        .unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    let extremes = extremes();
    let mut figures = numbers(&mut ds);
    if !figures.is_empty() {
        let n = figures.len();
        for &(which, extreme) in picks {
            let value = extremes[extreme % extremes.len()];
            let figure = &mut figures[which % n];
            figure.value = value;
            figure.scale = value.scale();
        }
    }
    ds
}

/// Computes every period of `ds` (and the year after its last), in both
/// scopes, and writes the JSON.
fn compute_all(ds: &Dataset) {
    let mut periods = ds.periods();
    if let Some(last) = periods.last() {
        periods.push(last.with_year(last.year() + 1));
    }
    for p in periods {
        let f = baocao_calc::compute(ds, p);
        let json = f.to_json();
        assert!(json.ends_with("}\n"));
        let _ = baocao_calc::compute_with(ds, p, Scope::FiguresOnly);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Some figures extreme, the rest as drawn.
    #[test]
    fn extreme_figures_never_panic(
        seed in 0u64..100_000,
        picks in prop::collection::vec((0usize..10_000, 0usize..1_000), 1..12),
    ) {
        compute_all(&extreme_dataset(seed, &picks));
    }
}

/// Every figure extreme at once, each extreme in turn, over a few shapes.
#[test]
fn every_figure_extreme_never_panics() {
    for seed in 0..3 {
        for extreme in 0..extremes().len() {
            let picks: Vec<(usize, usize)> = (0..400).map(|k| (k, extreme)).collect();
            compute_all(&extreme_dataset(seed, &picks));
        }
    }
}
