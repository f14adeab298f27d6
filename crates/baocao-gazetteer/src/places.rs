//! The list: every province and centrally-run city, the unit each was merged
//! into in 2025, and the other ways documents spell it; then the few phrases
//! that contain a name without naming the place.

/// One province or centrally-run city as it existed until June 2025.
#[derive(Debug)]
pub(crate) struct Place {
    /// The name as official documents write it today, in NFC: "Hòa Bình"
    /// (the tone mark on the "o"), "TP. Hồ Chí Minh".
    pub(crate) name: &'static str,
    /// The unit Nghị quyết 202/2025/QH15 merged it into, if it was merged
    /// into another one; `None` for the 34 units that exist since then.
    pub(crate) merged_into: Option<&'static str>,
    /// Other spellings found in documents; [`Place::name`] is not repeated.
    /// A space stands for any run of white space, a "-" (with or without
    /// spaces around it) for any dash with optional space around it, and a
    /// "." for a full stop with optional space after it. Upper-case and
    /// unaccented forms ("HÀ NỘI", "Ha Noi") are derived, not listed.
    pub(crate) spellings: &'static [&'static str],
}

/// Shorthand for the table below.
const fn place(
    name: &'static str,
    merged_into: Option<&'static str>,
    spellings: &'static [&'static str],
) -> Place {
    Place {
        name,
        merged_into,
        spellings,
    }
}

/// The 63 provinces and centrally-run cities before the 2025 merger, north
/// to south, the five old cities last. Thừa Thiên Huế is listed as "Huế":
/// it became the centrally-run city of Huế on 1 January 2025 by a 2024
/// resolution of the National Assembly, and both names mean the same unit.
///
/// `merged_into` follows Nghị quyết 202/2025/QH15 of the National Assembly
/// "về việc sắp xếp đơn vị hành chính cấp tỉnh", adopted and in force on
/// 12 June 2025 (the new provinces' governments started on 1 July 2025):
/// 52 units became 23, so 63 became 34, and 11 units were not merged (Hà
/// Nội, Huế, Lai Châu, Điện Biên, Sơn La, Lạng Sơn, Quảng Ninh, Thanh Hóa,
/// Nghệ An, Hà Tĩnh, Cao Bằng). Every one of the 23 new units took the name
/// of one of the units it was formed from, so the 34 names are all here.
pub(crate) const PLACES: [Place; 63] = [
    // Northern mountains and midlands.
    place("Hà Giang", Some("Tuyên Quang"), &[]),
    place("Tuyên Quang", None, &[]),
    place("Cao Bằng", None, &[]),
    place("Bắc Kạn", Some("Thái Nguyên"), &["Bắc Cạn"]),
    place("Thái Nguyên", None, &[]),
    place("Lào Cai", None, &[]),
    place("Yên Bái", Some("Lào Cai"), &[]),
    place("Điện Biên", None, &[]),
    place("Lai Châu", None, &[]),
    place("Sơn La", None, &[]),
    place("Hòa Bình", Some("Phú Thọ"), &["Hoà Bình"]),
    place("Lạng Sơn", None, &[]),
    place("Quảng Ninh", None, &[]),
    place("Bắc Giang", Some("Bắc Ninh"), &[]),
    place("Phú Thọ", None, &[]),
    // Red River delta.
    place("Vĩnh Phúc", Some("Phú Thọ"), &[]),
    place("Bắc Ninh", None, &[]),
    place("Hải Dương", Some("Hải Phòng"), &[]),
    place("Hưng Yên", None, &[]),
    place("Thái Bình", Some("Hưng Yên"), &[]),
    place("Hà Nam", Some("Ninh Bình"), &[]),
    place("Nam Định", Some("Ninh Bình"), &[]),
    place("Ninh Bình", None, &[]),
    // North Central Coast.
    place("Thanh Hóa", None, &["Thanh Hoá"]),
    place("Nghệ An", None, &[]),
    place("Hà Tĩnh", None, &[]),
    place("Quảng Bình", Some("Quảng Trị"), &[]),
    place("Quảng Trị", None, &[]),
    place(
        "Huế",
        None,
        &["Thừa Thiên Huế", "Thừa Thiên - Huế", "TT-Huế"],
    ),
    // South Central Coast.
    place("Quảng Nam", Some("Đà Nẵng"), &[]),
    place("Quảng Ngãi", None, &[]),
    place("Bình Định", Some("Gia Lai"), &[]),
    place("Phú Yên", Some("Đắk Lắk"), &[]),
    place("Khánh Hòa", None, &["Khánh Hoà"]),
    place("Ninh Thuận", Some("Khánh Hòa"), &[]),
    place("Bình Thuận", Some("Lâm Đồng"), &[]),
    // Central Highlands.
    place("Kon Tum", Some("Quảng Ngãi"), &["Kontum"]),
    place("Gia Lai", None, &[]),
    place(
        "Đắk Lắk",
        None,
        &["Đăk Lăk", "Đắc Lắc", "Đắk Lắc", "Daklak"],
    ),
    place("Đắk Nông", Some("Lâm Đồng"), &["Đăk Nông", "Đắc Nông"]),
    place("Lâm Đồng", None, &[]),
    // South East.
    place("Bình Phước", Some("Đồng Nai"), &[]),
    place("Tây Ninh", None, &[]),
    place("Bình Dương", Some("TP. Hồ Chí Minh"), &[]),
    place("Đồng Nai", None, &[]),
    place("Bà Rịa - Vũng Tàu", Some("TP. Hồ Chí Minh"), &["BR-VT"]),
    // Mekong delta.
    place("Long An", Some("Tây Ninh"), &[]),
    place("Tiền Giang", Some("Đồng Tháp"), &[]),
    place("Bến Tre", Some("Vĩnh Long"), &[]),
    place("Trà Vinh", Some("Vĩnh Long"), &[]),
    place("Vĩnh Long", None, &[]),
    place("Đồng Tháp", None, &[]),
    place("An Giang", None, &[]),
    place("Kiên Giang", Some("An Giang"), &[]),
    place("Hậu Giang", Some("Cần Thơ"), &[]),
    place("Sóc Trăng", Some("Cần Thơ"), &[]),
    place("Bạc Liêu", Some("Cà Mau"), &[]),
    place("Cà Mau", None, &[]),
    // The centrally-run cities other than Huế.
    place("Hà Nội", None, &["Hanoi"]),
    place("Hải Phòng", None, &["Haiphong"]),
    place("Đà Nẵng", None, &["Danang"]),
    place("Cần Thơ", None, &[]),
    place(
        "TP. Hồ Chí Minh",
        None,
        &[
            "Thành phố Hồ Chí Minh",
            "thành phố Hồ Chí Minh",
            "TP Hồ Chí Minh",
            "Tp. Hồ Chí Minh",
            "Tp Hồ Chí Minh",
            "TP.HCM",
            "TP HCM",
            "TPHCM",
            "Tp.HCM",
            "Tp HCM",
            "Ho Chi Minh City",
            "HCMC",
            HO_CHI_MINH,
        ],
    ),
];

