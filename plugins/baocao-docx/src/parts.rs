//! The fixed parts of the package around `word/document.xml`: content
//! types, relationships, styles, numbering, settings, page headers and
//! comments.
//!
//! Everything the layout needs is a named style, so that a department can
//! restyle its reports in Word (a reference document, see `reference.rs`);
//! the document body refers to these ids only. Built-in Word names are used
//! where Word has one ("heading 1", "Title", "caption"), so the styles show
//! up where a clerk expects them in Word's style gallery.

use std::fmt::Write as _;

use crate::xml::{Xml, escaped};

/// The WordprocessingML namespace, declared on every part's root.
pub(crate) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace.
pub(crate) const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What every part starts with.
pub(crate) const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// A relationships part (`…/_rels/*.rels`): each `(id, type, target)` in
/// order, a type under [`R`] written as its last segment (`"styles"`) and
/// any other as the whole URI.
pub(crate) fn relationships(rels: &[(&str, &str, &str)]) -> String {
    let mut x = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for (id, kind, target) in rels {
        let kind = if kind.contains(':') {
            (*kind).to_owned()
        } else {
            format!("{R}/{kind}")
        };
        let _ = write!(
            x,
            "<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>"
        );
    }
    x.push_str("</Relationships>");
    x
}

/// What the styles are made of: the resolved font, sizes and spacing.
#[derive(Debug, Clone)]
pub(crate) struct Look {
    /// Font name.
    pub(crate) font: String,
    /// Body size in half-points (28 = 14 pt).
    pub(crate) size: u32,
    /// Body line spacing in 240ths of a line.
    pub(crate) line: u32,
    /// The document's language for spelling (`vi-VN`, `en-US`).
    pub(crate) lang: &'static str,
}

/// `[Content_Types].xml`.
pub(crate) fn content_types(comments: bool, charts: usize) -> String {
    let mut x = String::from(XML_DECL);
    x.push_str("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    x.push_str("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>");
    x.push_str("<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
    if charts > 0 {
        // the charts' workbooks (`word/embeddings/`)
        x.push_str("<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>");
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    for (part, kind) in [
        ("/word/document.xml", "document.main+xml"),
        ("/word/styles.xml", "styles+xml"),
        ("/word/numbering.xml", "numbering+xml"),
        ("/word/settings.xml", "settings+xml"),
        ("/word/header1.xml", "header+xml"),
        ("/word/header2.xml", "header+xml"),
    ] {
        x.push_str(&format!(
            "<Override PartName=\"{part}\" ContentType=\"{wml}.{kind}\"/>"
        ));
    }
    if comments {
        x.push_str(&format!(
            "<Override PartName=\"/word/comments.xml\" ContentType=\"{wml}.comments+xml\"/>"
        ));
    }
    for i in 0..charts {
        x.push_str(&format!(
            "<Override PartName=\"/{}\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>",
            chart_part(i)
        ));
    }
    x.push_str("<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>");
    x.push_str("</Types>");
    x
}

/// `_rels/.rels`: where the document and its properties are.
pub(crate) fn package_rels() -> String {
    relationships(&[
        ("rId1", "officeDocument", "word/document.xml"),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
    ])
}

/// The relationship ids `document.xml` uses for the page headers.
pub(crate) const HEADER_REL: &str = "rIdHeader";
/// The empty header of the first page.
pub(crate) const FIRST_HEADER_REL: &str = "rIdFirstHeader";

/// The relationship id of the `i`th chart (from 0) in `document.xml`.
pub(crate) fn chart_rel(i: usize) -> String {
    format!("rIdChart{}", i + 1)
}

/// The package part of the `i`th chart (from 0).
pub(crate) fn chart_part(i: usize) -> String {
    format!("word/charts/chart{}.xml", i + 1)
}

/// The relationships of the `i`th chart's part (from 0): its workbook.
pub(crate) fn chart_rels_part(i: usize) -> String {
    format!("word/charts/_rels/chart{}.xml.rels", i + 1)
}

/// The `i`th chart's workbook (from 0), named as Word names them.
pub(crate) fn workbook_part(i: usize) -> String {
    format!("word/embeddings/Microsoft_Excel_Worksheet{}.xlsx", i + 1)
}

/// The `i`th chart's relationships: its embedded workbook, which Word's
/// "Edit Data" opens.
pub(crate) fn chart_rels(i: usize) -> String {
    let workbook = workbook_part(i).replace("word/", "../");
    relationships(&[(crate::chart::WORKBOOK_REL, "package", &workbook)])
}

/// `word/_rels/document.xml.rels`, with `charts` charts.
pub(crate) fn document_rels(comments: bool, charts: usize) -> String {
    let charts: Vec<(String, String)> = (0..charts)
        .map(|i| {
            let part = chart_part(i);
            (chart_rel(i), part.trim_start_matches("word/").to_owned())
        })
        .collect();
    let mut rels = vec![
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdNumbering", "numbering", "numbering.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        (HEADER_REL, "header", "header1.xml"),
        (FIRST_HEADER_REL, "header", "header2.xml"),
    ];
    if comments {
        rels.push(("rIdComments", "comments", "comments.xml"));
    }
    rels.extend(
        charts
            .iter()
            .map(|(id, target)| (id.as_str(), "chart", target.as_str())),
    );
    relationships(&rels)
}

/// `docProps/core.xml`: title, subject, author and language; no dates, so
/// the same report gives the same bytes.
pub(crate) fn core_properties(title: &str, subject: &str, creator: &str, language: &str) -> String {
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><dc:language>{}</dc:language>\
</cp:coreProperties>",
        escaped(title),
        escaped(subject),
        escaped(creator),
        escaped(language)
    )
}

/// `word/settings.xml`: Word 2013+ layout rules, and a tab stop of
/// 1,27 cm.
pub(crate) fn settings() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/>\
<w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
</w:settings>"
    )
}

