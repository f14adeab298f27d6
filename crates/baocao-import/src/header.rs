//! What a column header means: the indicator's name or id, its unit, a
//! period's figures, a comparison with the year before, or (in the long
//! layout) the indicator, period, measure and value columns.
//!
//! Headers are compared folded (case, accents and spacing do not count)
//! but numbers are exact: `Năm 2024` is the year 2024, `Quý IV/2024` its
//! fourth quarter, and a header with two years before "so với" is not
//! guessed at.

use baocao_dataset::Period;

use crate::fold::{fold, words};

/// The role of one column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Role {
    /// The indicator: its Vietnamese name or its id (wide and long).
    Indicator,
    /// The unit of its levels.
    Unit,
    /// Row numbers, notes: read by nobody.
    Ignored,
    /// Long layout: the period key or header.
    Period,
    /// Long layout: value, index, growth, contribution or share.
    Measure,
    /// Long layout: the figure.
    Value,
    /// Wide layout: one period's figures.
    Figures(Column),
    /// A header naming a period the dataset format cannot hold (why).
    Unplaceable(String),
    /// Anything else.
    Unknown,
}

/// A wide layout's column of figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Column {
    /// The period; `None` for a comparison that names none ("So cùng kỳ
    /// (%)"), which takes the period of the column before it.
    pub(crate) period: Option<Period>,
    /// What its figures are.
    pub(crate) measure: ColumnMeasure,
    /// An estimate ("Ước tính", "Ước TH", "Sơ bộ").
    pub(crate) estimate: bool,
}

/// What the figures of a wide column are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ColumnMeasure {
    /// The period's level (an index, for indicators of kind index); at
    /// constant prices ("giá so sánh") beside a column at current prices.
    Level,
    /// The period's level at current prices ("giá hiện hành").
    LevelCurrent,
    /// The period against the same period a year earlier, in % (113,0).
    Index,
    /// Growth, %.
    Growth,
    /// Contribution to the root's growth, points.
    Contribution,
    /// Share of the root's growth, % ("tỷ trọng đóng góp").
    Share,
    /// Share of the root's level, % ("cơ cấu", "tỷ trọng").
    Structure,
}

/// The role of a header cell's text.
pub(crate) fn role(text: &str) -> Role {
    let f = fold(text);
    let f = f.trim_end_matches([':', '.']);
    match f {
        "chi tieu" | "ten chi tieu" | "chi tieu chu yeu" | "noi dung" | "indicator" | "id"
        | "ma" | "ma chi tieu" | "ten" | "name" => return Role::Indicator,
        "don vi tinh" | "dvt" | "don vi" | "unit" => return Role::Unit,
        "stt" | "tt" | "so tt" | "ghi chu" | "note" | "notes" => return Role::Ignored,
        "period" | "ky" | "thoi ky" | "ky bao cao" | "thoi gian" => return Role::Period,
        "measure" | "loai" | "loai so lieu" | "do do" => return Role::Measure,
        "value" | "gia tri" | "so lieu" => return Role::Value,
        _ => {}
    }
    column(f)
}

/// Whether a header (folded) marks an estimate: "Ước tính", "Ước TH",
/// "Sơ bộ"; the word "ước", not its letters ("so với cùng kỳ năm trước").
pub(crate) fn is_estimate(f: &str) -> bool {
    words(f).contains(&"uoc") || f.contains("so bo")
}

/// Comparison markers: what turns a period's column into its index.
const COMPARISON: &[&str] = &[
    "so voi",
    "so cung ky",
    "so ky",
    "so sanh",
    "so cung thoi ky",
];

/// The prices a header names ("giá hiện hành", or "giá so sánh" and its
/// base year, as in "Năm 2024 (giá so sánh 2010)"), and the header without
/// them, so that neither the base year nor the "so sánh" of constant
/// prices is read as a period or a comparison.
fn prices(f: &str) -> (Option<Prices>, String) {
    if let Some(at) = f.find("gia hien hanh") {
        let rest = format!("{} {}", &f[..at], &f[at + "gia hien hanh".len()..]);
        return (Some(Prices::Current), rest);
    }
    for marker in ["gia so sanh", "gia ss"] {
        let Some(at) = f.find(marker) else { continue };
        let after = &f[at + marker.len()..];
        // The base year, if any: "giá so sánh 2010", "giá so sánh năm 2010".
        let trimmed = after.trim_start();
        let trimmed = trimmed.strip_prefix("nam ").unwrap_or(trimmed);
        let base = trimmed
            .char_indices()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(i, _)| i + 1)
            .filter(|&n| n == 4);
        let without_base = base.map(|n| format!("{} {}", &f[..at], &trimmed[n..]));
        // "Giá so sánh năm 2024" names the period, not the base: a year
        // is a base only beside another one.
        let rest = match without_base {
            Some(rest) if words(&rest).iter().any(|w| is_year(w)) => rest,
            _ => format!("{} {after}", &f[..at]),
        };
        return (Some(Prices::Constant), rest);
    }
    (None, f.to_owned())
}

