//! Folded text: how a header or a name is compared, whatever its case,
//! accents, composition (NFC or NFD) or spacing.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// `text` without accents (đ as d), in lower case, its words separated by
/// one space. "Ước TH  năm 2024" and "uoc th nam 2024" fold alike.
pub(crate) fn fold(text: &str) -> String {
    let plain: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The words of folded text, split at spaces and at the punctuation
/// headers put between a period's parts (`Quý I/2024`, `(%)`).
pub(crate) fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| c.is_whitespace() || "/-().,:;%*+".contains(c))
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("Ước TH  năm 2024"), "uoc th nam 2024");
        assert_eq!(fold("ĐƠN VỊ TÍNH"), "don vi tinh");
        // NFD input folds as NFC does.
        assert_eq!(fold("Qu\u{0079}\u{0301} I"), "quy i");
        assert_eq!(words("quy i/2024 (%)"), ["quy", "i", "2024"]);
    }
}
