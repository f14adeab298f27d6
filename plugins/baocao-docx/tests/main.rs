//! The docx exporter's integration tests: the package, its determinism,
//! the plugin as loaded at run time, and snapshots of `document.xml`.

#![allow(clippy::unwrap_used, reason = "tests")]

mod package;
mod snapshots;

use std::io::{Cursor, Read as _};

/// The text of one part of a `.docx`.
pub(crate) fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// A part of the package as it is stored (an embedded workbook).
pub(crate) fn bytes(docx: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut out = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut out).unwrap();
    out
}

/// XML indented one element a line, for snapshots a person can read.
pub(crate) fn pretty(xml: &str) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    loop {
        match reader.read_event().unwrap() {
            Event::Eof => break,
            e => writer.write_event(e).unwrap(),
        }
    }
    String::from_utf8(writer.into_inner()).unwrap()
}

/// The SDK's test kit: through the real C ABI, over the report baocao
/// sends for its built-in department, a document of every kind and one of
/// kinds of a later version, the same bytes twice and on two threads.
#[test]
fn passes_the_sdk_conformance_test() {
    baocao_plugin_api::testkit::conformance::<baocao_docx::DocxExporter>();
}