fn is_year(word: &str) -> bool {
    word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())
}

/// The prices of a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prices {
    /// "giá so sánh": constant prices, `value`.
    Constant,
    /// "giá hiện hành": current prices, `value_current`.
    Current,
}

fn column(f: &str) -> Role {
    if f.contains("ke hoach") || words(f).contains(&"kh") {
        return Role::Unplaceable(
            "a plan is a target: write it as [[target]] by hand (docs/dataset.md, Targets)"
                .to_owned(),
        );
    }
    let (prices, rest) = prices(f);
    let f = rest.as_str();
    let estimate = is_estimate(f);
    let cut = COMPARISON.iter().filter_map(|m| f.find(m)).min();
    let (before, compared) = match cut {
        Some(at) => (&f[..at], true),
        None => (f, false),
    };
    let measure = if f.contains("dong gop") {
        // "Tỷ trọng đóng góp" is the share of the growth, not points.
        if f.contains("ty trong") {
            ColumnMeasure::Share
        } else {
            ColumnMeasure::Contribution
        }
    } else if f.contains("toc do tang")
        || f.contains("tang truong")
        || f.contains("tang/giam")
        || f.contains("tang, giam")
        || f.contains("tang (+)")
    {
        ColumnMeasure::Growth
    } else if f.contains("co cau") || f.contains("ty trong") {
        ColumnMeasure::Structure
    } else if compared {
        ColumnMeasure::Index
    } else if prices == Some(Prices::Current) {
        ColumnMeasure::LevelCurrent
    } else {
        ColumnMeasure::Level
    };
    let level = matches!(measure, ColumnMeasure::Level | ColumnMeasure::LevelCurrent);
    match period(before) {
        Ok(Some(period)) => Role::Figures(Column {
            period: Some(period),
            measure,
            estimate,
        }),
        Ok(None) if !level => Role::Figures(Column {
            period: None,
            measure,
            estimate,
        }),
        Ok(None) => Role::Unknown,
        Err(why) => Role::Unplaceable(why),
    }
}

