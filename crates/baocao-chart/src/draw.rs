//! The three kinds of chart, laid out in a drawing 640 units wide.
//!
//! Every position is a decimal (`Decimal`): the values are exact, the
//! layout is integer units, and [`crate::svg::px`] rounds each coordinate
//! to a tenth when it is written.

use baocao_plugin_api::Chart;
use rust_decimal::Decimal;

use crate::scale::Scale;
use crate::svg::{Svg, n, number, width, wrap};
use crate::{Numbers, Values};

/// The drawing's width: 16 cm at 96 units an inch is 605; a little more
/// keeps text at a readable size when it is scaled to the page.
const WIDTH: i64 = 640;
/// The size of labels (about 10 pt when the chart is 16 cm wide); ticks,
/// categories and legend are a size smaller.
pub(crate) const LABEL: i64 = 14;
const SMALL: i64 = 13;
/// Colours that stay apart in grey when printed: parts mid blue, a part
/// that fell red, the whole dark.
pub const PART: &str = "#4f81bd";
/// A part that fell.
pub const FELL: &str = "#c0504d";
/// The whole the parts add up to.
pub const WHOLE: &str = "#1f3b57";
const GRID: &str = "stroke=\"#d9d9d9\" stroke-width=\"1\"";
const AXIS: &str = "stroke=\"#404040\" stroke-width=\"1\"";
/// A line chart's series: colour and dash, so that they differ in grey too.
pub const SERIES: [(&str, &str); 4] = [
    ("#1f4e79", ""),
    ("#c55a11", "6 4"),
    ("#548235", "2 3"),
    ("#7f6000", "8 3 2 3"),
];

/// The text printed by a value: the report's, as it prints the figure.
fn label<'c>(chart: &'c Chart<'_>, series: usize, category: usize) -> &'c str {
    chart
        .series
        .get(series)
        .and_then(|s| s.values.get(category))
        .and_then(Option::as_ref)
        .map_or("", |p| p.text.as_ref())
}

/// Whether a value is the whole the others are parts of.
fn is_total(chart: &Chart<'_>, series: usize, category: usize) -> bool {
    chart
        .series
        .get(series)
        .and_then(|s| s.values.get(category))
        .and_then(Option::as_ref)
        .is_some_and(|p| p.total)
}

/// The SVG's description: the chart's own, else its figures in words.
fn description(chart: &Chart<'_>) -> String {
    if chart.description.trim().is_empty() {
        chart.figures_in_words()
    } else {
        chart.description.to_string()
    }
}

/// The unit, top left, over the value axis.
fn unit(svg: &mut Svg, chart: &Chart<'_>, y: i64) {
    let unit = chart.unit.trim();
    if !unit.is_empty() {
        svg.text(n(8), n(y), "start", "font-style=\"italic\"", unit);
    }
}

/// Where each series' legend item goes, from `top`, wrapped to the
/// width, and where the legend ends. One series needs none: the title
/// names it.
fn legend_layout(chart: &Chart<'_>, top: i64) -> (Vec<(Decimal, i64)>, i64) {
    if chart.series.len() < 2 {
        return (Vec::new(), top);
    }
    let mut at = Vec::new();
    let mut x = n(8);
    let mut y = top + 14;
    for s in &chart.series {
        let item = n(30) + width(&s.name, SMALL) + n(18);
        if x > n(8) && x + item > n(WIDTH - 8) {
            x = n(8);
            y += 18;
        }
        at.push((x, y));
        x += item;
    }
    // y is the last row's baseline; the legend ends a little under it.
    (at, y + 8)
}

