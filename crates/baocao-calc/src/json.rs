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
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    formula: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    from: Vec<String>,
    origin: &'static str,
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

fn figure(f: &Figure) -> JsonFigure {
    let reported = f.is_reported();
    JsonFigure {
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
            let mut json: JsonIndicator = Measure::ALL
                .iter()
                .filter_map(|m| ind.figure(*m).map(|f| (m.as_str(), value(figure(f)))))
                .collect();
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
