//! The axis in decimal arithmetic, the numbers on it, and the drawings of
//! the SDK fixture's three charts (one of each kind).

use baocao_plugin_api::{Block, Chart, ChartKind, Point, Series};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::svg::{number, px, wrap};
use crate::{Numbers, Scale, svg};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const VI: Numbers = Numbers {
    decimal: ',',
    group: '.',
};

#[test]
fn axes_are_round_and_hold_every_value() {
    // (values, with zero, lo, hi, step)
    let cases: &[(&[&str], bool, &str, &str, &str)] = &[
        // contributions of Hà Nội 2024, with the whole
        (
            &["0.82", "4.72", "0.11", "0.87", "6.52"],
            true,
            "0",
            "8",
            "2",
        ),
        // a part that fell: the axis goes under zero
        (&["4.12", "-0.28", "7.48"], true, "-2", "8", "2"),
        // quarters' growth: a line need not start at zero
        (&["5.41", "6.8", "6.71", "7.01"], false, "5", "7.5", "0.5"),
        // small values
        (&["0.012", "0.034"], true, "0", "0.04", "0.01"),
        // large levels
        (&["216943", "198000"], true, "0", "250000", "50000"),
        // one value
        (&["5"], false, "0", "10", "2"),
        // all zero
        (&["0", "0"], true, "0", "1", "0.2"),
        // all negative
        (&["-3.2", "-1"], true, "-4", "0", "1"),
    ];
    for (values, zero, lo, hi, step) in cases {
        let values: Vec<Decimal> = values.iter().map(|v| d(v)).collect();
        let s = Scale::covering(&values, *zero);
        assert_eq!(
            (s.lo, s.hi, s.step),
            (d(lo), d(hi), d(step)),
            "{values:?} with zero {zero}"
        );
    }
}

#[test]
fn ticks_are_written_as_the_report_writes_numbers() {
    let s = Scale::covering(&[d("5.41"), d("7.01")], false);
    let ticks: Vec<String> = s
        .ticks()
        .iter()
        .map(|t| number(*t, s.decimals(), VI))
        .collect();
    assert_eq!(ticks, ["5,0", "5,5", "6,0", "6,5", "7,0", "7,5"]);
    let en = Numbers::for_language("en-GB");
    assert_eq!(number(d("1234567.25"), 1, en), "1,234,567.3");
    assert_eq!(number(d("1234567.25"), 1, VI), "1.234.567,3");
    assert_eq!(number(d("-0.25"), 1, VI), "-0,3");
    assert_eq!(number(d("-0.04"), 1, VI), "0,0");
    assert_eq!(number(d("300000"), 0, VI), "300.000");
    assert_eq!(Numbers::for_language("vi"), VI);
}

#[test]
fn coordinates_are_tenths_without_noise() {
    assert_eq!(px(d("12.345")), "12.3");
    assert_eq!(px(d("12.35")), "12.4");
    assert_eq!(px(d("-0.04")), "0");
    assert_eq!(px(d("100.0")), "100");
}

#[test]
fn labels_wrap_between_words() {
    assert_eq!(
        wrap("Thuế sản phẩm trừ trợ cấp sản phẩm", d("90"), 12),
        ["Thuế sản phẩm", "trừ trợ cấp sản", "phẩm"]
    );
    assert_eq!(wrap("GRDP", d("10"), 12), ["GRDP"]);
}

proptest! {
    /// Whatever the values, the axis holds them, its ends are multiples
    /// of its step, and it has between 2 and 11 ticks.
    #[test]
    fn an_axis_holds_its_values(
        raw in prop::collection::vec(-1_000_000i64..1_000_000, 1..12),
        scale in 0u32..5,
        zero in any::<bool>(),
    ) {
        let values: Vec<Decimal> = raw.iter().map(|v| Decimal::new(*v, scale)).collect();
        let s = Scale::covering(&values, zero);
        for v in &values {
            prop_assert!(s.lo <= *v && *v <= s.hi, "{v} outside {s:?}");
        }
        if zero {
            prop_assert!(s.lo <= Decimal::ZERO && Decimal::ZERO <= s.hi);
        }
        prop_assert!((s.lo / s.step).fract().is_zero());
        prop_assert!((s.hi / s.step).fract().is_zero());
        let ticks = s.ticks();
        prop_assert!((2..=11).contains(&ticks.len()), "{s:?}");
        prop_assert_eq!(ticks.last().copied(), Some(s.hi));
    }
}

