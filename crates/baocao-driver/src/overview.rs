//! What the batch overview (`index.html`, `index.md`) shows of each
//! report: one figure chosen for the whole batch (the [`Key`], GRDP growth
//! unless `--overview` says otherwise) and how many of the report's
//! consistency checks failed and targets were missed ([`Summary`]).
//!
//! A summary is taken in `batch::one` from the figures the report was made
//! of, so the overview shows exactly what the reports say; the pages
//! themselves are written by `index.rs`.

use std::fmt;
use std::str::FromStr;

use baocao_calc::{Figures, Measure, TargetStatus};
use baocao_dataset::{IndicatorId, Period};
use baocao_narrative::{Decimals, Locale, NumberStyle};
use rust_decimal::Decimal;

/// The figure a batch overview shows for every report: an indicator and
/// one of its measures, written `grdp.growth` (the default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    indicator: IndicatorId,
    measure: Measure,
}

impl Key {
    /// The key of an indicator's measure.
    pub fn new(indicator: IndicatorId, measure: Measure) -> Self {
        Key { indicator, measure }
    }

    /// The indicator's id.
    pub fn indicator(&self) -> &str {
        self.indicator.as_str()
    }

    /// The measure.
    pub fn measure(&self) -> Measure {
        self.measure
    }

    /// The column heading, in Vietnamese: "Tăng trưởng GRDP (%)". A
    /// standard indicator is named by its abbreviation when its name ends
    /// with one (GRDP, IIP), else by its name; another by its id, since the
    /// departments' datasets may each name it differently.
    pub fn heading(&self) -> String {
        let id = self.indicator.as_str();
        let label =
            baocao_dataset::standard(id).map_or(id, |s| baocao_narrative::abbreviation(s.name));
        // The measure's heading as the reports' tables write it, with the
        // indicator put before its unit: "Tăng trưởng (%)" → "Tăng
        // trưởng GRDP (%)".
        let header = Locale::vietnamese().measure_header(self.measure.as_str());
        match header.rsplit_once(" (") {
            Some((words, unit)) if header.ends_with(')') => format!("{words} {label} ({unit}"),
            _ => format!("{header} {label}"),
        }
    }

    /// How many decimals the overview writes: the reports' default for the
    /// measure (2 for growth and contributions, 1 for shares, structure and
    /// indices, 0 for levels). A department's own `[numbers]` is not used:
    /// one column holds many departments' figures.
    pub fn decimals(&self) -> u32 {
        Decimals::default().of(self.measure)
    }

    /// A figure as the overview writes it: Vietnamese style (decimal comma,
    /// thousands dot, half away from zero) with [`Key::decimals`] places,
    /// trailing zeros kept so that a column's commas line up (6,20 beside
    /// 6,52), as statistical tables print them.
    pub fn format(&self, value: Decimal) -> String {
        let style = NumberStyle {
            trim_zeros: false,
            ..NumberStyle::vietnamese()
        };
        style.format(value, self.decimals())
    }
}

impl Default for Key {
    /// GRDP growth: the first figure of every report.
    fn default() -> Self {
        Key {
            indicator: IndicatorId::new("grdp").expect("`grdp` is a valid indicator id"),
            measure: Measure::Growth,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.indicator, self.measure)
    }
}

/// Why a `--overview` value was refused; the message says what is expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct KeyError(String);

