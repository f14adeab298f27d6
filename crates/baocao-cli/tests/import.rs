//! `baocao import FILE.xlsx --out …` and `--data FILE.xlsx`: a workbook
//! built here with rust_xlsxwriter, as a statistics office sends it.

use std::path::Path;

use rust_xlsxwriter::Workbook;

use crate::baocao_in;

/// A figure row: label, unit, 2023, 2024, 2024 against 2023 (%).
type Row = (&'static str, &'static str, Option<f64>, Option<f64>, f64);

/// A small wide workbook: a title naming Hà Nội, a header row, the
/// figures of the built-in report's headline, a note; `extra` is one
/// more row (a label and a 2024 growth index).
fn workbook(dir: &Path, extra: Option<(&str, f64)>) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "MỘT SỐ CHỈ TIÊU KINH TẾ THÀNH PHỐ HÀ NỘI NĂM 2024")
        .unwrap();
    for (col, header) in (0..).zip([
        "Chỉ tiêu",
        "Đơn vị tính",
        "Thực hiện năm 2023",
        "Ước tính năm 2024",
        "Năm 2024 so với năm 2023 (%)",
    ]) {
        sheet.write_string(2, col, header).unwrap();
    }
    let rows: &[Row] = &[
        (
            "Tổng sản phẩm trên địa bàn (GRDP)",
            "Tỷ đồng",
            Some(1_350_000.0),
            Some(1_438_020.0),
            106.52,
        ),
        ("Chỉ số sản xuất công nghiệp (IIP)", "%", None, None, 105.9),
        (
            "Kim ngạch xuất khẩu",
            "Triệu USD",
            Some(17_000.0),
            Some(18_428.0),
            108.4,
        ),
    ];
    let mut row = 3;
    for (label, unit, y2023, y2024, index) in rows {
        sheet.write_string(row, 0, *label).unwrap();
        sheet.write_string(row, 1, *unit).unwrap();
        if let Some(v) = y2023 {
            sheet.write_number(row, 2, *v).unwrap();
        }
        if let Some(v) = y2024 {
            sheet.write_number(row, 3, *v).unwrap();
        }
        sheet.write_number(row, 4, *index).unwrap();
        row += 1;
    }
    if let Some((label, index)) = extra {
        sheet.write_string(row, 0, label).unwrap();
        sheet.write_number(row, 4, index).unwrap();
        row += 1;
    }
    sheet
        .write_string(row + 1, 0, "Nguồn: Cục Thống kê thành phố Hà Nội")
        .unwrap();
    book.save(dir.join("bieu.xlsx")).unwrap();
}

