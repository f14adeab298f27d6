//! The wide layout: one row per indicator, a column per period, under a
//! header one or two rows deep (a merged "Năm 2024" over "Ước tính" and
//! "So cùng kỳ (%)"), with a unit column, section headings and notes rows.

use baocao_dataset::Period;
use rust_decimal::Decimal;

use super::{Collector, Measure, figure_like, is_note};
use crate::fold::fold;
use crate::header::{self, ColumnMeasure, Role};
use crate::names;
use crate::number::Reading;
use crate::sheet::{Cell, Sheet};

/// What the header says: where the names are, what each other column
/// holds, where the figures start.
struct Header {
    /// The header row (the upper one of two).
    row: usize,
    name_col: usize,
    columns: Vec<HeaderColumn>,
    first_data: usize,
}

/// One column other than the names'.
struct HeaderColumn {
    col: usize,
    role: Role,
    /// The row of the header cell that gave its role (the lower of two
    /// when it has a text there): where a problem with it is told.
    at: usize,
}

impl Header {
    /// The header at `row`; `None` when no column holds names.
    fn read(sheet: &Sheet, row: usize) -> Option<Header> {
        let width = sheet.width();
        let top: Vec<Role> = (0..width)
            .map(|col| {
                sheet
                    .cell(row, col)
                    .text()
                    .map_or(Role::Unknown, header::role)
            })
            .collect();
        let name_col = top.iter().position(|r| *r == Role::Indicator).or_else(|| {
            (0..width).find(|&col| {
                matches!(top[col], Role::Unknown) && !sheet.cell(row, col).is_empty()
                    || sheet.cell(row, col).is_empty()
                        && (row + 1..sheet.rows.len()).any(|r| {
                            sheet
                                .cell(r, col)
                                .text()
                                .is_some_and(|t| !is_note(t) && names::find(t).is_some())
                        })
            })
        })?;
        // A second header row: under a merged "Năm 2024", its sub-columns.
        let below = row + 1;
        let sub = sheet.cell(below, name_col).is_empty()
            && (0..width).any(|col| sheet.cell(below, col).text().is_some_and(|t| !t.is_empty()))
            && (0..width)
                .all(|col| !matches!(sheet.cell(below, col).reading(), Reading::Figure(_)));
        let mut columns = Vec::new();
        let mut last_period: Option<Period> = None;
        for col in (0..width).filter(|&col| col != name_col) {
            let (text, at) = if sub {
                (
                    two_rows(sheet, row, col),
                    if sheet.cell(below, col).is_empty() {
                        row
                    } else {
                        below
                    },
                )
            } else {
                (
                    sheet.cell(row, col).text().unwrap_or_default().to_owned(),
                    row,
                )
            };
            let mut role = header::role(text.trim());
            // "So cùng kỳ (%)" is of the period of the column before it.
            if let Role::Figures(column) = &mut role {
                match column.period {
                    Some(p) => last_period = Some(p),
                    None => column.period = last_period,
                }
            }
            columns.push(HeaderColumn { col, role, at });
        }
        let mut first_data = if sub { below + 1 } else { row + 1 };
        if is_numbering(sheet, first_data) {
            first_data += 1;
        }
        Some(Header {
            row,
            name_col,
            columns,
            first_data,
        })
    }

    /// The text of a header cell as the reader of the header would say
    /// it, for a message.
    fn text(&self, sheet: &Sheet, column: &HeaderColumn) -> String {
        if column.at == self.row {
            sheet
                .cell(self.row, column.col)
                .text()
                .unwrap_or_default()
                .to_owned()
        } else {
            two_rows(sheet, self.row, column.col).trim().to_owned()
        }
    }
}

/// A column's header two rows deep: the cell above (or the merged cell
/// that stands over it, whose text is in its first column) and its own.
fn two_rows(sheet: &Sheet, row: usize, col: usize) -> String {
    let below = row + 1;
    let upper = sheet.cell(row, col).text().unwrap_or_default();
    let lower = sheet.cell(below, col).text().unwrap_or_default();
    let over = if upper.is_empty() && !lower.is_empty() {
        (0..col)
            .rev()
            .take_while(|&k| !sheet.cell(below, k).is_empty())
            .find_map(|k| sheet.cell(row, k).text().filter(|t| !t.is_empty()))
            .unwrap_or_default()
    } else {
        upper
    };
    format!("{over} {lower}")
}

