//! The simulated economy of one department: levels that grow a few percent
//! a year with noise, and the indices that go with them.
//!
//! GRDP is simulated bottom-up from twelve parts, two of which (mining and
//! "other services") are never written: they make `industry` and
//! `services` larger than the children the dataset lists, as in a real
//! report, where those parents are not exhaustive. Every parent is the
//! exact sum of its parts, so the written levels pass the engine's sum
//! checks with no rounding gap.
//!
//! Growth rates are bounded so that GRDP always grows (the floors below):
//! a share of GRDP growth needs a growth that is not zero.

use crate::fixed::{div_round, grow, growth_hundredths, per_mille};
use crate::region::{Region, RegionKind};
use crate::rng::SplitMix64;

/// Labels of the random streams (see [`SplitMix64::stream`]).
pub(crate) mod stream {
    /// A department's structure and its years.
    pub(crate) const DEPARTMENT: u64 = 1;
    /// The shock of one year, shared by every department, as a national
    /// downturn or boom is.
    pub(crate) const NATION: u64 = 2;
    /// A department's targets.
    pub(crate) const TARGETS: u64 = 3;
    /// A department's notes.
    pub(crate) const NOTES: u64 = 4;
    /// A department's signer.
    pub(crate) const SIGNER: u64 = 5;
}

/// A simulated component of GRDP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// Agriculture, forestry and fishing, and product taxes.
    AgricultureTaxes,
    /// Mining: in `industry`, never written.
    Mining,
    /// Manufacturing.
    Manufacturing,
    /// Electricity.
    Electricity,
    /// Water supply and waste.
    Water,
    /// Construction.
    Construction,
    /// Wholesale and retail trade.
    Trade,
    /// Finance, banking and insurance.
    Finance,
    /// Administrative and support services.
    Administrative,
    /// Transport and storage.
    Transport,
    /// Professional, scientific and technical activities.
    Science,
    /// The rest of services: in `services`, never written.
    OtherServices,
}

/// How one part grows, in hundredths of a percent a year.
struct Profile {
    /// The range the department's trend is drawn from.
    trend: (i64, i64),
    /// The yearly noise around the trend: ±noise.
    noise: i64,
    /// The lowest growth allowed.
    floor: i64,
    /// Whether the national shock hits it in full (else by half).
    cyclical: bool,
}

impl Part {
    /// Every part, in the order of [`Levels::parts`].
    pub(crate) const ALL: [Part; 12] = [
        Part::AgricultureTaxes,
        Part::Mining,
        Part::Manufacturing,
        Part::Electricity,
        Part::Water,
        Part::Construction,
        Part::Trade,
        Part::Finance,
        Part::Administrative,
        Part::Transport,
        Part::Science,
        Part::OtherServices,
    ];

    /// The parts of industry, in the order of the IIP's level-1 industries.
    pub(crate) const INDUSTRY: [Part; 4] = [
        Part::Mining,
        Part::Manufacturing,
        Part::Electricity,
        Part::Water,
    ];

    fn profile(self) -> Profile {
        // Floors: every part but agriculture and mining grows at least 2%
        // a year. Agriculture is at most 30% of GRDP and mining at most 4%,
        // so GRDP grows by at least 0.66 × 2 − 0.30 × 1.5 − 0.04 × 5 > 0.6%.
        let p = |lo, hi, noise, floor, cyclical| Profile {
            trend: (lo, hi),
            noise,
            floor,
            cyclical,
        };
        match self {
            Part::AgricultureTaxes => p(150, 400, 150, -150, false),
            Part::Mining => p(-200, 300, 400, -500, true),
            Part::Manufacturing => p(600, 1300, 250, 200, true),
            Part::Electricity => p(500, 1000, 400, 200, true),
            Part::Water => p(500, 900, 150, 200, false),
            Part::Construction => p(400, 900, 250, 200, true),
            Part::Trade => p(600, 1000, 200, 200, true),
            Part::Finance => p(500, 900, 150, 200, true),
            Part::Administrative => p(500, 1200, 300, 200, true),
            Part::Transport => p(500, 900, 200, 200, true),
            Part::Science => p(500, 900, 150, 200, false),
            Part::OtherServices => p(400, 700, 100, 200, false),
        }
    }
}

