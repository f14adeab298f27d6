//! Options as an exporter receives them: JSON decoded into its `Options`
//! type, a `*_file` option as [`FileContents`], and, when they do not fit,
//! a [`BadOptions`] that names the key, in words for the clerk who wrote
//! `department.toml` rather than serde's.
//!
//! serde's own errors are strings ("invalid type: string \"12\", expected
//! usize at line 1 column 9"); to word a problem and to know its key
//! without reading such a string back, the options are first read as a
//! JSON value (a syntax error is the host's fault: [`Decoded::NotJson`]),
//! then deserialized from [`Json`], a deserializer whose error type,
//! [`Problem`], keeps what serde reports as data. `serde_path_to_error`
//! tracks the key it was at.

use std::fmt;

use base64::Engine as _;
use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, Expected, IntoDeserializer, Unexpected, Visitor};
use serde_json::Value;

use crate::abi::BadOptions;

/// The largest option file the host passes: 16 MiB (a Word reference
/// document with its images is a few hundred KB).
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The contents of a file a department names in a `*_file` option: how an
/// exporter receives one.
///
/// `reference_file = "mau.docx"` in `[formats.options.docx]` reaches the
/// plugin's options as the key `reference`, holding the file's bytes. A
/// UTF-8 file (a stylesheet) is sent as a JSON string, any other file as
/// `{"base64": "…"}` (standard alphabet, with padding); this type reads
/// both, so a plugin declares the field and gets the bytes whatever the
/// file holds:
///
/// ```
/// use baocao_plugin_api::FileContents;
///
/// #[derive(Default, serde::Deserialize)]
/// #[serde(default, deny_unknown_fields)]
/// struct Options {
///     /// `reference_file` in department.toml.
///     reference: Option<FileContents>,
/// }
///
/// let text: Options = serde_json::from_str(r#"{"reference": "body {}"}"#).unwrap();
/// assert_eq!(text.reference.unwrap().as_text(), Some("body {}"));
/// let zip: Options = serde_json::from_str(r#"{"reference": {"base64": "UEsDBA=="}}"#).unwrap();
/// assert_eq!(zip.reference.unwrap().as_bytes(), b"PK\x03\x04");
/// ```
///
/// The host refuses a file larger than [`MAX_FILE_SIZE`] at its place in
/// `department.toml`, so a plugin never receives one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct FileContents(pub Vec<u8>);

impl FileContents {
    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, owned.
    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// The contents as text, when they are UTF-8.
    pub fn as_text(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// How the host sends a file's bytes in the options JSON: a string when
    /// they are UTF-8, `{"base64": "…"}` otherwise.
    pub fn to_json(bytes: Vec<u8>) -> Value {
        match String::from_utf8(bytes) {
            Ok(text) => Value::String(text),
            Err(e) => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(e.as_bytes());
                let mut object = serde_json::Map::new();
                object.insert("base64".to_owned(), Value::String(encoded));
                Value::Object(object)
            }
        }
    }
}

impl std::ops::Deref for FileContents {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl<'de> de::Deserialize<'de> for FileContents {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FileVisitor)
    }
}

struct FileVisitor;