/// `word/header1.xml` (the page number, centred, from page 2) and
/// `word/header2.xml` (the first page's, empty: Nghị định 30 prints no
/// number on page 1).
pub(crate) fn headers() -> (String, String) {
    let numbered = format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>\
<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    );
    let first = format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>"
    );
    (numbered, first)
}

/// `word/comments.xml`: one comment per figure, each one paragraph.
pub(crate) fn comments(texts: &[String]) -> String {
    let mut x = Xml::default();
    x.raw(XML_DECL);
    x.rawf(format_args!("<w:comments xmlns:w=\"{W}\">"));
    for (id, text) in texts.iter().enumerate() {
        x.rawf(format_args!(
            "<w:comment w:id=\"{id}\" w:author=\"baocao\" w:initials=\"BC\"><w:p>\
<w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>\
<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r><w:r><w:t xml:space=\"preserve\">"
        ));
        x.text(text);
        x.raw("</w:t></w:r></w:p></w:comment>");
    }
    x.raw("</w:comments>");
    x.out
}

/// The kinds of list, each an abstract numbering; a list block of a
/// numbered kind gets its own instance, restarting at 1.
pub(crate) const BULLET_NUM: u32 = 1;

/// `word/numbering.xml`: the abstract lists (0 bullet "-", 1 "a)", 2 "1.")
/// and their instances. `instances[i]` is the abstract list of number id
/// `i + 2` (id 1 is every bulleted list).
pub(crate) fn numbering(instances: &[u32], look: &Look) -> String {
    let mut x = Xml::default();
    x.raw(XML_DECL);
    x.rawf(format_args!("<w:numbering xmlns:w=\"{W}\">"));
    // The marker sits where a paragraph's first line starts (1,27 cm), the
    // text follows after a space and wraps back to the margin: how
    // Vietnamese reports set "- …" and "a) …" items.
    for (id, format, text) in [
        (0, "bullet", "-"),
        (1, "lowerLetter", "%1)"),
        (2, "decimal", "%1."),
    ] {
        x.rawf(format_args!(
            "<w:abstractNum w:abstractNumId=\"{id}\"><w:multiLevelType w:val=\"singleLevel\"/>\
<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{format}\"/><w:suff w:val=\"space\"/>\
<w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/>\
<w:pPr><w:ind w:left=\"0\" w:firstLine=\"720\"/></w:pPr>\
<w:rPr><w:rFonts w:ascii=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/></w:rPr></w:lvl></w:abstractNum>",
            f = escaped(&look.font)
        ));
    }
    x.rawf(format_args!(
        "<w:num w:numId=\"{BULLET_NUM}\"><w:abstractNumId w:val=\"0\"/></w:num>"
    ));
    for (i, abstract_id) in instances.iter().enumerate() {
        x.rawf(format_args!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{abstract_id}\"/>\
<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>",
            i + 2
        ));
    }
    x.raw("</w:numbering>");
    x.out
}