/// The city's name without "Thành phố" is also the name of the man, and
/// Vietnamese reports quote him in set phrases ("tư tưởng, đạo đức, phong
/// cách Hồ Chí Minh"), so this spelling alone names the city only outside
/// those phrases: see [`THE_MAN_BEFORE`] and [`THE_MAN_AFTER`].
pub(crate) const HO_CHI_MINH: &str = "Hồ Chí Minh";

/// The words that, right before a bare "Hồ Chí Minh", make it the man (or
/// something named after him) and not the city; compared without regard to
/// case. "Chủ tịch Hồ Chí Minh", "tư tưởng Hồ Chí Minh", "Đoàn TNCS Hồ Chí
/// Minh", "đường Hồ Chí Minh" (the highway), "Học viện Chính trị quốc gia Hồ
/// Chí Minh", "President Ho Chi Minh".
pub(crate) const THE_MAN_BEFORE: &[&str] = &[
    "chủ tịch",
    "bác",
    "tư tưởng",
    "phong cách",
    "đạo đức",
    "tấm gương",
    "cộng sản",
    "tncs",
    "tiền phong",
    "lăng",
    "bảo tàng",
    "giải thưởng",
    "huân chương",
    "quốc gia",
    "thời đại",
    "đường",
    "mòn",
    "president",
    "uncle",
];

/// The words that, right after a bare "Ho Chi Minh" in English, make it the
/// man or something named after him: "Ho Chi Minh Thought", "Ho Chi Minh
/// Trail". The city is "Ho Chi Minh City", which is matched whole first.
pub(crate) const THE_MAN_AFTER: &[&str] = &["thought", "trail", "mausoleum", "museum", "prize"];

/// Words that, right before a name, make it part of a person's name: the
/// commonest family names and the middle names "Thị" and "Văn". "Nguyễn
/// Thị Huế" and "Trần Hải Dương" are people; a department's notes name
/// people who sign or attend. Compared as written (a lake, "hồ Hòa Bình",
/// is not the family name "Hồ").
pub(crate) const PERSON_NAME_WORDS: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý", "Thị", "Văn",
];

/// Phrases that contain a province's name but do not name the province;
/// where one of them starts, nothing inside it is a mention. The Pacific
/// ("Thái Bình Dương", in every text about CPTPP), the 1954 victory and the
/// streets named after it ("Điện Biên Phủ"), the Plain of Reeds that spans
/// three provinces ("Đồng Tháp Mười"), and the Hanoi Highway of Hồ Chí Minh
/// City ("Xa lộ Hà Nội").
pub(crate) const NOT_PLACES: &[&str] = &[
    "Thái Bình Dương",
    "Điện Biên Phủ",
    "Đồng Tháp Mười",
    "Xa lộ Hà Nội",
];

