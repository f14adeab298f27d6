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

    /// A figure written with `scale` decimals: ± half a unit of the last
    /// one. `None` when a bound is beyond what a decimal holds (a figure
    /// within half a unit of the largest, which no dataset the reader
    /// accepts has, but a dataset built by hand may).
    pub fn written(value: Decimal, scale: u32) -> Option<Self> {
        let half = Decimal::new(5, scale.saturating_add(1).min(28));
        Some(Quantity {
            value,
            lo: value.checked_sub(half)?,
            hi: value.checked_add(half)?,
        })
    }

    /// A number of a dataset: [`Quantity::written`], or for an
    /// approximate one the wider interval its word stands for
    /// ([`baocao_dataset::Approx::interval`]: "hơn 24000" is 24000 … 25000).
    pub fn of(n: &baocao_dataset::Number) -> Option<Self> {
        match n.approx {
            None => Quantity::written(n.value, n.scale),
            Some(word) => {
                let (lo, hi) = word.interval(n.value, n.scale)?;
                Some(Quantity {
                    value: n.value,
                    lo,
                    hi,
                })
            }
        }
    }

    /// Sum; `None` on overflow.
    pub fn checked_add(self, o: Self) -> Option<Self> {
        self.add(o).ok()
    }

    /// Difference; `None` on overflow.
    pub fn checked_sub(self, o: Self) -> Option<Self> {
        self.sub(o).ok()
    }

    /// Product; `None` on overflow.
    pub fn checked_mul(self, o: Self) -> Option<Self> {
        self.mul(o).ok()
    }

    /// Quotient; `None` when the divisor is zero, or its interval contains
    /// zero (then the quotient could be anything), or on overflow.
    pub fn checked_div(self, o: Self) -> Option<Self> {
        self.div(o).ok()
    }

    /// Sum, or why there is none.
    pub(crate) fn add(self, o: Self) -> Result<Self, Undefined> {
        Ok(Quantity {
            value: self.value.checked_add(o.value).ok_or(Undefined::TooLarge)?,
            lo: self.lo.checked_add(o.lo).ok_or(Undefined::TooLarge)?,
            hi: self.hi.checked_add(o.hi).ok_or(Undefined::TooLarge)?,
        })
    }

    /// Difference, or why there is none.
    pub(crate) fn sub(self, o: Self) -> Result<Self, Undefined> {
        Ok(Quantity {
            value: self.value.checked_sub(o.value).ok_or(Undefined::TooLarge)?,
            lo: self.lo.checked_sub(o.hi).ok_or(Undefined::TooLarge)?,
            hi: self.hi.checked_sub(o.lo).ok_or(Undefined::TooLarge)?,
        })
    }

    /// Product, or why there is none.
    pub(crate) fn mul(self, o: Self) -> Result<Self, Undefined> {
        let value = self.value.checked_mul(o.value).ok_or(Undefined::TooLarge)?;
        let corners = self
            .corners(o, Decimal::checked_mul)
            .ok_or(Undefined::TooLarge)?;
        Ok(Self::spanning(value, corners))
    }

    /// Quotient, or why there is none. A divisor that is zero, or whose
    /// interval holds zero, leaves the quotient undefined (it could be
    /// anything); the rest cannot fail but by overflow (a quotient rounds
    /// what it cannot hold below the 28th digit).
    pub(crate) fn div(self, o: Self) -> Result<Self, Undefined> {
        if o.value.is_zero() || (o.lo <= Decimal::ZERO && o.hi >= Decimal::ZERO) {
            return Err(Undefined::ZeroDivisor);
        }
        let value = self.value.checked_div(o.value).ok_or(Undefined::TooLarge)?;
        let corners = self
            .corners(o, Decimal::checked_div)
            .ok_or(Undefined::TooLarge)?;
        Ok(Self::spanning(value, corners))
    }

    /// `op` of the bounds, two by two: (lo, lo), (lo, hi), (hi, lo),
    /// (hi, hi), leaving out those that repeat an earlier one, or `None`
    /// when one fails. A side whose bounds are the same bits (an exact
    /// constant, as 100 is in most formulas) makes half the pairs repeats:
    /// the same operation on the same bits gives the same bits, and
    /// [`Quantity::spanning`] keeps the first of equal extremes, so a repeat
    /// changes nothing but the time taken.
    fn corners(self, o: Self, op: fn(Decimal, Decimal) -> Option<Decimal>) -> Option<Corners> {
        let ll = op(self.lo, o.lo)?;
        Some(match (same(self.lo, self.hi), same(o.lo, o.hi)) {
            (true, true) => ([ll; 4], 1),
            (false, true) => ([ll, op(self.hi, o.lo)?, ll, ll], 2),
            (true, false) => ([ll, op(self.lo, o.hi)?, ll, ll], 2),
            (false, false) => (
                [
                    ll,
                    op(self.lo, o.hi)?,
                    op(self.hi, o.lo)?,
                    op(self.hi, o.hi)?,
                ],
                4,
            ),
        })
    }

    /// The interval from the lowest corner to the highest: of equal
    /// extremes written differently (6.2 and 6.20), the first.
    fn spanning(value: Decimal, (corners, n): Corners) -> Self {
        let (first, rest) = (corners[0], &corners[1..n]);
        let lo = rest.iter().copied().fold(first, Decimal::min);
        let hi = rest.iter().copied().fold(first, Decimal::max);
        Quantity { value, lo, hi }
    }

    /// Whether the two intervals share at least one value.
    pub fn overlaps(self, o: Self) -> bool {
        self.lo <= o.hi && o.lo <= self.hi
    }
}