/// Reads the table under the header row `row`; a "Nguồn: …" row below it
/// is its source.
pub(super) fn read(c: &mut Collector<'_>, row: usize, source: &mut Option<String>) {
    let sheet = c.sheet;
    let Some(header) = Header::read(sheet, row) else {
        c.error(
            row,
            0,
            "no column of indicator names in the header row".to_owned(),
        );
        return;
    };
    let mut in_notes = false;
    for r in header.first_data..sheet.rows.len() {
        let first_text =
            (0..sheet.width()).find_map(|col| sheet.cell(r, col).text().filter(|t| !t.is_empty()));
        if let Some(t) = first_text.filter(|t| is_note(t)) {
            in_notes = true;
            if fold(t).starts_with("nguon") && source.is_none() {
                *source = Some(t.to_owned());
            }
        }
        if !in_notes {
            figures_of_row(c, &header, r);
        }
    }
    // One problem per header, however many rows meet it.
    baocao_diagnostic::dedup(c.diags);
}

/// The figures of one row; a row without any (a section heading, an
/// empty row) is passed over.
fn figures_of_row(c: &mut Collector<'_>, header: &Header, r: usize) {
    let sheet = c.sheet;
    let has_figures = header.columns.iter().any(|h| {
        matches!(
            h.role,
            Role::Figures(_) | Role::Unknown | Role::Unplaceable(_)
        ) && figure_like(sheet.cell(r, h.col))
    });
    if !has_figures {
        return;
    }
    let Some(entry) = c.indicator(r, header.name_col) else {
        return;
    };
    for h in &header.columns {
        match &h.role {
            Role::Unit => c.unit(entry, r, h.col),
            Role::Figures(column) => {
                let Some(period) = column.period else {
                    c.error(h.at, h.col, "a comparison column with no period before it: name its period (`Năm 2024 so với năm 2023 (%)`)".to_owned());
                    continue;
                };
                let Some(figure) = c.figure(r, h.col) else {
                    continue;
                };
                let measure = match column.measure {
                    ColumnMeasure::Level => Measure::Value,
                    ColumnMeasure::LevelCurrent => Measure::ValueCurrent,
                    ColumnMeasure::Index => Measure::Index,
                    ColumnMeasure::Growth => Measure::Growth,
                    ColumnMeasure::Contribution => Measure::Contribution,
                    ColumnMeasure::Share => Measure::Share,
                    ColumnMeasure::Structure => Measure::Structure,
                };
                let remarks = if column.estimate {
                    vec!["ước tính".to_owned()]
                } else {
                    Vec::new()
                };
                c.record(entry, measure, period, figure, (r, h.col), remarks);
            }
            Role::Unknown | Role::Unplaceable(_) if figure_like(sheet.cell(r, h.col)) => {
                let text = header.text(sheet, h);
                let why = match &h.role {
                    Role::Unplaceable(why) => format!(": {why}"),
                    _ => String::new(),
                };
                let d = c.error(
                    h.at,
                    h.col,
                    format!("cannot place the column `{text}`{why}"),
                );
                d.help.push("a column of figures is headed by its period: Năm 2024, Ước tính năm 2024, Quý I/2024, 6 tháng 2024, 9 tháng năm 2024, Tháng 12/2024, Năm 2024 so với năm 2023 (%)".to_owned());
            }
            _ => {}
        }
    }
}

/// Whether a row numbers the columns, as statistics tables do under
/// their header ("A | B | 1 | 2 | 3" or "(1) | (2) | …"): every cell a
/// letter or a number below 100, in parentheses or not.
fn is_numbering(sheet: &Sheet, row: usize) -> bool {
    let cells: Vec<&Cell> = (0..sheet.width())
        .map(|col| sheet.cell(row, col))
        .filter(|c| !c.is_empty())
        .collect();
    cells.len() >= 2
        && cells.iter().all(|c| match c {
            Cell::Number(n) => n.is_integer() && *n < Decimal::ONE_HUNDRED,
            Cell::Text(t) => {
                let t = t.trim_start_matches('(').trim_end_matches(')');
                (t.chars().count() == 1 && t.chars().all(char::is_alphabetic))
                    || (t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()))
            }
            Cell::Empty => true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_numbering_the_columns_is_passed_over() {
        let table = "Chỉ tiêu;Đơn vị tính;Năm 2023;Năm 2024\nA;B;1;2\ngrdp;Tỷ đồng;100;106\n";
        let sheet = crate::sheet::csv(table.as_bytes()).unwrap();
        let mut diags = Vec::new();
        let found = crate::table::read(&sheet, "t.csv", &mut diags).unwrap();
        assert_eq!(diags, []);
        assert_eq!(found.entries.len(), 1);
        assert_eq!(found.entries[0].figures[&Measure::Value].len(), 2);
        assert!(!is_numbering(&sheet, 2));
    }
}
