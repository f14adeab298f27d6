//! The docx exporter's options: `[formats.options.docx]` of a department.
//!
//! Every option has a default that follows Nghị định 30/2020/NĐ-CP, so a
//! department sets only what it wants otherwise. A value out of range is an
//! options error (the host places it at the key in `department.toml`), not
//! a quiet fallback: a clerk who writes `size = 12` must learn that the
//! decree allows 13 or 14, not get 14 without a word.

use std::fmt;

use baocao_plugin_api::FileContents;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

/// The options as a department writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// Font of the whole document; default Times New Roman.
    pub font: Option<String>,
    /// Body size in points, 13 or 14 (the decree's); default 14.
    pub size: Option<FontSize>,
    /// Line spacing of body paragraphs in lines, 1 to 1,5 (the decree's
    /// "single to 1,5 lines"), at most three decimals; default 1,2.
    pub line_spacing: Option<LineSpacing>,
    /// Borders of tables: `all` (default), `horizontal` (top, bottom and
    /// between rows) or `none`.
    pub table_borders: TableBorders,
    /// Fill of header cells as six hex digits (`"D9D9D9"`); default none.
    pub header_shading: Option<Color>,
    /// The word before a table's number: default "Biểu" ("Table" in an
    /// English report); departments also write "Bảng".
    pub caption_prefix: Option<String>,
    /// The word before a chart's number, in the caption under it: default
    /// "Hình" ("Figure" in an English report); departments also write
    /// "Biểu đồ".
    pub figure_prefix: Option<String>,
    /// Each figure carries a Word comment with its exact value and where it
    /// came from; default off.
    pub provenance_comments: bool,
    /// A department's Word document whose styles the report takes
    /// (`reference_file = "mau.docx"` in `department.toml`).
    pub reference: Option<Reference>,
}

/// A reference document's styles (`word/styles.xml`), read when the
/// options are: a file that is not a Word document is an error at
/// `reference_file` in `department.toml`, before anything is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The text of its `word/styles.xml`.
    pub styles: String,
}

impl Reference {
    /// The styles of a `.docx` given as bytes, or why it is not one.
    pub fn from_docx(docx: &[u8]) -> Result<Reference, String> {
        crate::reference::styles_of(docx).map(|styles| Reference { styles })
    }
}

impl<'de> Deserialize<'de> for Reference {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let file = FileContents::deserialize(d)?;
        Reference::from_docx(file.as_bytes()).map_err(de::Error::custom)
    }
}

/// A body font size the decree allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FontSize(pub u8);

impl<'de> Deserialize<'de> for FontSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        match n {
            13 | 14 => Ok(FontSize(u8::try_from(n).unwrap_or(14))),
            _ => Err(de::Error::custom(format_args!(
                "the body size must be 13 or 14 (points, Nghị định 30), found {n}"
            ))),
        }
    }
}

/// Line spacing in thousandths of a line (1200 = 1,2 lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpacing(pub u32);

impl LineSpacing {
    /// As Word writes it: 240ths of a line (`w:line` with `auto`).
    pub fn twips(self) -> u32 {
        self.0.saturating_mul(240) / 1000
    }
}

impl<'de> Deserialize<'de> for LineSpacing {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LineSpacing;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number of lines from 1 to 1.5")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<LineSpacing, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<LineSpacing, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: de::Error>(self, x: f64) -> Result<LineSpacing, E> {
                // Printed, not multiplied: the decimal the clerk wrote
                // (1.15) must not become 1.1499999.
                self.visit_str(&x.to_string())
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<LineSpacing, E> {
                thousandths(s)
                    .filter(|t| (1000..=1500).contains(t))
                    .map(LineSpacing)
                    .ok_or_else(|| {
                        E::custom(format_args!(
                            "the line spacing must be from 1 to 1.5 lines (Nghị định 30), with at most three decimals; found {s}"
                        ))
                    })
            }
        }
        d.deserialize_any(V)
    }
}

/// "1.15" → 1150; `None` for anything but digits, one dot and at most
/// three decimals.
fn thousandths(s: &str) -> Option<u32> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || whole.len() > 2
        || frac.len() > 3
        || !whole
            .bytes()
            .chain(frac.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let w: u32 = whole.parse().ok()?;
    let f: u32 = format!("{frac:0<3}").parse().ok()?;
    w.checked_mul(1000)?.checked_add(f)
}

/// Which borders a table has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableBorders {
    /// Every cell boxed, as most official reports print their tables.
    #[default]
    All,
    /// Lines above and below the table and between rows.
    Horizontal,
    /// No lines at all.
    None,
}

/// An RGB colour as six hex digits, upper case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Color(pub String);

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let hex = s.strip_prefix('#').unwrap_or(&s);
        if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            Ok(Color(hex.to_ascii_uppercase()))
        } else {
            Err(de::Error::custom(format_args!(
                "a colour is six hex digits like \"D9D9D9\" (light grey), found \"{s}\""
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Options, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn the_decree_bounds_sizes_and_spacing() {
        assert_eq!(read(r#"{"size": 13}"#).unwrap().size, Some(FontSize(13)));
        assert!(read(r#"{"size": 12}"#).unwrap_err().contains("13 or 14"));
        for (given, want) in [("1", 1000), ("1.15", 1150), ("1.5", 1500), ("1.2", 1200)] {
            let o = read(&format!(r#"{{"line_spacing": {given}}}"#)).unwrap();
            assert_eq!(o.line_spacing, Some(LineSpacing(want)), "{given}");
        }
        assert_eq!(LineSpacing(1150).twips(), 276);
        for bad in ["2", "0.9", "1.1234", "-1"] {
            let e = read(&format!(r#"{{"line_spacing": {bad}}}"#)).unwrap_err();
            assert!(e.contains("from 1 to 1.5"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_reference_must_be_a_word_document() {
        let e = read(r#"{"reference": "plain text"}"#).unwrap_err();
        assert!(e.contains("not a Word .docx file"), "{e}");
        // base64 of "PK" and junk: a zip signature is not a zip
        let e = read(r#"{"reference": {"base64": "UEsDBGp1bms="}}"#).unwrap_err();
        assert!(e.contains("not a Word .docx file"), "{e}");
    }

    #[test]
    fn colours_borders_and_unknown_keys() {
        let o = read(r##"{"header_shading": "#d9d9d9", "table_borders": "horizontal"}"##).unwrap();
        assert_eq!(o.header_shading, Some(Color("D9D9D9".into())));
        assert_eq!(o.table_borders, TableBorders::Horizontal);
        assert!(
            read(r#"{"header_shading": "grey"}"#)
                .unwrap_err()
                .contains("six hex digits")
        );
        assert!(
            read(r#"{"fnt": "Arial"}"#)
                .unwrap_err()
                .contains("unknown field `fnt`")
        );
    }
}
