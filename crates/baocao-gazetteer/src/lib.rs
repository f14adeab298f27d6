//! The names of Việt Nam's provinces and centrally-run cities in a text, and
//! the language of a template.
//!
//! A department rarely starts from nothing: `baocao init --from hanoi`
//! copies another department's notes and templates, and they go on naming
//! the province they were written for ("Hà Nội nói riêng", "Song Hà Nội vẫn
//! quyết tâm"). `baocao check` points at those names with
//! [`foreign_places`], and tells a Vietnamese template from an English one
//! with [`language_of`]. This crate only knows names and letters: it reads
//! no files, decides no warnings, and depends on nothing of baocao's (only
//! on `unicode-normalization`), so that any crate may use it.
//!
//! It knows the 63 provinces and cities that existed until June 2025 and
//! the 34 that Nghị quyết 202/2025/QH15 of the National Assembly made of
//! them (in force 12 June 2025, the new governments at work from 1 July
//! 2025): a report about 2024 names the old ones, a report about 2025 the
//! new ones, and either may be a department's own ([`same_place`]).
//!
//! ```
//! use baocao_gazetteer::{Language, foreign_places, language_of, merged_into, places_in};
//!
//! let note = "Kinh tế Hà Nội nói riêng và vùng Đồng bằng sông Hồng nói chung tăng trưởng khá.";
//! let found = places_in(note);
//! assert_eq!(found.len(), 1);
//! assert_eq!(found[0].name, "Hà Nội");
//! assert_eq!(&note[found[0].start..found[0].end], "Hà Nội");
//!
//! // Hà Nội's own notes are fine; Bắc Ninh's copy of them names Hà Nội.
//! assert!(foreign_places(note, "Thành phố Hà Nội").is_empty());
//! assert_eq!(foreign_places(note, "Tỉnh Bắc Ninh"), found);
//!
//! // Hải Dương has been part of Hải Phòng since 2025.
//! assert_eq!(merged_into("Hải Dương"), Some("Hải Phòng"));
//! assert!(foreign_places("các khu công nghiệp Hải Dương", "Hải Phòng").is_empty());
//!
//! assert_eq!(language_of(note), Language::Vietnamese);
//! ```

#![forbid(unsafe_code)]

mod find;
mod language;
mod places;

pub use language::{Language, language_of};

/// A province's or city's name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mention {
    /// The canonical name of the place, whatever the spelling found: "Hà
    /// Nội" for "Hanoi" or "HÀ NỘI", "TP. Hồ Chí Minh" for "TP.HCM",
    /// "Huế" for "Thừa Thiên Huế", "Hòa Bình" for "Hoà Bình".
    pub name: &'static str,
    /// Where the spelling starts: a byte offset into the text given, on a
    /// character boundary.
    pub start: usize,
    /// Where the spelling ends (exclusive): a byte offset into the text
    /// given, on a character boundary.
    pub end: usize,
}

/// Every name of a province or centrally-run city in `text`, in order,
/// never overlapping.
///
/// **Offsets** are byte offsets into `text` as given. The names are matched
/// in NFC, so a text that is not NFC is composed first, and the offsets are
/// mapped back: a caller may pass any text and slice it with them.
///
/// **What counts as a name.** The spelling must be whole words ("Hà Nội"
/// is not found in "Hà Nộii", nor "Long An" in "Long Anh"), written with
/// its capitals ("hòa bình", peace, is not "Hòa Bình"), or all in capitals
/// ("UBND THÀNH PHỐ HÀ NỘI"), or without accents ("Ha Noi", "Hanoi"). The
/// words of a name may be separated by any white space, including a line
/// break. The common variants are known: "TP. Hồ Chí Minh", "Thành phố Hồ
/// Chí Minh", "TP.HCM", "TPHCM", "Hồ Chí Minh"; "Thừa Thiên Huế", "Thừa
/// Thiên - Huế"; "Bà Rịa - Vũng Tàu" with any dash and spacing; "Đắk Lắk",
/// "Đăk Lăk"; both placements of the tone mark ("Hòa Bình", "Hoà Bình").
/// Where several spellings start at the same word, the longest wins, so
/// "Bà Rịa - Vũng Tàu" is one mention. A span covers the spelling found; for
/// Hồ Chí Minh City that includes "TP." or "Thành phố", which are part of how
/// its name is written, while for other places "tỉnh" or "thành phố" in front
/// is not part of the mention.
///
/// **What does not.** A name inside a longer phrase that is not the place:
/// "Thái Bình Dương" (the Pacific), "Điện Biên Phủ", "Đồng Tháp Mười", "Xa
/// lộ Hà Nội". A name right after a common family name or the middle names
/// "Thị", "Văn": "Nguyễn Thị Huế" and "Trần Hải Dương" are people. A bare
/// "Hồ Chí Minh" after "Chủ tịch", "Bác", "tư tưởng", "phong cách", "đạo
/// đức", "đường" and a few more, which is the man, his thought or the
/// highway, not the city. These rules look at neighbouring words only; a
/// person called "Minh Hà Nam" is still found as "Hà Nam".
///
/// ```
/// use baocao_gazetteer::places_in;
/// let text = "Song Hà Nội, TP.HCM và Bà Rịa-Vũng Tàu vẫn quyết tâm theo tư tưởng Hồ Chí Minh.";
/// let names: Vec<&str> = places_in(text).iter().map(|m| m.name).collect();
/// assert_eq!(names, ["Hà Nội", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu"]);
/// ```
pub fn places_in(text: &str) -> Vec<Mention> {
    find::mentions(text)
}

