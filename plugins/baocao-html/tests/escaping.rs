//! Text from data and notes shows as text, in content and in attributes.

use baocao_plugin_api::{Align, Block, Document, Inline, Meta, Signature, Table};
use proptest::prelude::*;

const SCRIPT: &str = "<script>alert(\"x\" & 'y')</script>";
const ESCAPED: &str = "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;";

fn render(doc: &Document<'_>) -> String {
    baocao_html::render(doc)
}

/// Hands out texts in turn, starting again at the end.
struct Texts<'t> {
    texts: &'t [&'t str],
    next: usize,
}

impl Texts<'_> {
    fn take(&mut self) -> std::borrow::Cow<'static, str> {
        let text = self.texts[self.next % self.texts.len()];
        self.next += 1;
        text.to_owned().into()
    }

    /// A text run and a figure whose exact value and provenance are texts too.
    fn inlines(&mut self) -> Vec<Inline<'static>> {
        vec![
            Inline::text(self.take()),
            Inline::figure(self.take(), self.take(), self.take()),
        ]
    }
}

/// A document with `texts` (cycled) in every place the exporter writes text.
fn everywhere(texts: &[&str]) -> Document<'static> {
    let mut t = Texts { texts, next: 0 };
    let mut blocks = Vec::new();
    for level in 1..=3 {
        blocks.push(Block::Heading {
            level,
            number: t.take(),
            content: t.inlines(),
        });
        blocks.push(Block::Paragraph {
            content: t.inlines(),
        });
    }
    blocks.push(Block::List {
        style: Default::default(),
        items: vec![t.inlines(), t.inlines()],
    });
    blocks.push(Block::Table(Table {
        header_groups: Vec::new(),
        unit: "".into(),
        caption: t.take(),
        header: vec![t.take(), t.take(), t.take()],
        align: vec![Align::Left, Align::Center, Align::Right],
        rows: vec![vec![t.inlines(), t.inlines(), t.inlines()]],
        note: t.take(),
    }));
    Document {
        language: "vi".into(),
        meta: Meta {
            authority: t.take(),
            department: t.take(),
            number: t.take(),
            nation: t.take(),
            motto: t.take(),
            place_date: t.take(),
            title: t.take(),
            subject: t.take(),
            source: t.take(),
            signature: Signature {
                titles: vec![t.take(), t.take()],
                name: t.take(),
            },
            recipients_label: t.take(),
            recipients: vec![t.take(), t.take()],
        },
        blocks,
    }
}

#[test]
fn script_in_a_paragraph_is_text() {
    let doc = Document {
        blocks: vec![Block::Paragraph {
            content: vec![Inline::text(SCRIPT)],
        }],
        ..Document::default()
    };
    let html = render(&doc);
    assert!(html.contains(&format!("<p>{ESCAPED}</p>")), "{html}");
    assert!(!html.contains("<script"));
}

