//! `{{ chart(…) }}`: the charts a template places, as [`Chart`] blocks
//! with their figures' table as the fallback.
//!
//! Three kinds, the ones statistical releases draw:
//!
//! - `chart("contributions", "grdp")`: each part's contribution to the
//!   whole's growth in percentage points, largest first (signed), and
//!   the whole's growth apart at the end;
//! - `chart("quarters", ["grdp", "iip"])`: each indicator's growth over
//!   the same quarter a year earlier, quarter by quarter, a line each;
//! - `chart("top", "consumption", n=5)`: the children that grew most,
//!   as horizontal bars.
//!
//! A chart with no figure is no chart (like a table with no row), so a
//! template places one without a guard. Every value is a figure of the
//! engine, printed as the sentences print it, with its provenance.

use baocao_calc::{Figure, Measure};
use baocao_dataset::Period;
use baocao_document::{Align, Block, Chart, ChartKind, Inline, Point, Series, Table};
use minijinja::value::{Kwargs, Value};
use minijinja::{Error, ErrorKind};

use crate::filters::capfirst;
use crate::provenance::Of;
use crate::template::{Blocks, Shared};

/// The kinds a template asks for, in messages.
const KINDS: &str = "\"contributions\", \"quarters\" or \"top\"";

/// A figure of the chart: where it is drawn and what it came from.
struct Drawn {
    category: String,
    figure: Figure,
    of: (String, Measure, Period),
    total: bool,
}

/// What a kind of chart draws, before the template's `title=` and
/// `unit=` replace the defaults.
struct Plan {
    kind: ChartKind,
    categories: Vec<String>,
    series: Vec<(String, Vec<Drawn>)>,
    unit: String,
    title: String,
    /// Whose decimals the labels are written with.
    measure: Measure,
}

/// `chart(kind, indicators, title=, unit=, note=, decimals=, n=)`.
pub(crate) fn chart(s: &Shared, kind: &str, ids: &Value, kwargs: &Kwargs) -> Result<Value, Error> {
    let bad = |msg: String| Error::new(ErrorKind::InvalidOperation, msg);
    let ids: Vec<String> = if let Some(one) = ids.as_str() {
        vec![one.to_owned()]
    } else {
        ids.try_iter()
            .map_err(|_| bad(format!("chart(\"{kind}\", …) needs an indicator's id, or a list of them, after the kind")))?
            .map(|v| {
                v.as_str().map(str::to_owned).ok_or_else(|| {
                    bad(format!("chart(\"{kind}\", …): `{v}` is not an indicator's id"))
                })
            })
            .collect::<Result<_, _>>()?
    };
    let title: Option<String> = kwargs.get("title")?;
    let note: Option<String> = kwargs.get("note")?;
    let unit: Option<String> = kwargs.get("unit")?;
    let decimals: Option<u32> = kwargs.get("decimals")?;
    let period = s.figures.period;
    let mut plan = match kind {
        "contributions" => {
            let [id] = ids.as_slice() else {
                return Err(bad(
                    "chart(\"contributions\", …) takes one indicator, the whole whose parts' contributions are drawn".to_owned(),
                ));
            };
            let (cats, values) = contributions(s, id);
            let full = s.name_of(id).unwrap_or_else(|| id.clone());
            let name = abbreviation(&full);
            let title = if s.locale.is_english() {
                format!(
                    "Contributions to the growth of {name}, {}",
                    s.locale.period_label(period)
                )
            } else {
                format!(
                    "Đóng góp vào tăng trưởng {name} {}",
                    s.locale.period_label(period)
                )
            };
            Plan {
                kind: ChartKind::Columns,
                categories: cats,
                series: vec![(s.locale.measure_header("contribution"), values)],
                unit: s.locale.points_short().to_owned(),
                title,
                measure: Measure::Contribution,
            }
        }
        "quarters" => {
            if ids.is_empty() {
                return Err(bad(
                    "chart(\"quarters\", …) needs at least one indicator".to_owned()
                ));
            }
            let (cats, series) = quarters(s, &ids);
            // One line has no legend: the title names it.
            let label = s.locale.period_label(period);
            // (the indicator's name as a sentence has it, not the legend's)
            let one = match series.as_slice() {
                [(_, values)] => values
                    .first()
                    .and_then(|v| s.name_of(&v.of.0))
                    .map(|n| abbreviation(&n).to_owned()),
                _ => None,
            };
            let title = match (one, s.locale.is_english()) {
                (Some(name), true) => format!(
                    "{}: growth on the same quarter a year earlier, quarters of {label}",
                    capfirst(&name)
                ),
                (Some(name), false) => {
                    format!("Tốc độ tăng {name} so với cùng kỳ năm trước các quý {label}")
                }
                (_, true) => {
                    format!("Growth on the same quarter a year earlier, quarters of {label}")
                }
                (_, false) => format!("Tốc độ tăng so với cùng kỳ năm trước các quý {label}"),
            };
            Plan {
                kind: ChartKind::Line,
                categories: cats,
                series,
                unit: "%".to_owned(),
                title,
                measure: Measure::Growth,
            }
        }
        "top" => {
            let [id] = ids.as_slice() else {
                return Err(bad(
                    "chart(\"top\", …) takes one indicator, whose children are drawn".to_owned(),
                ));
            };
            let n: Option<usize> = kwargs.get("n")?;
            let (cats, values) = top(s, id, n.unwrap_or(5));
            let name = s.name_of(id).unwrap_or_else(|| id.clone());
            let title = if s.locale.is_english() {
                format!(
                    "{}, {}: the largest rises",
                    capfirst(&name),
                    s.locale.period_label(period)
                )
            } else {
                format!(
                    "{} {}: các ngành tăng cao nhất",
                    capfirst(&name),
                    s.locale.period_label(period)
                )
            };
            Plan {
                kind: ChartKind::Bars,
                categories: cats,
                series: vec![(s.locale.measure_header("growth"), values)],
                unit: "%".to_owned(),
                title,
                measure: Measure::Growth,
            }
        }
        other => {
            return Err(bad(format!("unknown chart `{other}`; expected {KINDS}")));
        }
    };
    kwargs.assert_all_used()?;
    if plan.series.iter().all(|(_, v)| v.is_empty()) {
        return Ok(Value::from_object(Blocks(Vec::new())));
    }
    if let Some(title) = title {
        plan.title = title;
    }
    if let Some(unit) = unit {
        plan.unit = unit;
    }
    let decimals = decimals.unwrap_or(s.decimals(plan.measure));
    Ok(Value::from_object(Blocks(vec![Block::Chart(build(
        s,
        plan,
        note.unwrap_or_default(),
        decimals,
    ))])))
}

