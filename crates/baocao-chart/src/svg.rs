//! Writing SVG text: escaping, coordinates, numbers, and text that is
//! measured by its characters rather than a font.

use std::fmt::Write as _;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::Numbers;

/// Text as SVG (XML) content or attribute value, fit for a page of HTML
/// too, where the drawing is placed inline.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not XML; a tab or newline is a space.
            c if c.is_control() => out.push(' '),
            // Noncharacters (U+FDD0…U+FDEF, U+xFFFE, U+xFFFF): XML 1.0
            // refuses U+FFFE and U+FFFF, HTML all of them.
            '\u{FDD0}'..='\u{FDEF}' => out.push('\u{FFFD}'),
            c if u32::from(c) & 0xFFFE == 0xFFFE => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate: rounded to a tenth, without trailing zeros or "-0".
pub(crate) fn px(d: Decimal) -> String {
    let r = d
        .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.is_zero() {
        "0".to_owned()
    } else {
        r.to_string()
    }
}

/// An integer as a decimal.
pub(crate) fn n(v: i64) -> Decimal {
    Decimal::from(v)
}

/// `v` written with `decimals` decimals in `numbers`' style ("1.234,5"),
/// rounded half away from zero.
pub(crate) fn number(v: Decimal, decimals: u32, numbers: Numbers) -> String {
    let r = v.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    let negative = r.is_sign_negative() && !r.is_zero();
    // The digits as the decimal holds them, padded here (`{:.N}` of a
    // large decimal overruns rust_decimal's formatting buffer).
    let text = r.abs().to_string();
    let (int, held) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let mut frac = held.to_owned();
    while frac.len() < decimals as usize {
        frac.push('0');
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let digits = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(numbers.group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(numbers.decimal);
        out.push_str(&frac);
    }
    out
}

/// About how wide `text` is at `size` in a Times-like font: half the size
/// a character, a little more for capitals. Enough to wrap labels and
/// leave room for them; never a font's metrics, so the bytes do not
/// depend on the fonts of the machine.
pub(crate) fn width(text: &str, size: i64) -> Decimal {
    let units: i64 = text
        .chars()
        .map(|c| if c.is_uppercase() { 68 } else { 50 })
        .sum();
    n(units) * n(size) / n(100)
}

/// `text` in lines of at most `max` wide at `size`, broken between words
/// (a word longer than a line stands alone on its line).
pub(crate) fn wrap(text: &str, max: Decimal, size: i64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(&candidate, size) > max {
            lines.push(std::mem::take(&mut line));
            line = word.to_owned();
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// An SVG being written.
pub(crate) struct Svg {
    out: String,
}

impl Svg {
    /// The root element, with the chart's accessible name and
    /// description, `width` × `height` units.
    pub(crate) fn open(id: &str, width: i64, height: i64, title: &str, desc: &str) -> Svg {
        let size = crate::draw::LABEL;
        let id = escape(id);
        let mut out = String::with_capacity(4096);
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\" font-size=\"{size}\">\n<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n<rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n",
            escape(crate::FONT_FAMILY),
            escape(title),
            escape(desc),
        );
        Svg { out }
    }

    /// Raw markup.
    pub(crate) fn raw(&mut self, markup: &str) {
        self.out.push_str(markup);
    }

    /// A line.
    pub(crate) fn line(&mut self, x1: Decimal, y1: Decimal, x2: Decimal, y2: Decimal, style: &str) {
        let _ = writeln!(
            self.out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {style}/>",
            px(x1),
            px(y1),
            px(x2),
            px(y2)
        );
    }

    /// A rectangle from its corners in any order.
    pub(crate) fn rect(&mut self, x1: Decimal, y1: Decimal, x2: Decimal, y2: Decimal, fill: &str) {
        let (x, w) = (x1.min(x2), (x2 - x1).abs());
        let (y, h) = (y1.min(y2), (y2 - y1).abs());
        let _ = writeln!(
            self.out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
            px(x),
            px(y),
            px(w),
            px(h)
        );
    }

    /// Text at (x, y): `anchor` is `start`, `middle` or `end`; `extra`
    /// more attributes (`font-weight="bold"`).
    pub(crate) fn text(&mut self, x: Decimal, y: Decimal, anchor: &str, extra: &str, text: &str) {
        let _ = writeln!(
            self.out,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\"{}{extra}>{}</text>",
            px(x),
            px(y),
            if extra.is_empty() { "" } else { " " },
            escape(text)
        );
    }

    /// The finished SVG.
    pub(crate) fn close(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }
}
