//! A department's reference document: its styles, baocao's layout.
//!
//! As with pandoc's `reference.docx`, only the styles of the reference are
//! used: its `word/styles.xml` (fonts, sizes, spacing, colours of every
//! style, and its document defaults) replaces baocao's, and each style id
//! baocao uses that the reference lacks is added from baocao's own, so a
//! reference made from any Word document still gives a complete report.
//! The page (A4 and the decree's margins), the letterhead and the closing
//! stay baocao's: they are the decree's, not a matter of taste.
//!
//! A clerk makes one in Word: render a report with `--format docx`, open
//! it, change the styles (Home → Styles → Modify: "Normal", "Heading 1",
//! "Caption", "Baocao Table Text" …), save it as, say, `mau.docx` in the
//! department folder and set `reference_file = "mau.docx"`.

use std::io::{Cursor, Read as _};

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::parts::Style;

/// The largest `word/styles.xml` read from a reference (Word's own are
/// under 100 KB; this bounds what a broken file can make us hold).
const MAX_STYLES: u64 = 8 * 1024 * 1024;

/// The text of `word/styles.xml` in a `.docx` given as bytes.
pub(crate) fn styles_of(docx: &[u8]) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| {
        format!("the reference document is not a Word .docx file (a zip archive): {e}")
    })?;
    let file = zip.by_name("word/styles.xml").map_err(|_| {
        "the reference document has no styles (word/styles.xml); save it from Word as a .docx"
            .to_owned()
    })?;
    let mut text = String::new();
    file.take(MAX_STYLES)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read the reference document's styles: {e}"))?;
    Ok(text)
}

/// The reference's styles with every one of `ours` whose id it lacks.
pub(crate) fn merge(reference: &str, ours: &[Style]) -> Result<String, String> {
    let ids = style_ids(reference)?;
    let end = reference
        .rfind("</w:styles>")
        .ok_or("the reference document's styles do not end with </w:styles>")?;
    let mut out = String::with_capacity(reference.len() + 4096);
    out.push_str(&reference[..end]);
    for (id, style) in ours {
        if !ids.iter().any(|i| i == id) {
            out.push_str(style);
        }
    }
    out.push_str(&reference[end..]);
    Ok(out)
}

/// The `w:styleId` of every `w:style` element.
fn style_ids(styles: &str) -> Result<Vec<String>, String> {
    let mut reader = Reader::from_str(styles);
    let mut ids = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == "w:style" => {
                for attr in e.attributes().flatten() {
                    if attr.key.as_ref() == "w:styleId" {
                        ids.push(attr.value.into_owned());
                    }
                }
            }
            Ok(Event::Eof) => return Ok(ids),
            Ok(_) => {}
            Err(e) => {
                return Err(format!(
                    "the reference document's styles are not well-formed XML (at byte {}): {e}",
                    reader.error_position()
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_keeps_its_styles_and_gains_the_missing_ones() {
        let reference = r#"<?xml version="1.0"?><w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:ascii="Arial"/></w:rPr></w:style></w:styles>"#;
        let ours: Vec<Style> = vec![
            (
                "Normal",
                "<w:style w:styleId=\"Normal\">OURS</w:style>".into(),
            ),
            (
                "Caption",
                "<w:style w:styleId=\"Caption\">CAPTION</w:style>".into(),
            ),
        ];
        let merged = merge(reference, &ours).unwrap();
        assert!(merged.contains("Arial") && !merged.contains("OURS"));
        assert!(merged.ends_with("<w:style w:styleId=\"Caption\">CAPTION</w:style></w:styles>"));
        assert!(merge("<w:styles><w:style", &ours).is_err());
        assert!(
            styles_of(b"not a zip")
                .unwrap_err()
                .contains("not a Word .docx")
        );
    }
}
