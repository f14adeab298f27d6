//! The figures JSON of the spec: exact decimals as strings, sorted keys.
//!
//! Struct fields are declared in alphabetical order and maps are `BTreeMap`,
//! so key order does not depend on serde_json's features.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::{Count, Figure, Figures, Measure};

/// A decimal as the JSON string: exact, dot separated, no trailing zeros.
pub(crate) fn exact(d: Decimal) -> String {
    d.normalize().to_string()
}

/// A decimal for messages: at most 6 decimals, half away from zero.
pub(crate) fn short(d: Decimal) -> String {
    d.round_dp_with_strategy(6, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

#[derive(Serialize)]
struct JsonFigure {
    /// The word of an approximate figure ("hơn"; "khoảng" for one
    /// derived from an approximate figure).
    #[serde(skip_serializing_if = "Option::is_none")]
    approx: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    from: Vec<String>,
    origin: &'static str,
    /// `current` or `constant`, when the period has levels at current
    /// prices (format 1.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    prices: Option<&'static str>,
    rule: &'static str,
    value: String,
}

#[derive(Serialize)]
struct JsonCount {
    grew: usize,
    of: usize,
}

/// An indicator's keys mix fixed fields and one key per known figure, so it
/// is a sorted map rather than a struct.
type JsonIndicator = BTreeMap<&'static str, serde_json::Value>;

fn value<T: Serialize>(v: T) -> serde_json::Value {
    serde_json::to_value(v).expect("plain structs of strings and integers always serialize")
}

#[derive(Serialize)]
struct JsonCheck {
    #[serde(skip_serializing_if = "Option::is_none")]
    expected: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    found: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gap: Option<String>,
    indicator: String,
    message: String,
    period: String,
    rule: String,
    status: &'static str,
}

#[derive(Serialize)]
struct JsonTarget {
    #[serde(skip_serializing_if = "Option::is_none")]
    actual: Option<String>,
    better: &'static str,
    indicator: String,
    label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    margin: Option<String>,
    measure: &'static str,
    op: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    percent_of_plan: Option<String>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    upper: Option<String>,
    value: String,
    year: i32,
}

#[derive(Serialize)]
struct JsonFigures {
    checks: Vec<JsonCheck>,
    /// Written only when not the default (the growth of the tree's root),
    /// so that format 1 datasets give the figures JSON they always gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    contribution_base: Option<&'static str>,
    format: u32,
    indicators: BTreeMap<String, JsonIndicator>,
    period: String,
    region: String,
    targets: Vec<JsonTarget>,
}

/// The prices a figure of measure `m` is at, in a period with levels at
/// current prices: those and the structures of such levels (or of a
/// release's) at current prices ([`Figure::at_current_prices`]), the other
/// levels and what grows from them at constant prices. Indices and their
/// growth are volumes: no prices.
fn prices(m: Measure, f: &Figure, index: bool) -> &'static str {
    if f.at_current_prices(m) {
        "current"
    } else if m == Measure::Index || index {
        ""
    } else {
        "constant"
    }
}

fn figure(f: &Figure) -> JsonFigure {
    let reported = f.is_reported();
    JsonFigure {
        approx: f.approx.map(baocao_dataset::Approx::word),
        prices: None,
        at: f.at.as_ref().map(ToString::to_string),
        formula: (!reported).then(|| f.formula.clone()),
        from: f.from.clone(),
        origin: if reported { "reported" } else { "derived" },
        rule: f.rule.as_str(),
        value: exact(f.value()),
    }
}

pub(crate) fn to_json(figs: &Figures) -> String {
    let indicators = figs
        .indicators
        .iter()
        .filter(|(_, ind)| !ind.is_empty())
        .map(|(id, ind)| {
            let index = ind.kind == baocao_dataset::Kind::Index;
            let mut json: JsonIndicator = Measure::ALL
                .iter()
                .filter_map(|m| {
                    ind.figure(*m).map(|f| {
                        let mut out = figure(f);
                        if figs.current_prices {
                            out.prices = Some(prices(*m, f, index)).filter(|p| !p.is_empty());
                        }
                        (m.as_str(), value(out))
                    })
                })
                .collect();
            // A year's quarters, where one's part of the year's growth is
            // known (format 1.1 `contribution_to_year`, or derived from
            // quarterly levels); of a format 1.1 dataset only: a format 1
            // dataset with quarterly levels gives the JSON it always gave.
            if figs.format != baocao_dataset::Format::V1
                && ind
                    .quarters
                    .iter()
                    .any(|q| q.contribution_to_year.is_some())
            {
                let quarters: BTreeMap<String, BTreeMap<&str, JsonFigure>> = ind
                    .quarters
                    .iter()
                    .map(|q| {
                        let figures = [
                            ("contribution_to_year", &q.contribution_to_year),
                            ("growth", &q.growth),
                        ]
                        .into_iter()
                        .filter_map(|(k, f)| f.as_ref().map(|f| (k, figure(f))))
                        .collect();
                        (q.period.to_string(), figures)
                    })
                    .collect();
                json.insert("quarters", value(quarters));
            }
            json.insert("name", value(&ind.name));
            if let Some(Count { grew, of }) = ind.count {
                json.insert("count", value(JsonCount { grew, of }));
            }
            if let Some(t) = ind.trend {
                json.insert("trend", value(t.as_str()));
            }
            if let Some(u) = &ind.unit {
                json.insert("unit", value(u));
            }
            (id.clone(), json)
        })
        .collect();
    let checks = figs
        .checks
        .iter()
        .map(|c| JsonCheck {
            expected: c.expected.map(exact),
            found: c.found.map(exact),
            gap: c.gap.map(exact),
            indicator: c.indicator.clone(),
            message: c.message.clone(),
            period: c.period.to_string(),
            rule: c.rule.clone(),
            status: match c.status {
                crate::CheckStatus::Ok => "ok",
                crate::CheckStatus::Failed => "failed",
            },
        })
        .collect();
    let targets = figs
        .targets
        .iter()
        .map(|t| JsonTarget {
            actual: t.actual.as_ref().map(|f| exact(f.value())),
            better: t.better.as_str(),
            indicator: t.target.indicator.to_string(),
            label: t.label.clone(),
            margin: t.margin.map(exact),
            measure: t.target.measure.as_str(),
            op: t.target.op.as_str(),
            percent_of_plan: t.percent_of_plan.map(exact),
            status: t.status.as_str(),
            upper: t.target.upper.as_ref().map(|u| exact(u.value)),
            value: exact(t.target.value.value),
            year: t.target.year,
        })
        .collect();
    let doc = JsonFigures {
        checks,
        contribution_base: (figs.contribution_base != baocao_dataset::ContributionBase::Product)
            .then(|| figs.contribution_base.as_str()),
        format: 1,
        indicators,
        period: figs.period.to_string(),
        region: figs.region.clone(),
        targets,
    };
    let mut out = serde_json::to_string_pretty(&doc)
        .expect("plain structs of strings and integers always serialize");
    out.push('\n');
    out
}