/// Draws the legend laid out by [`legend_layout`]: a line sample for a
/// line chart, a swatch for bars.
fn legend(svg: &mut Svg, chart: &Chart<'_>, at: &[(Decimal, i64)], line: bool) {
    for (i, (s, (x, y))) in chart.series.iter().zip(at).enumerate() {
        let (x, y) = (*x, n(*y));
        let (colour, dash) = SERIES[i % SERIES.len()];
        if line {
            let dash = if dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{dash}\"")
            };
            svg.line(
                x,
                y - n(4),
                x + n(24),
                y - n(4),
                &format!("stroke=\"{colour}\" stroke-width=\"2.5\"{dash}"),
            );
        } else {
            svg.rect(x + n(6), y - n(10), x + n(18), y + n(2), colour);
        }
        svg.text(
            x + n(30),
            y,
            "start",
            &format!("font-size=\"{SMALL}\""),
            &s.name,
        );
    }
}

/// The horizontal gridlines and tick labels of a vertical value axis
/// from `top` to `bottom`, right-aligned before `left`.
fn value_axis(
    svg: &mut Svg,
    scale: &Scale,
    (left, right): (Decimal, Decimal),
    (top, bottom): (Decimal, Decimal),
    numbers: Numbers,
) {
    for t in scale.ticks() {
        let y = scale.at(t, bottom, top);
        svg.line(left, y, right, y, GRID);
        svg.text(
            left - n(6),
            y + n(4),
            "end",
            &format!("font-size=\"{SMALL}\""),
            &number(t, scale.decimals(), numbers),
        );
    }
}

/// The widest tick label of `scale`.
fn tick_width(scale: &Scale, numbers: Numbers) -> Decimal {
    scale
        .ticks()
        .iter()
        .map(|t| width(&number(*t, scale.decimals(), numbers), SMALL))
        .max()
        .unwrap_or(Decimal::ZERO)
}

/// Category labels under a plot, each wrapped to its band: the lines.
fn category_lines(chart: &Chart<'_>, band: Decimal) -> Vec<Vec<String>> {
    chart
        .categories
        .iter()
        .map(|c| wrap(c, band - n(6), SMALL))
        .collect()
}

/// Writes category labels centred under each band from `y`.
fn category_labels(svg: &mut Svg, lines: &[Vec<String>], left: Decimal, band: Decimal, y: Decimal) {
    for (i, label) in lines.iter().enumerate() {
        let x = left + band * (n(i as i64) + Decimal::new(5, 1));
        for (k, line) in label.iter().enumerate() {
            svg.text(
                x,
                y + n(15 * k as i64),
                "middle",
                &format!("font-size=\"{SMALL}\""),
                line,
            );
        }
    }
}

/// The plot's frame, top and bottom, from the head (unit, legend).
struct Frame {
    top: i64,
    bottom: i64,
    height: i64,
}

/// How high a plot of columns or lines is.
const PLOT: i64 = 220;

/// A plot [`PLOT`] units high under the head, with `label_lines` lines of
/// category labels under it.
fn frame(head: i64, label_lines: usize) -> Frame {
    let top = head + 14;
    let bottom = top + PLOT;
    let lines = i64::try_from(label_lines.clamp(1, 6)).unwrap_or(1);
    Frame {
        top,
        bottom,
        height: bottom + 12 + 15 * lines,
    }
}

/// Where a plot over categories is drawn: its frame, each category's
/// band and its label's lines.
struct Plot {
    left: Decimal,
    right: Decimal,
    band: Decimal,
    top: Decimal,
    bottom: Decimal,
    lines: Vec<Vec<String>>,
}

/// An SVG for a plot over the chart's categories on `scale` (columns, or
/// a line when `line`): its unit, legend and value axis drawn, room left
/// under it for the categories' labels.
fn plot(chart: &Chart<'_>, scale: &Scale, id: &str, numbers: Numbers, line: bool) -> (Svg, Plot) {
    let count = chart.categories.len().max(1);
    let left = n(16) + tick_width(scale, numbers);
    let right = n(WIDTH - 12);
    let band = (right - left) / n(count as i64);
    let lines = category_lines(chart, band);
    let most = lines.iter().map(Vec::len).max().unwrap_or(1);
    let (items, head) = legend_layout(chart, 22);
    let f = frame(head, most);
    let mut svg = Svg::open(id, WIDTH, f.height, &chart.title, &description(chart));
    unit(&mut svg, chart, 16);
    legend(&mut svg, chart, &items, line);
    let (top, bottom) = (n(f.top), n(f.bottom));
    value_axis(&mut svg, scale, (left, right), (top, bottom), numbers);
    let plot = Plot {
        left,
        right,
        band,
        top,
        bottom,
        lines,
    };
    (svg, plot)
}

