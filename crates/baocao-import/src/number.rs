//! A cell's number: as Excel stores it, or as a clerk typed it in text.

use std::str::FromStr as _;

use baocao_dataset::Approx;
use rust_decimal::Decimal;

use crate::fold::fold;

/// A figure read from a cell, as the decimal text the dataset will hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    /// The exact value.
    pub(crate) value: Decimal,
    /// The text cell it was read from, when it was text (`"131.500"`), to
    /// be told in the dataset's comment.
    pub(crate) from_text: Option<String>,
    /// The word a text cell put before the number ("Hơn 216.943"): the
    /// figure is approximate (format 1.1).
    pub(crate) approx: Option<Approx>,
}

/// What a cell holds, for the importer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Nothing to import: empty, `-`, `…`.
    Blank,
    /// A figure.
    Figure(Figure),
    /// Text that is not a number.
    Text,
    /// Text that looks like a number but breaks the Vietnamese convention
    /// (`6.52`: a dot separates thousands, so groups are of 3 digits).
    BadNumber(String),
}

/// A float as Excel stored it, through its shortest decimal text (never
/// through float arithmetic): 6.52 stays 6.52.
pub(crate) fn from_float(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{f}")).ok()
}

/// Whether a text cell means "no figure": statistics tables write a dash
/// or an ellipsis where a figure is not available.
pub(crate) fn is_blank(text: &str) -> bool {
    matches!(
        text.trim(),
        "" | "-" | "–" | "—" | "…" | "..." | ".." | "x" | "X"
    )
}

/// A text cell read with the Vietnamese convention: dots between groups
/// of three digits, a comma before the decimals (`131.500`, `6,52`,
/// `-1.234,5`), possibly after the word of an approximate figure
/// (`Hơn 216.943`, `khoảng 24.000`, `gần 193.374`, `trên 10`).
pub(crate) fn from_text(text: &str) -> Reading {
    let t = text.trim();
    let Some((approx, rest)) = approx_word(t) else {
        return plain(t);
    };
    match plain(rest) {
        Reading::Figure(f) => Reading::Figure(Figure {
            value: f.value,
            from_text: Some(t.to_owned()),
            approx: Some(approx),
        }),
        Reading::BadNumber(_) => Reading::BadNumber(t.to_owned()),
        Reading::Blank | Reading::Text => Reading::Text,
    }
}

/// The word of an approximate figure that starts a text, and the rest:
/// "Hơn 216.943" is (hơn, "216.943"). The word is compared folded, as
/// headers are ("Khoang" is khoảng), and written back as the dataset
/// spells it.
pub(crate) fn approx_word(text: &str) -> Option<(Approx, &str)> {
    let (word, rest) = text.trim().split_once(char::is_whitespace)?;
    let approx = match fold(word).as_str() {
        "khoang" => Approx::About,
        "gan" => Approx::Nearly,
        "hon" => Approx::MoreThan,
        "tren" => Approx::Above,
        _ => return None,
    };
    Some((approx, rest.trim_start()))
}

/// A number alone, the Vietnamese way.
fn plain(t: &str) -> Reading {
    if is_blank(t) {
        return Reading::Blank;
    }
    let (negative, body) = match t.strip_prefix(['-', '−', '–']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let body: String = body
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Reading::Text;
    }
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return Reading::BadNumber(t.to_owned());
    }
    let (whole, decimals) = match body.split_once(',') {
        Some((w, d)) => (w, Some(d)),
        None => (body.as_str(), None),
    };
    let mut groups = whole.split('.');
    let first = groups.next().unwrap_or_default();
    let rest: Vec<&str> = groups.collect();
    let grouped_well = if rest.is_empty() {
        !first.is_empty()
    } else {
        (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3)
    };
    let decimals_well =
        decimals.is_none_or(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
    if !grouped_well || !decimals_well {
        return Reading::BadNumber(t.to_owned());
    }
    let mut plain = String::new();
    if negative {
        plain.push('-');
    }
    plain.push_str(&whole.replace('.', ""));
    if let Some(d) = decimals {
        plain.push('.');
        plain.push_str(d);
    }
    match Decimal::from_str(&plain) {
        Ok(value) => Reading::Figure(Figure {
            value,
            from_text: Some(t.to_owned()),
            approx: None,
        }),
        Err(_) => Reading::BadNumber(t.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(t: &str) -> String {
        match from_text(t) {
            Reading::Figure(Figure {
                value,
                approx: Some(a),
                ..
            }) => format!("{} {value}", a.word()),
            Reading::Figure(f) => f.value.to_string(),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn vietnamese_text_numbers() {
        assert_eq!(read("131.500"), "131500");
        assert_eq!(read("6,52"), "6.52");
        assert_eq!(read("113,0"), "113.0");
        assert_eq!(read("-1.234,50"), "-1234.50");
        assert_eq!(read("1 062"), "1062");
        assert_eq!(read("6.52"), "BadNumber(\"6.52\")");
        assert_eq!(read("1.2345"), "BadNumber(\"1.2345\")");
        assert_eq!(read("6,"), "BadNumber(\"6,\")");
        assert_eq!(read("-"), "Blank");
        assert_eq!(read("…"), "Blank");
        assert_eq!(read("tăng"), "Text");
    }

    #[test]
    fn approximate_figures_in_text() {
        assert_eq!(read("Hơn 216.943"), "hơn 216943");
        assert_eq!(read("khoảng 24.000"), "khoảng 24000");
        assert_eq!(read("gần 193.374"), "gần 193374");
        assert_eq!(read("trên 10"), "trên 10");
        assert_eq!(read("Khoang  6,20"), "khoảng 6.20");
        assert_eq!(read("hơn 6.52"), "BadNumber(\"hơn 6.52\")");
        assert_eq!(read("khoảng 24 nghìn"), "Text");
        assert_eq!(read("hơn -"), "Text");
        assert_eq!(read("hơn"), "Text");
        assert_eq!(read("tăng 5,2"), "Text");
    }

    #[test]
    fn floats_through_their_shortest_text() {
        assert_eq!(from_float(6.52).unwrap().to_string(), "6.52");
        assert_eq!(from_float(131_500.0).unwrap().to_string(), "131500");
        assert_eq!(from_float(f64::NAN), None);
    }
}