/// The measures as templates and the figures JSON name them.
fn measure_names() -> String {
    Measure::ALL
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl FromStr for Key {
    type Err = KeyError;

    /// `grdp.growth`, `industry.contribution`, `iip.index`: an indicator
    /// id and a measure, named as in templates ([`Measure::as_str`]).
    fn from_str(s: &str) -> Result<Self, KeyError> {
        let expected = || {
            format!(
                "expected INDICATOR.MEASURE, like `grdp.growth`, where MEASURE is one of {}",
                measure_names()
            )
        };
        let Some((indicator, measure)) = s.rsplit_once('.') else {
            return Err(KeyError(format!("`{s}` names no measure; {}", expected())));
        };
        let Some(indicator) = IndicatorId::new(indicator) else {
            return Err(KeyError(format!(
                "bad indicator id `{indicator}`: use only lowercase letters a-z, digits and _; {}",
                expected()
            )));
        };
        let Some(measure) = Measure::ALL.into_iter().find(|m| m.as_str() == measure) else {
            let guess = baocao_suggest::closest(measure, Measure::ALL.iter().map(|m| m.as_str()))
                .map(|g| format!(" (did you mean `{g}`?)"))
                .unwrap_or_default();
            return Err(KeyError(format!(
                "unknown measure `{measure}`{guess}; {}",
                expected()
            )));
        };
        Ok(Key { indicator, measure })
    }
}

/// The overview's figure for one report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFigure {
    /// The dataset has no such indicator.
    NoIndicator,
    /// The indicator has no figure of the measure for the period.
    Absent,
    /// The figure, exact.
    Known {
        /// Its exact value.
        value: Decimal,
        /// Approximate ("hơn", "khoảng" in the data, or derived from such
        /// a figure).
        approximate: bool,
        /// Derived by the engine rather than written in the dataset.
        derived: bool,
    },
}

impl KeyFigure {
    /// The value, when there is one.
    pub fn value(&self) -> Option<Decimal> {
        match self {
            KeyFigure::Known { value, .. } => Some(*value),
            _ => None,
        }
    }
}

/// One made report as the batch overview shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The department's id.
    pub department: String,
    /// The name to show: the dataset's region ("Hà Nội"), else the id.
    pub name: String,
    /// The period.
    pub period: Period,
    /// The key figure.
    pub key: KeyFigure,
    /// How many consistency checks failed (what `baocao check` lists).
    pub failed_checks: usize,
    /// How many targets judged in this period were not met (pending ones
    /// and those without the figure they need are not misses).
    pub missed_targets: usize,
}

impl Summary {
    /// The summary of a report of `department` made of `figures`, of which
    /// `failed_checks` consistency checks failed.
    pub fn of(department: &str, figures: &Figures, key: &Key, failed_checks: usize) -> Self {
        let name = figures.region.trim();
        Summary {
            department: department.to_owned(),
            name: if name.is_empty() {
                department.to_owned()
            } else {
                name.to_owned()
            },
            period: figures.period,
            key: key_figure(figures, key),
            failed_checks,
            missed_targets: figures
                .targets
                .iter()
                .filter(|t| t.status == TargetStatus::NotMet)
                .count(),
        }
    }
}

