//! What format 1.1 adds, read from tables: levels at current prices
//! ("giá hiện hành") beside those at constant prices ("giá so sánh"), the
//! structure ("cơ cấu", "tỷ trọng"), approximate figures typed as text
//! ("Hơn 216.943") and the first 2 months ("2 tháng năm 2025"). Each
//! output says `format = 1.1`, is read back by the dataset reader and
//! gives the figures of the hand-written case.

use baocao_dataset::Dataset;
use baocao_import::{Imported, Layout, Options};
use rust_xlsxwriter::{Format, Workbook};

use crate::annex::C;

/// A case of `tests/datasets`, written by hand.
fn case(path: &str) -> Dataset {
    baocao_dataset::read_path(&crate::fixtures().join("..").join(path)).unwrap()
}

/// The imported text read back by the dataset reader, with `exhaustive =
/// true` added to `root` as a clerk adds it by hand (the importer sets
/// none).
fn read_back(imported: &Imported, root: &str) -> Dataset {
    let toml = &imported.toml;
    assert!(toml.contains("\nformat = 1.1\n"), "{toml}");
    baocao_dataset::read_str(toml, "imported.toml").unwrap();
    let by_hand = toml.replacen(
        &format!("id = \"{root}\"\n"),
        &format!("id = \"{root}\"\nexhaustive = true\n"),
        1,
    );
    assert_ne!(&by_hand, toml);
    baocao_dataset::read_str(&by_hand, "imported.toml").unwrap()
}

