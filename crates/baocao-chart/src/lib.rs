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
    let data = draw::Data::of(chart)?;
    Some(match chart.kind {
        ChartKind::Line => draw::line(chart, &data, id, numbers),
        ChartKind::Bars => draw::bars(chart, &data, id, numbers),
        // Columns, and any kind drawn as columns.
        _ => draw::columns(chart, &data, id, numbers),
    })
}

/// A point's exact value, when it is a decimal.
fn exact(p: &Point<'_>) -> Option<rust_decimal::Decimal> {
    p.exact.trim().parse().ok()
}

#[cfg(test)]
mod tests;
