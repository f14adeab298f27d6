//! Writing exact decimals out: rounding half away from zero, decimal comma,
//! thousands dot, trailing zeros trimmed.

use rust_decimal::{Decimal, RoundingStrategy};

/// How numbers are written in one locale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberStyle {
    /// Between the integer and the fraction (`,` in Vietnamese).
    pub decimal_separator: char,
    /// Between groups of three digits (`.` in Vietnamese).
    pub group_separator: char,
    /// Whether 13,0 is written 13.
    pub trim_zeros: bool,
}

impl NumberStyle {
    /// 6,52; 4.268; 13 (not 13,0).
    pub fn vietnamese() -> Self {
        NumberStyle {
            decimal_separator: ',',
            group_separator: '.',
            trim_zeros: true,
        }
    }

    /// 6.52; 4,268; 13 (not 13.0).
    pub fn english() -> Self {
        NumberStyle {
            decimal_separator: '.',
            group_separator: ',',
            trim_zeros: true,
        }
    }

    /// Writes `d` rounded to `decimals` places, half away from zero.
    ///
    /// ```
    /// use baocao_narrative::NumberStyle;
    /// use rust_decimal::Decimal;
    /// let vi = NumberStyle::vietnamese();
    /// let d = |s: &str| s.parse::<Decimal>().unwrap();
    /// assert_eq!(vi.format(d("12.57668711656441717791411043"), 1), "12,6");
    /// assert_eq!(vi.format(d("13.03680981595092024539877301"), 1), "13");
    /// assert_eq!(vi.format(d("4268"), 0), "4.268");
    /// assert_eq!(vi.format(d("0.125"), 2), "0,13");
    /// assert_eq!(vi.format(d("-0.125"), 2), "-0,13");
    /// assert_eq!(vi.format(d("1234567.891"), 2), "1.234.567,89");
    /// ```
    pub fn format(&self, d: Decimal, decimals: u32) -> String {
        let decimals = decimals.min(20);
        let rounded = d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let negative = rounded.is_sign_negative() && !rounded.is_zero();
        // The digits as the decimal holds them (it has at most `decimals`
        // now), padded here: `format!("{:.20}")` of a large decimal runs
        // past rust_decimal's 32-character buffer and panics.
        let text = rounded.abs().to_string();
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, f),
            None => (text.as_str(), ""),
        };
        let padded;
        let frac = if self.trim_zeros {
            frac.trim_end_matches('0')
        } else {
            padded = format!("{frac:0<width$}", width = decimals as usize);
            padded.as_str()
        };
        let mut out = String::with_capacity(text.len() + 4);
        if negative {
            out.push('-');
        }
        let digits = int.len();
        for (n, c) in int.chars().enumerate() {
            if n > 0 && (digits - n) % 3 == 0 {
                out.push(self.group_separator);
            }
            out.push(c);
        }
        if !frac.is_empty() {
            out.push(self.decimal_separator);
            out.push_str(frac);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn table_of_cases() {
        let vi = NumberStyle::vietnamese();
        let cases = [
            ("6.52", 2, "6,52"),
            ("6.20", 2, "6,2"),
            ("6.20", 1, "6,2"),
            ("30.0", 1, "30"),
            ("11.5", 1, "11,5"),
            ("0.005", 2, "0,01"),
            ("-0.005", 2, "-0,01"),
            ("-0.004", 2, "0"),
            ("999.95", 1, "1.000"),
            ("10221.8", 1, "10.221,8"),
            ("72.39263803680981595092024540", 1, "72,4"),
        ];
        for (input, decimals, want) in cases {
            assert_eq!(vi.format(d(input), decimals), want, "{input} at {decimals}");
        }
        let keep = NumberStyle {
            trim_zeros: false,
            ..NumberStyle::vietnamese()
        };
        assert_eq!(keep.format(d("13"), 1), "13,0");
    }

    #[test]
    fn figures_at_the_decimal_limit_are_written() {
        let vi = NumberStyle::vietnamese();
        for d in [
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-5, 28),
            Decimal::from_i128_with_scale(79_228_162_514_264_337_593_543_950_335, 28),
        ] {
            for decimals in [0, 1, 2, 10, 20, 28, u32::MAX] {
                let text = vi.format(d, decimals);
                assert!(!text.is_empty(), "{d} at {decimals}");
                let kept = NumberStyle {
                    trim_zeros: false,
                    ..NumberStyle::vietnamese()
                };
                assert!(kept.format(d, decimals).len() >= text.len());
            }
        }
        assert_eq!(
            vi.format(Decimal::MAX, 0),
            "79.228.162.514.264.337.593.543.950.335"
        );
    }

    proptest! {
        #[test]
        fn parses_back_within_half_a_unit(units in -10_000_000_000i64..10_000_000_000, scale in 0u32..6, decimals in 0u32..4) {
            let value = Decimal::new(units, scale);
            let text = NumberStyle::vietnamese().format(value, decimals);
            let back: Decimal = text.replace('.', "").replace(',', ".").parse().unwrap();
            let half = Decimal::new(5, decimals + 1);
            prop_assert!((back - value).abs() <= half, "{value} -> {text}");
        }
    }
}
