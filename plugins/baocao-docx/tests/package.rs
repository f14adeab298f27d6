//! The package as a whole: its parts, the same bytes every time, and the
//! plugin loaded at run time writing what the library writes.

use baocao_docx::{Options, Reference, render, render_with};
use baocao_plugin_host::PluginSet;

use crate::part;

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
