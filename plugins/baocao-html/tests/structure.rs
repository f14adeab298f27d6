//! The shape of the file: a valid, standalone HTML5 document.

use baocao_plugin_api::{Align, Block, Document, Inline, Table};

use baocao_plugin_api::fixture::{every_kind, hanoi_2024};

fn render(doc: &Document<'_>) -> String {
    baocao_html::render(doc)
}

fn body(blocks: Vec<Block<'static>>) -> Document<'static> {
    Document {
        blocks,
        ..Document::default()
    }
}

#[test]
fn hanoi_report() {
    insta::with_settings!({ description => "tests/fixture.rs: hanoi_2024()" }, {
        insta::assert_snapshot!(render(&hanoi_2024()));
    });
}

#[test]
fn every_kind_report() {
    insta::with_settings!({ description => "baocao_plugin_api::fixture::every_kind()" }, {
        insta::assert_snapshot!(render(&every_kind()));
    });
}

#[test]
fn header_groups_make_two_header_rows() {
    let html = render(&every_kind());
    assert!(html.contains(
        "<table>\n<caption>Bảng 1. Tốc độ tăng một số chỉ tiêu chủ yếu năm 2024\
         <span class=\"unit\">Đơn vị tính: %</span></caption>\n\
         <colgroup></colgroup><colgroup span=\"2\"></colgroup><colgroup></colgroup>\n\
         <thead>\n<tr><th scope=\"col\" rowspan=\"2\">Chỉ tiêu</th>\
         <th scope=\"colgroup\" colspan=\"2\">Năm 2024</th>\
         <th scope=\"col\" rowspan=\"2\" class=\"num\">Chênh lệch <span class=\"nowrap\">(điểm %)</span></th></tr>\n\
         <tr><th scope=\"col\" class=\"num\">Kế hoạch</th><th scope=\"col\" class=\"num\">Ước thực hiện</th></tr>\n\
         </thead>\n"
    ), "{html}");
}

#[test]
fn groups_without_text_keep_one_header_row() {
    let doc = body(vec![Block::Table(Table {
        header_groups: vec![baocao_plugin_api::HeaderGroup::new("", 2)],
        header: vec![
            "A".into(),
            "B (một đoạn giải thích dài hơn một đơn vị)".into(),
        ],
        rows: vec![vec![vec![Inline::text("a")], vec![Inline::text("b")]]],
        ..Table::default()
    })]);
    let html = render(&doc);
    assert!(
        html.contains(
            "<table>\n<thead>\n<tr><th scope=\"col\">A</th>\
         <th scope=\"col\">B (một đoạn giải thích dài hơn một đơn vị)</th></tr>\n</thead>\n"
        ),
        "{html}"
    );
}

#[test]
fn emphasis_lists_and_page_breaks() {
    use baocao_plugin_api::ListStyle;
    let list = |style, items: &[&'static str]| Block::List {
        style,
        items: items.iter().map(|i| vec![Inline::text(*i)]).collect(),
    };
    let doc = body(vec![
        Block::Paragraph {
            content: vec![
                Inline::styled("Lưu ý:", true, true),
                Inline::text(" "),
                Inline::styled("<ước>", false, true),
                Inline::styled(" ", true, false),
                Inline::styled("đạt", true, false),
            ],
        },
        list(ListStyle::Letter, &["một;", " ", "hai."]),
        Block::PageBreak {},
        list(ListStyle::Number, &["ba."]),
    ]);
    let html = render(&doc);
    assert!(html.contains(
        "<main class=\"page\">\n<p><strong><em>Lưu ý:</em></strong> <em>&lt;ước&gt;</em> <strong>đạt</strong></p>\n\
         <ol type=\"a\">\n<li>một;</li>\n<li>hai.</li>\n</ol>\n\
         <div class=\"page-break\"></div>\n\
         <ol>\n<li>ba.</li>\n</ol>\n</main>"
    ), "{html}");
}

#[test]
fn the_head_declares_language_charset_viewport_and_title() {
    let html = render(&hanoi_2024());
    assert!(html.starts_with(
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>BÁO CÁO – Tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025</title>\n<style>\n"
    ));
    assert!(html.ends_with("</main>\n</body>\n</html>\n"));
    let english = Document {
        language: "en-GB".into(),
        ..Document::default()
    };
    assert!(render(&english).starts_with("<!DOCTYPE html>\n<html lang=\"en-GB\">\n"));
}

#[test]
fn the_file_is_standalone_and_prints_on_a4() {
    let html = render(&hanoi_2024());
    for banned in [
        "<script", "http://", "https://", "src=", "url(", "@import", "<link",
    ] {
        assert!(!html.contains(banned), "{banned} in the output");
    }
    assert!(html.contains("size: A4;"));
    assert!(html.contains("margin: 20mm 15mm 20mm 30mm;"));
    assert!(html.contains("\"Times New Roman\""));
}

#[test]
fn tables_have_captions_and_scoped_headers() {
    let html = render(&hanoi_2024());
    assert!(html.contains(
        "<table>\n<caption>Bảng 1. Một số chỉ tiêu công nghiệp, thương mại năm 2024</caption>\n\
         <thead>\n<tr><th scope=\"col\">Chỉ tiêu</th><th scope=\"col\" class=\"center\">Đơn vị tính</th>\
         <th scope=\"col\" class=\"num\">Năm 2024</th><th scope=\"col\" class=\"num\">Tăng so với năm 2023 <span class=\"nowrap\">(%)</span></th></tr>\n\
         </thead>\n<tbody>\n<tr><th scope=\"row\">Chỉ số sản xuất công nghiệp (IIP)</th>\
         <td class=\"center\">%</td><td class=\"num\"><span class=\"fig\" title=\"reported in data/hanoi.toml:12\" data-exact=\"105.9\">105,9</span></td>"
    ));
}

#[test]
fn ragged_tables_are_made_rectangular() {
    let cell = |t: &'static str| vec![Inline::text(t)];
    let doc = body(vec![Block::Table(Table {
        header: vec!["A".into()],
        align: vec![Align::Left, Align::Right],
        rows: vec![vec![cell("a"), cell("1")], vec![]],
        ..Table::default()
    })]);
    let html = render(&doc);
    assert!(html.contains(
        "<table>\n<thead>\n<tr><th scope=\"col\">A</th><th scope=\"col\" class=\"num\"></th></tr>\n</thead>\n\
         <tbody>\n<tr><th scope=\"row\">a</th><td class=\"num\">1</td></tr>\n\
         <tr><th scope=\"row\"></th><td class=\"num\"></td></tr>\n</tbody>\n</table>\n"
    ), "{html}");
}

#[test]
fn headings_follow_the_title() {
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
        heading(2, " ", " "),
    ]);
    let html = render(&doc);
    assert!(html.contains(
        "<main class=\"page\">\n<h2>I. KẾT QUẢ</h2>\n<h3>1. Công nghiệp</h3>\n<h4>a) Tồn kho</h4>\n<h2>Phụ lục</h2>\n</main>"
    ), "{html}");
}