/// The parts of `id`, largest contribution first (ties in the dataset's
/// order), then the whole: its own contribution when it has one (a part
/// of a larger whole, a root of points of value added), else its growth,
/// which the points add up to when they are points of it.
///
/// Drawn only when it adds up: every part the dataset gives a figure
/// has its contribution (a column missing would leave the whole's
/// column taller than its parts with nothing to say why), and the whole
/// is what they are points of (not GDP's growth beside points of value
/// added). The table beside the sentences still shows what there is.
fn contributions(s: &Shared, id: &str) -> (Vec<String>, Vec<Drawn>) {
    let none = || (Vec::new(), Vec::new());
    let Some(whole) = s.figures.get(id) else {
        return none();
    };
    let mut parts = Vec::new();
    for c in &whole.children {
        let Some(f) = s.figures.get(c) else {
            continue;
        };
        let known = f.growth.is_some() || f.value.is_some() || f.index.is_some();
        match (&f.contribution, s.name_of(c)) {
            (Some(fig), Some(name)) => parts.push(Drawn {
                category: capfirst(&name),
                figure: fig.clone(),
                of: (c.clone(), Measure::Contribution, s.figures.period),
                total: false,
            }),
            // A part with figures but no contribution: it does not add up.
            _ if known => return none(),
            _ => {}
        }
    }
    if parts.len() < 2 {
        return none();
    }
    // Stable: equal contributions keep the dataset's order.
    parts.sort_by_key(|p| std::cmp::Reverse(p.figure.value()));
    let total = match (&whole.contribution, s.figures.contribution_base) {
        (Some(f), _) => Some((f.clone(), Measure::Contribution)),
        // The points are of total value added, not of this whole's growth.
        (None, baocao_dataset::ContributionBase::ValueAdded) => None,
        (None, _) => whole.growth.clone().map(|f| (f, Measure::Growth)),
    };
    if let (Some((fig, measure)), Some(name)) = (total, s.name_of(id)) {
        parts.push(Drawn {
            category: capfirst(&name),
            figure: fig,
            of: (id.to_owned(), measure, s.figures.period),
            total: true,
        });
    }
    let cats = parts.iter().map(|v| v.category.clone()).collect();
    (cats, parts)
}

/// How a title names an indicator: its abbreviation when its name ends
/// with one in capitals ("Tổng sản phẩm trên địa bàn (GRDP)" → "GRDP"),
/// else its name. The batch overview names its column the same way.
///
/// ```
/// assert_eq!(baocao_narrative::abbreviation("Chỉ số sản xuất công nghiệp (IIP)"), "IIP");
/// assert_eq!(baocao_narrative::abbreviation("bán lẻ (trừ ô tô)"), "bán lẻ (trừ ô tô)");
/// ```
pub fn abbreviation(name: &str) -> &str {
    let name = name.trim();
    name.strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .map(|(_, short)| short.trim())
        .filter(|short| {
            short.starts_with(|c: char| c.is_ascii_uppercase())
                && short
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        })
        .unwrap_or(name)
}

