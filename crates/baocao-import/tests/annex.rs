//! A wide workbook laid out like a Cục Thống kê annex table: a title
//! row and a subtitle, a header two rows deep with "Năm 2024" merged over
//! "Ước tính" and "So cùng kỳ (%)", a units column, a section heading,
//! notes rows at the bottom.

use baocao_import::{Layout, Options};
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// A cell: a number as Excel stores it, or text.
pub(crate) enum C {
    N(f64),
    T(&'static str),
    E,
}

/// The annex's figure rows: label, unit, 2023, 2024 (estimate), 2024
/// against 2023 (%), Q4 2024 against Q4 2023 (%).
pub(crate) const ROWS: &[[C; 6]] = &[
    [C::T("I. TĂNG TRƯỞNG KINH TẾ"), C::E, C::E, C::E, C::E, C::E],
    [
        C::T("1. Tổng sản phẩm trên địa bàn (GRDP)"),
        C::T("Tỷ đồng"),
        C::N(1_350_000.0),
        C::N(1_438_020.0),
        C::N(106.52),
        C::N(107.01),
    ],
    [
        C::T("Trong đó: Ngành công nghiệp"),
        C::T("Tỷ đồng"),
        C::T("-"),
        C::E,
        C::N(106.2),
        C::E,
    ],
    [
        C::T("2. Chỉ số sản xuất công nghiệp (IIP)"),
        C::T("%"),
        C::E,
        C::E,
        C::N(105.9),
        C::N(107.3),
    ],
    [
        C::T("3. Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng"),
        C::T("Tỷ đồng"),
        // Typed as text, the Vietnamese way.
        C::T("700.000"),
        C::N(778_400.0),
        C::T("111,2"),
        C::T("…"),
    ],
    [
        C::T("4. Kim ngạch xuất khẩu"),
        C::T("Triệu USD"),
        C::N(17_000.0),
        C::N(18_428.0),
        C::N(108.4),
        C::E,
    ],
    [
        C::T("5. Chỉ số giá tiêu dùng bình quân"),
        C::T("%"),
        C::E,
        C::E,
        C::N(103.96),
        C::E,
    ],
];

pub(crate) fn write(sheet: &mut Worksheet, row: u32, col: u16, cell: &C) {
    match cell {
        C::N(n) => {
            sheet.write_number(row, col, *n).unwrap();
        }
        C::T(t) => {
            sheet.write_string(row, col, *t).unwrap();
        }
        C::E => {}
    }
}

/// The annex workbook, with `extra` rows (label and the five other
/// cells) after the figures, and the header of the last column.
pub(crate) fn annex(extra: &[[C; 6]], last_header: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Biểu 01").unwrap();
    let bold = Format::new().set_bold();
    sheet
        .merge_range(
            0,
            0,
            0,
            5,
            "BIỂU 01. MỘT SỐ CHỈ TIÊU KINH TẾ CHỦ YẾU THÀNH PHỐ HÀ NỘI NĂM 2024",
            &bold,
        )
        .unwrap();
    sheet
        .merge_range(
            1,
            0,
            1,
            5,
            "(Kèm theo Báo cáo số 05/BC-CTK ngày 06/01/2025)",
            &Format::new(),
        )
        .unwrap();
    sheet.merge_range(2, 0, 3, 0, "Chỉ tiêu", &bold).unwrap();
    sheet.merge_range(2, 1, 3, 1, "Đơn vị tính", &bold).unwrap();
    sheet
        .merge_range(2, 2, 3, 2, "Thực hiện năm 2023", &bold)
        .unwrap();
    sheet.merge_range(2, 3, 2, 4, "Năm 2024", &bold).unwrap();
    sheet
        .write_string_with_format(3, 3, "Ước tính", &bold)
        .unwrap();
    sheet
        .write_string_with_format(3, 4, "So cùng kỳ (%)", &bold)
        .unwrap();
    sheet.merge_range(2, 5, 3, 5, last_header, &bold).unwrap();
    let mut row = 4;
    for cells in ROWS.iter().chain(extra) {
        for (col, cell) in (0..).zip(cells) {
            write(sheet, row, col, cell);
        }
        row += 1;
    }
    row += 1;
    sheet
        .write_string(row, 0, "Ghi chú: Số liệu năm 2024 là số ước tính; quý IV năm 2024 so với cùng kỳ 2023 là 107,01%.")
        .unwrap();
    sheet
        .write_string(row + 1, 0, "Nguồn: Cục Thống kê thành phố Hà Nội")
        .unwrap();
    book.save_to_buffer().unwrap()
}

/// The header of the annex's last column.
pub(crate) const Q4: &str = "Quý IV/2024 so với cùng kỳ (%)";

#[test]
fn the_annex_gives_the_hand_written_figures() {
    let imported =
        baocao_import::import_bytes("bieu-01.xlsx", &annex(&[], Q4), &Options::default()).unwrap();
    assert_eq!(imported.layout, Layout::Wide);
    assert_eq!(imported.sheet.as_deref(), Some("Biểu 01"));
    assert_eq!((imported.indicators, imported.figures), (6, 14));
    let ds = &imported.dataset;
    assert_eq!(ds.region, "Hà Nội");
    assert_eq!(ds.region_kind.as_deref(), Some("Thành phố"));
    assert_eq!(
        ds.source.as_deref(),
        Some("Nguồn: Cục Thống kê thành phố Hà Nội")
    );
    crate::assert_same_figures(ds);
    // The text says where each figure came from.
    let toml = &imported.toml;
    assert!(
        toml.starts_with(
            "# Imported by `baocao import` from `bieu-01.xlsx`, sheet `Biểu 01` (wide"
        ),
        "{toml}"
    );
    insta::assert_snapshot!("annex", toml);
}

#[test]
fn an_ods_or_xlsx_named_otherwise_is_refused_by_its_extension() {
    let err = baocao_import::import_bytes("bieu-01.pdf", &annex(&[], Q4), &Options::default())
        .unwrap_err();
    assert!(
        err.to_string().contains("not a table baocao imports"),
        "{err}"
    );
}
