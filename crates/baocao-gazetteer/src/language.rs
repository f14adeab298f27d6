//! Telling a Vietnamese template from an English one by its letters.

use std::borrow::Cow;
use unicode_normalization::char::decompose_canonical;
use unicode_normalization::{UnicodeNormalization, is_nfc};

/// The language a text is written in, as far as [`language_of`] can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Language {
    /// Enough letters with Vietnamese accents.
    Vietnamese,
    /// Mostly unaccented letters, with the small words of English.
    English,
    /// Too little text, or neither of the above (unaccented Vietnamese,
    /// another language).
    Unknown,
}

/// Fewer letters than this outside the template's tags is too little text
/// to tell: "Tăng {{ x }}" says nothing about the rest of a template.
const MIN_LETTERS: usize = 20;

/// Small English words that carry no meaning of their own and so appear in
/// any English prose, whatever its subject. Words that are also Vietnamese
/// once their accents are dropped ("to", "an", "on", "be") are left out, so
/// that unaccented Vietnamese is not taken for English.
const ENGLISH_WORDS: &[&str] = &[
    "the", "of", "and", "in", "is", "are", "was", "were", "for", "with", "from", "by", "that",
    "this", "which", "its", "has", "have", "had", "been", "than", "at", "as", "will", "not", "or",
    "but",
];

/// The accents of Vietnamese: the five tone marks (grave, acute, tilde,
/// hook above, dot below) and the three vowel marks (breve, circumflex,
/// horn).
const VIETNAMESE_MARKS: [char; 8] = [
    '\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}', '\u{0306}', '\u{0302}', '\u{031B}',
];

/// The language of a template or note, decided from the letters outside
/// `{{ … }}`, `{% … %}` and `{# … #}` (what the reader will see, not the
/// minijinja code around it). The text may be in any normal form.
///
/// The rule, in order:
/// 1. fewer than 20 letters: [`Language::Unknown`];
/// 2. at least 80% of the letters are ASCII and at least one word in ten
///    (and at least two words) is a small English word such as "the", "of",
///    "and": [`Language::English`] (a Vietnamese name or two in an English
///    sentence does not change that);
/// 3. at least one letter in twenty carries a Vietnamese accent (ă â đ ê ô
///    ơ ư or a tone mark; Vietnamese prose has about one in four):
///    [`Language::Vietnamese`] (acronyms such as GRDP, IIP or FTA do not
///    change that);
/// 4. otherwise [`Language::Unknown`].
///
/// ```
/// use baocao_gazetteer::{Language, language_of};
/// assert_eq!(language_of("Giá trị tăng thêm ngành công nghiệp {{ period.label }} ước tăng"), Language::Vietnamese);
/// assert_eq!(language_of("Hanoi's economy grew {{ x }} in {{ period.label }}, the fastest of the region"), Language::English);
/// assert_eq!(language_of("{% if x %}{{ x }}{% endif %}"), Language::Unknown);
/// ```
pub fn language_of(text: &str) -> Language {
    let text: Cow<'_, str> = if is_nfc(text) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    let mut letters = 0_usize;
    let mut ascii = 0_usize;
    let mut accented = 0_usize;
    let mut words = 0_usize;
    let mut english = 0_usize;
    for word in prose_of(&text)
        .iter()
        .flat_map(|part| part.split(|c: char| !c.is_alphabetic()))
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if ENGLISH_WORDS.iter().any(|e| e.eq_ignore_ascii_case(word)) {
            english += 1;
        }
        for c in word.chars() {
            letters += 1;
            ascii += usize::from(c.is_ascii());
            accented += usize::from(is_vietnamese_letter(c));
        }
    }
    if letters < MIN_LETTERS {
        Language::Unknown
    } else if ascii * 5 >= letters * 4 && english >= 2 && english * 10 >= words {
        Language::English
    } else if accented * 20 >= letters {
        Language::Vietnamese
    } else {
        Language::Unknown
    }
}

/// The parts of a template outside its tags. An unclosed tag runs to the
/// end, as minijinja would refuse it anyway.
fn prose_of(template: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = template;
    loop {
        let opening = ["{{", "{%", "{#"]
            .into_iter()
            .zip(["}}", "%}", "#}"])
            .filter_map(|(open, close)| rest.find(open).map(|at| (at, close)))
            .min_by_key(|&(at, _)| at);
        let Some((at, close)) = opening else {
            parts.push(rest);
            return parts;
        };
        parts.push(rest.get(..at).unwrap_or(""));
        let inside = rest.get(at + 2..).unwrap_or("");
        match inside.find(close) {
            Some(end) => rest = inside.get(end + 2..).unwrap_or(""),
            None => return parts,
        }
    }
}