/// Why an operation on quantities gives none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Undefined {
    /// A result, or a bound of it, beyond what a decimal holds (28 digits).
    TooLarge,
    /// A divisor that is zero, or could be.
    ZeroDivisor,
}

/// The distinct corners of an interval operation, in order: the first `n`.
type Corners = ([Decimal; 4], usize);

/// Whether two decimals are the same bits (mantissa, scale and sign), not
/// merely equal: 6.2 and 6.20 are equal, but their products are written
/// differently.
fn same(a: Decimal, b: Decimal) -> bool {
    a.serialize() == b.serialize()
}

/// Shorthand for the constant 100.
pub(crate) fn hundred() -> Quantity {
    Quantity::exact(Decimal::ONE_HUNDRED)
}

#[cfg(test)]
#[allow(
    clippy::arithmetic_side_effects,
    reason = "tests build values at the limits on purpose"
)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn written_precision_is_half_a_unit() {
        let q = Quantity::written(d("6.20"), 2).unwrap();
        assert_eq!((q.lo, q.hi), (d("6.195"), d("6.205")));
        let q = Quantity::written(d("6"), 0).unwrap();
        assert_eq!((q.lo, q.hi), (d("5.5"), d("6.5")));
    }

    /// At the limits of a decimal: a figure whose interval cannot be held
    /// has none; sums, products and quotients that overflow say so, and a
    /// divisor that may be zero is told apart from them.
    #[test]
    fn limits_of_a_decimal() {
        let max = Decimal::MAX;
        let min = Decimal::MIN;
        assert_eq!(Quantity::written(max, 0), None);
        assert_eq!(Quantity::written(min, 0), None);
        // Below the limit a bound is rounded to the 28 digits a decimal
        // holds, as every result is, rather than refused.
        let near = Quantity::written(max - Decimal::ONE, 0).unwrap();
        assert!(near.lo <= near.value && near.value <= near.hi);
        let big = Quantity::exact(max);
        let cases: [(Result<Quantity, Undefined>, Undefined); 6] = [
            (big.add(big), Undefined::TooLarge),
            (Quantity::exact(min).sub(big), Undefined::TooLarge),
            (big.mul(hundred()), Undefined::TooLarge),
            (big.div(Quantity::exact(d("0.5"))), Undefined::TooLarge),
            (
                big.div(Quantity::exact(Decimal::ZERO)),
                Undefined::ZeroDivisor,
            ),
            (
                hundred().div(Quantity::written(d("0.0"), 1).unwrap()),
                Undefined::ZeroDivisor,
            ),
        ];
        for (n, (got, want)) in cases.into_iter().enumerate() {
            assert_eq!(got, Err(want), "case {n}");
        }
        // A bound that overflows where the value does not.
        let wide = Quantity {
            value: max - Decimal::TEN,
            lo: max - Decimal::TEN,
            hi: max,
        };
        assert_eq!(
            wide.add(Quantity::exact(Decimal::ONE)),
            Err(Undefined::TooLarge)
        );
        // Tiny quotients round rather than fail.
        let tiny = Quantity::exact(d("0.0000000000000000000000000001"));
        assert!(tiny.div(big).is_ok());
        assert!(tiny.mul(tiny).is_ok());
    }

    #[test]
    fn interval_arithmetic_bounds_every_combination() {
        let a = Quantity::written(d("0.82"), 2).unwrap();
        let b = Quantity::written(d("6.52"), 2).unwrap();
        let share = a.checked_div(b).unwrap().checked_mul(hundred()).unwrap();
        assert_eq!(share.value.round_dp(4), d("12.5767"));
        assert!(share.lo < d("12.51") && share.hi > d("12.64"));
        assert!(a.checked_sub(a).unwrap().lo < Decimal::ZERO);
        assert!(
            a.checked_div(Quantity::written(d("0"), 1).unwrap())
                .is_none()
        );
    }

    /// Leaving out the corners that repeat changes nothing, to the bit:
    /// against all four, with exact sides, equal bounds written
    /// differently, and signs either way.
    #[test]
    fn repeated_corners_change_no_bit() {
        type Op = fn(Decimal, Decimal) -> Option<Decimal>;
        fn every_corner(a: Quantity, b: Quantity, op: Op) -> Option<Quantity> {
            let value = op(a.value, b.value)?;
            let c = [
                op(a.lo, b.lo)?,
                op(a.lo, b.hi)?,
                op(a.hi, b.lo)?,
                op(a.hi, b.hi)?,
            ];
            let lo = c.iter().copied().fold(c[0], Decimal::min);
            let hi = c.iter().copied().fold(c[0], Decimal::max);
            Some(Quantity { value, lo, hi })
        }
        let bits = |q: Option<Quantity>| q.map(|q| [q.value, q.lo, q.hi].map(|d| d.serialize()));
        let qs = [
            hundred(),
            Quantity::exact(d("6.20")),
            Quantity::exact(d("-0.5")),
            Quantity::written(d("6.2"), 1).unwrap(),
            Quantity::written(d("-3.25"), 2).unwrap(),
            Quantity {
                value: d("2"),
                lo: d("2.0"),
                hi: d("2.00"),
            },
        ];
        for a in qs {
            for b in qs {
                let mul = every_corner(a, b, Decimal::checked_mul);
                assert_eq!(bits(a.checked_mul(b)), bits(mul), "{a:?} × {b:?}");
                let div = every_corner(a, b, Decimal::checked_div);
                assert_eq!(bits(a.checked_div(b)), bits(div), "{a:?} / {b:?}");
            }
        }
    }
}