/// The canonical name of the place that `name` names, when `name` is one
/// place's name and nothing else, in any spelling [`places_in`] knows, with
/// or without "Tỉnh", "Thành phố" or "TP." in front: "Tỉnh Bắc Ninh" →
/// "Bắc Ninh", "TPHCM" → "TP. Hồ Chí Minh", "Thừa Thiên Huế" → "Huế".
/// `None` for anything else ("Việt Nam", "Cả nước", "Hà Nội 2", "Hà Nội và
/// Hải Phòng", a misspelt name).
///
/// ```
/// use baocao_gazetteer::canonical;
/// assert_eq!(canonical("Thành phố Đà Nẵng"), Some("Đà Nẵng"));
/// assert_eq!(canonical("Hoà Bình"), Some("Hòa Bình"));
/// assert_eq!(canonical("Cả nước"), None);
/// ```
pub fn canonical(name: &str) -> Option<&'static str> {
    let name = name.trim();
    whole_name(name).or_else(|| whole_name(without_unit_word(name)?))
}

/// The place `name` names when the whole of `name` is its spelling.
fn whole_name(name: &str) -> Option<&'static str> {
    match places_in(name).as_slice() {
        [m] if m.start == 0 && m.end == name.len() => Some(m.name),
        _ => None,
    }
}

/// `name` without the "Tỉnh", "Thành phố", "TP." in front of it, if any.
fn without_unit_word(name: &str) -> Option<&str> {
    places::UNIT_WORDS.iter().find_map(|word| {
        let rest = name.strip_prefix(word)?;
        let separated = word.ends_with('.') || rest.starts_with(char::is_whitespace);
        separated.then(|| rest.trim_start())
    })
}

/// The unit that the province or city called `name` (any spelling
/// [`canonical`] accepts) became part of under Nghị quyết 202/2025/QH15:
/// "Hải Dương" → "Hải Phòng", "Bình Dương" → "TP. Hồ Chí Minh", "Hoà Bình"
/// → "Phú Thọ". `None` for the 34 units that exist since then (they were
/// not merged into anything, though some absorbed others) and for names
/// that are not a province's.
///
/// ```
/// use baocao_gazetteer::merged_into;
/// assert_eq!(merged_into("Tỉnh Quảng Nam"), Some("Đà Nẵng"));
/// assert_eq!(merged_into("Đà Nẵng"), None);
/// assert_eq!(merged_into("Hà Nội"), None);
/// ```
pub fn merged_into(name: &str) -> Option<&'static str> {
    canonical(name).and_then(merged_into_canonical)
}

/// [`merged_into`] for a canonical name.
fn merged_into_canonical(name: &str) -> Option<&'static str> {
    places::by_name(name).and_then(|p| p.merged_into)
}

/// Whether `a` and `b` name the same place for a department: the same
/// province or city, or one that was merged into the other in 2025.
///
/// A department of Hải Phòng writes "Hải Dương" legitimately after the
/// merger (its territory is Hải Phòng's now), and before it a Hải Dương
/// department's 2024 report is reread in 2025 under Hải Phòng's name; this
/// crate does not know a report's date, so it counts both directions as the
/// same place and errs on the side of not warning. Two provinces merged into
/// the same unit are not the same place for each other (Bình Dương is not
/// Bà Rịa - Vũng Tàu), but both are the same place as TP. Hồ Chí Minh.
/// Names that are not a province's are the same place as nothing.
///
/// ```
/// use baocao_gazetteer::same_place;
/// assert!(same_place("Hải Dương", "Thành phố Hải Phòng"));
/// assert!(same_place("TP. Hồ Chí Minh", "Bình Dương"));
/// assert!(same_place("Thừa Thiên Huế", "Huế"));
/// assert!(!same_place("Bình Dương", "Bà Rịa - Vũng Tàu"));
/// assert!(!same_place("Hà Nội", "Hải Phòng"));
/// ```
pub fn same_place(a: &str, b: &str) -> bool {
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => same_canonical(a, b),
        _ => false,
    }
}