/// One style of `styles.xml`: its id and its XML.
pub(crate) type Style = (&'static str, String);

/// baocao's styles. `look` sets the font, sizes and spacing.
pub(crate) fn styles(look: &Look) -> Vec<Style> {
    let s = look.size;
    let small = s.saturating_sub(2); // 13 pt under 14, 12 under 13
    let line = look.line;
    let para = |id: &'static str,
                name: &str,
                based: &str,
                ppr: &str,
                rpr: &str,
                extra: &str|
     -> Style {
        (
            id,
            format!(
                "<w:style w:type=\"paragraph\"{default} w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>{based}{extra}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>",
                default = if id == "Normal" {
                    " w:default=\"1\""
                } else {
                    ""
                },
                based = if based.is_empty() {
                    String::new()
                } else {
                    format!("<w:basedOn w:val=\"{based}\"/>")
                },
            ),
        )
    };
    let plain = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/>";
    vec![
        para(
            "Normal",
            "Normal",
            "",
            &format!("<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"{line}\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"720\"/><w:jc w:val=\"both\"/>"),
            "",
            "",
        ),
        para("Heading1", "heading 1", "Normal", "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"0\"/>", "<w:b/><w:bCs/>", "<w:next w:val=\"Normal\"/>"),
        para("Heading2", "heading 2", "Normal", "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\"/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"1\"/>", "<w:b/><w:bCs/>", "<w:next w:val=\"Normal\"/>"),
        para("Heading3", "heading 3", "Normal", "<w:keepNext/><w:keepLines/><w:jc w:val=\"left\"/><w:outlineLvl w:val=\"2\"/>", "<w:b/><w:bCs/><w:i/><w:iCs/>", "<w:next w:val=\"Normal\"/>"),
        para("Title", "Title", "Normal", "<w:keepNext/><w:spacing w:before=\"360\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>", "<w:next w:val=\"Subtitle\"/>"),
        para("Subtitle", "Subtitle", "Normal", "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>", ""),
        para("Letterhead", "Baocao Letterhead", "Normal", &format!("{plain}<w:jc w:val=\"center\"/>"), &format!("<w:sz w:val=\"{small}\"/><w:szCs w:val=\"{small}\"/>"), ""),
        para("Rule", "Baocao Rule", "Normal", "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"60\" w:lineRule=\"exact\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", "<w:sz w:val=\"4\"/><w:szCs w:val=\"4\"/>", ""),
        para("ListParagraph", "List Paragraph", "Normal", "", "", ""),
        para("Caption", "caption", "Normal", "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"60\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>", ""),
        para("Figure", "Baocao Figure", "Normal", "<w:keepNext/><w:keepLines/><w:spacing w:before=\"120\" w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>", "", ""),
        para("FigureCaption", "Baocao Figure Caption", "Caption", "<w:keepNext w:val=\"0\"/><w:spacing w:before=\"60\" w:after=\"120\"/>", "<w:b w:val=\"0\"/><w:bCs w:val=\"0\"/>", ""),
        para("TableUnit", "Baocao Table Unit", "Normal", "<w:keepNext/><w:spacing w:before=\"0\" w:after=\"0\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"right\"/>", &format!("<w:i/><w:iCs/><w:sz w:val=\"{small}\"/><w:szCs w:val=\"{small}\"/>"), ""),
        para("TableText", "Baocao Table Text", "Normal", &format!("{plain}<w:jc w:val=\"left\"/>"), &format!("<w:sz w:val=\"{small}\"/><w:szCs w:val=\"{small}\"/>"), ""),
        para("TableRowHeading", "Baocao Table Row Heading", "TableText", "", "", ""),
        para("TableHeading", "Baocao Table Heading", "TableText", "<w:keepNext/><w:jc w:val=\"center\"/>", "<w:b/><w:bCs/>", ""),
        para("TableNote", "Baocao Table Note", "Normal", "<w:spacing w:before=\"60\" w:after=\"120\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"left\"/>", &format!("<w:i/><w:iCs/><w:sz w:val=\"{}\"/><w:szCs w:val=\"{}\"/>", small.saturating_sub(2), small.saturating_sub(2)), ""),
        para("FigureNote", "Baocao Figure Note", "TableNote", "<w:spacing w:before=\"0\" w:after=\"120\"/><w:jc w:val=\"center\"/>", "", ""),
        para("Source", "Baocao Source", "Normal", "<w:spacing w:before=\"120\"/>", "<w:i/><w:iCs/>", ""),
        para("RecipientsLabel", "Baocao Recipients Label", "Normal", &format!("{plain}<w:jc w:val=\"left\"/>"), "<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>", ""),
        para("Recipients", "Baocao Recipients", "Normal", &format!("{plain}<w:jc w:val=\"left\"/>"), "<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>", ""),
        para("Signature", "Baocao Signature", "Normal", &format!("{plain}<w:jc w:val=\"center\"/>"), "<w:b/><w:bCs/>", ""),
        para("Header", "header", "Normal", &format!("{plain}<w:jc w:val=\"center\"/>"), "", ""),
        para("CommentText", "annotation text", "Normal", &format!("{plain}<w:jc w:val=\"left\"/>"), "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>", ""),
        (
            "CommentReference",
            "<w:style w:type=\"character\" w:styleId=\"CommentReference\"><w:name w:val=\"annotation reference\"/><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr></w:style>".to_owned(),
        ),
        (
            "TableGrid",
            "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>".to_owned(),
        ),
    ]
}

/// `word/styles.xml` from baocao's styles, or, with a department's
/// reference styles, those with baocao's added for every id they lack.
pub(crate) fn styles_part(
    look: &Look,
    ours: &[Style],
    reference: Option<&str>,
) -> Result<String, String> {
    if let Some(reference) = reference {
        return crate::reference::merge(reference, ours);
    }
    let f = escaped(&look.font);
    let mut x = format!(
        "{XML_DECL}<w:styles xmlns:w=\"{W}\"><w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"{f}\" w:eastAsia=\"{f}\" w:hAnsi=\"{f}\" w:cs=\"{f}\"/>\
<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/><w:lang w:val=\"{l}\" w:eastAsia=\"{l}\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>",
        s = look.size,
        l = look.lang
    );
    for (_, style) in ours {
        x.push_str(style);
    }
    x.push_str("</w:styles>");
    Ok(x)
}
