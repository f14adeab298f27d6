//! Fixed-point numbers: integers with a number of decimals.
//!
//! The generator never touches binary floating point: every figure is an
//! integer count of tenths or hundredths, so that a written level is exactly
//! the sum of its written parts and a written growth is the exact growth of
//! the written levels, rounded the way the engine's checks expect.

use std::fmt;

/// A number written with `scale` decimals: `units` × 10^-scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fixed {
    /// The value in units of the last decimal.
    pub(crate) units: i64,
    /// Decimals written.
    pub(crate) scale: u32,
}

impl Fixed {
    /// Tenths: a level, an index, a weight.
    pub(crate) fn tenths(units: i64) -> Self {
        Fixed { units, scale: 1 }
    }

    /// Hundredths: a growth rate, the CPI.
    pub(crate) fn hundredths(units: i64) -> Self {
        Fixed { units, scale: 2 }
    }

    /// The shortest spelling of the same value (6.50 → 6.5, 5.00 → 5), as
    /// people write target thresholds.
    pub(crate) fn trimmed(self) -> Self {
        let mut f = self;
        while f.scale > 0 && f.units % 10 == 0 {
            f.units /= 10;
            f.scale -= 1;
        }
        f
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let magnitude = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{magnitude}");
        }
        let one = 10u64.pow(self.scale);
        let width = self.scale as usize;
        write!(
            f,
            "{sign}{}.{:0width$}",
            magnitude / one,
            magnitude % one,
            width = width
        )
    }
}

/// `n / d` rounded half away from zero, as the engine rounds; `d > 0`.
pub(crate) fn div_round(n: i128, d: i128) -> i64 {
    debug_assert!(d > 0, "division by {d}");
    let (q, r) = (n / d, n % d);
    let q = if 2 * r.abs() >= d { q + n.signum() } else { q };
    i64::try_from(q).expect("generated figures stay far inside i64")
}

/// Growth from `previous` to `current` in hundredths of a percent, rounded
/// half away from zero: within 0.005 of the exact growth, which is what a
/// figure written with two decimals stands for.
pub(crate) fn growth_hundredths(previous: i64, current: i64) -> i64 {
    div_round(
        (i128::from(current) - i128::from(previous)) * 10_000,
        i128::from(previous),
    )
}

/// `level` grown by `basis_points` hundredths of a percent, in the same units.
pub(crate) fn grow(level: i64, basis_points: i64) -> i64 {
    level + div_round(i128::from(level) * i128::from(basis_points), 10_000)
}

/// `part` per mille of `whole`, rounded.
pub(crate) fn per_mille(whole: i64, part: i64) -> i64 {
    div_round(i128::from(whole) * i128::from(part), 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_decimal_and_the_sign() {
        assert_eq!(Fixed::tenths(12_345).to_string(), "1234.5");
        assert_eq!(Fixed::tenths(7).to_string(), "0.7");
        assert_eq!(Fixed::hundredths(-325).to_string(), "-3.25");
        assert_eq!(Fixed::hundredths(-5).to_string(), "-0.05");
        assert_eq!(Fixed::hundredths(600).to_string(), "6.00");
        assert_eq!(Fixed::hundredths(600).trimmed().to_string(), "6");
        assert_eq!(Fixed::hundredths(650).trimmed().to_string(), "6.5");
        assert_eq!(Fixed::hundredths(695).trimmed().to_string(), "6.95");
    }

    #[test]
    fn rounds_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-14, 10), -1);
        assert_eq!(div_round(15, 10), 2);
        assert_eq!(growth_hundredths(1000, 1062), 620);
        assert_eq!(growth_hundredths(3, 2), -3333);
        assert_eq!(grow(10_000, 652), 10_652);
        assert_eq!(per_mille(2000, 125), 250);
    }
}