#[test]
fn figures_carry_exact_values_and_provenance() {
    let doc = body(vec![Block::Paragraph {
        content: vec![
            Inline::text("tăng "),
            Inline::figure("5,9%", "5.9", "growth = index − 100 (derived)"),
            Inline::text(" và "),
            Inline::figure("6,2%", "6.2", ""),
        ],
    }]);
    assert!(render(&doc).contains(
        "<p>tăng <span class=\"fig\" title=\"growth = index − 100 (derived)\" data-exact=\"5.9\">5,9%</span> \
         và <span class=\"fig\" data-exact=\"6.2\">6,2%</span></p>"
    ));
}

#[test]
fn empty_meta_leaves_no_element_behind() {
    let doc = body(vec![Block::Paragraph {
        content: vec![Inline::text("Nội dung.")],
    }]);
    let html = render(&doc);
    assert!(html.contains("<title>Báo cáo</title>"));
    assert!(
        html.contains("<main class=\"page\">\n<p>Nội dung.</p>\n</main>"),
        "{html}"
    );
}

#[test]
fn partial_meta_keeps_each_part_in_its_column() {
    let mut doc = body(vec![]);
    doc.meta.place_date = "Hà Nội, ngày 05 tháng 01 năm 2025".into();
    doc.meta.subject = "Tổng kết năm 2024".into();
    doc.meta.signature.name = "Nguyễn Kiều Oanh".into();
    doc.meta.recipients = vec![" ".into()];
    let html = render(&doc);
    assert!(html.contains("<title>Tổng kết năm 2024</title>"));
    assert!(html.contains(
        "<main class=\"page\">\n<header class=\"letterhead\">\n<div class=\"nation\">\n\
         <p class=\"place-date\">Hà Nội, ngày 05 tháng 01 năm 2025</p>\n</div>\n</header>\n\
         <div class=\"title\">\n<p class=\"subject\">Tổng kết năm 2024</p>\n</div>\n\
         <footer class=\"closing\">\n<div class=\"signature\">\n<p class=\"signer-name\">Nguyễn Kiều Oanh</p>\n\
         </div>\n</footer>\n</main>"
    ), "{html}");
}

#[test]
fn a_table_without_content_keeps_only_its_caption_and_note() {
    let doc = body(vec![Block::Table(Table {
        caption: "Bảng 2".into(),
        header: vec![" ".into()],
        rows: vec![vec![vec![Inline::text("")]]],
        note: "Chưa có số liệu.".into(),
        ..Table::default()
    })]);
    assert!(render(&doc).contains(
        "<main class=\"page\">\n<p class=\"caption\">Bảng 2</p>\n<p class=\"table-note\">Chưa có số liệu.</p>\n</main>"
    ));
}

#[test]
fn without_title_or_subject_the_first_heading_names_the_file() {
    let heading = |text: &'static str| Block::Heading {
        level: 1,
        number: "".into(),
        content: vec![Inline::text(text)],
    };
    let doc = body(vec![
        heading(" "),
        heading("KẾT QUẢ\nNĂM 2024"),
        heading("Khác"),
    ]);
    assert!(render(&doc).contains("<title>KẾT QUẢ NĂM 2024</title>"));
}
