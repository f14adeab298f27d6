//! A sheet as cells at their places: a workbook's sheet (calamine) or a
//! CSV file, with the references people read (`Sheet1!C7`).

use std::io::Cursor;

use calamine::{Data, Reader as _};

use crate::number::{self, Reading};

/// One cell, as the importer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cell {
    /// Nothing.
    Empty,
    /// A number Excel stored.
    Number(rust_decimal::Decimal),
    /// Text, trimmed.
    Text(String),
}

impl Cell {
    /// The text of a text cell.
    pub(crate) fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            Cell::Empty | Cell::Number(_) => None,
        }
    }

    /// A figure in it, read as the importer reads figures.
    pub(crate) fn reading(&self) -> Reading {
        match self {
            Cell::Empty => Reading::Blank,
            Cell::Number(value) => Reading::Figure(number::Figure {
                value: *value,
                from_text: None,
                approx: None,
            }),
            Cell::Text(t) => number::from_text(t),
        }
    }

    /// Whether it holds something.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// A sheet: its name (none for a CSV file) and its cells, row by row,
/// from A1.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    pub(crate) name: Option<String>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

static EMPTY: Cell = Cell::Empty;

impl Sheet {
    /// The cell at a row and column (0-based).
    pub(crate) fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    /// The number of columns of the widest row.
    pub(crate) fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The reference of a cell, as a spreadsheet writes it: `C7`,
    /// `Sheet1!C7`, `'Biểu 01'!C7`.
    pub(crate) fn reference(&self, row: usize, col: usize) -> String {
        let cell = format!("{}{}", column_letters(col), row + 1);
        match &self.name {
            None => cell,
            Some(n) if n.chars().all(|c| c.is_alphanumeric() || c == '_') => format!("{n}!{cell}"),
            Some(n) => format!("'{}'!{cell}", n.replace('\'', "''")),
        }
    }
}

/// `A`, …, `Z`, `AA`, …
fn column_letters(col: usize) -> String {
    let mut n = col + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).expect("below 26")));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Every sheet of a workbook (xlsx, xlsm, xls, ods), in order.
pub(crate) fn workbook(bytes: &[u8]) -> Result<Vec<Sheet>, String> {
    let mut book =
        calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(|e| e.to_string())?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let (top, left) = (top as usize, left as usize);
        let mut rows = vec![Vec::new(); top];
        for row in range.rows() {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(row.iter().map(cell_of));
            rows.push(cells);
        }
        sheets.push(Sheet {
            name: Some(name),
            rows,
        });
    }
    Ok(sheets)
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number((*i).into()),
        // A float no decimal holds (beyond 28 digits) stays as its text,
        // to be refused at its cell rather than dropped.
        Data::Float(f) => {
            number::from_float(*f).map_or_else(|| Cell::Text(format!("{f}")), Cell::Number)
        }
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            Cell::Text(s.trim().to_owned())
        }
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(d) => Cell::Text(d.to_string()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// A CSV file (UTF-8, a byte-order mark allowed), separated by commas,
/// semicolons or tabs, whichever one of its first lines has most of (a
/// title line may have none).
pub(crate) fn csv(bytes: &[u8]) -> Result<Sheet, String> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| format!("not UTF-8 text ({e}): save the CSV as UTF-8"))?;
    let most = |d: u8| {
        text.lines()
            .take(10)
            .map(|l| l.bytes().filter(|b| *b == d).count())
            .max()
            .unwrap_or(0)
    };
    // On a tie a semicolon wins: a comma is also the decimal mark of
    // Vietnamese numbers.
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .enumerate()
        .max_by_key(|(rank, d)| (most(*d), *rank))
        .map_or(b',', |(_, d)| d);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    let f = f.trim();
                    if f.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(Sheet { name: None, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        let fields = |text: &str| csv(text.as_bytes()).unwrap().rows[1].len();
        assert_eq!(fields("title\na;1,5;2,5\n"), 3);
        assert_eq!(fields("title, with a comma\na,b,c,d\n"), 4);
        assert_eq!(fields("a\tb\nc\td\n"), 2);
    }

    #[test]
    fn references() {
        let s = Sheet {
            name: Some("Biểu 01".to_owned()),
            rows: Vec::new(),
        };
        assert_eq!(s.reference(6, 2), "'Biểu 01'!C7");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        let s = Sheet {
            name: Some("Sheet1".to_owned()),
            rows: Vec::new(),
        };
        assert_eq!(s.reference(0, 0), "Sheet1!A1");
    }
}
