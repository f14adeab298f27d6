//! Rows and headers the importer cannot place: each told at its sheet
//! and cell, all of them at once, and nothing imported.

use baocao_import::Options;

use crate::annex::{C, Q4, annex};

/// The messages of importing the annex with `extra` rows and the last
/// column's header.
fn problems(extra: &[[C; 6]], last_header: &str) -> Vec<String> {
    let err = baocao_import::import_bytes(
        "bieu-01.xlsx",
        &annex(extra, last_header),
        &Options::default(),
    )
    .unwrap_err();
    err.diagnostics.iter().map(|d| d.message.clone()).collect()
}

#[test]
fn an_unknown_row_is_told_at_its_cell_with_a_suggestion() {
    let extra = [
        [
            C::T("Tổng mức bán lẻ hh"),
            C::T("Tỷ đồng"),
            C::N(5.0),
            C::E,
            C::E,
            C::E,
        ],
        [C::T("Ngành xây dựngg"), C::E, C::E, C::E, C::N(107.0), C::E],
        // A heading without figures is no problem.
        [C::T("II. THƯƠNG MẠI"), C::E, C::E, C::E, C::E, C::E],
    ];
    assert_eq!(
        problems(&extra, Q4),
        [
            "'Biểu 01'!A12: unknown indicator `Tổng mức bán lẻ hh`; did you mean `retail` (tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng)?",
            "'Biểu 01'!A13: unknown indicator `Ngành xây dựngg`; did you mean `construction` (ngành xây dựng)?",
        ]
    );
}

#[test]
fn a_header_it_cannot_place_is_told_at_its_cell() {
    assert_eq!(
        problems(&[], "Kế hoạch năm 2025"),
        [
            "'Biểu 01'!F3: cannot place the column `Kế hoạch năm 2025`: a plan is a target: write it as [[target]] by hand (docs/dataset.md, Targets)"
        ]
    );
    assert_eq!(
        problems(&[], "13 tháng năm 2024"),
        [
            "'Biểu 01'!F3: cannot place the column `13 tháng năm 2024`: `13 thang` names no period: the first n months run from 1 to 12"
        ]
    );
    assert_eq!(
        problems(&[], "Ghi chú khác"),
        ["'Biểu 01'!F3: cannot place the column `Ghi chú khác`"]
    );
}

#[test]
fn a_number_typed_the_english_way_is_refused() {
    let extra = [[
        C::T("Kim ngạch nhập khẩu"),
        C::T("Triệu USD"),
        C::T("6.52"),
        C::E,
        C::E,
        C::E,
    ]];
    assert_eq!(
        problems(&extra, Q4),
        ["'Biểu 01'!C12: cannot read `6.52` as a Vietnamese number"]
    );
}

#[test]
fn two_figures_for_one_place_are_told() {
    let extra = [[C::T("grdp"), C::E, C::N(1_350_001.0), C::E, C::E, C::E]];
    assert_eq!(
        problems(&extra, Q4),
        ["'Biểu 01'!C12: value for 2023 is 1350001 here and 1350000 at 'Biểu 01'!C6: keep one"]
    );
}
