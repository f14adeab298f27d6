//! `document.xml` of realistic reports, pretty-printed: what Word reads.

use baocao_docx::{Options, render_with};

use crate::{bytes, part, pretty};

#[test]
fn hanoi_2024_document() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let docx = render_with(&doc, &Options::default()).unwrap();
    insta::assert_snapshot!(
        "hanoi_2024_document",
        pretty(&part(&docx, "word/document.xml"))
    );
}

#[test]
fn hanoi_2024_with_comments_and_department_styles() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let options: Options = serde_json::from_str(
        r#"{"size": 13, "line_spacing": 1.5, "table_borders": "horizontal", "header_shading": "D9D9D9",
            "caption_prefix": "Bảng", "provenance_comments": true, "font": "Liberation Serif"}"#,
    )
    .unwrap();
    let docx = render_with(&doc, &options).unwrap();
    insta::assert_snapshot!(
        "hanoi_2024_comments",
        pretty(&part(&docx, "word/comments.xml"))
    );
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains("w:ascii=\"Liberation Serif\""), "{styles}");
    assert!(styles.contains("<w:sz w:val=\"26\"/>"), "13 pt");
    assert!(styles.contains("w:line=\"360\""), "1,5 lines");
    let body = part(&docx, "word/document.xml");
    assert!(body.contains("w:fill=\"D9D9D9\""));
    assert!(
        body.contains("<w:insideV w:val=\"nil\"/>") && body.contains("<w:insideH w:val=\"single\"")
    );
    assert!(body.contains("<w:commentReference w:id=\"0\"/>"));
}

/// Every block and inline kind: emphasis, the three list styles (each
/// lettered list restarting at "a)"), a unit line, header groups with an
/// empty group (a heading reaching through both rows), a page break.
#[test]
fn every_kind_document() {
    let doc = baocao_plugin_api::fixture::every_kind();
    let docx = render_with(&doc, &Options::default()).unwrap();
    insta::assert_snapshot!(
        "every_kind_document",
        pretty(&part(&docx, "word/document.xml"))
    );
    insta::assert_snapshot!(
        "every_kind_numbering",
        pretty(&part(&docx, "word/numbering.xml"))
    );
    // The Word charts, one of each kind, and the sheet of each one's
    // workbook.
    for (n, kind) in [(1, "columns"), (2, "line"), (3, "bars")] {
        insta::assert_snapshot!(
            format!("every_kind_chart_{kind}"),
            pretty(&part(&docx, &format!("word/charts/chart{n}.xml")))
        );
        let workbook = bytes(
            &docx,
            &format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
        );
        insta::assert_snapshot!(
            format!("every_kind_chart_{kind}_sheet"),
            pretty(&part(&workbook, "xl/worksheets/sheet1.xml"))
        );
    }
}
