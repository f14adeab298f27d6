//! A chart of figures: what statistical releases draw rather than print
//! (each sector's contribution to growth, the quarters' growth, the
//! largest items of a group).
//!
//! The model says *what* is drawn, never how: the kind, the categories,
//! each series' figures (as printed and exact, with where they came
//! from), the title, unit and a description of the figures in words for
//! readers who cannot see the picture. Drawing is an exporter's: baocao's
//! HTML and Word exporters draw with `baocao-chart`; an exporter that
//! draws nothing prints `fallback`, the table of the same figures, which
//! is also what a plugin built before charts existed prints.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::{Block, Source};

/// A chart ([`Block::Chart`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Chart<'a> {
    /// What is drawn; a kind of a newer version reads as
    /// [`ChartKind::Other`], which an exporter prints as `fallback`.
    pub kind: ChartKind,
    /// The chart's title, printed in its caption after the exporter's
    /// number ("Hình 1. Đóng góp vào tăng trưởng GRDP năm 2024").
    #[serde(borrow)]
    pub title: Cow<'a, str>,
    /// The unit of the values ("điểm %", "%"), printed by the value axis.
    #[serde(borrow)]
    pub unit: Cow<'a, str>,
    /// The categories, in the order drawn: sectors, quarters, items.
    #[serde(borrow)]
    pub categories: Vec<Cow<'a, str>>,
    /// The series; each has one value per category.
    #[serde(borrow)]
    pub series: Vec<Series<'a>>,
    /// The figures in words, in the report's language, for readers who
    /// cannot see the chart (an SVG's `<desc>`, a picture's alternative
    /// text).
    #[serde(borrow)]
    pub description: Cow<'a, str>,
    /// Printed under the chart (what the values are, the source); may be
    /// empty.
    #[serde(borrow, skip_serializing_if = "str::is_empty")]
    pub note: Cow<'a, str>,
    /// The same figures as blocks of older kinds (a table), for exporters
    /// that draw nothing and plugins built before charts.
    #[serde(borrow, deserialize_with = "super::read::blocks")]
    pub fallback: Vec<Block<'a>>,
}

/// The kinds of chart statistical reports use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ChartKind {
    /// Vertical bars from a zero line, up or down by sign: the points
    /// each part contributes to growth, the whole's bar apart at the end
    /// (the value marked [`Point::total`]).
    #[default]
    Columns,
    /// Lines over ordered categories (the quarters of a year), one per
    /// series, each point marked and labelled.
    Line,
    /// Horizontal bars, largest first: the top items of a group, whose
    /// long names read better beside a bar than under it.
    Bars,
    /// A kind of a newer version: print the fallback.
    Other,
}

/// One series of a chart: a name (the legend's) and a value per category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Series<'a> {
    /// The series' name, in the legend when there are several.
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    /// One per category, in the same order; `None` when the figure is not
    /// known (nothing is drawn there).
    #[serde(borrow)]
    pub values: Vec<Option<Point<'a>>>,
}

/// One value of a chart: the figure as printed and exact, and where it
/// came from, as a figure run of a paragraph has them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Point<'a> {
    /// The figure as printed by its bar or point ("2,70").
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    /// The exact decimal, dot separated ("2.7012"): where the bar ends.
    #[serde(borrow)]
    pub exact: Cow<'a, str>,
    /// Where it came from, in the report's language.
    #[serde(borrow)]
    pub provenance: Cow<'a, str>,
    /// The same, as data.
    #[serde(borrow, skip_serializing_if = "Option::is_none")]
    pub source: Option<Box<Source<'a>>>,
    /// This value is the whole the others are parts of (the growth the
    /// contributions add up to): drawn apart, in another colour.
    #[serde(skip_serializing_if = "super::is_false")]
    pub total: bool,
}

impl ChartKind {
    /// Whether an exporter of this build can draw it (not [`ChartKind::Other`]).
    pub fn is_known(self) -> bool {
        self != ChartKind::Other
    }
}

impl<'de> Deserialize<'de> for ChartKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = Cow::<'de, str>::deserialize(d)?;
        Ok(match name.as_ref() {
            "columns" => ChartKind::Columns,
            "line" => ChartKind::Line,
            "bars" => ChartKind::Bars,
            // A kind of a newer version: its fallback is printed.
            _ => ChartKind::Other,
        })
    }
}

impl Chart<'_> {
    /// A copy that owns its text.
    pub fn into_owned(self) -> Chart<'static> {
        fn own(s: Cow<'_, str>) -> Cow<'static, str> {
            Cow::Owned(s.into_owned())
        }
        Chart {
            kind: self.kind,
            title: own(self.title),
            unit: own(self.unit),
            categories: self.categories.into_iter().map(own).collect(),
            series: self
                .series
                .into_iter()
                .map(|s| Series {
                    name: own(s.name),
                    values: s
                        .values
                        .into_iter()
                        .map(|v| {
                            v.map(|p| Point {
                                text: own(p.text),
                                exact: own(p.exact),
                                provenance: own(p.provenance),
                                source: p.source.map(|s| Box::new(s.into_owned())),
                                total: p.total,
                            })
                        })
                        .collect(),
                })
                .collect(),
            description: own(self.description),
            note: own(self.note),
            fallback: self.fallback.into_iter().map(Block::into_owned).collect(),
        }
    }

    /// The figures in words when no description was given: each series'
    /// name, then each category with its value as printed and the unit
    /// ("Công nghiệp: 2,70 điểm %; Dịch vụ: 3,12 điểm %"; "Quý I: 5,41%").
    pub fn figures_in_words(&self) -> String {
        let unit = self.unit.trim();
        let mut parts = Vec::new();
        for s in &self.series {
            let mut items = Vec::new();
            for (c, v) in self.categories.iter().zip(&s.values) {
                if let Some(v) = v {
                    // "6,52%" but "2,70 điểm %", as the report writes them.
                    let gap = if unit.is_empty() || unit.starts_with('%') {
                        ""
                    } else {
                        " "
                    };
                    items.push(format!("{c}: {}{gap}{unit}", v.text));
                }
            }
            if s.name.trim().is_empty() || self.series.len() == 1 {
                parts.push(items.join("; "));
            } else {
                parts.push(format!("{}: {}", s.name, items.join("; ")));
            }
        }
        parts.join(". ")
    }
}
