//! The long layout: one row per figure, with columns indicator, period,
//! measure and value (and a unit), found by their headers.

use super::{Collector, Measure, is_note};
use crate::fold::fold;
use crate::header::{self, Role};
use crate::sheet::Cell;

/// Reads the table under the header row `row`.
pub(super) fn read(c: &mut Collector<'_>, row: usize) {
    let sheet = c.sheet;
    let roles: Vec<Role> = (0..sheet.width())
        .map(|col| {
            sheet
                .cell(row, col)
                .text()
                .map_or(Role::Unknown, header::role)
        })
        .collect();
    let col_of = |want: Role| roles.iter().position(|r| *r == want);
    let (Some(ind), Some(per), Some(val)) = (
        col_of(Role::Indicator),
        col_of(Role::Period),
        col_of(Role::Value),
    ) else {
        return;
    };
    let measure_col = col_of(Role::Measure);
    let unit_col = col_of(Role::Unit);
    for r in row + 1..sheet.rows.len() {
        if (0..sheet.width()).all(|col| sheet.cell(r, col).is_empty()) {
            continue;
        }
        if sheet.cell(r, ind).text().is_some_and(is_note) {
            break;
        }
        let Some(entry) = c.indicator(r, ind) else {
            continue;
        };
        if let Some(u) = unit_col {
            c.unit(entry, r, u);
        }
        let period_text = match sheet.cell(r, per) {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        };
        let period = match header::period(&fold(&period_text)) {
            Ok(Some(p)) => p,
            Ok(None) => {
                c.error(r, per, format!("`{period_text}` names no period: write 2024, 2024-Q1, 2024-H1, 2024-9M, 2024-M12 or a header such as Quý I/2024"));
                continue;
            }
            Err(why) => {
                c.error(
                    r,
                    per,
                    format!("cannot place the period `{period_text}`: {why}"),
                );
                continue;
            }
        };
        let measure = match measure_col
            .map(|m| (m, sheet.cell(r, m).text().map(fold).unwrap_or_default()))
        {
            None => Measure::Value,
            Some((_, m)) if m.is_empty() => Measure::Value,
            Some((col, m)) => match measure_of(&m) {
                Some(measure) => measure,
                None => {
                    let text = sheet.cell(r, col).text().unwrap_or_default().to_owned();
                    c.error(r, col, format!("unknown measure `{text}`: expected value, index, growth, contribution, share, structure or value_current"));
                    continue;
                }
            },
        };
        let Some(figure) = c.figure(r, val) else {
            continue;
        };
        let estimate = header::is_estimate(&fold(&period_text));
        let remarks = if estimate {
            vec!["ước tính".to_owned()]
        } else {
            Vec::new()
        };
        c.record(entry, measure, period, figure, (r, val), remarks);
    }
}

/// The measure a cell of the measure column names (folded). "Tỷ trọng
/// đóng góp" is a share of the growth; "tỷ trọng" alone, as "cơ cấu", is
/// a share of the level, the structure.
fn measure_of(folded: &str) -> Option<Measure> {
    Some(match folded {
        "value" | "gia tri" | "muc" | "gia so sanh" | "gia tri theo gia so sanh" => Measure::Value,
        "value_current" | "gia hien hanh" | "gia tri theo gia hien hanh" => Measure::ValueCurrent,
        "index" | "chi so" | "so cung ky (%)" => Measure::Index,
        "growth" | "tang truong" | "toc do tang" | "toc do tang (%)" => Measure::Growth,
        "contribution" | "dong gop" | "diem %" => Measure::Contribution,
        "share" | "ty trong dong gop" | "ty trong dong gop (%)" => Measure::Share,
        "structure" | "co cau" | "co cau (%)" | "ty trong" | "ty trong (%)" => Measure::Structure,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_by_name() {
        let m = |text: &str| measure_of(&fold(text));
        assert_eq!(m("Giá trị"), Some(Measure::Value));
        assert_eq!(m("Giá so sánh"), Some(Measure::Value));
        assert_eq!(m("value_current"), Some(Measure::ValueCurrent));
        assert_eq!(m("Giá hiện hành"), Some(Measure::ValueCurrent));
        assert_eq!(m("Giá trị theo giá hiện hành"), Some(Measure::ValueCurrent));
        assert_eq!(m("structure"), Some(Measure::Structure));
        assert_eq!(m("Cơ cấu"), Some(Measure::Structure));
        assert_eq!(m("Cơ cấu (%)"), Some(Measure::Structure));
        assert_eq!(m("Tỷ trọng"), Some(Measure::Structure));
        // A share of the growth, not of the level.
        assert_eq!(m("Tỷ trọng đóng góp"), Some(Measure::Share));
        assert_eq!(m("share"), Some(Measure::Share));
        assert_eq!(m("cơ cấu lại"), None);
    }
}