impl<'de> Visitor<'de> for FileVisitor {
    type Value = FileContents;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a file's contents")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<FileContents, E> {
        Ok(FileContents(v.as_bytes().to_vec()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<FileContents, E> {
        Ok(FileContents(v.into_bytes()))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<FileContents, E> {
        Ok(FileContents(v.to_vec()))
    }

    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<FileContents, E> {
        Ok(FileContents(v))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<FileContents, A::Error> {
        let mut encoded: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if key != "base64" || encoded.is_some() {
                return Err(de::Error::custom(format_args!(
                    "a file's contents are a string or {{\"base64\": \"…\"}}, found the key `{key}`"
                )));
            }
            encoded = Some(map.next_value()?);
        }
        let encoded = encoded.ok_or_else(|| {
            de::Error::custom("a file's contents are a string or {\"base64\": \"…\"}, found {}")
        })?;
        base64::engine::general_purpose::STANDARD
            .decode(encoded.as_bytes())
            .map(FileContents)
            .map_err(|e| de::Error::custom(format_args!("a file's contents are not base64: {e}")))
    }
}

/// What decoding the options gave.
pub(crate) enum Decoded<T> {
    /// The exporter's options.
    Options(T),
    /// The bytes are not JSON: the host broke the contract.
    NotJson(String),
    /// JSON, but not options the exporter accepts: the user's mistake.
    Bad(BadOptions),
}

/// Decodes an exporter's options from the JSON the host sent.
pub(crate) fn decode<T: DeserializeOwned>(json: &[u8], format: &str) -> Decoded<T> {
    let value: Value = match serde_json::from_slice(json) {
        Ok(v) => v,
        Err(e) => return Decoded::NotJson(e.to_string()),
    };
    // Which option a map given to an exporter that takes none would have
    // been: its first key.
    let first_key = match &value {
        Value::Object(map) => map.keys().next().cloned(),
        _ => None,
    };
    // The files that are not text: a type that wants text finds them as
    // a table, which is not what the user wrote.
    let binary: Vec<String> = match &value {
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| v.as_object().is_some_and(|o| o.contains_key("base64")))
            .map(|(k, _)| k.clone())
            .collect(),
        _ => Vec::new(),
    };
    match serde_path_to_error::deserialize::<_, T>(Json(value)) {
        Ok(options) => Decoded::Options(options),
        Err(e) => {
            let path = key_of(e.path());
            let mut problem = e.into_inner();
            if let Problem::InvalidType { found, .. } = &mut problem
                && binary.contains(&path)
            {
                *found = "a file that is not UTF-8 text".to_owned();
            }
            Decoded::Bad(word(problem, path, format, first_key))
        }
    }
}

/// A path as a dotted key: `margins.top`, `fonts[1]`; empty at the top.
fn key_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut key = String::new();
    for segment in path {
        match segment {
            Segment::Seq { index } => key.push_str(&format!("[{index}]")),
            Segment::Map { key: k } | Segment::Enum { variant: k } => {
                if !key.is_empty() {
                    key.push('.');
                }
                key.push_str(k);
            }
            Segment::Unknown => {
                if !key.is_empty() {
                    key.push('.');
                }
                key.push('?');
            }
        }
    }
    key
}

/// A problem in people's words, with its key.
fn word(problem: Problem, key: String, format: &str, first_key: Option<String>) -> BadOptions {
    let option = |key: &str| format!("option `{key}` of the {format} format");
    match problem {
        Problem::UnknownField { field, expected } => {
            // The path already ends with the field when serde_path_to_error
            // captured it as a key; it ends at its table otherwise.
            let key = if key.is_empty() || key == field || key.ends_with(&format!(".{field}")) {
                if key.is_empty() { field } else { key }
            } else {
                format!("{key}.{field}")
            };
            BadOptions {
                message: format!("unknown option `{key}` of the {format} format"),
                expected: one_of(expected, "no options"),
                key,
            }
        }
        // An exporter whose options are `()` given a table.
        Problem::InvalidType { found, expected } if expected == "unit" && key.is_empty() => {
            let key = first_key.unwrap_or_default();
            BadOptions {
                message: if key.is_empty() {
                    format!("the {format} format takes no options, found {found}")
                } else {
                    format!("unknown option `{key}` of the {format} format, which takes none")
                },
                expected: "no options".to_owned(),
                key,
            }
        }
        Problem::InvalidType { found, expected } | Problem::InvalidValue { found, expected } => {
            let wanted = kind(&expected);
            BadOptions {
                message: if key.is_empty() {
                    format!("the {format} options must be {wanted}, found {found}")
                } else {
                    format!("{} must be {wanted}, found {found}", option(&key))
                },
                expected: wanted,
                key,
            }
        }
        Problem::InvalidLength { len, expected } => BadOptions {
            message: format!("{} must be {expected}, found {len} item(s)", option(&key)),
            expected,
            key,
        },
        Problem::UnknownVariant { variant, expected } => {
            let wanted = one_of(expected, "nothing");
            BadOptions {
                message: format!("{} must be {wanted}, found `{variant}`", option(&key)),
                expected: wanted,
                key,
            }
        }
        Problem::MissingField(field) => {
            let key = if key.is_empty() {
                field.to_owned()
            } else {
                format!("{key}.{field}")
            };
            BadOptions {
                message: format!("the {format} format needs the option `{key}`"),
                expected: String::new(),
                key,
            }
        }
        Problem::DuplicateField(field) => {
            let key = if key.is_empty() {
                field.to_owned()
            } else {
                format!("{key}.{field}")
            };
            BadOptions {
                message: format!("{} is given twice", option(&key)),
                expected: String::new(),
                key,
            }
        }
        Problem::Custom(why) => BadOptions {
            message: if key.is_empty() {
                format!("bad options for the {format} format: {why}")
            } else {
                format!("{}: {why}", option(&key))
            },
            expected: String::new(),
            key,
        },
    }
}

/// `` `a` ``, `` `a` or `b` ``, `` `a`, `b` or `c` ``; `none` for no names.
fn one_of(names: &[&str], none: &str) -> String {
    match names {
        [] => none.to_owned(),
        [one] => format!("`{one}`"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|n| format!("`{n}`")).collect();
            format!("{} or `{last}`", init.join(", "))
        }
    }
}