/// The period a header (folded) names: `Ok(None)` when it names none,
/// an error when it names one the dataset format cannot hold or several.
pub(crate) fn period(f: &str) -> Result<Option<Period>, String> {
    if let Ok(p) = f.trim().to_uppercase().parse::<Period>() {
        return Ok(Some(p));
    }
    let w = words(f);
    let years: Vec<i32> = w
        .iter()
        .filter(|x| x.len() == 4)
        .filter_map(|x| x.parse::<i32>().ok())
        .filter(|y| (baocao_dataset::MIN_YEAR..=baocao_dataset::MAX_YEAR).contains(y))
        .collect();
    let year = match years.as_slice() {
        [] => return Ok(None),
        [y] => *y,
        [first, rest @ ..] if rest.iter().all(|y| y == first) => *first,
        _ => return Err("it names several years".to_owned()),
    };
    let number = |x: &str| x.parse::<u8>().ok();
    for (i, word) in w.iter().enumerate() {
        let next = w.get(i + 1).copied().unwrap_or_default();
        match *word {
            "quy" => {
                let q = match next {
                    "i" | "1" => 1,
                    "ii" | "2" => 2,
                    "iii" | "3" => 3,
                    "iv" | "4" => 4,
                    _ => return Err(format!("`quy {next}` is no quarter")),
                };
                return Ok(Some(Period::Quarter(year, q)));
            }
            "thang" if i == 0 || number(w[i - 1]).is_none() => {
                return match number(next) {
                    Some(m @ 1..=12) => Ok(Some(Period::Month(year, m))),
                    _ => Err(format!("`thang {next}` is no month")),
                };
            }
            _ => {}
        }
        if next == "thang" && word.len() <= 2 {
            let Some(n) = number(word) else { continue };
            let late = w.get(i + 2) == Some(&"cuoi");
            return match (n, late) {
                (6, true) => Ok(Some(Period::Half(year, 2))),
                (12, _) => Ok(Some(Period::Year(year))),
                (6, false) => Ok(Some(Period::Half(year, 1))),
                (3, false) => Ok(Some(Period::Quarter(year, 1))),
                (1, false) => Ok(Some(Period::Month(year, 1))),
                (2 | 4..=11, false) => Ok(Some(Period::Months(year, n))),
                _ => Err(format!(
                    "`{n} thang` names no period: the first n months run from 1 to 12"
                )),
            };
        }
    }
    Ok(Some(Period::Year(year)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        match role(text) {
            Role::Figures(c) => format!(
                "{} {:?}{}",
                c.period.map_or("-".to_owned(), |p| p.to_string()),
                c.measure,
                if c.estimate { " estimate" } else { "" }
            ),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn headers_offices_use() {
        assert_eq!(p("Năm 2023"), "2023 Level");
        assert_eq!(p("Thực hiện năm 2023"), "2023 Level");
        assert_eq!(p("Ước tính năm 2024"), "2024 Level estimate");
        assert_eq!(p("Ước TH 2024"), "2024 Level estimate");
        assert_eq!(p("Sơ bộ 2023"), "2023 Level estimate");
        assert_eq!(p("Quý I/2024"), "2024-Q1 Level");
        assert_eq!(p("QUÝ IV NĂM 2024"), "2024-Q4 Level");
        assert_eq!(p("6 tháng 2024"), "2024-H1 Level");
        assert_eq!(p("6 tháng đầu năm 2024"), "2024-H1 Level");
        assert_eq!(p("9 tháng năm 2024"), "2024-9M Level");
        assert_eq!(p("11 tháng năm 2024"), "2024-11M Level");
        assert_eq!(p("Tháng 12/2024"), "2024-M12 Level");
        assert_eq!(p("Năm 2024 so với năm 2023 (%)"), "2024 Index");
        assert_eq!(p("So cùng kỳ (%)"), "- Index");
        assert_eq!(p("Tốc độ tăng năm 2024 (%)"), "2024 Growth");
        assert_eq!(
            p("Tháng 2 năm 2025 so với cùng kỳ năm trước (%)"),
            "2025-M02 Index"
        );
        assert_eq!(p("2024-Q3"), "2024-Q3 Level");
        assert_eq!(role("Đơn vị tính"), Role::Unit);
        assert_eq!(role("CHỈ TIÊU"), Role::Indicator);
        assert_eq!(role("Ghi chú"), Role::Ignored);
        assert!(matches!(role("Kế hoạch năm 2025"), Role::Unplaceable(_)));
        assert_eq!(p("4 tháng năm 2024"), "2024-4M Level");
        assert_eq!(p("2 tháng đầu năm 2025"), "2025-2M Level");
        assert!(matches!(role("13 tháng năm 2024"), Role::Unplaceable(_)));
        assert!(matches!(role("Năm 2024/2023"), Role::Unplaceable(_)));
        assert_eq!(role("Mã số thuế"), Role::Unknown);
    }

    #[test]
    fn prices_and_structure() {
        assert_eq!(p("Năm 2024 (giá hiện hành)"), "2024 LevelCurrent");
        assert_eq!(p("Giá hiện hành năm 2024"), "2024 LevelCurrent");
        assert_eq!(
            p("Ước tính năm 2024 theo giá hiện hành"),
            "2024 LevelCurrent estimate"
        );
        assert_eq!(p("Năm 2024 (giá so sánh)"), "2024 Level");
        assert_eq!(p("Năm 2024 (giá so sánh 2010)"), "2024 Level");
        assert_eq!(p("Giá so sánh năm 2010 - Năm 2024"), "2024 Level");
        assert_eq!(p("Giá so sánh năm 2024"), "2024 Level");
        assert_eq!(p("Năm 2024 (giá SS 2010)"), "2024 Level");
        assert_eq!(p("Cơ cấu năm 2024 (%)"), "2024 Structure");
        assert_eq!(p("Tỷ trọng năm 2024 (%)"), "2024 Structure");
        assert_eq!(p("Cơ cấu (%)"), "- Structure");
        assert_eq!(
            p("Cơ cấu theo giá hiện hành năm 2024 (%)"),
            "2024 Structure"
        );
        assert_eq!(p("Tỷ trọng đóng góp năm 2024 (%)"), "2024 Share");
        assert_eq!(p("Đóng góp năm 2024 (điểm %)"), "2024 Contribution");
        assert_eq!(
            p("Năm 2024 so với năm 2023 (%) (giá so sánh 2010)"),
            "2024 Index"
        );
        // A level needs its period, at either prices.
        assert_eq!(role("Giá hiện hành"), Role::Unknown);
        assert_eq!(role("Giá so sánh"), Role::Unknown);
    }
}