/// [`same_place`] for canonical names.
fn same_canonical(a: &str, b: &str) -> bool {
    a == b || merged_into_canonical(a) == Some(b) || merged_into_canonical(b) == Some(a)
}

/// The mentions in `text` of places other than the department's own, for
/// `baocao check`'s warning that a copied note or template still names the
/// province it came from.
///
/// `own_region` is the dataset's region as written: "Hà Nội", "TP. Hồ Chí
/// Minh", "Tỉnh Bắc Ninh", "Thành phố Đà Nẵng". The places named in it (see
/// [`places_in`]; the words around the name do not matter, so "Cà Mau 2"
/// is Cà Mau's) are the department's own, and a mention is foreign when it
/// is not the [`same_place`] as any of them.
///
/// When `own_region` names no province ("Cả nước", "Việt Nam", a region of
/// several provinces, a misspelt name), nothing is foreign: a national
/// report may name every province, and a check that cannot tell whose
/// report it is should not guess. A caller that wants to flag a misspelt
/// region can ask [`canonical`] about it.
///
/// ```
/// use baocao_gazetteer::foreign_places;
/// let note = "Cùng với Hà Nội, TP. Hồ Chí Minh và các tỉnh Bình Dương, Đồng Nai…";
/// let foreign: Vec<&str> = foreign_places(note, "TP. Hồ Chí Minh").iter().map(|m| m.name).collect();
/// assert_eq!(foreign, ["Hà Nội", "Đồng Nai"]);
/// assert!(foreign_places(note, "Cả nước").is_empty());
/// ```
pub fn foreign_places(text: &str, own_region: &str) -> Vec<Mention> {
    let own: Vec<&str> = places_in(own_region).iter().map(|m| m.name).collect();
    if own.is_empty() {
        return Vec::new();
    }
    places_in(text)
        .into_iter()
        .filter(|m| !own.iter().any(|o| same_canonical(o, m.name)))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "a test fails loudly on purpose")]
mod tests {
    use super::*;

    /// The names found in `text`, each with the text it was found in.
    fn found(text: &str) -> Vec<(&'static str, &str)> {
        places_in(text)
            .iter()
            .map(|m| (m.name, &text[m.start..m.end]))
            .collect()
    }

