//! The long layout: one row per figure, from a CSV fixture.

use baocao_import::{Layout, Options};

#[test]
fn the_long_csv_gives_the_hand_written_figures() {
    let options = Options {
        region: Some("Hà Nội".to_owned()),
        ..Options::default()
    };
    let imported =
        baocao_import::import_path(&crate::fixtures().join("hanoi-2024-long.csv"), &options)
            .unwrap();
    assert_eq!(imported.layout, Layout::Long);
    assert_eq!(imported.sheet, None);
    crate::assert_same_figures(&imported.dataset);
    insta::assert_snapshot!("long", imported.toml);
}

#[test]
fn a_long_table_without_a_region_asks_for_one() {
    let err = baocao_import::import_path(
        &crate::fixtures().join("hanoi-2024-long.csv"),
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(err.diagnostics.len(), 1);
    assert!(
        err.to_string()
            .ends_with("hanoi-2024-long.csv: no region: the title rows name no tỉnh or thành phố; name it in a title row above the table (\"… TỈNH BẮC NINH …\"), or import the table with `baocao import --region \"Bắc Ninh\"`"),
        "{err}"
    );
}
