//! Decoding that keeps a plugin working when a newer baocao sends what it
//! does not know.
//!
//! Fields are only ever added with defaults, and unknown fields are ignored
//! by plain serde. Kinds are another matter: serde refuses a variant it does
//! not know, so a new kind of block would make every plugin built before it
//! fail on every report. Hence the rule for new kinds, which these decoders
//! carry out:
//!
//! - a new kind of **block** carries `fallback`, blocks of older kinds to
//!   print in its place (a chart falls back to the table of its figures);
//!   a plugin that does not know the kind prints the fallback instead, or
//!   nothing when there is none;
//! - a new kind of **inline** carries `text`, its plain text, which a plugin
//!   that does not know the kind prints as text;
//! - a new **alignment** reads as [`Align::Left`], a new **list style** as
//!   [`ListStyle::Bullet`].
//!
//! The decoders are written by hand only to look at the kind first; each
//! kind's fields are still decoded by derived code, in one pass, borrowing
//! strings from the input as before.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, EnumAccess, SeqAccess, VariantAccess, Visitor};

use super::{Align, Block, Chart, Inline, ListStyle, Table};

/// The block kinds this build knows, as written in JSON.
const BLOCK_KINDS: &[&str] = &[
    "heading",
    "paragraph",
    "list",
    "page_break",
    "chart",
    "table",
];
/// The inline kinds this build knows, as written in JSON.
const INLINE_KINDS: &[&str] = &["text", "styled", "figure"];

/// A kind as read: one of the known names, or another name.
enum Kind {
    Known(&'static str),
    Other(String),
}

/// Reads a kind's name against `known`.
struct KindSeed(&'static [&'static str]);

impl<'de> de::DeserializeSeed<'de> for KindSeed {
    type Value = Kind;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KindSeed {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the name of a kind")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Kind, E> {
        // The kinds in use are checked first, by a `match` the compiler
        // turns into a few comparisons (this runs for every block and
        // inline a plugin decodes); the list search is for completeness.
        let known = match name {
            "text" => Some("text"),
            "figure" => Some("figure"),
            "paragraph" => Some("paragraph"),
            "heading" => Some("heading"),
            "table" => Some("table"),
            "list" => Some("list"),
            "styled" => Some("styled"),
            "page_break" => Some("page_break"),
            "chart" => Some("chart"),
            _ => None,
        };
        Ok(match known.filter(|k| self.0.contains(k)) {
            Some(k) => Kind::Known(k),
            None => Kind::Other(name.to_owned()),
        })
    }
}

#[derive(Deserialize)]
struct HeadingFields<'a> {
    level: u8,
    #[serde(borrow, default)]
    number: Cow<'a, str>,
    #[serde(borrow, default)]
    content: Vec<Inline<'a>>,
}

#[derive(Deserialize)]
struct ParagraphFields<'a> {
    #[serde(borrow, default)]
    content: Vec<Inline<'a>>,
}

#[derive(Deserialize)]
struct ListFields<'a> {
    #[serde(borrow, default)]
    items: Vec<Vec<Inline<'a>>>,
    #[serde(default)]
    style: ListStyle,
}

/// A page break has no fields; any a newer version adds are ignored.
#[derive(Deserialize)]
struct PageBreakFields {}

/// A block of a kind this build does not know: only its fallback is read.
#[derive(Deserialize)]
struct OtherBlockFields<'a> {
    #[serde(borrow, default, deserialize_with = "blocks")]
    fallback: Vec<Block<'a>>,
}

#[derive(Deserialize)]
struct TextFields<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
}

#[derive(Deserialize)]
struct FigureFields<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(borrow, default)]
    exact: Cow<'a, str>,
    #[serde(borrow, default)]
    provenance: Cow<'a, str>,
    #[serde(borrow, default)]
    source: Option<Box<crate::document::Source<'a>>>,
}

#[derive(Deserialize)]
struct StyledFields<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default)]
    bold: bool,
    #[serde(default)]
    italic: bool,
}

/// An inline of a kind this build does not know: only its text is read.
#[derive(Deserialize)]
struct OtherInlineFields<'a> {
    #[serde(borrow, default)]
    text: Cow<'a, str>,
}

