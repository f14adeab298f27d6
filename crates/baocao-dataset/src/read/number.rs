//! TOML numbers to exact decimals, straight from the text the clerk typed.
//!
//! Going through `f64` would turn 6.20 into 6.2000000000000001776…, and lose
//! that two decimals were written, which the consistency checks need.

use std::fmt;

use rust_decimal::Decimal;
use toml::de::{DeFloat, DeInteger};

/// Why a TOML number cannot be a dataset figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// `0x1F`, `0o17`, `0b101`.
    Radix(String),
    /// `inf`, `-inf`, `nan`.
    NotFinite(String),
    /// More digits or decimals than an exact decimal holds (28).
    TooPrecise(String),
    /// More than [`MAX_DIGITS`] digits before the point.
    TooLarge(String),
}

/// The most digits a figure may have before the point: up to 999 trillion
/// (999 999 999 999 999), more than any statistic written in the units
/// releases use (a country's GDP in tỷ đồng has 8 digits, in triệu đồng
/// 11). It keeps every figure, and what the engine derives from a few of
/// them, far inside what an exact decimal holds (28 digits), so that no
/// sum, difference or interval of written figures can overflow.
pub(crate) const MAX_DIGITS: u32 = 15;

/// 10^[`MAX_DIGITS`], the first figure too large (0x3_8D7E_A4C6_8000).
const TOO_LARGE: Decimal = Decimal::from_parts(0xA4C6_8000, 0x3_8D7E, 0, false, 0);

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NumberError::Radix(text) => {
                write!(
                    f,
                    "expected a decimal number, found {text}: write it in base 10"
                )
            }
            NumberError::NotFinite(text) => write!(f, "expected a finite number, found {text}"),
            NumberError::TooPrecise(text) => write!(
                f,
                "{text} cannot be kept exactly: a number may have at most 28 digits and 28 decimals"
            ),
            NumberError::TooLarge(text) => write!(
                f,
                "{text} is too large: a figure may have at most {MAX_DIGITS} digits before the point; write it in a larger unit (tỷ đồng rather than đồng)"
            ),
        }
    }
}

/// A TOML integer as an exact decimal.
pub(crate) fn integer(i: &DeInteger<'_>) -> Result<Decimal, NumberError> {
    let prefix = match i.radix() {
        10 => return decimal(i.as_str()),
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    Err(NumberError::Radix(format!("{prefix}{}", i.as_str())))
}

/// A TOML float as an exact decimal, keeping the decimals written.
pub(crate) fn float(f: &DeFloat<'_>) -> Result<Decimal, NumberError> {
    let text = f.as_str();
    // A finite float has digits, signs, a point and an exponent only.
    if text.bytes().any(|b| matches!(b, b'i' | b'n')) {
        return Err(NumberError::NotFinite(text.to_owned()));
    }
    decimal(text)
}

/// The exact value of a decimal number as TOML writes it (underscores
/// already removed): `1062`, `-6.20`, `+5`, `1e3`, `6.2E-1`. The scale of the
/// result is the number of decimals the text stands for: 6.20 → 2, 6.2e-1 → 2,
/// 1.5e3 → 0.
pub(crate) fn decimal(text: &str) -> Result<Decimal, NumberError> {
    let too_precise = || NumberError::TooPrecise(text.to_owned());
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (text, None),
    };
    let mut value = Decimal::from_str_exact(mantissa).map_err(|_| too_precise())?;
    if let Some(exponent) = exponent {
        // Beyond ±56 no exponent can give a value an exact decimal holds
        // (28 digits, 28 decimals), so larger ones are refused before any
        // arithmetic.
        let exponent: i32 = exponent.parse().map_err(|_| too_precise())?;
        if !(-56..=56).contains(&exponent) {
            return Err(too_precise());
        }
        let scale = value.scale();
        let shift = exponent.unsigned_abs();
        if exponent < 0 {
            let scale = scale.checked_add(shift).ok_or_else(too_precise)?;
            value.set_scale(scale).map_err(|_| too_precise())?;
        } else if shift <= scale {
            value.set_scale(scale - shift).map_err(|_| too_precise())?;
        } else {
            value.set_scale(0).map_err(|_| too_precise())?;
            for _ in scale..shift {
                value = value.checked_mul(Decimal::TEN).ok_or_else(too_precise)?;
            }
        }
    }
    if value.is_zero() {
        // -0.0 is 0; a sign on zero would print as "-0" in a report.
        value.set_sign_positive(true);
    }
    if value.abs() >= TOO_LARGE {
        return Err(NumberError::TooLarge(text.to_owned()));
    }
    Ok(value)
}

