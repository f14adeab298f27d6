//! A statistics office's table in: an Excel workbook (`.xlsx`, `.xlsm`,
//! `.xls`), an OpenDocument sheet (`.ods`) or a CSV file turned into a
//! dataset TOML (`docs/dataset.md`), as `baocao import` writes it and
//! `--data FILE.xlsx` reads it.
//!
//! It sits before the dataset reader: its output is TOML text that the
//! reader reads back (so an imported dataset is exactly what the file it
//! writes would give), with a comment naming the cell of every figure.
//! It knows the standard indicators of `baocao-dataset` (names matched
//! case- and accent-insensitively, "did you mean" from `baocao-suggest`)
//! and reports every problem as a `Diagnostic` that names its sheet and
//! cell. It must never depend on calc, the narrative or the driver.
//!
//! Two layouts are recognised from the header row (`docs/import.md`):
//! **wide**, one row per indicator and a column per period ("Năm 2023",
//! "Ước tính năm 2024", "Quý I/2024", "9 tháng năm 2024", "Năm 2024 so
//! với năm 2023 (%)"), title rows, a merged header over sub-columns, a
//! unit column and notes rows allowed; and **long**, one row per figure
//! (indicator, period, measure, value).
//!
//! ```
//! let csv = "Chỉ tiêu;Đơn vị tính;Năm 2023;Năm 2024;So cùng kỳ (%)\n\
//!            Chỉ số sản xuất công nghiệp (IIP);%;;;105,9\n\
//!            Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng;Tỷ đồng;700.000;\"778.500\";\n";
//! let options = baocao_import::Options { region: Some("Hà Nội".to_owned()), ..Default::default() };
//! let imported = baocao_import::import_bytes("bang.csv", csv.as_bytes(), &options).unwrap();
//! assert!(imported.toml.contains("index.2024 = 105.9"));
//! assert!(imported.toml.contains("value.2024 = 778500"));
//! let retail = imported.dataset.indicator("retail").unwrap();
//! assert_eq!(retail.unit.as_deref(), Some("tỷ đồng"));
//!
//! let bad = "Chỉ tiêu;Năm 2024\nTổng mức bán lẻ hh;5\n";
//! let err = baocao_import::import_bytes("bang.csv", bad.as_bytes(), &options).unwrap_err();
//! assert_eq!(
//!     err.diagnostics[0].message,
//!     "A2: unknown indicator `Tổng mức bán lẻ hh`; did you mean `retail` (tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng)?"
//! );
//! ```

mod fold;
mod header;
mod names;
mod number;
mod sheet;
mod table;
mod write;

use std::fmt;
use std::path::Path;

use baocao_dataset::Dataset;
use baocao_diagnostic::{Diagnostic, Span};

pub use table::Layout;

/// What the caller decides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The region (`[dataset] region`); by default the one a title row
    /// names ("… TỈNH BẮC NINH …", "… THÀNH PHỐ HÀ NỘI …").
    pub region: Option<String>,
    /// The sheet to read; by default the first one with a header row.
    pub sheet: Option<String>,
}

/// A table imported.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The dataset TOML, with a comment per figure naming its cell.
    pub toml: String,
    /// That text read back.
    pub dataset: Dataset,
    /// The sheet read (none for a CSV file).
    pub sheet: Option<String>,
    /// The layout it was read as.
    pub layout: Layout,
    /// How many indicators it holds.
    pub indicators: usize,
    /// How many figures it holds.
    pub figures: usize,
}

/// Why a table could not be imported: every problem, each naming its
/// sheet and cell.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub struct ImportError {
    /// The problems, in the order of the table.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        baocao_diagnostic::Lines(&self.diagnostics).fmt(f)
    }
}

/// The files imported, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Workbook,
    Csv,
}

fn kind_of(path: &Path) -> Option<FileKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(FileKind::Workbook),
        "csv" => Some(FileKind::Csv),
        _ => None,
    }
}

/// Whether a path names a file this crate imports (by its extension:
/// `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`, `.csv`).
pub fn is_table(path: &Path) -> bool {
    kind_of(path).is_some()
}

fn error(file: &str, message: impl Into<String>) -> ImportError {
    ImportError {
        diagnostics: vec![Diagnostic::error(message).at(Span::file(file))],
    }
}

/// Imports a file; its name in messages is the path as given.
pub fn import_path(path: &Path, options: &Options) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| error(&name, format!("cannot read: {e}")))?;
    import_bytes(&name, &bytes, options)
}