/// Nghệ An's 2024 figures (`tests/datasets/cases/current-prices-2024.toml`)
/// as an office lays them out: constant and current prices side by side,
/// the structure, the growth; the levels at current prices typed as text
/// with the release's word ("Hơn 216.943").
fn nghean_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(
            0,
            0,
            0,
            7,
            "MỘT SỐ CHỈ TIÊU KINH TẾ TỈNH NGHỆ AN NĂM 2024",
            &bold,
        )
        .unwrap();
    for (col, header) in (0..).zip([
        "Chỉ tiêu",
        "Đơn vị tính",
        "Năm 2023 (giá so sánh 2010)",
        "Năm 2024 (giá so sánh 2010)",
        "Năm 2023 (giá hiện hành)",
        "Giá hiện hành năm 2024",
        "Cơ cấu năm 2024 (%)",
        "Tốc độ tăng năm 2024 (%)",
    ]) {
        sheet
            .write_string_with_format(1, col, header, &bold)
            .unwrap();
    }
    let rows: [[C; 8]; 5] = [
        [
            C::T("Tổng sản phẩm trên địa bàn (GRDP)"),
            C::T("Tỷ đồng"),
            C::N(120_000.0),
            C::N(130_812.0),
            C::T("Gần 193.374"),
            C::T("Hơn 216.943"),
            C::E,
            C::N(9.01),
        ],
        [
            C::T("1. Nông, lâm nghiệp và thủy sản"),
            C::T("Tỷ đồng"),
            C::E,
            C::E,
            C::E,
            C::T("Hơn 46.696"),
            C::N(21.52),
            C::E,
        ],
        [
            C::T("2. Công nghiệp và xây dựng"),
            C::T("Tỷ đồng"),
            C::E,
            C::E,
            C::E,
            C::T("Hơn 67.792"),
            C::N(31.25),
            C::E,
        ],
        [
            C::T("3. Dịch vụ"),
            C::T("Tỷ đồng"),
            C::E,
            C::E,
            C::E,
            C::T("Hơn 92.590"),
            C::T("42,68"),
            C::E,
        ],
        [
            C::T("4. Thuế sản phẩm trừ trợ cấp sản phẩm"),
            C::T("Tỷ đồng"),
            C::E,
            C::E,
            C::E,
            C::T("Hơn 9.864"),
            C::N(4.55),
            C::E,
        ],
    ];
    for (row, cells) in (2..).zip(&rows) {
        for (col, cell) in (0..).zip(cells) {
            crate::annex::write(sheet, row, col, cell);
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn current_prices_structure_and_approximate_figures_in_a_wide_workbook() {
    let imported =
        baocao_import::import_bytes("bieu.xlsx", &nghean_workbook(), &Options::default()).unwrap();
    assert_eq!(imported.layout, Layout::Wide);
    assert_eq!((imported.indicators, imported.figures), (5, 13));
    let toml = &imported.toml;
    for line in [
        "value.2023 = 120000                # Sheet1!C3\n",
        "value_current.2024 = \"hơn 216943\"  # Sheet1!F3, text \"Hơn 216.943\"\n",
        "value_current.2023 = \"gần 193374\"  # Sheet1!E3, text \"Gần 193.374\"\n",
        "structure.2024 = 42.68            # Sheet1!G6, text \"42,68\"\n",
    ] {
        assert!(toml.contains(line), "{line}\n{toml}");
    }
    insta::assert_snapshot!("nghean_wide", toml);
    let ds = read_back(&imported, "grdp");
    let grdp = ds.indicator("grdp").unwrap();
    assert_eq!(
        grdp.value_current[&"2024".parse().unwrap()].approx,
        Some(baocao_dataset::Approx::MoreThan)
    );
    crate::assert_figures_as(&ds, &case("cases/current-prices-2024.toml"), &["2024"]);
}

#[test]
fn current_prices_and_structure_in_a_long_csv() {
    let options = Options {
        region: Some("Nghệ An".to_owned()),
        ..Options::default()
    };
    let imported =
        baocao_import::import_path(&crate::fixtures().join("nghean-2024-long.csv"), &options)
            .unwrap();
    assert_eq!(imported.layout, Layout::Long);
    assert_eq!((imported.indicators, imported.figures), (5, 13));
    let toml = &imported.toml;
    for line in [
        "value.2023 = 120000                # D2, text \"120.000\"\n",
        "value_current.2023 = \"gần 193374\"  # D5, text \"Gần 193.374\"\n",
        "structure.2024 = 31.25            # D10, text \"31,25\"\n",
    ] {
        assert!(toml.contains(line), "{line}\n{toml}");
    }
    let ds = read_back(&imported, "grdp");
    crate::assert_figures_as(&ds, &case("cases/current-prices-2024.toml"), &["2024"]);
}

/// The national office's industrial production of the first two months
/// of 2025 (`tests/datasets/real/vietnam-2025-2m.toml`) as a wide
/// workbook: the only thing of format 1.1 in it is the period `2M`.
fn first_two_months() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .write_string(0, 0, "TÌNH HÌNH SẢN XUẤT CÔNG NGHIỆP 2 THÁNG ĐẦU NĂM 2025")
        .unwrap();
    for (col, header) in (0..).zip([
        "Chỉ tiêu",
        "Tháng 2 năm 2025 so với cùng kỳ năm trước (%)",
        "2 tháng năm 2024 so với cùng kỳ năm trước (%)",
        "2 tháng năm 2025 so với cùng kỳ năm trước (%)",
        "Đóng góp 2 tháng năm 2025 (điểm %)",
    ]) {
        sheet.write_string(1, col, header).unwrap();
    }
    let rows: [(&str, [f64; 3], Option<f64>); 5] = [
        (
            "Chỉ số sản xuất công nghiệp (IIP)",
            [117.2, 106.5, 107.2],
            None,
        ),
        // By id: "Khai khoáng" alone is the sector of GRDP.
        ("iip_mining", [100.4, 98.1, 93.6], Some(-1.0)),
        ("iip_manufacturing", [120.0, 106.6, 109.3], Some(7.9)),
        ("iip_electricity", [109.9, 113.7, 102.3], Some(0.2)),
        ("iip_water", [113.9, 101.4, 108.0], Some(0.1)),
    ];
    for (row, (label, indices, points)) in (2..).zip(rows) {
        sheet.write_string(row, 0, label).unwrap();
        for (col, index) in (1..).zip(indices) {
            sheet.write_number(row, col, index).unwrap();
        }
        if let Some(p) = points {
            sheet.write_number(row, 4, p).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_first_two_months_are_format_1_1() {
    let options = Options {
        region: Some("Việt Nam".to_owned()),
        ..Options::default()
    };
    let imported =
        baocao_import::import_bytes("iip-2-thang.xlsx", &first_two_months(), &options).unwrap();
    assert_eq!(imported.layout, Layout::Wide);
    assert_eq!((imported.indicators, imported.figures), (5, 19));
    assert!(
        imported
            .toml
            .contains("index.2025-2M = 107.2   # Sheet1!D3\n"),
        "{}",
        imported.toml
    );
    let ds = read_back(&imported, "iip");
    let mut expected = case("real/vietnam-2025-2m.toml");
    expected.indicators.retain(|i| i.id.as_str() != "retail");
    crate::assert_figures_as(&ds, &expected, &["2025-2M", "2025-M02"]);
}

#[test]
fn a_table_without_anything_of_format_1_1_stays_format_1() {
    let table = "Chỉ tiêu;Năm 2024\nChỉ số sản xuất công nghiệp (IIP);105,9\n";
    let options = Options {
        region: Some("Hà Nội".to_owned()),
        ..Options::default()
    };
    let imported = baocao_import::import_bytes("bang.csv", table.as_bytes(), &options).unwrap();
    assert!(
        imported.toml.contains("\nformat = 1\n"),
        "{}",
        imported.toml
    );
}

#[test]
fn an_approximate_figure_with_words_after_it_is_refused_with_a_hint() {
    let table =
        "Chỉ tiêu;Đơn vị tính;Năm 2024\nTổng sản phẩm trên địa bàn;Tỷ đồng;khoảng 24 nghìn\n";
    let options = Options {
        region: Some("Hà Nội".to_owned()),
        ..Options::default()
    };
    let err = baocao_import::import_bytes("bang.csv", table.as_bytes(), &options).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{err}");
    assert_eq!(
        err.diagnostics[0].message,
        "C2: `khoảng 24 nghìn` is not a number"
    );
    assert_eq!(
        err.diagnostics[0].help,
        [
            "an approximate figure is the word and a number alone, in the unit of the row: `khoảng 24.000`, not `khoảng 24 nghìn`"
        ]
    );
}

/// Retail sales are measured at current prices, their growth too: a table
/// that gives them only "giá hiện hành" gives their levels, `value`, as
/// format 1 always read them. GRDP's levels at current prices stay
/// `value_current` (its growth is at constant prices).
#[test]
fn trade_at_current_prices_alone_is_its_level() {
    let table = "Chỉ tiêu;Đơn vị tính;Năm 2024 (giá hiện hành)\n\
                 Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng;Tỷ đồng;4268\n\
                 Tổng sản phẩm trên địa bàn;Tỷ đồng;216943\n";
    let options = Options {
        region: Some("Nghệ An".to_owned()),
        ..Options::default()
    };
    let imported = baocao_import::import_bytes("bang.csv", table.as_bytes(), &options).unwrap();
    let ds = baocao_dataset::read_str(&imported.toml, "imported.toml").unwrap();
    let year: baocao_dataset::Period = "2024".parse().unwrap();
    let retail = ds.indicator("retail").unwrap();
    assert_eq!(retail.value[&year].value.to_string(), "4268");
    assert!(retail.value_current.is_empty());
    let grdp = ds.indicator("grdp").unwrap();
    assert_eq!(grdp.value_current[&year].value.to_string(), "216943");
    assert!(grdp.value.is_empty());
    assert!(imported.toml.contains("giá hiện hành"), "{}", imported.toml);
}
