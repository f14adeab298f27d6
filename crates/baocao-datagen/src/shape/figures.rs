//! The figures of one indicator: each (indicator, period) draws a [`Form`]
//! and numbers from a stream of its own, so removing an indicator or a
//! period from a shape leaves every other figure as it was.

use std::collections::BTreeMap;

use super::indicator::{Indicator, Kind};
use super::text::chance;
use super::{Form, Span};
use crate::fixed::{Fixed, grow};
use crate::rng::SplitMix64;

/// A period: a year and a span of it, ordered as the dataset reader orders
/// periods (by year, then year, halves, quarters, months so far, months).
pub(crate) type Key = (i32, Span);

/// Observations of one measure, by period.
pub(crate) type Series = BTreeMap<Key, Fixed>;

/// What one indicator reports.
#[derive(Debug, Default)]
pub(crate) struct Observations {
    pub(crate) weight: Series,
    pub(crate) value: Series,
    pub(crate) index: Series,
    pub(crate) growth: Series,
    pub(crate) contribution: Series,
    pub(crate) share: Series,
}

/// Stream labels.
pub(crate) mod stream {
    pub(crate) const FIGURE: u64 = 101;
    pub(crate) const META: u64 = 102;
    pub(crate) const TARGET: u64 = 103;
    pub(crate) const NOTE: u64 = 104;
    pub(crate) const HEADER: u64 = 105;
    pub(crate) const DRAW: u64 = 106;
}

impl Observations {
    /// Draws the figures of `indicator` for `period`, written in one of
    /// `forms` that fits its kind. A level another period already wrote is
    /// kept: a level is written once per period.
    pub(crate) fn draw(
        &mut self,
        seed: u64,
        indicator: Indicator,
        has_parent: bool,
        period: Key,
        forms: &[Form],
    ) {
        let (year, span) = period;
        let mut rng = SplitMix64::stream(
            seed,
            &[
                stream::FIGURE,
                indicator.code(),
                u64::from(year.unsigned_abs()),
                span.code(),
            ],
        );
        let kind = indicator.kind();
        let fitting: Vec<Form> = forms.iter().copied().filter(|f| f.fits(kind)).collect();
        let form = match (fitting.is_empty(), kind) {
            (false, _) => *rng.pick(&fitting),
            (true, Kind::Flow) => Form::Growth,
            (true, Kind::Index) => Form::Index,
        };
        let base = (year - 1, span);
        let growth = draw_growth(&mut rng, kind);
        match form {
            Form::Growth => {
                self.growth.insert(period, growth);
            }
            Form::Index => {
                self.index.insert(period, index_of(growth));
            }
            Form::Levels => {
                let previous = draw_level(&mut rng);
                let current = grow(previous.units, hundredths(growth));
                self.level(base, previous);
                self.level(period, Fixed::tenths(current.max(0)));
            }
            Form::Level => {
                let level = draw_level(&mut rng);
                self.level(period, level);
            }
            Form::ZeroBase => {
                // Sometimes nothing at all in both years: 0 against 0.
                let level = if chance(&mut rng, 20) {
                    Fixed::tenths(0)
                } else {
                    draw_level(&mut rng)
                };
                self.level(base, Fixed::tenths(0));
                self.level(period, level);
            }
            Form::ValueGrowth => {
                let level = draw_level(&mut rng);
                self.level(period, level);
                self.growth.insert(period, growth);
            }
            Form::Contribution => {
                self.movement(kind, period, growth);
                self.contribution
                    .insert(period, draw_contribution(&mut rng));
            }
            Form::Share => {
                if chance(&mut rng, 60) {
                    self.movement(kind, period, growth);
                }
                self.share.insert(period, draw_share(&mut rng));
            }
        }
        // Weights of an index inside its parent, as Hà Nội's IIP has them.
        if kind == Kind::Index && has_parent && chance(&mut rng, 30) {
            self.weight
                .insert(period, Fixed::tenths(rng.range(1, 1000)));
        }
    }