/// Imports the bytes of a file named `file` (its extension says how to
/// read it).
pub fn import_bytes(file: &str, bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    let sheets = match kind_of(Path::new(file)) {
        Some(FileKind::Workbook) => sheet::workbook(bytes)
            .map_err(|e| error(file, format!("cannot read the workbook: {e}")))?,
        Some(FileKind::Csv) => vec![
            sheet::csv(bytes).map_err(|e| error(file, format!("cannot read the CSV file: {e}")))?,
        ],
        None => {
            return Err(error(
                file,
                "not a table baocao imports: expected .xlsx, .xlsm, .xlsb, .xls, .ods or .csv",
            ));
        }
    };
    let chosen: Vec<&sheet::Sheet> = match &options.sheet {
        Some(want) => {
            let found: Vec<&sheet::Sheet> = sheets
                .iter()
                .filter(|s| s.name.as_deref() == Some(want))
                .collect();
            if found.is_empty() {
                let names: Vec<&str> = sheets.iter().filter_map(|s| s.name.as_deref()).collect();
                let mut message = format!("no sheet `{want}`; the sheets are {}", names.join(", "));
                if let Some(close) = baocao_suggest::closest(want, names.iter().copied()) {
                    message.push_str(&format!("; did you mean `{close}`?"));
                }
                return Err(error(file, message));
            }
            found
        }
        None => sheets.iter().collect(),
    };
    let mut diags = Vec::new();
    let Some((sheet, found)) = chosen
        .iter()
        .find_map(|s| table::read(s, file, &mut diags).map(|f| (*s, f)))
    else {
        return Err(error(
            file,
            "no header row found: expected a row of period headers (Năm 2024, Quý I/2024, 9 tháng năm 2024, …) or the columns indicator, period, measure, value",
        ));
    };
    if found.entries.is_empty() && diags.is_empty() {
        diags.push(
            Diagnostic::error("no figures of a standard indicator found under the header row")
                .at(Span::file(file)),
        );
    }
    let (region, region_kind, region_from) = match (&options.region, &found.region) {
        (Some(r), _) => (r.clone(), None, None),
        (None, Some((r, kind, cell))) => (
            r.clone(),
            Some(*kind),
            Some(format!("from the title, {cell}")),
        ),
        (None, None) => {
            diags.push(
                Diagnostic::error("no region: the title rows name no tỉnh or thành phố")
                    .at(Span::file(file))
                    .help("name it in a title row above the table (\"… TỈNH BẮC NINH …\"), or import the table with `baocao import --region \"Bắc Ninh\"`"),
            );
            (String::new(), None, None)
        }
    };
    if !diags.is_empty() {
        return Err(ImportError { diagnostics: diags });
    }
    let file_name = Path::new(file)
        .file_name()
        .map_or_else(|| file.to_owned(), |n| n.to_string_lossy().into_owned());
    let origin = write::Origin {
        file: &file_name,
        sheet: sheet.name.as_deref(),
        region: &region,
        region_kind,
        region_from: region_from.as_deref(),
    };
    let (toml, cells) = write::dataset(&found, &origin);
    let mut dataset = baocao_dataset::read_str(&toml, file).map_err(|e| ImportError {
        diagnostics: e
            .diagnostics
            .into_iter()
            .map(|d| at_cell(d, file, &cells))
            .collect(),
    })?;
    at_cells(&mut dataset, file, &cells);
    let figures = found
        .entries
        .iter()
        .flat_map(|e| e.figures.values())
        .map(|t| t.len())
        .sum();
    Ok(Imported {
        indicators: found.entries.len(),
        figures,
        toml,
        dataset,
        sheet: sheet.name.clone(),
        layout: found.layout,
    })
}

/// The dataset's places moved from the lines of its text to the cells
/// they came from: a failed check of an imported dataset names the cell
/// to correct (`bieu.xlsx: Sheet1!E6`), not a line of a text never shown.
fn at_cells(dataset: &mut Dataset, file: &str, cells: &[(u32, String)]) {
    let to_cell = |at: &mut baocao_dataset::Location| {
        if let Some((_, cell)) = cells.iter().find(|(l, _)| *l == at.line) {
            *at = baocao_dataset::Location {
                file: format!("{file}: {cell}").into(),
                line: 0,
                column: 0,
            };
        }
    };
    for indicator in &mut dataset.indicators {
        to_cell(&mut indicator.at);
        for table in [
            &mut indicator.value,
            &mut indicator.index,
            &mut indicator.growth,
            &mut indicator.contribution,
            &mut indicator.share,
            &mut indicator.structure,
            &mut indicator.value_current,
            &mut indicator.contribution_to_year,
            &mut indicator.weight,
        ] {
            table.values_mut().for_each(|n| to_cell(&mut n.at));
        }
    }
}

/// A problem the reader found in the imported text, told at the cell its
/// line came from.
fn at_cell(mut d: Diagnostic, file: &str, cells: &[(u32, String)]) -> Diagnostic {
    let line = d.span.as_ref().map_or(0, |s| s.line);
    if let Some((_, cell)) = cells.iter().find(|(l, _)| *l == line) {
        d.message = format!("{cell}: {}", d.message);
    }
    d.span = Some(Span::file(file));
    d
}