/// Words that may stand before a name in a region string or a name given
/// to [`crate::canonical`]: "Tỉnh Bắc Ninh", "Thành phố Đà Nẵng".
pub(crate) const UNIT_WORDS: &[&str] = &[
    "Tỉnh",
    "tỉnh",
    "TỈNH",
    "Thành phố",
    "thành phố",
    "THÀNH PHỐ",
    "TP.",
    "TP",
    "Tp.",
    "Tp",
];

/// The place called `name` (its canonical name, exactly).
pub(crate) fn by_name(name: &str) -> Option<&'static Place> {
    PLACES.iter().find(|p| p.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use unicode_normalization::is_nfc;

    #[test]
    fn sixty_three_before_and_thirty_four_after() {
        let names: BTreeSet<&str> = PLACES.iter().map(|p| p.name).collect();
        assert_eq!(names.len(), 63, "names are unique");
        let units: BTreeSet<&str> = PLACES
            .iter()
            .filter(|p| p.merged_into.is_none())
            .map(|p| p.name)
            .collect();
        assert_eq!(units.len(), 34);
        // 52 units formed 23: 29 names are gone.
        assert_eq!(
            PLACES.iter().filter(|p| p.merged_into.is_some()).count(),
            29
        );
        for p in &PLACES {
            if let Some(unit) = p.merged_into {
                assert!(
                    units.contains(unit),
                    "{} merged into unknown {unit}",
                    p.name
                );
            }
        }
        // Each new unit formed from several keeps the name of one of them.
        let formed: BTreeSet<&str> = PLACES.iter().filter_map(|p| p.merged_into).collect();
        assert_eq!(formed.len(), 23);
    }

    #[test]
    fn the_units_of_nghi_quyet_202() {
        let merged = |unit: &str| -> Vec<&str> {
            PLACES
                .iter()
                .filter(|p| p.merged_into == Some(unit))
                .map(|p| p.name)
                .collect()
        };
        let table: [(&str, &[&str]); 23] = [
            ("Tuyên Quang", &["Hà Giang"]),
            ("Lào Cai", &["Yên Bái"]),
            ("Thái Nguyên", &["Bắc Kạn"]),
            ("Phú Thọ", &["Hòa Bình", "Vĩnh Phúc"]),
            ("Bắc Ninh", &["Bắc Giang"]),
            ("Hưng Yên", &["Thái Bình"]),
            ("Hải Phòng", &["Hải Dương"]),
            ("Ninh Bình", &["Hà Nam", "Nam Định"]),
            ("Quảng Trị", &["Quảng Bình"]),
            ("Đà Nẵng", &["Quảng Nam"]),
            ("Quảng Ngãi", &["Kon Tum"]),
            ("Gia Lai", &["Bình Định"]),
            ("Khánh Hòa", &["Ninh Thuận"]),
            ("Lâm Đồng", &["Bình Thuận", "Đắk Nông"]),
            ("Đắk Lắk", &["Phú Yên"]),
            ("TP. Hồ Chí Minh", &["Bình Dương", "Bà Rịa - Vũng Tàu"]),
            ("Đồng Nai", &["Bình Phước"]),
            ("Tây Ninh", &["Long An"]),
            ("Cần Thơ", &["Hậu Giang", "Sóc Trăng"]),
            ("Vĩnh Long", &["Bến Tre", "Trà Vinh"]),
            ("Đồng Tháp", &["Tiền Giang"]),
            ("Cà Mau", &["Bạc Liêu"]),
            ("An Giang", &["Kiên Giang"]),
        ];
        for (unit, from) in table {
            assert_eq!(merged(unit), from, "{unit}");
        }
        let unchanged = [
            "Hà Nội",
            "Huế",
            "Lai Châu",
            "Điện Biên",
            "Sơn La",
            "Lạng Sơn",
            "Quảng Ninh",
            "Thanh Hóa",
            "Nghệ An",
            "Hà Tĩnh",
            "Cao Bằng",
        ];
        for unit in unchanged {
            let p = by_name(unit).unwrap();
            assert_eq!(p.merged_into, None);
            assert!(merged(unit).is_empty(), "{unit}");
        }
    }

    #[test]
    fn everything_is_nfc() {
        let all = PLACES
            .iter()
            .flat_map(|p| std::iter::once(p.name).chain(p.spellings.iter().copied()))
            .chain(THE_MAN_BEFORE.iter().copied())
            .chain(PERSON_NAME_WORDS.iter().copied())
            .chain(NOT_PLACES.iter().copied())
            .chain(UNIT_WORDS.iter().copied());
        for s in all {
            assert!(is_nfc(s), "{s}");
        }
    }
}