fn fixture_charts() -> Vec<Chart<'static>> {
    baocao_plugin_api::fixture::every_kind()
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn the_fixture_has_one_chart_of_each_kind() {
    let kinds: Vec<ChartKind> = fixture_charts().iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ChartKind::Columns, ChartKind::Line, ChartKind::Bars]
    );
}

#[test]
fn each_kind_drawn() {
    for (i, chart) in fixture_charts().iter().enumerate() {
        let drawn = svg(chart, &format!("chart-{}", i + 1), VI).unwrap();
        insta::assert_snapshot!(format!("{:?}", chart.kind).to_lowercase(), drawn);
    }
}

#[test]
fn what_is_drawn_is_accessible_and_exact() {
    let charts = fixture_charts();
    let columns = svg(&charts[0], "c1", VI).unwrap();
    assert!(columns.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(columns.contains("role=\"img\" aria-labelledby=\"c1-title c1-desc\""));
    assert!(columns.contains(
        "<title id=\"c1-title\">Đóng góp của các khu vực kinh tế vào tăng trưởng GRDP năm 2024</title>"
    ));
    // The description is the figures in words, as printed.
    assert!(columns.contains("Nông, lâm nghiệp và thủy sản: -0,28 điểm %; GRDP: 7,48 điểm %"));
    // Every value labelled as the report prints it; the whole in bold.
    for label in [">4,12<", ">3,05<", ">0,59<", ">-0,28<"] {
        assert!(columns.contains(label), "{label}");
    }
    assert!(columns.contains("font-weight=\"bold\">7,48<"));
    // The axis in Vietnamese numbers, through zero.
    assert!(columns.contains(">-2<") && columns.contains(">0<") && columns.contains(">8<"));
    // The line: a gap where the IIP's third quarter is unknown, so its
    // line stops at the second quarter and the fourth is a marker alone:
    // two polylines in all (GRDP's and the IIP's first run), seven markers.
    let line = svg(&charts[1], "c2", VI).unwrap();
    assert_eq!(line.matches("<polyline").count(), 2, "{line}");
    assert_eq!(line.matches("<circle").count(), 4 + 3);
    assert!(line.contains(">5,41<") && line.contains(">7,1<"));
    assert!(line.contains("viewBox=\"0 0 640 "));
}

#[test]
fn nothing_to_draw_is_none() {
    let mut chart = Chart {
        kind: ChartKind::Columns,
        categories: vec!["a".into()],
        series: vec![Series {
            name: "s".into(),
            values: vec![Some(Point {
                text: "?".into(),
                exact: "not a number".into(),
                ..Point::default()
            })],
        }],
        ..Chart::default()
    };
    assert_eq!(svg(&chart, "x", VI), None);
    chart.kind = ChartKind::Other;
    assert_eq!(svg(&chart, "x", VI), None);
}

#[test]
fn the_same_bytes_every_time_and_escaped() {
    let mut chart = fixture_charts().remove(0);
    chart.title = "A < B & \"C\"".into();
    let one = svg(&chart, "x", VI).unwrap();
    assert_eq!(one, svg(&chart, "x", VI).unwrap());
    assert!(one.contains("A &lt; B &amp; &quot;C&quot;"));
    // What neither XML nor an HTML page may hold: a control character is
    // a space, a noncharacter the replacement character.
    chart.title = "a\u{1}b\u{FFFF}c\u{FDD0}d\u{1FFFE}e".into();
    let two = svg(&chart, "x", VI).unwrap();
    assert!(two.contains("a b\u{FFFD}c\u{FFFD}d\u{FFFD}e"), "{two}");
}