/// Each indicator's growth in each quarter of the year; the categories
/// are every quarter any of them has, in order.
fn quarters(s: &Shared, ids: &[String]) -> (Vec<String>, Vec<(String, Vec<Drawn>)>) {
    let mut periods: Vec<Period> = ids
        .iter()
        .filter_map(|id| s.figures.get(id))
        .flat_map(|f| {
            f.quarters
                .iter()
                .filter(|q| q.growth.is_some())
                .map(|q| q.period)
        })
        .collect();
    periods.sort();
    periods.dedup();
    // A line needs two points: one quarter is a sentence, not a trend.
    if periods.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    let label = |p: Period| match p {
        Period::Quarter(_, n) => capfirst(&s.locale.quarter(n)),
        other => s.locale.period_label(other),
    };
    let series = ids
        .iter()
        .filter_map(|id| {
            let f = s.figures.get(id)?;
            let name = capfirst(&s.name_of(id)?);
            let values: Vec<Drawn> = f
                .quarters
                .iter()
                .filter_map(|q| {
                    Some(Drawn {
                        category: label(q.period),
                        figure: q.growth.clone()?,
                        of: (id.clone(), Measure::Growth, q.period),
                        total: false,
                    })
                })
                .collect();
            (!values.is_empty()).then_some((name, values))
        })
        .collect();
    (periods.into_iter().map(label).collect(), series)
}

/// The `n` children of `id` that grew most (the engine's ranking).
fn top(s: &Shared, id: &str, n: usize) -> (Vec<String>, Vec<Drawn>) {
    let values: Vec<Drawn> = s
        .figures
        .top(id, n)
        .into_iter()
        .filter_map(|c| {
            Some(Drawn {
                category: capfirst(&s.name_of(&c.id)?),
                figure: c.growth.clone()?,
                of: (c.id.clone(), Measure::Growth, s.figures.period),
                total: false,
            })
        })
        .collect();
    // A ranking of one is a sentence, not a chart.
    if values.len() < 2 {
        return (Vec::new(), Vec::new());
    }
    (values.iter().map(|v| v.category.clone()).collect(), values)
}

/// The chart, and its table as the fallback: a row per category, a
/// column per series, the same figure runs as the chart's points.
fn build(s: &Shared, plan: Plan, note: String, decimals: u32) -> Chart<'static> {
    let Plan {
        kind,
        categories,
        series,
        unit,
        title,
        measure: _,
    } = plan;
    let run = |v: &Drawn| {
        let (id, measure, period) = &v.of;
        let of = Of {
            id,
            measure: *measure,
            period: *period,
        };
        s.figure_run(of, &v.figure, s.fmt(v.figure.value(), decimals))
    };
    let mut chart_series = Vec::new();
    let mut rows: Vec<Vec<Vec<Inline<'static>>>> = categories
        .iter()
        .map(|c| vec![vec![Inline::text(c.clone())]])
        .collect();
    for (name, values) in &series {
        let mut points = Vec::with_capacity(categories.len());
        for (c, row) in categories.iter().zip(rows.iter_mut()) {
            match values.iter().find(|v| &v.category == c) {
                Some(v) => {
                    let figure = run(v);
                    row.push(vec![figure.clone()]);
                    points.push(point(figure, v.total));
                }
                None => {
                    row.push(vec![Inline::text(s.locale.not_available())]);
                    points.push(None);
                }
            }
        }
        chart_series.push(Series {
            name: name.clone().into(),
            values: points,
        });
    }
    // The first column names what the categories are.
    let first = match (kind, s.locale.is_english()) {
        (ChartKind::Line, true) => "Quarter",
        (ChartKind::Line, false) => "Quý",
        _ => s.locale.indicator_header(),
    };
    let mut header = vec![first.into()];
    header.extend(series.iter().map(|(name, _)| name.clone().into()));
    let mut align = vec![Align::Left];
    align.extend(series.iter().map(|_| Align::Right));
    let unit_line = if s.locale.is_english() {
        format!("Unit: {unit}")
    } else {
        format!("Đơn vị tính: {unit}")
    };
    let table = Table {
        caption: title.clone().into(),
        unit: unit_line.into(),
        header,
        align,
        rows,
        note: note.clone().into(),
        ..Table::default()
    };
    let mut chart = Chart {
        kind,
        title: title.into(),
        unit: unit.into(),
        categories: categories.into_iter().map(Into::into).collect(),
        series: chart_series,
        note: note.into(),
        fallback: vec![Block::Table(table)],
        ..Chart::default()
    };
    chart.description = chart.figures_in_words().into();
    chart
}

/// A figure run as a chart's point.
fn point(run: Inline<'static>, total: bool) -> Option<Point<'static>> {
    match run {
        Inline::Figure {
            text,
            exact,
            provenance,
            source,
        } => Some(Point {
            text,
            exact,
            provenance,
            source,
            total,
        }),
        _ => None,
    }
}