    /// Growth for a flow, the index for an index.
    fn movement(&mut self, kind: Kind, period: Key, growth: Fixed) {
        match kind {
            Kind::Flow => self.growth.insert(period, growth),
            Kind::Index => self.index.insert(period, index_of(growth)),
        };
    }

    fn level(&mut self, period: Key, level: Fixed) {
        self.value.entry(period).or_insert(level);
    }
}

/// A growth rate, %: mostly a few percent either way, sometimes a fall,
/// sometimes more than double (written "gấp … lần"), sometimes a change too
/// small to print (±0.004, which rounds to 0 and must not print as "-0").
pub(crate) fn draw_growth(rng: &mut SplitMix64, kind: Kind) -> Fixed {
    // An index is above 0, so its fall is less than 100%; a level may
    // fall to 0.
    let floor = match kind {
        Kind::Index => -9_990,
        Kind::Flow => -10_000,
    };
    match rng.range(0, 99) {
        0..=9 => Fixed {
            units: *rng.pick(&[-4, -1, 0, 1, 4, -5, 5, -49, 49]),
            scale: 3,
        },
        10..=17 => Fixed::hundredths(rng.range(10_001, 40_000)),
        18..=44 => Fixed::hundredths(rng.range(floor, -1)),
        45..=49 => Fixed::hundredths(*rng.pick(&[0, floor, 10_000])),
        _ => Fixed::hundredths(rng.range(1, 2_000)),
    }
}

/// The index (previous period = 100) of a growth rate.
fn index_of(growth: Fixed) -> Fixed {
    let hundred = 100 * 10i64.pow(growth.scale);
    let index = Fixed {
        units: hundred + growth.units,
        ..growth
    };
    // An index is above 0.
    if index.units <= 0 {
        Fixed::tenths(1)
    } else {
        index
    }
}

/// A growth rate in hundredths of a percent, for computing levels.
fn hundredths(growth: Fixed) -> i64 {
    match growth.scale {
        0 => growth.units * 100,
        1 => growth.units * 10,
        2 => growth.units,
        s => crate::fixed::div_round(i128::from(growth.units), 10i128.pow(s - 2)),
    }
}

/// A level in tenths: from a fraction of a unit to millions.
fn draw_level(rng: &mut SplitMix64) -> Fixed {
    let top = *rng.pick(&[100, 100_000, 100_000_000]);
    Fixed::tenths(rng.range(1, top))
}

/// A contribution in percentage points: mostly positive, sometimes
/// negative, sometimes too small to print.
fn draw_contribution(rng: &mut SplitMix64) -> Fixed {
    match rng.range(0, 9) {
        0 => Fixed {
            units: *rng.pick(&[-4, -1, 1, 4, 0]),
            scale: 3,
        },
        1..=3 => Fixed::hundredths(rng.range(-300, -1)),
        _ => Fixed::hundredths(rng.range(0, 500)),
    }
}

/// A share of the root's growth, %: national reports publish these.
fn draw_share(rng: &mut SplitMix64) -> Fixed {
    match rng.range(0, 9) {
        0..=1 => Fixed::tenths(rng.range(-500, -1)),
        _ => Fixed::tenths(rng.range(0, 1_000)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn indices_stay_above_zero_and_levels_at_or_above() {
        let mut rng = SplitMix64::new(9);
        for _ in 0..5000 {
            let g = draw_growth(&mut rng, Kind::Index);
            assert!(index_of(g).units > 0, "{g}");
            let g = draw_growth(&mut rng, Kind::Flow);
            let level = draw_level(&mut rng);
            assert!(level.units > 0);
            assert!(grow(level.units, hundredths(g)) >= 0, "{g} {level}");
        }
        assert_eq!(index_of(Fixed::hundredths(-325)).to_string(), "96.75");
        assert_eq!(
            index_of(Fixed {
                units: -4,
                scale: 3
            })
            .to_string(),
            "99.996"
        );
        assert_eq!(
            hundredths(Fixed {
                units: -49,
                scale: 3
            }),
            -5
        );
    }
}