/// The levels of one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Levels {
    /// Value added of each part in tenths of tỷ đồng (constant prices), in
    /// the order of [`Part::ALL`].
    pub(crate) parts: [i64; 12],
    /// Total sales of goods and consumer services, tenths of nghìn tỷ đồng.
    pub(crate) sales_total: i64,
    /// Retail sales, tenths of nghìn tỷ đồng.
    pub(crate) retail: i64,
    /// Exports, tenths of triệu USD.
    pub(crate) exports: i64,
}

impl Levels {
    /// One part's value added.
    pub(crate) fn part(&self, p: Part) -> i64 {
        self.parts[p as usize]
    }

    /// Industry: its four level-1 industries.
    pub(crate) fn industry(&self) -> i64 {
        Part::INDUSTRY.iter().map(|&p| self.part(p)).sum()
    }

    /// Industry and construction.
    pub(crate) fn industry_construction(&self) -> i64 {
        self.industry() + self.part(Part::Construction)
    }

    /// Services, the unwritten rest included.
    pub(crate) fn services(&self) -> i64 {
        [
            Part::Trade,
            Part::Finance,
            Part::Administrative,
            Part::Transport,
            Part::Science,
            Part::OtherServices,
        ]
        .iter()
        .map(|&p| self.part(p))
        .sum()
    }

    /// GRDP: the sum of the three sectors.
    pub(crate) fn grdp(&self) -> i64 {
        self.part(Part::AgricultureTaxes) + self.industry_construction() + self.services()
    }
}

/// One simulated year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Year {
    /// The calendar year.
    pub(crate) year: i32,
    /// Its levels.
    pub(crate) levels: Levels,
    /// GRDP growth of each quarter, hundredths of a percent.
    pub(crate) grdp_quarters: [i64; 4],
    /// IIP of the level-1 industries ([`Part::INDUSTRY`]), tenths.
    pub(crate) iip_parts: [i64; 4],
    /// Their weights inside the IIP, tenths of a percent (summing to 100.0).
    pub(crate) iip_weights: [i64; 4],
    /// The IIP: the weighted mean of its parts, rounded to a tenth.
    pub(crate) iip: i64,
    /// The IIP of each quarter, tenths.
    pub(crate) iip_quarters: [i64; 4],
    /// The manufacturing consumption index, tenths.
    pub(crate) consumption: i64,
    /// Six sub-industries' consumption indices, tenths.
    pub(crate) consumption_parts: [i64; 6],
    /// The manufacturing inventory index, tenths.
    pub(crate) inventory: i64,
    /// The consumer price index, hundredths.
    pub(crate) cpi: i64,
}

/// A department's economy over the years of a [`crate::Spec`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Economy {
    /// The year before the first: never written, but the first year's
    /// growth is measured against it.
    pub(crate) base: Levels,
    /// The years, in order.
    pub(crate) years: Vec<Year>,
}

/// What stays fixed for a department over the years.
struct Structure {
    trends: [i64; 12],
    /// A department doing better or worse than the others in every part.
    tilt: i64,
    sales_trend: i64,
    retail_ratio: i64,
    exports_trend: i64,
}

impl Economy {
    /// The levels of the year before `years[i]`.
    pub(crate) fn previous(&self, i: usize) -> &Levels {
        match i.checked_sub(1) {
            Some(p) => &self.years[p].levels,
            None => &self.base,
        }
    }