/// One element of a list of blocks as read: a block, or what stands in
/// for a block of an unknown kind (its name, for messages, and fallback).
enum ReadBlock<'a> {
    Known(Block<'a>),
    Other(String, Vec<Block<'a>>),
}

impl<'de: 'a, 'a> Deserialize<'de> for ReadBlock<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<Block<'a>>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = ReadBlock<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a block: an object with one key, its kind")
            }

            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
                let (kind, fields) = data.variant_seed(KindSeed(BLOCK_KINDS))?;
                Ok(match kind {
                    Kind::Known("heading") => {
                        let f: HeadingFields<'a> = fields.newtype_variant()?;
                        ReadBlock::Known(Block::Heading {
                            level: f.level,
                            number: f.number,
                            content: f.content,
                        })
                    }
                    Kind::Known("paragraph") => {
                        let f: ParagraphFields<'a> = fields.newtype_variant()?;
                        ReadBlock::Known(Block::Paragraph { content: f.content })
                    }
                    Kind::Known("list") => {
                        let f: ListFields<'a> = fields.newtype_variant()?;
                        ReadBlock::Known(Block::List {
                            items: f.items,
                            style: f.style,
                        })
                    }
                    Kind::Known("page_break") => {
                        let PageBreakFields {} = fields.newtype_variant()?;
                        ReadBlock::Known(Block::PageBreak {})
                    }
                    Kind::Known("chart") => {
                        ReadBlock::Known(Block::Chart(fields.newtype_variant::<Chart<'a>>()?))
                    }
                    // "table", the last of BLOCK_KINDS.
                    Kind::Known(_) => {
                        ReadBlock::Known(Block::Table(fields.newtype_variant::<Table<'a>>()?))
                    }
                    Kind::Other(name) => {
                        let f: OtherBlockFields<'a> = fields.newtype_variant()?;
                        ReadBlock::Other(name, f.fallback)
                    }
                })
            }
        }

        d.deserialize_enum("Block", BLOCK_KINDS, V(PhantomData))
    }
}

/// A list of blocks, each block of an unknown kind replaced by its
/// fallback.
pub(crate) fn blocks<'de: 'a, 'a, D: Deserializer<'de>>(d: D) -> Result<Vec<Block<'a>>, D::Error> {
    struct V<'a>(PhantomData<Block<'a>>);

    impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
        type Value = Vec<Block<'a>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a list of blocks")
        }

        fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
            while let Some(block) = seq.next_element::<ReadBlock<'a>>()? {
                match block {
                    ReadBlock::Known(b) => out.push(b),
                    ReadBlock::Other(_, fallback) => out.extend(fallback),
                }
            }
            Ok(out)
        }
    }

    d.deserialize_seq(V(PhantomData))
}

/// One block alone. A block of an unknown kind can stand for its fallback
/// only when that is exactly one block; in a list (the document's body)
/// any fallback is read.
impl<'de: 'a, 'a> Deserialize<'de> for Block<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match ReadBlock::deserialize(d)? {
            ReadBlock::Known(b) => Ok(b),
            ReadBlock::Other(_, fallback) if fallback.len() == 1 => {
                Ok(fallback.into_iter().next().expect("one block"))
            }
            ReadBlock::Other(name, fallback) => Err(de::Error::custom(format_args!(
                "a block of kind `{name}`, which this version does not know, has {} fallback blocks where one block is expected",
                fallback.len()
            ))),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Inline<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(PhantomData<Inline<'a>>);

        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Inline<'a>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an inline: an object with one key, its kind")
            }

            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
                let (kind, fields) = data.variant_seed(KindSeed(INLINE_KINDS))?;
                Ok(match kind {
                    Kind::Known("text") => {
                        let f: TextFields<'a> = fields.newtype_variant()?;
                        Inline::Text { text: f.text }
                    }
                    Kind::Known("styled") => {
                        let f: StyledFields<'a> = fields.newtype_variant()?;
                        Inline::Styled {
                            text: f.text,
                            bold: f.bold,
                            italic: f.italic,
                        }
                    }
                    // "figure", the last of INLINE_KINDS.
                    Kind::Known(_) => {
                        let f: FigureFields<'a> = fields.newtype_variant()?;
                        Inline::Figure {
                            text: f.text,
                            exact: f.exact,
                            provenance: f.provenance,
                            source: f.source,
                        }
                    }
                    Kind::Other(_) => {
                        let f: OtherInlineFields<'a> = fields.newtype_variant()?;
                        Inline::Text { text: f.text }
                    }
                })
            }
        }

        d.deserialize_enum("Inline", INLINE_KINDS, V(PhantomData))
    }
}

impl<'de> Deserialize<'de> for Align {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;

