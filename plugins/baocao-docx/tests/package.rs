//! The package as a whole: its parts, the same bytes every time, and the
//! plugin loaded at run time writing what the library writes.

use baocao_docx::{Options, Reference, render, render_with};
use baocao_plugin_host::PluginSet;

use crate::{bytes, part};

#[test]
fn the_same_document_gives_the_same_bytes_on_any_thread() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let first = render(&doc).unwrap();
    let again = render(&doc).unwrap();
    let elsewhere = std::thread::scope(|s| {
        let a = s.spawn(|| render(&doc).unwrap());
        let b = s.spawn(|| render(&doc).unwrap());
        [a.join().unwrap(), b.join().unwrap()]
    });
    assert_eq!(first, again);
    assert_eq!(elsewhere, [first.clone(), first]);
}

#[test]
fn the_parts_are_those_word_expects_in_a_fixed_order() {
    let docx = render(&baocao_plugin_api::fixture::hanoi_2024()).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/core.xml",
            "word/document.xml",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/numbering.xml",
            "word/settings.xml",
            "word/header1.xml",
            "word/header2.xml",
        ]
    );
    // No comments part unless asked for.
    assert!(!part(&docx, "[Content_Types].xml").contains("comments"));
}

#[test]
fn the_page_is_a4_with_the_decree_margins_and_numbers_from_page_2() {
    let body = part(
        &render(&baocao_plugin_api::fixture::hanoi_2024()).unwrap(),
        "word/document.xml",
    );
    assert!(body.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(
        body.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\"")
    );
    assert!(body.contains("<w:titlePg/>"));
    assert!(body.contains("w:type=\"first\""));
}

#[test]
fn a_reference_document_gives_its_styles_and_keeps_the_missing_ones() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    // A reference made from baocao's own output, with Normal in Arial.
    let ours = render(&doc).unwrap();
    let styles = part(&ours, "word/styles.xml").replace(
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>",
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:rPr><w:color w:val=\"1F3864\"/></w:rPr>",
    );
    // Drop the caption style, as a reference made from any Word file lacks it.
    let start = styles
        .find("<w:style w:type=\"paragraph\" w:styleId=\"Caption\"")
        .unwrap();
    let end = start + styles[start..].find("</w:style>").unwrap() + "</w:style>".len();
    let styles = format!("{}{}", &styles[..start], &styles[end..]);
    let reference = {
        use std::io::Write as _;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("word/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(styles.as_bytes()).unwrap();
        zip.finish().unwrap().into_inner()
    };
    let options = Options {
        reference: Some(Reference::from_docx(&reference).unwrap()),
        ..Options::default()
    };
    let docx = render_with(&doc, &options).unwrap();
    let used = part(&docx, "word/styles.xml");
    assert!(used.contains("1F3864"), "the reference's Normal");
    assert_eq!(
        used.matches("w:styleId=\"Caption\"").count(),
        1,
        "baocao's caption, once"
    );
    let err = Reference::from_docx(b"PK not a zip").unwrap_err();
    assert!(err.contains("not a Word .docx"), "{err}");
}

#[test]
fn the_loaded_plugin_and_the_library_give_the_same_bytes() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let json = serde_json::to_vec(&doc).unwrap();
    let exe = std::env::current_exe().unwrap();
    let plugins = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
    let plugin = plugins.get("docx").unwrap_or_else(|| {
        panic!(
            "the docx plugin is not built next to {}: run `cargo test --workspace`",
            exe.display()
        )
    });
    assert_eq!(plugin.render(&json, b"").unwrap(), render(&doc).unwrap());
    let bad = plugin.render(&json, br#"{"size": 12}"#).unwrap_err();
    assert!(bad.to_string().contains("13 or 14"), "{bad}");
}

/// The package's parts, by name.
fn names(docx: &[u8]) -> Vec<String> {
    let zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    zip.file_names().map(|n| n.unwrap().into_owned()).collect()
}

