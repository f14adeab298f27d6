//! The shape of the output: letterhead, headings, lists, tables, closing.

use baocao_plugin_api::{Align, Block, Document, Inline, Table};

use crate::reading::check;
use baocao_plugin_api::fixture::{every_kind, hanoi_2024};

fn render(doc: &Document<'_>) -> String {
    baocao_markdown::render(doc)
}

fn body(blocks: Vec<Block<'static>>) -> Document<'static> {
    Document {
        blocks,
        ..Document::default()
    }
}

fn paragraph(text: &'static str) -> Block<'static> {
    Block::Paragraph {
        content: vec![Inline::text(text)],
    }
}

#[test]
fn hanoi_report() {
    let doc = hanoi_2024();
    check(&doc);
    insta::with_settings!({ description => "tests/fixture.rs: hanoi_2024()" }, {
        insta::assert_snapshot!(render(&doc));
    });
}

#[test]
fn every_kind_report() {
    let doc = every_kind();
    // Every styled run of the fixture keeps its emphasis.
    check(&doc);
    insta::with_settings!({ description => "baocao_plugin_api::fixture::every_kind()" }, {
        insta::assert_snapshot!(render(&doc));
    });
}

#[test]
fn every_kind_report_in_strict_commonmark() {
    use baocao_markdown::{Flavour, Options, render_with};
    let options = Options {
        flavour: Flavour::Commonmark,
    };
    insta::with_settings!({ description => "baocao_plugin_api::fixture::every_kind(), flavour commonmark" }, {
        insta::assert_snapshot!(render_with(&every_kind(), &options));
    });
}

#[test]
fn list_styles_read_as_the_report_prints_them() {
    use baocao_plugin_api::ListStyle;
    let list = |style, items: &[&'static str]| Block::List {
        style,
        items: items.iter().map(|i| vec![Inline::text(*i)]).collect(),
    };
    let doc = body(vec![
        list(
            ListStyle::Letter,
            &["Công nghiệp;", " ", "2024. thương mại."],
        ),
        list(ListStyle::Number, &["một;", "hai."]),
        list(ListStyle::Number, &["ba."]),
        list(ListStyle::Bullet, &["bốn."]),
    ]);
    assert_eq!(
        render(&doc),
        "a) Công nghiệp;  \nb) 2024. thương mại.\n\n1. một;\n2. hai.\n\n1) ba.\n\n- bốn.\n"
    );
    check(&doc);
}

#[test]
fn the_closing_reads_recipients_then_signature() {
    let mut doc = body(vec![paragraph("Nội dung.")]);
    doc.meta.signature.titles = vec!["GIÁM ĐỐC".into()];
    doc.meta.signature.name = "Nguyễn Kiều Oanh".into();
    doc.meta.recipients_label = "Nơi nhận:".into();
    doc.meta.recipients = vec!["- Lưu: VT.".into()];
    assert_eq!(
        render(&doc),
        "Nội dung.\n\n***Nơi nhận:***  \n\\- Lưu: VT.\n\n**GIÁM ĐỐC**\n\n**Nguyễn Kiều Oanh**\n"
    );
}

#[test]
fn empty_meta_gives_just_the_body() {
    assert_eq!(render(&Document::default()), "");
    let doc = body(vec![paragraph("Chỉ số IIP ước tăng 5,9%.")]);
    assert_eq!(render(&doc), "Chỉ số IIP ước tăng 5,9%.\n");
}

#[test]
fn empty_meta_fields_leave_no_trace() {
    let mut doc = body(vec![paragraph("Nội dung.")]);
    doc.meta.department = "SỞ CÔNG THƯƠNG".into();
    doc.meta.place_date = "  ".into();
    doc.meta.signature.name = "Nguyễn Kiều Oanh".into();
    doc.meta.recipients = vec!["- Lưu: VT.".into()];
    assert_eq!(
        render(&doc),
        "**SỞ CÔNG THƯƠNG**\n\nNội dung.\n\n\\- Lưu: VT.\n\n**Nguyễn Kiều Oanh**\n"
    );
}

#[test]
fn headings_are_numbered_by_level() {
    let heading = |level, number: &'static str, text: &'static str| Block::Heading {
        level,
        number: number.into(),
        content: vec![Inline::text(text)],
    };
    let doc = body(vec![
        heading(1, "I.", "KẾT QUẢ"),
        heading(2, "1.", "Công nghiệp"),
        heading(3, "a)", "Tồn kho"),
        heading(1, "", "Phụ lục"),
        heading(2, "2.", ""),
        heading(2, "", ""),
    ]);
    assert_eq!(
        render(&doc),
        "## I. KẾT QUẢ\n\n### 1. Công nghiệp\n\n#### a) Tồn kho\n\n## Phụ lục\n\n### 2.\n"
    );
}

#[test]
fn lists_in_a_row_stay_apart() {
    let list = |items: &[&'static str]| Block::List {
        style: Default::default(),
        items: items.iter().map(|i| vec![Inline::text(*i)]).collect(),
    };
    let doc = body(vec![
        list(&["a;", "b."]),
        list(&["c."]),
        paragraph(" "),
        list(&["d."]),
        list(&[" "]),
        list(&["e."]),
        paragraph("f"),
        list(&["g."]),
    ]);
    assert_eq!(
        render(&doc),
        "- a;\n- b.\n\n* c.\n\n- d.\n\n* e.\n\nf\n\n- g.\n"
    );
    check(&doc);
}

#[test]
fn tables_line_up_and_carry_alignment() {
    let cell = |t: &'static str| vec![Inline::text(t)];
    let doc = body(vec![Block::Table(Table {
        header_groups: Vec::new(),
        unit: "".into(),
        caption: "Bảng 1".into(),
        header: vec!["Chỉ tiêu".into(), "Đơn vị".into(), "%".into()],
        align: vec![Align::Left, Align::Center],
        rows: vec![
            vec![cell("IIP"), cell("%"), cell("5,9"), cell("thừa")],
            vec![cell("a | b")],
        ],
        note: "Ghi chú".into(),
    })]);
    assert_eq!(
        render(&doc),
        "**Bảng 1**\n\n\
         | Chỉ tiêu | Đơn vị | %   |      |\n\
         | :------- | :----: | :-- | :--- |\n\
         | IIP      |   %    | 5,9 | thừa |\n\
         | a \\| b   |        |     |      |\n\n\
         *Ghi chú*\n"
    );
    check(&doc);
}