/// Whether `c` is a letter only Vietnamese (among the languages a
/// department writes in) would use: đ, or a vowel carrying only Vietnamese
/// accents.
fn is_vietnamese_letter(c: char) -> bool {
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    if c.is_ascii() || !c.is_alphabetic() {
        return false;
    }
    let mut base = None;
    let mut only_vietnamese_marks = true;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        } else if !VIETNAMESE_MARKS.contains(&d) {
            only_vietnamese_marks = false;
        }
    });
    only_vietnamese_marks && base.is_some_and(|b| "aeiouyAEIOUY".contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const VIETNAMESE_TEMPLATE: &str = r#"{% set iip = data.iip %}
{% if iip.trend or iip.count %}
Theo đó, hoạt động sản xuất công nghiệp {{ period.label }}
{% if iip.trend == "rising" %}
có xu hướng phục hồi tích cực quý sau cao hơn quý trước
{% endif %}
."#;

    const ENGLISH_TEMPLATE: &str = r#"{#- An English investor summary. -#}
# HEADLINES

{% if data.grdp.growth %}
Hanoi's economy (GRDP) grew {{ data.grdp.growth | pct(2) }} in {{ period.label }}
{% if data.grdp.trend == "rising" %}, gaining pace every quarter{% endif %}.
{% endif %}
Services {{ data.services.growth | change }} and added {{ data.services.contribution | points }}
({{ data.services.share | pct }} of the economy's growth)."#;

    const ONLY_MARKUP: &str = r#"{#- Sở Công Thương Hà Nội: phần công nghiệp. -#}
{% include "sections/industry.jinja" %}
{% for t in next_targets %}{{ t.label | capfirst }}: {{ t.threshold }}{% endfor %}
# {{ period.label | upper }}
"#;

    #[test]
    fn languages() {
        let cases = [
            (VIETNAMESE_TEMPLATE, Language::Vietnamese),
            (ENGLISH_TEMPLATE, Language::English),
            (ONLY_MARKUP, Language::Unknown),
            (
                "Tốc độ tăng trưởng GRDP ước đạt 6,5%, chỉ số IIP tăng 8,2%; doanh nghiệp tận dụng tốt các FTA.",
                Language::Vietnamese,
            ),
            (
                "GRDP IIP FTA CPTPP EVFTA RCEP: tăng trưởng {{ x }}",
                Language::Vietnamese,
            ),
            // An English sentence naming Vietnamese places stays English.
            (
                "Industry and trade in Hà Nội, Hải Phòng and Đà Nẵng grew in the year",
                Language::English,
            ),
            // A Vietnamese paragraph quoting an English title stays Vietnamese.
            (
                "Doanh nghiệp tiếp tục khai thác hiệu quả Hiệp định Đối tác Toàn diện và Tiến bộ xuyên Thái Bình Dương (the Comprehensive and Progressive Agreement for Trans-Pacific Partnership), mở rộng thị trường xuất khẩu.",
                Language::Vietnamese,
            ),
            // Unaccented Vietnamese: neither.
            (
                "Bao cao tinh hinh san xuat cong nghiep nam 2024 cua So Cong Thuong",
                Language::Unknown,
            ),
            ("Tăng {{ x }}", Language::Unknown),
            ("", Language::Unknown),
            (
                "{{ unclosed Theo đó, hoạt động sản xuất công nghiệp",
                Language::Unknown,
            ),
            // Decomposed Vietnamese is composed first.
            (
                "Theo đo\u{301}, hoa\u{323}t đô\u{323}\u{302}ng sa\u{309}n xuâ\u{301}t công nghiê\u{323}\u{302}p",
                Language::Vietnamese,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(language_of(text), expected, "{text}");
        }
    }

    #[test]
    fn prose_outside_tags() {
        assert_eq!(prose_of("a{{ b }}c{% d %}e{# f #}g"), ["a", "c", "e", "g"]);
        assert_eq!(prose_of("a{{ b"), ["a"]);
        assert_eq!(prose_of("{#- x -#}"), ["", ""]);
    }

    #[test]
    fn vietnamese_letters() {
        for c in
            "ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ".chars()
        {
            assert!(is_vietnamese_letter(c), "{c}");
        }
        for c in "aAzZüñçß1 .Ωж".chars() {
            assert!(!is_vietnamese_letter(c), "{c}");
        }
    }
}