/// Signed columns from a zero line; a value marked total is drawn dark,
/// after a thin rule that sets it apart from its parts.
pub(crate) fn columns(chart: &Chart<'_>, data: &Values, id: &str, numbers: Numbers) -> String {
    let count = chart.categories.len();
    let scale = Scale::with_room(&data.all, n(PLOT), n(18));
    let (mut svg, p) = plot(chart, &scale, id, numbers, false);
    let (left, right, band, top, bottom) = (p.left, p.right, p.band, p.top, p.bottom);
    let zero = scale.at(Decimal::ZERO, bottom, top);
    let series = data.series.len().max(1);
    let group = band * Decimal::new(7, 1);
    let bar = group / n(series as i64);
    for c in 0..count {
        let x0 = left + band * n(c as i64) + (band - group) / n(2);
        if c > 0 && (0..series).any(|s| is_total(chart, s, c)) {
            let x = left + band * n(c as i64);
            svg.line(
                x,
                top,
                x,
                bottom,
                "stroke=\"#a6a6a6\" stroke-dasharray=\"3 3\"",
            );
        }
        for (s, values) in data.series.iter().enumerate() {
            let Some(v) = values.get(c).copied().flatten() else {
                continue;
            };
            let total = is_total(chart, s, c);
            let colour = if total {
                WHOLE
            } else if data.series.len() > 1 {
                SERIES[s % SERIES.len()].0
            } else if v < Decimal::ZERO {
                FELL
            } else {
                PART
            };
            let x = x0 + bar * n(s as i64);
            let y = scale.at(v, bottom, top);
            svg.rect(x + n(1), zero, x + bar - n(1), y, colour);
            let (ly, weight) = (
                if v < Decimal::ZERO {
                    y + n(15)
                } else {
                    y - n(5)
                },
                if total { "font-weight=\"bold\"" } else { "" },
            );
            svg.text(x + bar / n(2), ly, "middle", weight, label(chart, s, c));
        }
    }
    svg.line(left, zero, right, zero, AXIS);
    category_labels(&mut svg, &p.lines, left, band, bottom + n(18));
    svg.close()
}

/// Lines over ordered categories: each point marked and labelled, the
/// highest label of a category above its point, the others under theirs.
pub(crate) fn line(chart: &Chart<'_>, data: &Values, id: &str, numbers: Numbers) -> String {
    let count = chart.categories.len();
    let scale = Scale::covering(&data.all, false);
    let (mut svg, p) = plot(chart, &scale, id, numbers, true);
    let (left, right, band, top, bottom) = (p.left, p.right, p.band, p.top, p.bottom);
    svg.line(left, bottom, right, bottom, AXIS);
    let x_of = |c: usize| left + band * (n(c as i64) + Decimal::new(5, 1));
    for (s, values) in data.series.iter().enumerate() {
        let (colour, dash) = SERIES[s % SERIES.len()];
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{dash}\"")
        };
        // A gap (an unknown value) breaks the line.
        let mut run: Vec<String> = Vec::new();
        let mut runs = Vec::new();
        for (c, v) in values.iter().enumerate() {
            match v {
                Some(v) => run.push(format!(
                    "{},{}",
                    crate::svg::px(x_of(c)),
                    crate::svg::px(scale.at(*v, bottom, top))
                )),
                None => runs.push(std::mem::take(&mut run)),
            }
        }
        runs.push(run);
        for r in runs.iter().filter(|r| r.len() > 1) {
            svg.raw(&format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/>\n",
                r.join(" ")
            ));
        }
        // Markers: the first series filled, the others hollow.
        let fill = if s == 0 { colour } else { "#ffffff" };
        for (c, v) in values.iter().enumerate() {
            if let Some(v) = v {
                svg.raw(&format!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{fill}\" stroke=\"{colour}\" stroke-width=\"2\"/>\n",
                    crate::svg::px(x_of(c)),
                    crate::svg::px(scale.at(*v, bottom, top))
                ));
            }
        }
    }
    for c in 0..count {
        let highest = data.highest(c);
        for (s, values) in data.series.iter().enumerate() {
            let Some(v) = values.get(c).copied().flatten() else {
                continue;
            };
            let y = scale.at(v, bottom, top);
            let ly = if Some(s) == highest {
                y - n(10)
            } else {
                y + n(20)
            };
            svg.text(x_of(c), ly, "middle", "", label(chart, s, c));
        }
    }
    category_labels(&mut svg, &p.lines, left, band, bottom + n(18));
    svg.close()
}

