//! Text from data and notes must read back as text, whatever it contains.

use baocao_plugin_api::{Align, Block, Document, Inline, Meta, Signature, Table};
use proptest::prelude::*;

use crate::reading::{check, check_text};

/// Texts that Markdown would read as markup if they were written as is.
const NASTY: &[&str] = &[
    "*bold*",
    "**strong** and __strong__",
    "_x_ snake_case_name",
    "a | b",
    "| a | b |",
    "# not a heading",
    "#",
    "a #",
    "a \\#",
    "<script>alert(1)</script>",
    "<!-- comment -->",
    "<http://example.com> http://example.com www.example.com",
    "1. not a list",
    "2024. Năm bản lề",
    "3) not a list",
    "1.",
    "- not a list",
    "-",
    "+ not a list",
    "* not a list",
    "> not a quote",
    "back\\slash \\* \\",
    "line ends with a backslash\\",
    "\\",
    "[link](x)",
    "![image](x.png)",
    "[ref]: /url",
    "[^1] footnote",
    "[[wiki]]",
    "- [ ] task",
    "&amp; &#38; &#x26; &copy; R&D &",
    "`code` and ``code``",
    "```",
    "~~strike~~ ~one~",
    "~~~",
    "---",
    "***",
    "___",
    "===",
    "- - -",
    ":-|-",
    ": definition",
    "$x$ and $$y$$",
    "    indented code",
    "\tTab first",
    "trailing spaces  ",
    "two\nlines",
    "Term\n: definition",
    "heading\n===",
    "a\r\n- b",
    "nul \u{0} and bell \u{7}",
    "Độc lập - Tự do - Hạnh phúc",
    "Giá trị tăng thêm ước tăng 6,2% (chiếm 12,6%): tốt.",
];

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

    /// A text run and a figure, the figure's provenance a text too.
    fn inlines(&mut self) -> Vec<Inline<'static>> {
        vec![
            Inline::text(self.take()),
            Inline::figure(self.take(), "1", self.take()),
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
        items: vec![t.inlines(), t.inlines(), t.inlines()],
    });
    blocks.push(Block::List {
        style: Default::default(),
        items: vec![t.inlines()],
    });
    blocks.push(Block::Table(Table {
        header_groups: Vec::new(),
        unit: "".into(),
        caption: t.take(),
        header: vec![t.take(), t.take(), t.take()],
        align: vec![Align::Left, Align::Center, Align::Right],
        rows: vec![
            vec![t.inlines(), t.inlines(), t.inlines()],
            vec![t.inlines(), t.inlines(), t.inlines()],
        ],
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
            recipients: vec![t.take(), t.take(), t.take()],
        },
        blocks,
    }
}

/// [`everywhere`] with every text run styled in turn: bold, italic, both,
/// none; the figures stay as they are, so styled runs touch other runs.
fn styled_everywhere(texts: &[&str]) -> Document<'static> {
    let mut doc = everywhere(texts);
    let mut n = 0usize;
    let mut style = |content: &mut Vec<Inline<'static>>| {
        for inline in content.iter_mut() {
            if let Inline::Text { text } = inline {
                n += 1;
                let (bold, italic) =
                    [(true, false), (true, true), (false, true), (false, false)][n % 4];
                *inline = Inline::styled(text.clone(), bold, italic);
            }
        }
    };
    for block in &mut doc.blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content } => style(content),
            Block::List { items, .. } => items.iter_mut().for_each(&mut style),
            Block::Table(t) => t.rows.iter_mut().flatten().for_each(&mut style),
            _ => {}
        }
    }
    doc
}

#[test]
fn styled_nasty_texts_never_turn_into_markup() {
    for text in NASTY {
        check_text(&styled_everywhere(&[text]));
    }
    check_text(&styled_everywhere(NASTY));
}

#[test]
fn each_nasty_text_reads_back_everywhere() {
    for text in NASTY {
        check(&everywhere(&[text]));
    }
}

#[test]
fn nasty_texts_read_back_next_to_each_other() {
    check(&everywhere(NASTY));
    let reversed: Vec<&str> = NASTY.iter().rev().copied().collect();
    check(&everywhere(&reversed));
}

#[test]
fn nasty_texts_are_escaped_as_documented() {
    let doc = |text: &str| Document {
        blocks: vec![Block::Paragraph {
            content: vec![Inline::text(text.to_owned())],
        }],
        ..Document::default()
    };
    let cases = [
        ("*bold*", "\\*bold\\*"),
        (
            "<script>alert(1)</script>",
            "\\<script\\>alert(1)\\</script\\>",
        ),
        ("1. not a list", "1\\. not a list"),
        ("- not a list", "\\- not a list"),
        ("# not a heading", "\\# not a heading"),
        ("a | b", "a \\| b"),
        ("[link](x)", "\\[link\\](x)"),
        ("&amp; R&D", "\\&amp; R&D"),
        ("a\\b", "a\\\\b"),
    ];
    for (text, markdown) in cases {
        assert_eq!(baocao_markdown::render(&doc(text)), format!("{markdown}\n"));
    }
}

/// Mostly characters that mean something to Markdown, some Vietnamese and
/// whitespace, and now and then any character at all.
fn text() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(
        "\\*_[]<>|#`~&;-+=:.)(!$^{}\"'019ax  \t\n\răĐế%,/@"
            .chars()
            .collect::<Vec<_>>(),
    );
    prop::collection::vec(prop_oneof![9 => interesting, 1 => any::<char>()], 0..16)
        .prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_reads_back(texts in prop::collection::vec(text(), 1..12)) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        check(&everywhere(&texts));
    }

    #[test]
    fn any_styled_text_reads_back(texts in prop::collection::vec(text(), 1..12)) {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        check_text(&styled_everywhere(&texts));
    }
}