fn key_figure(figures: &Figures, key: &Key) -> KeyFigure {
    let Some(indicator) = figures.get(key.indicator()) else {
        return KeyFigure::NoIndicator;
    };
    match indicator.figure(key.measure) {
        Some(f) => KeyFigure::Known {
            value: f.value(),
            approximate: f.approx.is_some(),
            derived: !f.is_reported(),
        },
        None => KeyFigure::Absent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_and_write_as_templates_name_them() {
        let key: Key = "industry.contribution".parse().unwrap();
        assert_eq!(key.indicator(), "industry");
        assert_eq!(key.measure(), Measure::Contribution);
        assert_eq!(key.to_string(), "industry.contribution");
        assert_eq!(Key::default().to_string(), "grdp.growth");
        for m in Measure::ALL {
            let k: Key = format!("grdp.{m}").parse().unwrap();
            assert_eq!(k.measure(), m);
        }
    }

    #[test]
    fn a_malformed_key_says_what_is_expected() {
        let err = |s: &str| s.parse::<Key>().unwrap_err().to_string();
        let tail = "expected INDICATOR.MEASURE, like `grdp.growth`, where MEASURE is one of value, previous, value_current, index, growth, contribution, share, structure";
        assert_eq!(err("grdp"), format!("`grdp` names no measure; {tail}"));
        assert_eq!(
            err("grdp.grwth"),
            format!("unknown measure `grwth` (did you mean `growth`?); {tail}")
        );
        assert_eq!(err("grdp."), format!("unknown measure ``; {tail}"));
        assert_eq!(
            err("GRDP.growth"),
            format!(
                "bad indicator id `GRDP`: use only lowercase letters a-z, digits and _; {tail}"
            )
        );
        assert!(err(".growth").starts_with("bad indicator id ``"));
    }

    #[test]
    fn headings_name_the_indicator_before_the_unit() {
        let h = |s: &str| s.parse::<Key>().unwrap().heading();
        assert_eq!(h("grdp.growth"), "Tăng trưởng GRDP (%)");
        assert_eq!(h("iip.index"), "Chỉ số IIP (%)");
        assert_eq!(
            h("industry.contribution"),
            "Đóng góp ngành công nghiệp (điểm %)"
        );
        assert_eq!(h("grdp.value"), "Giá trị GRDP");
        assert_eq!(h("my_own.share"), "Chiếm my_own (%)");
    }

    /// A target missed counts; one met, one for next year and one whose
    /// figure is missing do not.
    #[test]
    fn a_summary_counts_the_targets_missed_in_its_period() {
        let ds = baocao_dataset::read_str(
            r#"
format = 1
[dataset]
region = "Huế"
[[indicator]]
id = "grdp"
name = "GRDP"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = 5.5 }
[[indicator]]
id = "exports"
name = "xuất khẩu"
kind = "flow"
unit = "triệu USD"
value = { 2024 = 100 }
[[target]]
year = 2024
indicator = "grdp"
measure = "growth"
op = ">="
value = 6
[[target]]
year = 2024
indicator = "grdp"
measure = "growth"
op = ">="
value = 5
[[target]]
year = 2024
indicator = "exports"
measure = "growth"
op = ">="
value = 5
[[target]]
year = 2025
indicator = "grdp"
measure = "growth"
op = ">="
value = 9
"#,
            "hue.toml",
        )
        .unwrap();
        let figures = baocao_calc::compute(&ds, Period::Year(2024));
        let statuses: Vec<TargetStatus> = figures.targets.iter().map(|t| t.status).collect();
        assert!(statuses.contains(&TargetStatus::NoData), "{statuses:?}");
        assert!(statuses.contains(&TargetStatus::Pending), "{statuses:?}");
        let s = Summary::of("hue", &figures, &Key::default(), 3);
        assert_eq!(
            s,
            Summary {
                department: "hue".to_owned(),
                name: "Huế".to_owned(),
                period: Period::Year(2024),
                key: KeyFigure::Known {
                    value: "5.5".parse().unwrap(),
                    approximate: false,
                    derived: false,
                },
                failed_checks: 3,
                missed_targets: 1,
            }
        );
        // Another key: a figure derived, and an indicator the data lacks.
        // (At the root of its tree, the contribution is the growth.)
        let root = Summary::of("hue", &figures, &"grdp.contribution".parse().unwrap(), 0);
        assert_eq!(
            root.key,
            KeyFigure::Known {
                value: "5.5".parse().unwrap(),
                approximate: false,
                derived: true,
            }
        );
        let none = Summary::of("hue", &figures, &"iip.index".parse().unwrap(), 0);
        assert_eq!(none.key, KeyFigure::NoIndicator);
        let absent = Summary::of("hue", &figures, &"exports.growth".parse().unwrap(), 0);
        assert_eq!(absent.key, KeyFigure::Absent);
    }

    #[test]
    fn figures_keep_their_decimals() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let growth = Key::default();
        assert_eq!(growth.format(d("6.52")), "6,52");
        assert_eq!(growth.format(d("6.2")), "6,20");
        assert_eq!(growth.format(d("-0.125")), "-0,13");
        let value: Key = "grdp.value".parse().unwrap();
        assert_eq!(value.format(d("1234567.5")), "1.234.568");
        let share: Key = "industry.share".parse().unwrap();
        assert_eq!(share.format(d("12.55")), "12,6");
    }
}