/// What a clerk probably meant by a quoted number, as a hint to add to
/// "expected a number, found a string": `"6,2"` → `write 6.2: TOML numbers
/// use a dot`, `"6.2"` → `write 6.2 without quotes`.
pub(crate) fn string_hint(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text.strip_suffix('%').map_or(text, str::trim_end);
    if let Some(fixed) = baocao_diagnostic::comma_decimal(text) {
        return Some(format!("write {fixed}: TOML numbers use a dot"));
    }
    let plain = !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'));
    (plain && decimal(text).is_ok()).then(|| format!("write {text} without quotes"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    fn exact(text: &str) -> (String, u32) {
        let d = decimal(text).unwrap();
        (d.to_string(), d.scale())
    }

    #[test]
    fn keeps_every_written_decimal() {
        assert_eq!(exact("6.20"), ("6.20".into(), 2));
        assert_eq!(exact("6.2"), ("6.2".into(), 1));
        assert_eq!(exact("1062"), ("1062".into(), 0));
        assert_eq!(exact("1000.50"), ("1000.50".into(), 2));
        assert_eq!(exact("+5"), ("5".into(), 0));
        assert_eq!(exact("-0.82"), ("-0.82".into(), 2));
        // 0.1 + 0.2 style values are exact, not binary approximations.
        assert_eq!(exact("0.1"), ("0.1".into(), 1));
    }

    #[test]
    fn negative_zero_is_zero() {
        let d = decimal("-0.0").unwrap();
        assert!(d.is_zero() && !d.is_sign_negative());
        assert_eq!(d.scale(), 1);
    }

    #[test]
    fn exponents_are_exact() {
        assert_eq!(exact("1e3"), ("1000".into(), 0));
        assert_eq!(exact("1.5E3"), ("1500".into(), 0));
        assert_eq!(exact("6.20e1"), ("62.0".into(), 1));
        assert_eq!(exact("6.2e-1"), ("0.62".into(), 2));
        assert_eq!(exact("5e+2"), ("500".into(), 0));
        assert_eq!(exact("-2.5e-3"), ("-0.0025".into(), 4));
        assert_eq!(exact("1e14"), ("100000000000000".into(), 0));
        assert_eq!(
            exact("1.5e-27"),
            ("0.0000000000000000000000000015".into(), 28)
        );
    }

    /// Up to 15 digits before the point, either sign, with as many
    /// decimals as fit in 28 digits; 10^15 and beyond refused.
    #[test]
    fn figures_have_at_most_15_digits_before_the_point() {
        for text in [
            "999999999999999",
            "-999999999999999",
            "999999999999999.9999999999999",
            "9.99999999999999e14",
            "0.0000000000000000000000000001",
        ] {
            assert!(decimal(text).is_ok(), "{text}");
        }
        for text in [
            "1000000000000000",
            "-1000000000000000",
            "999999999999999.99999999999999",
            "1e15",
            "-1.0e15",
            "1e28",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7922816251426433759354395033.5",
        ] {
            assert!(
                matches!(
                    decimal(text),
                    Err(NumberError::TooLarge(_) | NumberError::TooPrecise(_))
                ),
                "{text}"
            );
        }
        assert_eq!(TOO_LARGE, Decimal::from(10_i64.pow(MAX_DIGITS)));
        assert_eq!(
            decimal("1e15").unwrap_err().to_string(),
            "1e15 is too large: a figure may have at most 15 digits before the point; write it in a larger unit (tỷ đồng rather than đồng)"
        );
    }

    #[test]
    fn refuses_what_cannot_be_exact() {
        for text in [
            "1e29",
            "1e-29",
            "1e999999999999",
            "1e-999999999999",
            "79228162514264337593543950336",
            "0.00000000000000000000000000001",
            "1.00000000000000000000000000001",
        ] {
            assert_eq!(
                decimal(text),
                Err(NumberError::TooPrecise(text.into())),
                "{text}"
            );
        }
    }

    #[test]
    fn toml_values_refused_with_a_reason() {
        let doc = toml::de::DeTable::parse("a = 0x1F\nb = -inf\nc = nan\nd = 1_000.5\n").unwrap();
        let get = |k: &str| doc.get_ref().get(k).unwrap().get_ref().clone();
        let a = get("a");
        assert_eq!(
            integer(a.as_integer().unwrap()).unwrap_err().to_string(),
            "expected a decimal number, found 0x1F: write it in base 10"
        );
        let b = get("b");
        assert_eq!(
            float(b.as_float().unwrap()).unwrap_err().to_string(),
            "expected a finite number, found -inf"
        );
        let c = get("c");
        assert!(matches!(
            float(c.as_float().unwrap()),
            Err(NumberError::NotFinite(_))
        ));
        let d = get("d");
        assert_eq!(float(d.as_float().unwrap()).unwrap().to_string(), "1000.5");
    }

    #[test]
    fn hints_for_numbers_in_quotes() {
        assert_eq!(
            string_hint("6,2").as_deref(),
            Some("write 6.2: TOML numbers use a dot")
        );
        assert_eq!(
            string_hint("1.062,5").as_deref(),
            Some("write 1062.5: TOML numbers use a dot")
        );
        assert_eq!(
            string_hint("-0,82").as_deref(),
            Some("write -0.82: TOML numbers use a dot")
        );
        assert_eq!(
            string_hint("6,2%").as_deref(),
            Some("write 6.2: TOML numbers use a dot")
        );
        assert_eq!(
            string_hint(" 6.2 ").as_deref(),
            Some("write 6.2 without quotes")
        );
        assert_eq!(
            string_hint("1062").as_deref(),
            Some("write 1062 without quotes")
        );
        for text in [
            "",
            "abc",
            "6,",
            ",5",
            "1.06,5",
            "6,2,3",
            "12.345.6,7",
            "inf",
            "%",
        ] {
            assert_eq!(string_hint(text), None, "{text}");
        }
    }
}