        impl Visitor<'_> for V {
            type Value = Align;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an alignment")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<Align, E> {
                Ok(match s {
                    "center" => Align::Center,
                    "right" => Align::Right,
                    // "left", and any alignment of a newer version.
                    _ => Align::Left,
                })
            }
        }

        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for ListStyle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;

        impl Visitor<'_> for V {
            type Value = ListStyle;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list style")
            }

            fn visit_str<E: de::Error>(self, s: &str) -> Result<ListStyle, E> {
                Ok(match s {
                    "letter" => ListStyle::Letter,
                    "number" => ListStyle::Number,
                    // "bullet", and any style of a newer version.
                    _ => ListStyle::Bullet,
                })
            }
        }

        d.deserialize_str(V)
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Align, Block, Document, HeaderGroup, Inline, ListStyle, Table};

    fn doc(json: &str) -> Document<'_> {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_block_of_a_newer_kind_is_read_as_its_fallback() {
        let d = doc(r#"{"blocks": [
            {"paragraph": {"content": [{"text": {"text": "Trước."}}]}},
            {"timeline": {"kind": "gantt", "series": [1, 2], "fallback": [
                {"paragraph": {"content": [{"text": {"text": "Tiến độ:"}}]}},
                {"table": {"header": ["Năm", "Tăng"], "align": ["left", "right"],
                  "rows": [[[{"text": {"text": "2024"}}], [{"figure": {"text": "6,52%", "exact": "6.52"}}]]]}}
            ]}},
            {"map": {"geometry": "…"}},
            {"paragraph": {"content": [{"text": {"text": "Sau."}}]}}
        ]}"#);
        let texts: Vec<String> = d.blocks.iter().map(Block::plain_text).collect();
        assert_eq!(
            texts,
            ["Trước.", "Tiến độ:", "Năm\tTăng\n2024\t6,52%", "Sau."]
        );
        assert!(matches!(d.blocks[2], Block::Table(_)));
    }

    #[test]
    fn fallbacks_nest_and_an_unknown_fallback_falls_back_again() {
        let d = doc(r#"{"blocks": [
            {"timeline3d": {"fallback": [{"timeline": {"fallback": [
                {"paragraph": {"content": [{"text": {"text": "phẳng"}}]}}
            ]}}]}}
        ]}"#);
        assert_eq!(d.plain_text(), "phẳng");
    }

    #[test]
    fn an_inline_of_a_newer_kind_is_read_as_its_text() {
        let d = doc(r#"{"blocks": [{"paragraph": {"content": [
            {"text": {"text": "Xem "}},
            {"link": {"href": "https://example.invalid", "text": "phụ lục"}},
            {"footnote": {"number": 3}},
            {"text": {"text": "."}}
        ]}}]}"#);
        let Block::Paragraph { content } = &d.blocks[0] else {
            panic!("a paragraph")
        };
        assert_eq!(
            content,
            &[
                Inline::text("Xem "),
                Inline::text("phụ lục"),
                Inline::text(""),
                Inline::text("."),
            ]
        );
    }

    #[test]
    fn an_alignment_of_a_newer_version_reads_as_left() {
        let d =
            doc(r#"{"blocks": [{"table": {"align": ["justify", "right", "center", "left"]}}]}"#);
        let Block::Table(t) = &d.blocks[0] else {
            panic!("a table")
        };
        assert_eq!(
            t.align,
            [Align::Left, Align::Right, Align::Center, Align::Left]
        );
    }

    #[test]
    fn known_kinds_still_fail_loudly_on_bad_fields() {
        // A heading without its level is a broken document, not a newer one.
        let err =
            serde_json::from_str::<Document<'_>>(r#"{"blocks": [{"heading": {"content": []}}]}"#)
                .unwrap_err();
        assert!(err.to_string().contains("missing field `level`"), "{err}");
        // Not a block at all: an error at its place.
        let err = serde_json::from_str::<Document<'_>>(r#"{"blocks": [42]}"#).unwrap_err();
        assert_eq!((err.line(), err.column()), (1, 13), "{err}");
    }

    #[test]
    fn one_block_alone_stands_for_a_single_fallback_only() {
        let one: Block<'_> = serde_json::from_str(
            r#"{"timeline": {"fallback": [{"paragraph": {"content": [{"text": {"text": "a"}}]}}]}}"#,
        )
        .unwrap();
        assert_eq!(one.plain_text(), "a");
        let err = serde_json::from_str::<Block<'_>>(r#"{"timeline": {}}"#).unwrap_err();
        assert!(err.to_string().contains("`timeline`"), "{err}");
    }

    #[test]
    fn the_later_additions_round_trip() {
        let doc = Document {
            blocks: vec![
                Block::Paragraph {
                    content: vec![
                        Inline::text("a "),
                        Inline::styled("đậm", true, false),
                        Inline::styled("nghiêng", false, true),
                    ],
                },
                Block::List {
                    items: vec![vec![Inline::text("một")], vec![Inline::text("hai")]],
                    style: ListStyle::Letter,
                },
                Block::PageBreak {},
                Block::Table(Table {
                    unit: "Đơn vị tính: %".into(),
                    header_groups: vec![HeaderGroup::new("", 1), HeaderGroup::new("Năm 2024", 2)],
                    header: vec!["Chỉ tiêu".into(), "KH".into(), "Ước TH".into()],
                    ..Table::default()
                }),
            ],
            ..Document::default()
        };
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            json.contains(r#"{"styled":{"text":"đậm","bold":true}}"#),
            "{json}"
        );
        assert!(json.contains(r#""style":"letter""#), "{json}");
        assert!(json.contains(r#"{"page_break":{}}"#), "{json}");
        let back: Document<'_> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn a_list_style_of_a_newer_version_reads_as_bulleted() {
        let d = doc(
            r#"{"blocks": [{"list": {"items": [[{"text": {"text": "x"}}]], "style": "roman"}}]}"#,
        );
        assert!(matches!(
            d.blocks[0],
            Block::List {
                style: ListStyle::Bullet,
                ..
            }
        ));
    }

    #[test]
    fn the_defaults_of_the_additions_are_not_written() {
        // A document that uses none of them is encoded as before.
        let doc = Document {
            blocks: vec![
                Block::List {
                    items: vec![vec![Inline::text("x")]],
                    style: ListStyle::Bullet,
                },
                Block::Table(Table::default()),
            ],
            ..Document::default()
        };
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            !json.contains("style") && !json.contains("unit") && !json.contains("groups"),
            "{json}"
        );
    }
}
