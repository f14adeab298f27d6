//! Exact values that carry the interval they stand for.
//!
//! A reported 6.20 means "somewhere in 6.195 … 6.205". Derived figures carry
//! the interval their inputs allow, computed with interval arithmetic on the
//! same exact decimals, so that a consistency check can ask the spec's
//! question: do *any* values inside the written precision satisfy the
//! identity?

use rust_decimal::Decimal;

/// An exact value and the closed interval of values it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    /// The exact value.
    pub value: Decimal,
    /// Lowest value it stands for.
    pub lo: Decimal,
    /// Highest value it stands for.
    pub hi: Decimal,
}

impl Quantity {
    /// An exact constant.
    pub fn exact(value: Decimal) -> Self {
        Quantity {
            value,
            lo: value,
            hi: value,
        }
    }

    /// A figure written with `scale` decimals: ± half a unit of the last one.
    pub fn written(value: Decimal, scale: u32) -> Self {
        let half = Decimal::new(5, scale.saturating_add(1).min(28));
        Quantity {
            value,
            lo: value - half,
            hi: value + half,
        }
    }

    /// Sum; `None` on overflow.
    pub fn checked_add(self, o: Self) -> Option<Self> {
        Some(Quantity {
            value: self.value.checked_add(o.value)?,
            lo: self.lo.checked_add(o.lo)?,
            hi: self.hi.checked_add(o.hi)?,
        })
    }

    /// Difference; `None` on overflow.
    pub fn checked_sub(self, o: Self) -> Option<Self> {
        Some(Quantity {
            value: self.value.checked_sub(o.value)?,
            lo: self.lo.checked_sub(o.hi)?,
            hi: self.hi.checked_sub(o.lo)?,
        })
    }

    /// Product; `None` on overflow.
    pub fn checked_mul(self, o: Self) -> Option<Self> {
        let value = self.value.checked_mul(o.value)?;
        let corners = [
            self.lo.checked_mul(o.lo)?,
            self.lo.checked_mul(o.hi)?,
            self.hi.checked_mul(o.lo)?,
            self.hi.checked_mul(o.hi)?,
        ];
        Some(Self::spanning(value, corners))
    }

    /// Quotient; `None` when the divisor is zero, or its interval contains
    /// zero (then the quotient could be anything), or on overflow.
    pub fn checked_div(self, o: Self) -> Option<Self> {
        if o.value.is_zero() || (o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO) {
            return None;
        }
        let value = self.value.checked_div(o.value)?;
        let corners = [
            self.lo.checked_div(o.lo)?,
            self.lo.checked_div(o.hi)?,
            self.hi.checked_div(o.lo)?,
            self.hi.checked_div(o.hi)?,
        ];
        Some(Self::spanning(value, corners))
    }

    fn spanning(value: Decimal, corners: [Decimal; 4]) -> Self {
        let lo = corners.iter().copied().fold(corners[0], Decimal::min);
        let hi = corners.iter().copied().fold(corners[0], Decimal::max);
        Quantity { value, lo, hi }
    }

    /// Whether the two intervals share at least one value.
    pub fn overlaps(self, o: Self) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
}

/// Shorthand for the constant 100.
pub(crate) fn hundred() -> Quantity {
    Quantity::exact(Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn written_precision_is_half_a_unit() {
        let q = Quantity::written(d("6.20"), 2);
        assert_eq!((q.lo, q.hi), (d("6.195"), d("6.205")));
        let q = Quantity::written(d("6"), 0);
        assert_eq!((q.lo, q.hi), (d("5.5"), d("6.5")));
    }

    #[test]
    fn interval_arithmetic_bounds_every_combination() {
        let a = Quantity::written(d("0.82"), 2);
        let b = Quantity::written(d("6.52"), 2);
        let share = a.checked_div(b).unwrap().checked_mul(hundred()).unwrap();
        assert_eq!(share.value.round_dp(4), d("12.5767"));
        assert!(share.lo < d("12.51") && share.hi > d("12.64"));
        assert!(a.checked_sub(a).unwrap().lo < Decimal::ZERO);
        assert!(a.checked_div(Quantity::written(d("0"), 1)).is_none());
    }
}