    /// Simulates department `department` (0-based). Each year draws from
    /// its own stream, so the first n years are the same whatever the
    /// number of years asked for.
    pub(crate) fn simulate(
        seed: u64,
        department: usize,
        region: &Region,
        first_year: i32,
        years: usize,
    ) -> Economy {
        let label = department as u64;
        let city = region.kind == RegionKind::City;
        let mut s = SplitMix64::stream(seed, &[stream::DEPARTMENT, label]);
        // GRDP in tỷ đồng at constant prices (some 60% of current ones), a
        // few years before the region's size was measured, ±25%: its order
        // of magnitude, not its figure.
        let size = region.size * s.range(300, 500);
        let grdp = size * 10;
        let agriculture = per_mille(
            grdp,
            if city {
                s.range(30, 120)
            } else {
                s.range(120, 300)
            },
        );
        let industry_construction = per_mille(grdp, s.range(250, 500));
        let services = grdp - agriculture - industry_construction;
        let construction = per_mille(industry_construction, s.range(150, 300));
        let industry = industry_construction - construction;
        let mining = per_mille(industry, s.range(10, 80));
        let electricity = per_mille(industry, s.range(50, 150));
        let water = per_mille(industry, s.range(10, 40));
        let manufacturing = industry - mining - electricity - water;
        let trade = per_mille(services, s.range(150, 250));
        let finance = per_mille(services, s.range(50, 100));
        let administrative = per_mille(services, s.range(20, 50));
        let transport = per_mille(services, s.range(60, 120));
        let science = per_mille(services, s.range(20, 50));
        let other = services - trade - finance - administrative - transport - science;
        let parts = [
            agriculture,
            mining,
            manufacturing,
            electricity,
            water,
            construction,
            trade,
            finance,
            administrative,
            transport,
            science,
            other,
        ];
        let trends = Part::ALL.map(|p| {
            let (lo, hi) = p.profile().trend;
            s.range(lo, hi)
        });
        // Sales in tenths of nghìn tỷ đồng (100 tỷ), wholesale included, so
        // up to twice GRDP; retail a third to a half of them. Exports in
        // tenths of triệu USD at about 25 000 đồng to the dollar: from a
        // twentieth of GRDP in a mountain province to twice it in an
        // assembly hub.
        let sales_total = div_round(i128::from(size) * i128::from(s.range(800, 2000)), 100_000);
        let retail_ratio = s.range(350, 600);
        let exports = div_round(
            i128::from(size) * i128::from(s.range(50, 2000)) * 10,
            25_000,
        );
        let structure = Structure {
            trends,
            tilt: s.range(-100, 100),
            sales_trend: s.range(800, 1200),
            retail_ratio,
            exports_trend: s.range(500, 1500),
        };
        let base = Levels {
            parts,
            sales_total,
            retail: per_mille(sales_total, retail_ratio),
            exports,
        };
        let mut economy = Economy {
            base,
            years: Vec::with_capacity(years),
        };
        let mut retail_ratio = structure.retail_ratio;
        for i in 0..years {
            let year = first_year + i32::try_from(i).expect("years are checked to be few");
            let year_label = u64::from(year.unsigned_abs());
            let shock = SplitMix64::stream(seed, &[stream::NATION, year_label]).range(-300, 150);
            let mut y = SplitMix64::stream(seed, &[stream::DEPARTMENT, label, year_label]);
            let next = simulate_year(
                &mut y,
                &structure,
                &mut retail_ratio,
                shock,
                year,
                economy.previous(i),
            );
            economy.years.push(next);
        }
        economy
    }
}

/// One year from the one before. Every draw is made whatever the values,
/// so the stream stays in step.
fn simulate_year(
    y: &mut SplitMix64,
    structure: &Structure,
    retail_ratio: &mut i64,
    shock: i64,
    year: i32,
    previous: &Levels,
) -> Year {
    let mut growth = [0i64; 12];
    let mut parts = [0i64; 12];
    for (n, part) in Part::ALL.iter().enumerate() {
        let profile = part.profile();
        let hit = if profile.cyclical { shock } else { shock / 2 };
        let noise = y.range(-profile.noise, profile.noise);
        growth[n] = (structure.trends[n] + structure.tilt + hit + noise).clamp(profile.floor, 2500);
        parts[n] = grow(previous.parts[n], growth[n]);
    }
    let sales_growth = (structure.sales_trend + shock + y.range(-250, 250)).max(200);
    let sales_total = grow(previous.sales_total, sales_growth);
    *retail_ratio = (*retail_ratio + y.range(-15, 15)).clamp(300, 650);
    let exports_growth = (structure.exports_trend + 2 * shock + y.range(-800, 800)).max(-2000);
    let levels = Levels {
        parts,
        sales_total,
        retail: per_mille(sales_total, *retail_ratio),
        exports: grow(previous.exports, exports_growth),
    };

    let grdp_growth = growth_hundredths(previous.grdp(), levels.grdp());
    let grdp_quarters = quarters(y, grdp_growth, 10, 70);

    // A production index follows the value added of its industry, give or
    // take two points.
    let iip_parts = Part::INDUSTRY.map(|p| {
        (1000 + div_round(i128::from(growth[p as usize]), 10) + y.range(-20, 20)).clamp(800, 1400)
    });
    // Weights: last year's structure of industry, in tenths of a percent,
    // none zero (a weight must be positive), summing to exactly 100.0.
    let industry = previous.industry();
    let mut iip_weights = Part::INDUSTRY
        .map(|p| div_round(i128::from(previous.part(p)) * 1000, i128::from(industry)).max(1));
    iip_weights[1] = 1000 - iip_weights[0] - iip_weights[2] - iip_weights[3];
    let weighted: i128 = iip_weights
        .iter()
        .zip(&iip_parts)
        .map(|(w, i)| i128::from(*w) * i128::from(*i))
        .sum();
    let iip = div_round(weighted, 1000);
    let iip_quarters = quarters(y, iip, 3, 15);

    let consumption = (iip_parts[1] + y.range(-30, 30)).clamp(850, 1300);
    let consumption_parts = [(); 6].map(|()| (consumption + y.range(-120, 150)).clamp(800, 1400));
    let inventory = y.range(850, 1150);
    let cpi = 10_000 + y.range(50, 450);

    Year {
        year,
        levels,
        grdp_quarters,
        iip_parts,
        iip_weights,
        iip,
        iip_quarters,
        consumption,
        consumption_parts,
        inventory,
        cpi,
    }
}