/// What serde says a type expects, as a clerk would say it.
fn kind(expected: &str) -> String {
    match expected {
        "u8" => "a whole number from 0 to 255",
        "u16" => "a whole number from 0 to 65535",
        "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "f32" | "f64" => "a number",
        "a string" | "a character" | "a borrowed string" => "text",
        "a boolean" => "true or false",
        "a sequence" | "a tuple" => "a list",
        "a map" => "a table",
        "a file's contents" => "the name of a file (a `…_file` option)",
        other if other.starts_with("struct ") => "a table",
        other if other.starts_with("enum ") => "one of its words",
        other => other,
    }
    .to_owned()
}

/// What serde found, as a clerk would say it.
fn found(unexpected: Unexpected<'_>) -> String {
    match unexpected {
        Unexpected::Bool(b) => format!("`{b}`"),
        Unexpected::Unsigned(n) => format!("the number {n}"),
        Unexpected::Signed(n) => format!("the number {n}"),
        Unexpected::Float(n) => format!("the number {n}"),
        Unexpected::Char(c) => format!("text \"{c}\""),
        Unexpected::Str(s) => format!("text \"{s}\""),
        Unexpected::Bytes(_) => "bytes".to_owned(),
        Unexpected::Unit | Unexpected::Option => "nothing".to_owned(),
        Unexpected::Seq => "a list".to_owned(),
        Unexpected::Map => "a table".to_owned(),
        other => other.to_string(),
    }
}