/// Horizontal bars, in the order given (the narrative sorts them), the
/// names beside them on the left, each value at its bar's end (a value
/// that fell by the zero line, clear of its bar).
pub(crate) fn bars(chart: &Chart<'_>, data: &Values, id: &str, numbers: Numbers) -> String {
    let count = chart.categories.len();
    let names: Vec<Vec<String>> = chart
        .categories
        .iter()
        .map(|c| wrap(c, n(WIDTH * 2 / 5), LABEL))
        .collect();
    let name_width = names
        .iter()
        .flatten()
        .map(|l| width(l, LABEL))
        .max()
        .unwrap_or_default();
    let values = data.series.first().cloned().unwrap_or_default();
    let value_room = (0..count)
        .map(|c| width(label(chart, 0, c), LABEL))
        .max()
        .unwrap_or_default();
    let scale = Scale::covering(&data.all, true);
    let left = n(16) + name_width;
    let right = n(WIDTH - 12) - value_room - n(6);
    let top = n(30);
    let rows: Vec<i64> = names
        .iter()
        .map(|l| 30.max(17 * i64::try_from(l.len()).unwrap_or(1) + 12))
        .collect();
    let plot = n(rows.iter().sum());
    let bottom = top + plot;
    let height = 30 + rows.iter().sum::<i64>() + 30;
    let mut svg = Svg::open(id, WIDTH, height, &chart.title, &description(chart));
    unit(&mut svg, chart, 16);
    for t in scale.ticks() {
        let x = scale.at(t, left, right);
        svg.line(x, top, x, bottom, GRID);
        svg.text(
            x,
            bottom + n(16),
            "middle",
            &format!("font-size=\"{SMALL}\""),
            &number(t, scale.decimals(), numbers),
        );
    }
    let zero = scale.at(Decimal::ZERO, left, right);
    let mut y = top;
    for (c, name) in names.iter().enumerate() {
        let row = n(rows.get(c).copied().unwrap_or(30));
        let middle = y + row / n(2);
        let first = middle - n(17 * (name.len() as i64 - 1)) / n(2) + n(5);
        for (k, line) in name.iter().enumerate() {
            svg.text(left - n(8), first + n(17 * k as i64), "end", "", line);
        }
        if let Some(v) = values.get(c).copied().flatten() {
            let x = scale.at(v, left, right);
            let colour = if is_total(chart, 0, c) {
                WHOLE
            } else if v < Decimal::ZERO {
                FELL
            } else {
                PART
            };
            svg.rect(zero, middle - n(8), x, middle + n(8), colour);
            let at = if v < Decimal::ZERO { zero } else { x };
            svg.text(at + n(5), middle + n(4), "start", "", label(chart, 0, c));
        }
        y += row;
    }
    svg.line(zero, top, zero, bottom, AXIS);
    svg.close()
}