#[test]
fn script_in_a_table_is_text() {
    let doc = Document {
        blocks: vec![Block::Table(Table {
            header_groups: Vec::new(),
            unit: "".into(),
            caption: SCRIPT.into(),
            header: vec![SCRIPT.into(), "%".into()],
            align: vec![Align::Left, Align::Right],
            rows: vec![vec![vec![Inline::text(SCRIPT)], vec![Inline::text(SCRIPT)]]],
            note: SCRIPT.into(),
        })],
        ..Document::default()
    };
    let html = render(&doc);
    assert!(
        html.contains(&format!("<caption>{ESCAPED}</caption>")),
        "{html}"
    );
    assert!(
        // The parenthesised part is short enough to be kept on one line.
        html.contains(
            "<th scope=\"col\">&lt;script&gt;alert<span class=\"nowrap\">(&quot;x&quot; &amp; &#39;y&#39;)</span>&lt;/script&gt;</th>"
        ),
        "{html}"
    );
    assert!(
        html.contains(&format!("<th scope=\"row\">{ESCAPED}</th>")),
        "{html}"
    );
    assert!(
        html.contains(&format!("<td class=\"num\">{ESCAPED}</td>")),
        "{html}"
    );
    assert!(
        html.contains(&format!("<p class=\"table-note\">{ESCAPED}</p>")),
        "{html}"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn script_in_a_figure_s_attributes_is_text() {
    let doc = Document {
        blocks: vec![Block::Paragraph {
            content: vec![Inline::figure(SCRIPT, SCRIPT, SCRIPT)],
        }],
        ..Document::default()
    };
    let html = render(&doc);
    assert!(
        html.contains(&format!(
            "<span class=\"fig\" title=\"{ESCAPED}\" data-exact=\"{ESCAPED}\">{ESCAPED}</span>"
        )),
        "{html}"
    );
    assert!(!html.contains("<script"));
}

#[test]
fn script_in_the_meta_is_text() {
    let doc = everywhere(&[SCRIPT]);
    let html = render(&doc);
    assert!(!html.contains("<script"));
    assert!(
        html.contains(&format!("<title>{ESCAPED} – {ESCAPED}</title>")),
        "{html}"
    );
    assert!(
        html.contains(&format!("<p class=\"authority\">{ESCAPED}</p>")),
        "{html}"
    );
    assert!(html.contains(&format!("<li>{ESCAPED}</li>")), "{html}");
}

#[test]
fn a_bad_language_tag_falls_back_to_vietnamese() {
    let doc = Document {
        language: "en\"><script>".into(),
        ..Document::default()
    };
    assert!(render(&doc).starts_with("<!DOCTYPE html>\n<html lang=\"vi\">\n"));
}

#[test]
fn forbidden_code_points_become_replacement_characters() {
    let doc = everywhere(&["a\u{0}b\u{1b}c\u{FFFF}d"]);
    let html = render(&doc);
    assert!(!html.contains('\u{0}') && !html.contains('\u{1b}') && !html.contains('\u{FFFF}'));
    assert!(html.contains("<p class=\"authority\">a\u{FFFD}b\u{FFFD}c\u{FFFD}d</p>"));
}

/// The names of the tags in `html`, in order; text never contains `<`.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|s| {
            let end = s
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(s.len());
            &s[..end]
        })
        .collect()
}

/// The text between the tags, with the five references decoded.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    for piece in html.split('<').skip(1) {
        text.push_str(&piece[piece.find('>').unwrap() + 1..]);
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Mostly characters that mean something to HTML, and now and then any
/// character at all.
fn text() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select("<>&\"'=/;#x!- ăĐ\n".chars().collect::<Vec<_>>());
    prop::collection::vec(prop_oneof![9 => interesting, 1 => any::<char>()], 0..16)
        .prop_map(|chars| format!("x{}", String::from_iter(chars)))
}

/// What a reader sees of `text`: forbidden code points are replaced.
fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            let forbidden = (c.is_control() && !matches!(c, '\t' | '\n' | '\u{C}' | '\r'))
                || ('\u{FDD0}'..='\u{FDEF}').contains(&c)
                || u32::from(c) & 0xFFFE == 0xFFFE;
            if forbidden { '\u{FFFD}' } else { c }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No text can add, remove or change a tag.
    #[test]
    fn text_never_changes_the_markup(texts in prop::collection::vec(text(), 1..8)) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let html = render(&everywhere(&texts));
        let reference = render(&everywhere(&["x"]));
        prop_assert_eq!(tags(&html), tags(&reference));
    }

    /// A paragraph's text reads back exactly.
    #[test]
    fn paragraph_text_reads_back(text in text()) {
        let doc = Document {
            blocks: vec![Block::Paragraph { content: vec![Inline::text(text.clone())] }],
            ..Document::default()
        };
        let html = render(&doc);
        let start = html.find("<main class=\"page\">").unwrap();
        let end = html.find("</main>").unwrap();
        let read = text_of(&html[start..end]);
        let expected = shown(&text);
        prop_assert_eq!(read.trim(), expected.trim());
    }
}