/// What serde reports, kept as data.
#[derive(Debug)]
pub(crate) enum Problem {
    UnknownField {
        field: String,
        expected: &'static [&'static str],
    },
    UnknownVariant {
        variant: String,
        expected: &'static [&'static str],
    },
    InvalidType {
        found: String,
        expected: String,
    },
    InvalidValue {
        found: String,
        expected: String,
    },
    InvalidLength {
        len: usize,
        expected: String,
    },
    MissingField(&'static str),
    DuplicateField(&'static str),
    Custom(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::UnknownField { field, .. } => write!(f, "unknown field `{field}`"),
            Problem::UnknownVariant { variant, .. } => write!(f, "unknown variant `{variant}`"),
            Problem::InvalidType { found, expected }
            | Problem::InvalidValue { found, expected } => {
                write!(f, "expected {expected}, found {found}")
            }
            Problem::InvalidLength { len, expected } => {
                write!(f, "expected {expected}, found {len} item(s)")
            }
            Problem::MissingField(field) => write!(f, "missing field `{field}`"),
            Problem::DuplicateField(field) => write!(f, "duplicate field `{field}`"),
            Problem::Custom(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Problem {}

impl de::Error for Problem {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Problem::Custom(msg.to_string())
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Problem::InvalidType {
            found: found(unexp),
            expected: exp.to_string(),
        }
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn Expected) -> Self {
        Problem::InvalidValue {
            found: found(unexp),
            expected: exp.to_string(),
        }
    }

    fn invalid_length(len: usize, exp: &dyn Expected) -> Self {
        Problem::InvalidLength {
            len,
            expected: exp.to_string(),
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Problem::UnknownVariant {
            variant: variant.to_owned(),
            expected,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Problem::UnknownField {
            field: field.to_owned(),
            expected,
        }
    }

    fn missing_field(field: &'static str) -> Self {
        Problem::MissingField(field)
    }

    fn duplicate_field(field: &'static str) -> Self {
        Problem::DuplicateField(field)
    }
}

/// A JSON value as a deserializer whose errors are [`Problem`]s.
pub(crate) struct Json(Value);

impl<'de> IntoDeserializer<'de, Problem> for Json {
    type Deserializer = Json;
    fn into_deserializer(self) -> Json {
        self
    }
}

impl<'de> de::Deserializer<'de> for Json {
    type Error = Problem;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    // serde_json without arbitrary precision: every number
                    // that is not an integer is an f64.
                    visitor.visit_f64(n.as_f64().unwrap_or_default())
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(Json));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(map) => {
                let mut map = MapDeserializer::new(map.into_iter().map(|(k, v)| (k, Json(v))));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Problem> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Problem> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Problem> {
        match self.0 {
            // A unit variant: `mode = "replace"`.
            Value::String(s) => visitor.visit_enum(s.into_deserializer()),
            // Any other variant: `{ variant = … }`.
            Value::Object(map) if map.len() == 1 => {
                let map = MapDeserializer::new(map.into_iter().map(|(k, v)| (k, Json(v))));
                visitor.visit_enum(de::value::MapAccessDeserializer::new(map))
            }
            other => Json(other).deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    #[serde(default, deny_unknown_fields)]
    struct Docx {
        font: String,
        size: u8,
        style: Style,
        margins: Margins,
        reference: Option<FileContents>,
    }

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Margins {
        top: u32,
    }

    #[derive(Debug, Default, PartialEq, serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Style {
        #[default]
        Plain,
        Formal,
    }

    fn bad<T: DeserializeOwned>(json: &str) -> BadOptions {
        match decode::<T>(json.as_bytes(), "docx") {
            Decoded::Bad(b) => b,
            Decoded::Options(_) => panic!("{json}: decoded"),
            Decoded::NotJson(e) => panic!("{json}: not JSON: {e}"),
        }
    }

    fn check(json: &str, key: &str, message: &str, expected: &str) {
        let want = BadOptions {
            key: key.to_owned(),
            message: message.to_owned(),
            expected: expected.to_owned(),
        };
        assert_eq!(bad::<Docx>(json), want, "{json}");
    }

    #[test]
    fn problems_name_their_key_in_words() {
        check(
            r#"{"fnt": "Times"}"#,
            "fnt",
            "unknown option `fnt` of the docx format",
            "`font`, `size`, `style`, `margins` or `reference`",
        );
        check(
            r#"{"size": "12"}"#,
            "size",
            "option `size` of the docx format must be a whole number from 0 to 255, found text \"12\"",
            "a whole number from 0 to 255",
        );
        check(
            r#"{"size": 300}"#,
            "size",
            "option `size` of the docx format must be a whole number from 0 to 255, found the number 300",
            "a whole number from 0 to 255",
        );
        check(
            r#"{"font": 12}"#,
            "font",
            "option `font` of the docx format must be text, found the number 12",
            "text",
        );
        check(
            r#"{"style": "fancy"}"#,
            "style",
            "option `style` of the docx format must be `plain` or `formal`, found `fancy`",
            "`plain` or `formal`",
        );
        check(
            r#"{"margins": {"tpo": 1}}"#,
            "margins.tpo",
            "unknown option `margins.tpo` of the docx format",
            "`top`",
        );
        check(
            r#"{"margins": {}}"#,
            "margins.top",
            "the docx format needs the option `margins.top`",
            "",
        );
        check(
            r#"{"reference": {"base64": "not base64!"}}"#,
            "reference",
            "option `reference` of the docx format: a file's contents are not base64: Invalid symbol 32, offset 3.",
            "",
        );
        check(
            r#"{"font": {"base64": "/w=="}}"#,
            "font",
            "option `font` of the docx format must be text, found a file that is not UTF-8 text",
            "text",
        );
        check(
            r#""big""#,
            "",
            "the docx options must be a table, found text \"big\"",
            "a table",
        );
    }

    #[test]
    fn an_exporter_without_options_names_the_first_key() {
        assert_eq!(
            bad::<()>(r#"{"width": 80}"#),
            BadOptions {
                key: "width".to_owned(),
                message: "unknown option `width` of the docx format, which takes none".to_owned(),
                expected: "no options".to_owned(),
            }
        );
    }

    #[test]
    fn good_options_and_files_decode() {
        let Decoded::Options(o) = decode::<Docx>(
            br#"{"font": "Times", "size": 13, "style": "formal", "margins": {"top": 20}, "reference": {"base64": "UEsDBP8="}}"#,
            "docx",
        ) else {
            panic!("not decoded");
        };
        assert_eq!(o.font, "Times");
        assert_eq!(o.size, 13);
        assert_eq!(o.style, Style::Formal);
        assert_eq!(o.margins.top, 20);
        assert_eq!(o.reference.unwrap().as_bytes(), b"PK\x03\x04\xff");
        assert!(matches!(
            decode::<Docx>(b"{not json", "docx"),
            Decoded::NotJson(_)
        ));
    }

    #[test]
    fn file_contents_round_trip_through_json() {
        for bytes in [
            b"body { color: red }".to_vec(),
            "Tiếng Việt".as_bytes().to_vec(),
            b"PK\x03\x04\x00\xff\xfe".to_vec(),
            Vec::new(),
        ] {
            let json = FileContents::to_json(bytes.clone());
            assert_eq!(json.is_string(), std::str::from_utf8(&bytes).is_ok());
            let back: FileContents = serde_json::from_value(json).unwrap();
            assert_eq!(back.as_bytes(), &bytes[..]);
        }
        let binary = FileContents::to_json(b"\xff\x00".to_vec());
        assert_eq!(binary, serde_json::json!({"base64": "/wA="}));
        for (bad, why) in [
            (r#"{"base64": "%%%"}"#, "not base64"),
            (r#"{"base65": "AA=="}"#, "found the key `base65`"),
            (r#"{}"#, "found {}"),
        ] {
            let err = serde_json::from_str::<FileContents>(bad).unwrap_err();
            assert!(err.to_string().contains(why), "{bad}: {err}");
        }
    }
}