/// Four quarterly figures around `centre` (their mean is within a unit of
/// it), each `step_lo..=step_hi` from the next: rising in about 45% of
/// years, falling in 20%, neither in the rest, so that every quarterly
/// trend the reports word turns up.
fn quarters(y: &mut SplitMix64, centre: i64, step_lo: i64, step_hi: i64) -> [i64; 4] {
    let pattern = y.range(0, 99);
    let d1 = y.range(step_lo, step_hi);
    let d2 = y.range(step_lo, step_hi);
    let d3 = y.range(step_lo, step_hi);
    let r = [0, d1, d1 + d2, d1 + d2 + d3];
    let shape = match pattern {
        0..45 => r,
        45..65 => [r[3], r[2], r[1], r[0]],
        // Up then down then up, or the mirror: strictly neither.
        _ if pattern % 2 == 0 => [r[0], r[2], r[1], r[3]],
        _ => [r[2], r[0], r[3], r[1]],
    };
    let mean = div_round(i128::from(r.iter().sum::<i64>()), 4);
    shape.map(|v| centre + v - mean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_are_sums_and_grdp_always_grows() {
        for seed in 0..40 {
            for department in 0..34 {
                let e = Economy::simulate(seed, department, &Region::nth(department), 2015, 12);
                for (i, y) in e.years.iter().enumerate() {
                    let (prev, cur) = (e.previous(i), &y.levels);
                    assert!(
                        cur.grdp() > prev.grdp(),
                        "seed {seed} dept {department} {}",
                        y.year
                    );
                    assert_eq!(cur.grdp(), cur.parts.iter().sum::<i64>());
                    assert!(cur.retail < cur.sales_total);
                    assert!(cur.parts.iter().all(|p| *p > 0));
                    assert!(cur.exports > 0 && cur.retail > 0);
                    assert_eq!(y.iip_weights.iter().sum::<i64>(), 1000);
                    assert!(y.iip_weights.iter().all(|w| *w > 0));
                }
            }
        }
    }

    #[test]
    fn a_longer_run_starts_with_the_shorter_one() {
        let short = Economy::simulate(9, 3, &Region::nth(3), 2019, 3);
        let long = Economy::simulate(9, 3, &Region::nth(3), 2019, 6);
        assert_eq!(short.base, long.base);
        assert_eq!(short.years[..], long.years[..3]);
    }

    #[test]
    fn quarters_take_every_shape() {
        let mut rng = SplitMix64::new(3);
        let (mut rising, mut falling, mut mixed) = (0, 0, 0);
        for _ in 0..200 {
            let q = quarters(&mut rng, 650, 10, 70);
            let up = q.windows(2).all(|w| w[1] > w[0]);
            let down = q.windows(2).all(|w| w[1] < w[0]);
            match (up, down) {
                (true, _) => rising += 1,
                (_, true) => falling += 1,
                _ => mixed += 1,
            }
            let mean = q.iter().sum::<i64>() / 4;
            assert!((mean - 650).abs() <= 1, "{q:?}");
        }
        assert!(
            rising > 60 && falling > 20 && mixed > 40,
            "{rising} {falling} {mixed}"
        );
    }
}
