//! A value axis: its range and ticks, chosen in decimal arithmetic so
//! that every tick is a round number exactly ("0,5", "2", "25").

use rust_decimal::Decimal;

/// A linear axis from `lo` to `hi` with a tick every `step`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    /// The low end, a multiple of `step`.
    pub lo: Decimal,
    /// The high end, a multiple of `step`, above `lo`.
    pub hi: Decimal,
    /// The distance between ticks: 1, 2 or 5 times a power of ten.
    pub step: Decimal,
}

/// At most this many steps between `lo` and `hi` (and at least half).
const STEPS: u32 = 5;

impl Scale {
    /// The axis that holds every one of `values`, and zero when
    /// `with_zero` (bars start at zero; a line need not), with about five
    /// round steps.
    pub fn covering(values: &[Decimal], with_zero: bool) -> Scale {
        let mut lo = values.iter().copied().min().unwrap_or(Decimal::ZERO);
        let mut hi = values.iter().copied().max().unwrap_or(Decimal::ONE);
        if with_zero {
            lo = lo.min(Decimal::ZERO);
            hi = hi.max(Decimal::ZERO);
        } else {
            // A line's points off the frame's edges: a tenth of the span
            // on either side (a point on a gridline at the edge would
            // touch the frame, its label leave it).
            let pad = (hi - lo) / Decimal::TEN;
            lo -= pad;
            hi += pad;
        }
        if lo == hi {
            // One value (or all zero): a unit of its size around it.
            let unit = step_for(lo.abs().max(Decimal::ONE));
            if with_zero && lo >= Decimal::ZERO {
                hi = lo + unit;
            } else if with_zero {
                lo -= unit;
            } else {
                lo -= unit;
                hi += unit;
            }
        }
        let step = step_for((hi - lo) / Decimal::from(STEPS));
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        Scale {
            lo: lo.normalize(),
            hi: hi.normalize(),
            step: step.normalize(),
        }
    }

    /// The axis of columns `height` high, from zero through every one of
    /// `values`, with a step more at an end whose column would come within
    /// `label` of the frame: room for the figure printed over the highest
    /// column and under the lowest.
    pub fn with_room(values: &[Decimal], height: Decimal, label: Decimal) -> Scale {
        let mut scale = Scale::covering(values, true);
        let lo = values.iter().copied().min().unwrap_or_default();
        let hi = values.iter().copied().max().unwrap_or_default();
        let span = scale.hi - scale.lo;
        if hi > Decimal::ZERO && (scale.hi - hi) * height < label * span {
            scale.hi += scale.step;
        }
        if lo < Decimal::ZERO && (lo - scale.lo) * height < label * span {
            scale.lo -= scale.step;
        }
        scale
    }

    /// The ticks from `lo` to `hi`, both included.
    pub fn ticks(&self) -> Vec<Decimal> {
        let mut out = Vec::new();
        let mut t = self.lo;
        // Bounded: (hi − lo) / step ≤ 2 × STEPS + 1 by construction.
        while t <= self.hi && out.len() <= 2 * STEPS as usize + 2 {
            out.push(t.normalize());
            t += self.step;
        }
        out
    }

    /// Where `v` falls between `from` (at `lo`) and `to` (at `hi`), in
    /// the drawing's units.
    pub fn at(&self, v: Decimal, from: Decimal, to: Decimal) -> Decimal {
        let span = self.hi - self.lo;
        if span.is_zero() {
            return from;
        }
        from + (v - self.lo) * (to - from) / span
    }

    /// The decimals a tick needs (0 for a step of 1 or more).
    pub fn decimals(&self) -> u32 {
        self.step.normalize().scale()
    }
}

/// The round step (1, 2 or 5 × 10ⁿ) at least `raw`.
fn step_for(raw: Decimal) -> Decimal {
    if raw <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let mut p = Decimal::ONE;
    // Bounded loops: a decimal has at most 28 digits either way.
    for _ in 0..28 {
        if p * Decimal::TEN > raw {
            break;
        }
        p *= Decimal::TEN;
    }
    for _ in 0..28 {
        if p <= raw {
            break;
        }
        p /= Decimal::TEN;
    }
    for m in [1u32, 2, 5, 10] {
        let s = p * Decimal::from(m);
        if s >= raw {
            return s;
        }
    }
    p * Decimal::TEN
}