#[test]
fn charts_are_word_charts_with_the_reports_figures() {
    let docx = render(&baocao_plugin_api::fixture::every_kind()).unwrap();
    let parts = names(&docx);
    for n in 1..=3 {
        let chart = format!("word/charts/chart{n}.xml");
        assert!(parts.contains(&chart), "{parts:?}");
        // Declared, related, placed: Word refuses a chart missing any.
        assert!(part(&docx, "[Content_Types].xml").contains(&format!(
            "<Override PartName=\"/{chart}\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"
        )));
        assert!(part(&docx, "word/_rels/document.xml.rels").contains(&format!(
            "Id=\"rIdChart{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart\" Target=\"charts/chart{n}.xml\""
        )));
        assert!(part(&docx, "word/document.xml").contains(&format!("r:id=\"rIdChart{n}\"")));
    }
    assert!(!parts.iter().any(|n| n.ends_with(".png")));
    // Each chart's workbook, for Word's "Edit Data": declared, related
    // from the chart, named where the chart's part says.
    assert!(part(&docx, "[Content_Types].xml").contains(
        "<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>"
    ));
    for n in 1..=3 {
        let chart = part(&docx, &format!("word/charts/chart{n}.xml"));
        assert!(chart.contains("<c:externalData r:id=\"rIdWorkbook\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>"));
        let rels = part(&docx, &format!("word/charts/_rels/chart{n}.xml.rels"));
        assert!(rels.contains(&format!(
            "Id=\"rIdWorkbook\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../embeddings/Microsoft_Excel_Worksheet{n}.xlsx\""
        )));
        let workbook = bytes(
            &docx,
            &format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
        );
        assert_eq!(
            names(&workbook),
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml"
            ]
        );
        assert!(
            part(&workbook, "xl/workbook.xml")
                .contains("<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/>")
        );
    }
    // The sheet holds what the formulas point at: exact values (the
    // contribution that fell is -0.2778, its label -0,28), a gap an
    // empty cell (the IIP's third quarter).
    let workbook = bytes(&docx, "word/embeddings/Microsoft_Excel_Worksheet1.xlsx");
    let sheet = part(&workbook, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<c r=\"B5\"><v>-0.2778</v></c>"), "{sheet}");
    let columns = part(&docx, "word/charts/chart1.xml");
    assert!(columns.contains("<c:f>Sheet1!$B$2:$B$6</c:f>"));
    assert!(columns.contains("<c:f>Sheet1!$A$2:$A$6</c:f>"));
    let workbook = bytes(&docx, "word/embeddings/Microsoft_Excel_Worksheet2.xlsx");
    let sheet = part(&workbook, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><t>Quý III</t></is></c><c r=\"B4\">"
        ),
        "{sheet}"
    );
    assert!(!sheet.contains("r=\"C4\""), "{sheet}");
    assert!(sheet.contains("<c r=\"C5\"><v>7.1</v></c>"), "{sheet}");
    // The contributions: columns, each labelled with the report's text
    // (not a number Word would format in the reader's locale), the one
    // that fell red, the whole dark and bold, the exact values behind.
    let columns = part(&docx, "word/charts/chart1.xml");
    assert!(columns.contains("<c:barDir val=\"col\"/>"));
    for label in ["4,12", "3,05", "0,59", "-0,28"] {
        assert!(columns.contains(&format!("<a:t>{label}</a:t>")), "{label}");
    }
    assert!(columns.contains("b=\"1\"/><a:t>7,48</a:t>"));
    assert!(columns.contains("<c:dPt><c:idx val=\"3\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"C0504D\"/>"));
    assert!(columns.contains("<c:dPt><c:idx val=\"4\"/><c:invertIfNegative val=\"0\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"1F3B57\"/>"));
    assert!(columns.contains("<c:pt idx=\"3\"><c:v>-0.2778</c:v></c:pt>"));
    // The axis of the HTML drawing: round steps from -2 to 10, the unit
    // as its title.
    assert!(columns.contains("<c:max val=\"10\"/><c:min val=\"-2\"/>"));
    assert!(columns.contains("<c:majorUnit val=\"2\"/>"));
    assert!(columns.contains("<a:t>điểm %</a:t>"));
    // The quarters: two lines, the IIP's third quarter left out (a gap),
    // a legend as there are two series.
    let line = part(&docx, "word/charts/chart2.xml");
    assert_eq!(line.matches("<c:ser>").count(), 2);
    assert!(line.contains("<c:dispBlanksAs val=\"gap\"/>"));
    assert!(line.contains("<c:legend>"));
    let iip = &line[line.rfind("<c:ser>").unwrap()..];
    assert!(
        iip.contains("<c:pt idx=\"1\"><c:v>5.7</c:v></c:pt><c:pt idx=\"3\"><c:v>7.1</c:v></c:pt>")
    );
    // The top items: horizontal bars, the first at the top.
    let bars = part(&docx, "word/charts/chart3.xml");
    assert!(bars.contains("<c:barDir val=\"bar\"/>"));
    assert!(bars.contains("<c:orientation val=\"maxMin\"/>"));
    // Under each, "Hình N." numbered by a SEQ field, and the title.
    let body = part(&docx, "word/document.xml");
    assert!(body.contains("<w:t xml:space=\"preserve\">Hình </w:t>"));
    assert!(body.contains(" SEQ Figure \\* ARABIC "));
    assert_eq!(body.matches("w:val=\"FigureCaption\"").count(), 3);
    // Every part is well-formed XML.
    for name in parts.iter().filter(|n| n.ends_with(".xml")) {
        let xml = part(&docx, name);
        let mut reader = quick_xml::Reader::from_str(&xml);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name}: {e}"),
            }
        }
    }
}