#[test]
fn import_writes_a_commented_dataset_that_check_accepts_and_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    workbook(dir.path(), None);
    let run = baocao_in(
        dir.path(),
        &["import", "bieu.xlsx", "--out", "data/hanoi.toml"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.trim(),
        "imported 7 figures of 3 indicators from bieu.xlsx, sheet `Sheet1` (wide layout) into data/hanoi.toml; run `baocao check --data data/hanoi.toml`"
    );
    let toml = std::fs::read_to_string(dir.path().join("data/hanoi.toml")).unwrap();
    assert!(
        toml.starts_with("# Imported by `baocao import` from `bieu.xlsx`, sheet `Sheet1` (wide"),
        "{toml}"
    );
    assert!(
        toml.contains("format = 1.1\n") && toml.contains("index.2024 = 106.52   # Sheet1!E4\n"),
        "{toml}"
    );

    let again = baocao_in(
        dir.path(),
        &["import", "bieu.xlsx", "--out", "data/hanoi.toml"],
    );
    assert_eq!(again.code, 1);
    assert!(
        again
            .stderr
            .contains("data/hanoi.toml exists: give --force to replace it"),
        "{}",
        again.stderr
    );
    let forced = baocao_in(
        dir.path(),
        &["import", "bieu.xlsx", "--out", "data/hanoi.toml", "--force"],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);

    let check = baocao_in(
        dir.path(),
        &["check", "--data", "data/hanoi.toml", "--year", "2024"],
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn render_reads_a_workbook_as_its_dataset() {
    let dir = tempfile::tempdir().unwrap();
    workbook(dir.path(), None);
    let run = baocao_in(
        dir.path(),
        &[
            "render",
            "--data",
            "bieu.xlsx",
            "--year",
            "2024",
            "--format",
            "md",
            "--out",
            "-",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("6,52%"), "{}", run.stdout);
    assert!(run.stdout.contains("ước tăng 5,9%"), "{}", run.stdout);
    assert!(
        run.stdout.contains("ước đạt 18.428 triệu USD"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_row_it_cannot_place_is_told_at_its_cell_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    workbook(dir.path(), Some(("Tổng mức bán lẻ hh", 109.5)));
    let run = baocao_in(dir.path(), &["import", "bieu.xlsx", "--out", "hanoi.toml"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "Sheet1!A7: unknown indicator `Tổng mức bán lẻ hh`; did you mean `retail` (tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng)?"
        ),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("hanoi.toml").exists());
    // The same problem when the workbook is read in place of a dataset.
    let render = baocao_in(
        dir.path(),
        &[
            "render",
            "--data",
            "bieu.xlsx",
            "--year",
            "2024",
            "--out",
            "-",
        ],
    );
    assert_eq!(render.code, 1);
    assert!(
        render.stderr.contains("Sheet1!A7: unknown indicator"),
        "{}",
        render.stderr
    );
}

#[test]
fn a_failed_check_of_an_imported_table_names_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bieu.csv"),
        "MỘT SỐ CHỈ TIÊU THÀNH PHỐ HÀ NỘI NĂM 2024\n\
         Chỉ tiêu;Đơn vị tính;Năm 2023;Năm 2024;So cùng kỳ (%)\n\
         GRDP;Tỷ đồng;100;120;106,52\n",
    )
    .unwrap();
    let run = baocao_in(
        dir.path(),
        &["check", "--data", "bieu.csv", "--year", "2024"],
    );
    assert!(run.stderr.contains("--> bieu.csv: D3"), "{}", run.stderr);
}

#[test]
fn a_department_may_keep_its_data_as_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let init = baocao_in(dir.path(), &["init", "dept"]);
    assert_eq!(init.code, 0, "{}", init.stderr);
    let dept = dir.path().join("dept");
    workbook(&dept.join("data"), None);
    let settings = std::fs::read_to_string(dept.join("department.toml")).unwrap();
    std::fs::write(
        dept.join("department.toml"),
        settings.replacen("data = \"data\"", "data = \"data/bieu.xlsx\"", 1),
    )
    .unwrap();
    let run = baocao_in(
        dir.path(),
        &[
            "render", "dept", "--year", "2024", "--format", "md", "--out", "-",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ước tăng 6,52%"), "{}", run.stdout);
}

#[test]
fn a_table_of_the_first_two_months_is_imported_as_format_1_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(
            0,
            0,
            "MỘT SỐ CHỈ TIÊU KINH TẾ THÀNH PHỐ HÀ NỘI 2 THÁNG ĐẦU NĂM 2025",
        )
        .unwrap();
    for (col, header) in (0..).zip([
        "Chỉ tiêu",
        "2 tháng năm 2024 so với cùng kỳ (%)",
        "2 tháng năm 2025 so với cùng kỳ (%)",
    ]) {
        sheet.write_string(1, col, header).unwrap();
    }
    sheet
        .write_string(2, 0, "Chỉ số sản xuất công nghiệp (IIP)")
        .unwrap();
    sheet.write_number(2, 1, 106.5).unwrap();
    sheet.write_number(2, 2, 107.2).unwrap();
    book.save(dir.path().join("iip.xlsx")).unwrap();
    let run = baocao_in(dir.path(), &["import", "iip.xlsx", "--out", "iip.toml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let toml = std::fs::read_to_string(dir.path().join("iip.toml")).unwrap();
    assert!(
        toml.contains("\nformat = 1.1\n") && toml.contains("index.2025-2M = 107.2  # Sheet1!C3\n"),
        "{toml}"
    );
    let check = baocao_in(
        dir.path(),
        &["check", "--data", "iip.toml", "--period", "2025-2M"],
    );
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}
