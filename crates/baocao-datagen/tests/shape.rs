//! What `shape` promises, proved with the reader: every sample is a valid
//! dataset, its periods are the ones the reader sees figures for, and over
//! many seeds every kind of period, figure and hostile text turns up.

use std::collections::BTreeSet;

use baocao_datagen::shape::{Form, Indicator, Shape, Span};
use baocao_dataset::{Dataset, Period};

const SEEDS: u64 = 400;

fn read(sample: &baocao_datagen::shape::Sample, what: &str) -> Dataset {
    baocao_dataset::read_str(&sample.text, "sample.toml")
        .unwrap_or_else(|e| panic!("{what}: {e}\n{}", sample.text))
}

/// The periods with a figure a report reads, as the reader sees them.
fn periods(ds: &Dataset) -> BTreeSet<Period> {
    ds.indicators
        .iter()
        .flat_map(|i| [&i.value, &i.index, &i.growth, &i.contribution])
        .flat_map(|m| m.keys().copied())
        .collect()
}

#[test]
fn every_drawn_sample_reads_and_names_its_periods() {
    for seed in 0..SEEDS {
        let shape = Shape::draw(seed);
        let sample = shape.dataset(seed);
        let ds = read(&sample, &format!("seed {seed}"));
        let listed: Vec<Period> = sample.periods.iter().map(|p| p.parse().unwrap()).collect();
        // In order of year first, then span.
        assert!(
            listed.windows(2).all(|w| w[0].year() <= w[1].year()),
            "seed {seed}: {listed:?}"
        );
        let listed: BTreeSet<Period> = listed.into_iter().collect();
        assert_eq!(listed, periods(&ds), "seed {seed}\n{}", sample.text);
        assert!(sample.text.ends_with('\n'));
        assert!(!sample.text.contains("\n\n\n"), "seed {seed}");
    }
}

#[test]
fn every_simpler_shape_reads_too() {
    for seed in 0..20 {
        for shape in Shape::draw(seed).simpler() {
            read(&shape.dataset(seed), &format!("seed {seed}, {shape:?}"));
        }
    }
}

#[test]
fn hand_made_shapes_read_even_with_numbers_out_of_range() {
    let odd = Shape {
        year: 1800,
        indicators: vec![
            Indicator::ConsumptionPart(0),
            Indicator::ConsumptionPart(1),
            Indicator::ConsumptionPart(99),
            Indicator::Trade,
            Indicator::Trade,
        ],
        spans: vec![
            Span::Half(9),
            Span::Months(4),
            Span::Month(0),
            Span::Quarter(5),
        ],
        previous_year: true,
        forms: Form::ALL.to_vec(),
        targets: true,
        notes: true,
        hostile: true,
        national: true,
        name_en: true,
    };
    let sample = odd.dataset(3);
    let ds = read(&sample, "odd");
    assert_eq!(ds.indicators.len(), 3, "{}", sample.text);
    assert!(ds.years().iter().all(|&y| y >= 1900), "{:?}", ds.years());
    let empty = Shape {
        spans: Vec::new(),
        ..Shape::default()
    };
    let sample = empty.dataset(1);
    assert!(sample.periods.is_empty());
    assert!(read(&sample, "empty").indicators.is_empty());
    let last = Shape {
        year: 3000,
        indicators: vec![Indicator::Exports],
        previous_year: true,
        targets: true,
        ..Shape::default()
    };
    read(&last.dataset(2), "last");
}

/// Over many seeds the samples hold every case the property test needs.
#[test]
fn the_samples_reach_every_case() {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    for seed in 0..SEEDS {
        let sample = Shape::draw(seed).dataset(seed);
        let ds = read(&sample, &format!("seed {seed}"));
        let mut see = |case: &'static str, yes: bool| {
            if yes {
                seen.insert(case);
            }
        };
        for p in sample.periods.iter().map(|p| p.parse::<Period>().unwrap()) {
            see("year", matches!(p, Period::Year(_)));
            see("half", matches!(p, Period::Half(..)));
            see("quarter", matches!(p, Period::Quarter(..)));
            see("months", matches!(p, Period::Months(..)));
            see("month", matches!(p, Period::Month(..)));
        }
        see("one indicator", ds.indicators.len() == 1);
        see(
            "only cpi",
            ds.indicators.len() == 1 && ds.indicator("cpi").is_some(),
        );
        see(
            "consumption with sub-industries",
            ds.indicators.iter().any(|i| {
                i.parent
                    .as_ref()
                    .is_some_and(|p| p.as_str() == "consumption")
            }),
        );
        see("national", ds.region_kind.as_deref() == Some("Cả nước"));
        see("no source", ds.source.is_none());
        for i in &ds.indicators {
            let negative = |m: &std::collections::BTreeMap<Period, baocao_dataset::Number>| {
                m.values()
                    .any(|n| n.value.is_sign_negative() && !n.value.is_zero())
            };
            see("negative growth", negative(&i.growth));
            see("negative contribution", negative(&i.contribution));
            see("negative share", negative(&i.share));
            see(
                "index below 100",
                i.index.values().any(|n| n.value < 100.into()),
            );
            see("weight", !i.weight.is_empty());
            see("share", !i.share.is_empty());
            see("exhaustive", i.exhaustive);
            see("better", i.better.is_some());
            see("no name_en", i.name_en.is_none());
            see("no unit on a flow", i.unit.is_none() && !i.value.is_empty());
            see(
                "zero base",
                i.value.iter().any(|(p, n)| {
                    n.value.is_zero() && i.value.contains_key(&p.with_year(p.year() + 1))
                }),
            );
            see(
                "missing base",
                i.value
                    .keys()
                    .any(|p| !i.value.contains_key(&p.previous()) && !i.growth.contains_key(p)),
            );
            see(
                "hostile name",
                i.name.contains('<') || i.name.contains("{{"),
            );
            see("name with spaces at the ends", i.name.trim() != i.name);
            see("long name", i.name.chars().count() > 200);
        }
        for op in ["between", ">=", ">", "<=", "<"] {
            see(op, ds.targets.iter().any(|t| t.op.as_str() == op));
        }
        see(
            "value target",
            ds.targets
                .iter()
                .any(|t| t.measure == baocao_dataset::TargetMeasure::Value),
        );
        see("label", ds.targets.iter().any(|t| t.label.is_some()));
        see(
            "two-paragraph note",
            ds.notes.iter().any(|n| n.text.contains("\n\n")),
        );
        see(
            "hostile note",
            ds.notes
                .iter()
                .any(|n| n.text.contains('`') || n.text.contains('#')),
        );
        see(
            "decomposed text",
            !unicode_normalization::is_nfc(&sample.text),
        );
    }
    let expected = [
        "year",
        "half",
        "quarter",
        "months",
        "month",
        "one indicator",
        "only cpi",
        "consumption with sub-industries",
        "national",
        "no source",
        "negative growth",
        "negative contribution",
        "negative share",
        "index below 100",
        "weight",
        "share",
        "exhaustive",
        "better",
        "no name_en",
        "no unit on a flow",
        "zero base",
        "missing base",
        "hostile name",
        "name with spaces at the ends",
        "long name",
        "between",
        ">=",
        ">",
        "<=",
        "<",
        "value target",
        "label",
        "two-paragraph note",
        "hostile note",
        "decomposed text",
    ];
    let missing: Vec<&str> = expected.into_iter().filter(|c| !seen.contains(c)).collect();
    assert!(missing.is_empty(), "never drawn: {missing:?}");
}
