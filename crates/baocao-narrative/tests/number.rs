//! Numbers written out: read back by their layout, not by deleting every
//! separator, so a misplaced or missing group separator is caught.

use baocao_narrative::NumberStyle;
use proptest::prelude::*;
use rust_decimal::{Decimal, RoundingStrategy};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Reads `text` as `style` writes a number with `decimals` places, checking
/// every part of its layout: a minus only before a number that is not 0;
/// a first group of 1 to 3 digits, without a leading 0 unless it is the
/// only digit, then groups of exactly 3, each after one group separator; at
/// most one decimal separator, then 1 to `decimals` digits (exactly
/// `decimals` when zeros are kept, no trailing 0 when they are trimmed).
fn read(text: &str, style: &NumberStyle, decimals: u32) -> Result<Decimal, String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut parts = unsigned.split(style.decimal_separator);
    let int = parts.next().unwrap_or_default();
    let frac = parts.next();
    if parts.next().is_some() {
        return Err("two decimal separators".into());
    }
    let groups: Vec<&str> = int.split(style.group_separator).collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (first, rest) = groups.split_first().ok_or("no digits")?;
    if !digits(first) || first.len() > 3 {
        return Err(format!("first group {first:?}"));
    }
    if first.starts_with('0') && (first.len() > 1 || !rest.is_empty()) {
        return Err(format!("leading zero in {first:?}"));
    }
    if let Some(g) = rest.iter().find(|g| !digits(g) || g.len() != 3) {
        return Err(format!("a group of {g:?}, not three digits"));
    }
    let mut exact = groups.concat();
    match frac {
        Some(f) => {
            if !digits(f) || f.len() > decimals as usize {
                return Err(format!("fraction {f:?} for {decimals} decimals"));
            }
            if style.trim_zeros && f.ends_with('0') {
                return Err(format!("trailing zero in {f:?}"));
            }
            if !style.trim_zeros && f.len() != decimals as usize {
                return Err(format!("fraction {f:?} is not {decimals} digits"));
            }
            exact.push('.');
            exact.push_str(f);
        }
        None if !style.trim_zeros && decimals > 0 => {
            return Err(format!("no fraction where {decimals} digits are kept"));
        }
        None => {}
    }
    let value: Decimal = exact.parse().map_err(|e| format!("{exact}: {e}"))?;
    if negative && value.is_zero() {
        return Err("a minus before 0".into());
    }
    Ok(if negative { -value } else { value })
}

/// The styles read back: Vietnamese, English, either keeping zeros, and
/// a style with a space between groups.
fn styles() -> [NumberStyle; 4] {
    let keep = NumberStyle {
        trim_zeros: false,
        ..NumberStyle::vietnamese()
    };
    let spaced = NumberStyle {
        decimal_separator: ',',
        group_separator: ' ',
        trim_zeros: true,
    };
    [
        NumberStyle::vietnamese(),
        NumberStyle::english(),
        keep,
        spaced,
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Any value in any style reads back, by its layout, as the value
    /// rounded half away from zero to the decimals asked for.
    #[test]
    fn reads_back_by_its_layout(
        units in -1_000_000_000_000_000i64..1_000_000_000_000_000,
        scale in 0u32..9,
        decimals in 0u32..7,
        style in 0usize..4,
    ) {
        let value = Decimal::new(units, scale);
        let style = &styles()[style];
        let text = style.format(value, decimals);
        let back = read(&text, style, decimals).map_err(|e| TestCaseError::fail(format!("{value} at {decimals} → {text:?}: {e}")))?;
        let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        prop_assert_eq!(back, rounded, "{} at {} → {:?}", value, decimals, text);
        prop_assert!((back - value).abs() <= Decimal::new(5, decimals + 1));
    }
}

/// The reader refuses the layouts a wrong formatter would write.
#[test]
fn the_reader_sees_misplaced_separators() {
    let vi = NumberStyle::vietnamese();
    let keep = NumberStyle {
        trim_zeros: false,
        ..NumberStyle::vietnamese()
    };
    assert_eq!(read("1.234.567,89", &vi, 2), Ok(d("1234567.89")));
    assert_eq!(read("-0,13", &vi, 2), Ok(d("-0.13")));
    for (bad, style, decimals) in [
        ("12.34.567,89", &vi, 2),
        (".105,9", &vi, 1),
        ("1234,5", &vi, 1),
        ("1.2345", &vi, 0),
        ("01,5", &vi, 1),
        ("0.123", &vi, 0),
        ("6,50", &vi, 2),
        ("6,5", &keep, 2),
        ("13", &keep, 1),
        ("6,523", &vi, 2),
        ("-0", &vi, 0),
        ("1,2,3", &vi, 2),
        ("", &vi, 0),
    ] {
        assert!(read(bad, style, decimals).is_err(), "{bad:?} was read");
    }
}

#[test]
fn a_table_of_numbers() {
    let vi = NumberStyle::vietnamese();
    let en = NumberStyle::english();
    let keep = NumberStyle {
        trim_zeros: false,
        ..NumberStyle::vietnamese()
    };
    let cases = [
        (&vi, "0", 2, "0"),
        (&vi, "999", 0, "999"),
        (&vi, "1000", 0, "1.000"),
        (&vi, "-1000", 0, "-1.000"),
        (&vi, "100000", 0, "100.000"),
        (&vi, "105.9", 1, "105,9"),
        (&vi, "-105.9", 1, "-105,9"),
        (&vi, "1234567.891", 2, "1.234.567,89"),
        (&vi, "0.125", 2, "0,13"),
        (&vi, "-0.125", 2, "-0,13"),
        (&vi, "-0.004", 2, "0"),
        (&vi, "2.5", 0, "3"),
        (&vi, "-2.5", 0, "-3"),
        (&vi, "6.20", 2, "6,2"),
        (&vi, "13.0", 1, "13"),
        (&vi, "0.1", 30, "0,1"),
        (&en, "4268", 0, "4,268"),
        (&en, "6.52", 2, "6.52"),
        (&en, "-1234.5", 1, "-1,234.5"),
        (&keep, "13", 1, "13,0"),
        (&keep, "-0.5", 2, "-0,50"),
        (&keep, "1000", 0, "1.000"),
    ];
    for (style, input, decimals, want) in cases {
        assert_eq!(
            style.format(d(input), decimals),
            want,
            "{input} at {decimals} in {style:?}"
        );
    }
}