    #[test]
    fn names_and_variants() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("Hà Nội nói riêng", &[("Hà Nội", "Hà Nội")]),
            ("Song Hà Nội vẫn quyết tâm", &[("Hà Nội", "Hà Nội")]),
            ("trên địa bàn Thành phố Hà Nội.", &[("Hà Nội", "Hà Nội")]),
            ("UBND THÀNH PHỐ HÀ NỘI", &[("Hà Nội", "HÀ NỘI")]),
            ("Hanoi's economy", &[("Hà Nội", "Hanoi")]),
            ("HANOI PEOPLE'S COMMITTEE", &[("Hà Nội", "HANOI")]),
            ("Ha Noi", &[("Hà Nội", "Ha Noi")]),
            ("Hà\nNội", &[("Hà Nội", "Hà\nNội")]),
            ("(Hà Nội)", &[("Hà Nội", "Hà Nội")]),
            ("TP. Hồ Chí Minh", &[("TP. Hồ Chí Minh", "TP. Hồ Chí Minh")]),
            ("TP.Hồ Chí Minh", &[("TP. Hồ Chí Minh", "TP.Hồ Chí Minh")]),
            (
                "Thành phố Hồ Chí Minh",
                &[("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh")],
            ),
            (
                "tại thành phố Hồ Chí Minh",
                &[("TP. Hồ Chí Minh", "thành phố Hồ Chí Minh")],
            ),
            ("TP.HCM", &[("TP. Hồ Chí Minh", "TP.HCM")]),
            ("TP. HCM", &[("TP. Hồ Chí Minh", "TP. HCM")]),
            ("TPHCM", &[("TP. Hồ Chí Minh", "TPHCM")]),
            (
                "các tỉnh Đồng Nai, Hồ Chí Minh",
                &[("Đồng Nai", "Đồng Nai"), ("TP. Hồ Chí Minh", "Hồ Chí Minh")],
            ),
            (
                "Ho Chi Minh City",
                &[("TP. Hồ Chí Minh", "Ho Chi Minh City")],
            ),
            (
                "Chủ tịch UBND TP. Hồ Chí Minh",
                &[("TP. Hồ Chí Minh", "TP. Hồ Chí Minh")],
            ),
            ("Thừa Thiên Huế", &[("Huế", "Thừa Thiên Huế")]),
            ("Thừa Thiên - Huế", &[("Huế", "Thừa Thiên - Huế")]),
            ("Thừa Thiên – Huế", &[("Huế", "Thừa Thiên – Huế")]),
            ("Cố đô Huế.", &[("Huế", "Huế")]),
            ("TP. Huế", &[("Huế", "Huế")]),
            (
                "Bà Rịa - Vũng Tàu",
                &[("Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu")],
            ),
            (
                "Bà Rịa-Vũng Tàu",
                &[("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu")],
            ),
            (
                "Bà Rịa – Vũng Tàu",
                &[("Bà Rịa - Vũng Tàu", "Bà Rịa – Vũng Tàu")],
            ),
            ("Đắk Lắk", &[("Đắk Lắk", "Đắk Lắk")]),
            ("Đăk Lăk", &[("Đắk Lắk", "Đăk Lăk")]),
            ("Hòa Bình", &[("Hòa Bình", "Hòa Bình")]),
            ("Hoà Bình", &[("Hòa Bình", "Hoà Bình")]),
            ("Thanh Hoá", &[("Thanh Hóa", "Thanh Hoá")]),
            ("Khánh Hoà", &[("Khánh Hòa", "Khánh Hoà")]),
            (
                "Long An, Hà Nam, Nam Định, Phú Thọ, Gia Lai",
                &[
                    ("Long An", "Long An"),
                    ("Hà Nam", "Hà Nam"),
                    ("Nam Định", "Nam Định"),
                    ("Phú Thọ", "Phú Thọ"),
                    ("Gia Lai", "Gia Lai"),
                ],
            ),
            // Two names in a row, no punctuation: both, neither swallowed.
            (
                "Quảng Nam Đà Nẵng",
                &[("Quảng Nam", "Quảng Nam"), ("Đà Nẵng", "Đà Nẵng")],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn false_positives() {
        let nothing = [
            "Việt Nam",
            "Trung Đông",
            "Đông Nam Á",
            "Tây Nguyên và Đồng bằng sông Cửu Long",
            // Whole words only.
            "Hà Nộii",
            "Long Anh",
            "XHà Nội",
            "Hà Nội2",
            "hanoi_gdp",
            // Capitals as written: peace and a verb, not provinces.
            "vì hòa bình và phát triển",
            "Hòa bình, hợp tác",
            "bình định giá",
            "Viện Hải dương học",
            "cao bằng",
            // Phrases that contain a name.
            "xuyên Thái Bình Dương (CPTPP)",
            "châu Á - Thái Bình Dương",
            "THÁI BÌNH DƯƠNG",
            "Trans-Pacific, Thai Binh Duong",
            "kỷ niệm 70 năm Chiến thắng Điện Biên Phủ",
            "vùng Đồng Tháp Mười",
            "Xa lộ Hà Nội",
            // People.
            "bà Nguyễn Thị Huế, Phó Giám đốc Sở",
            "ông Trần Hải Dương",
            "Nguyễn Văn Hà Nam",
            "Lê Thái Bình",
            "NGUYỄN THỊ HUẾ",
            "Nguyen Thi Hue",
            // The man, not the city.
            "tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            "Học tập và làm theo tư tưởng Hồ Chí Minh",
            "Chủ tịch Hồ Chí Minh",
            "Chủ   tịch\nHồ Chí Minh",
            "Bác Hồ Chí Minh",
            "Đoàn TNCS Hồ Chí Minh",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            "Giải thưởng Hồ Chí Minh",
            "tuyến đường Hồ Chí Minh",
            "Học viện Chính trị quốc gia Hồ Chí Minh",
            "TƯ TƯỞNG HỒ CHÍ MINH",
            "President Ho Chi Minh",
            "the Ho Chi Minh Trail",
            "Ho Chi Minh Thought",
            // Template markup around nothing.
            "{{ data.grdp.growth | pct }}",
            "",
        ];
        for text in nothing {
            assert_eq!(found(text), [], "{text}");
        }
    }

    #[test]
    fn a_phrase_does_not_hide_what_follows_it() {
        assert_eq!(
            found("Thái Bình Dương, Thái Bình và Bình Dương"),
            [("Thái Bình", "Thái Bình"), ("Bình Dương", "Bình Dương")]
        );
        assert_eq!(
            found("tư tưởng Hồ Chí Minh tại TP. Hồ Chí Minh"),
            [("TP. Hồ Chí Minh", "TP. Hồ Chí Minh")]
        );
    }

    #[test]
    fn canonical_names() {
        let cases = [
            ("Hà Nội", Some("Hà Nội")),
            ("  Hà Nội ", Some("Hà Nội")),
            ("Thành phố Hà Nội", Some("Hà Nội")),
            ("Tỉnh Bắc Ninh", Some("Bắc Ninh")),
            ("tỉnh Bắc Ninh", Some("Bắc Ninh")),
            ("TỈNH BẮC NINH", Some("Bắc Ninh")),
            ("TP. Hồ Chí Minh", Some("TP. Hồ Chí Minh")),
            ("TP.HCM", Some("TP. Hồ Chí Minh")),
            ("TP Hồ Chí Minh", Some("TP. Hồ Chí Minh")),
            ("Hồ Chí Minh", Some("TP. Hồ Chí Minh")),
            ("TP. Đà Nẵng", Some("Đà Nẵng")),
            ("Tp Cần Thơ", Some("Cần Thơ")),
            ("Thừa Thiên Huế", Some("Huế")),
            ("Ha\u{300} No\u{323}\u{302}i", Some("Hà Nội")),
            ("Việt Nam", None),
            ("Cả nước", None),
            ("Hà Nội 2", None),
            ("Hà Nội và Hải Phòng", None),
            ("Tỉnh", None),
            ("TP.", None),
            ("Hà Nộ", None),
            ("", None),
        ];
        for (name, expected) in cases {
            assert_eq!(canonical(name), expected, "{name}");
        }
    }

    #[test]
    fn mergers() {
        let cases = [
            ("Hải Dương", Some("Hải Phòng")),
            ("Hoà Bình", Some("Phú Thọ")),
            ("Bà Rịa-Vũng Tàu", Some("TP. Hồ Chí Minh")),
            ("Tỉnh Kon Tum", Some("Quảng Ngãi")),
            ("Đăk Nông", Some("Lâm Đồng")),
            ("Hải Phòng", None),
            ("Huế", None),
            ("Việt Nam", None),
        ];
        for (name, expected) in cases {
            assert_eq!(merged_into(name), expected, "{name}");
        }
    }

    #[test]
    fn same_places() {
        let cases = [
            ("Hà Nội", "Hà Nội", true),
            ("Hà Nội", "Thành phố Hà Nội", true),
            ("Hanoi", "HÀ NỘI", true),
            ("Hải Dương", "Hải Phòng", true),
            ("Hải Phòng", "Hải Dương", true),
            ("Hà Nam", "Ninh Bình", true),
            ("Hà Nam", "Nam Định", false),
            ("Bình Dương", "Bà Rịa - Vũng Tàu", false),
            ("Hà Nội", "Hải Phòng", false),
            ("Việt Nam", "Việt Nam", false),
            ("Hà Nội", "Cả nước", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(same_place(a, b), expected, "{a} / {b}");
        }
    }

    #[test]
    fn foreign() {
        let note = "Hà Nội nói riêng, Hải Dương, Hải Phòng, Bắc Ninh và Việt Nam nói chung";
        let cases: &[(&str, &[&str])] = &[
            ("Hà Nội", &["Hải Dương", "Hải Phòng", "Bắc Ninh"]),
            ("Thành phố Hà Nội", &["Hải Dương", "Hải Phòng", "Bắc Ninh"]),
            ("Thành phố Hải Phòng", &["Hà Nội", "Bắc Ninh"]),
            ("Tỉnh Hải Dương", &["Hà Nội", "Bắc Ninh"]),
            (
                "TP. Hồ Chí Minh",
                &["Hà Nội", "Hải Dương", "Hải Phòng", "Bắc Ninh"],
            ),
            ("Bắc Ninh 2", &["Hà Nội", "Hải Dương", "Hải Phòng"]),
            ("Cả nước", &[]),
            ("Việt Nam", &[]),
            ("Ha Noii", &[]),
            ("", &[]),
        ];
        for (own, expected) in cases {
            let names: Vec<&str> = foreign_places(note, own).iter().map(|m| m.name).collect();
            assert_eq!(names, *expected, "{own}");
        }
    }
}
