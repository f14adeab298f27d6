//! Draws a report's charts ([`Chart`] blocks of the document model) as
//! SVG, inline in the HTML report; the Word report's native charts take
//! their axis ([`Scale`]) and [`colours`] from here, so that both look
//! alike.
//!
//! # Why by hand
//!
//! The charts statistical releases draw are few and plain (signed columns
//! of contributions with their total, lines over the quarters, bars of
//! the top items), and what matters in them is what a chart library does
//! not give:
//!
//! - **exact figures**: every value label is the figure as the report
//!   prints it ([`Point::text`]); the axis is scaled and its ticks chosen
//!   in decimal arithmetic ([`Scale`]), so a tick reads "0,5", never
//!   "0,49999999". `plotters` and `charts-rs` work in `f64`/`f32`, and
//!   the workspace denies float arithmetic (`clippy::float_arithmetic`);
//! - **Vietnamese number format** on the axis (decimal comma, thousands
//!   dot) and Vietnamese labels wrapped by words;
//! - **accessibility**: `role="img"`, a `<title>` and a `<desc>` with the
//!   figures in words, linked by `aria-labelledby`, ids unique in a page;
//! - **the same bytes every run** on every machine: no font is measured
//!   (widths are estimated from the number of characters), and every
//!   coordinate is a decimal rounded to a tenth.
//!
//! What is drawn is plain SVG 1.1 (rectangles, lines, polylines, circles
//! and text), which browsers and SVG tools all read.

mod draw;
mod scale;
mod svg;

pub use scale::Scale;

/// The colours charts are drawn in, for an exporter that draws them its
/// own way (the Word report's native charts) and should look the same.
pub mod colours {
    pub use crate::draw::{FELL, PART, SERIES, WHOLE};
}

use baocao_plugin_api::{Chart, ChartKind, Point};
use rust_decimal::Decimal;

/// How numbers on an axis are written: the report's language decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Numbers {
    /// Between the integer and the fraction.
    pub decimal: char,
    /// Between groups of three digits.
    pub group: char,
}

impl Numbers {
    /// For a document's language tag: English writes 1,234.5; Vietnamese
    /// (and any other language baocao writes) 1.234,5.
    pub fn for_language(tag: &str) -> Numbers {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Numbers {
                decimal: '.',
                group: ',',
            }
        } else {
            Numbers {
                decimal: ',',
                group: '.',
            }
        }
    }
}

/// The font the charts are drawn in: the report's (Times New Roman), or
/// the free font with its metrics where it is missing.
pub const FONT_FAMILY: &str = "'Times New Roman', 'Liberation Serif', serif";

/// Draws `chart` as a standalone SVG element. `id` is unique in the page
/// the SVG goes into (its `<title>` and `<desc>` are `{id}-title` and
/// `{id}-desc`); `numbers` writes the axis. `None` when there is nothing
/// to draw: a kind of a newer version ([`ChartKind::Other`]), or no value
/// with an exact decimal. The exporter then prints the chart's fallback.
pub fn svg(chart: &Chart<'_>, id: &str, numbers: Numbers) -> Option<String> {
    if !chart.kind.is_known() {
        return None;
    }
    let data = Values::of(chart)?;
    Some(match chart.kind {
        ChartKind::Line => draw::line(chart, &data, id, numbers),
        ChartKind::Bars => draw::bars(chart, &data, id, numbers),
        // Columns, and any kind drawn as columns.
        _ => draw::columns(chart, &data, id, numbers),
    })
}

/// A chart's values as exact decimals, for drawing: per series, one per
/// category (`None` where the figure is unknown or not a decimal), and
/// all of them together (what an axis must hold).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Values {
    /// Per series, per category.
    pub series: Vec<Vec<Option<Decimal>>>,
    /// Every known value, series after series.
    pub all: Vec<Decimal>,
}

impl Values {
    /// `None` when there is nothing to draw: no category, or no value
    /// with an exact decimal.
    pub fn of(chart: &Chart<'_>) -> Option<Values> {
        let categories = chart.categories.len();
        if categories == 0 {
            return None;
        }
        let series: Vec<Vec<Option<Decimal>>> = chart
            .series
            .iter()
            .map(|s| {
                (0..categories)
                    .map(|i| s.values.get(i).and_then(Option::as_ref).and_then(exact))
                    .collect()
            })
            .collect();
        let all: Vec<Decimal> = series.iter().flatten().flatten().copied().collect();
        (!all.is_empty()).then_some(Values { series, all })
    }

    /// The series whose value is highest in `category` (the last of equal
    /// ones), whose label goes above its point; the others go under.
    pub fn highest(&self, category: usize) -> Option<usize> {
        self.series
            .iter()
            .enumerate()
            .filter_map(|(s, v)| v.get(category).copied().flatten().map(|v| (v, s)))
            .max()
            .map(|(_, s)| s)
    }
}

/// A point's exact value, when it is a decimal.
fn exact(p: &Point<'_>) -> Option<Decimal> {
    p.exact.trim().parse().ok()
}

#[cfg(test)]
mod tests;
