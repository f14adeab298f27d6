//! The regions departments are named after: the 34 provinces and
//! centrally governed cities of Việt Nam since 1 July 2025.

/// A centrally governed city (its department answers to "UBND THÀNH PHỐ …")
/// or a province ("UBND TỈNH …").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RegionKind {
    /// Thành phố trực thuộc trung ương.
    City,
    /// Tỉnh.
    Province,
}

/// The six cities first, then the 28 provinces, north to south; spelled
/// as official documents spell them, in NFC. The number is the order of
/// magnitude of the region's GRDP in nghìn tỷ đồng (roughly that of the
/// merged provinces around 2024), so that a mountain province stays small
/// and a metropolis large; the generated figures are drawn around it and
/// are not the region's real ones.
const REGIONS: [(&str, RegionKind, i64); 34] = [
    ("Hà Nội", RegionKind::City, 1430),
    ("Huế", RegionKind::City, 75),
    ("Hải Phòng", RegionKind::City, 610),
    ("Đà Nẵng", RegionKind::City, 270),
    ("Cần Thơ", RegionKind::City, 240),
    ("Hồ Chí Minh", RegionKind::City, 2580),
    ("Lai Châu", RegionKind::Province, 30),
    ("Điện Biên", RegionKind::Province, 30),
    ("Sơn La", RegionKind::Province, 75),
    ("Lạng Sơn", RegionKind::Province, 50),
    ("Quảng Ninh", RegionKind::Province, 330),
    ("Thanh Hóa", RegionKind::Province, 330),
    ("Nghệ An", RegionKind::Province, 210),
    ("Hà Tĩnh", RegionKind::Province, 110),
    ("Cao Bằng", RegionKind::Province, 25),
    ("Tuyên Quang", RegionKind::Province, 90),
    ("Lào Cai", RegionKind::Province, 120),
    ("Thái Nguyên", RegionKind::Province, 180),
    ("Phú Thọ", RegionKind::Province, 340),
    ("Bắc Ninh", RegionKind::Province, 450),
    ("Hưng Yên", RegionKind::Province, 280),
    ("Ninh Bình", RegionKind::Province, 290),
    ("Quảng Trị", RegionKind::Province, 110),
    ("Quảng Ngãi", RegionKind::Province, 170),
    ("Gia Lai", RegionKind::Province, 260),
    ("Khánh Hòa", RegionKind::Province, 190),
    ("Lâm Đồng", RegionKind::Province, 300),
    ("Đắk Lắk", RegionKind::Province, 200),
    ("Đồng Nai", RegionKind::Province, 590),
    ("Tây Ninh", RegionKind::Province, 370),
    ("Vĩnh Long", RegionKind::Province, 230),
    ("Đồng Tháp", RegionKind::Province, 240),
    ("Cà Mau", RegionKind::Province, 140),
    ("An Giang", RegionKind::Province, 270),
];

/// How many distinct regions there are before names repeat with a suffix.
pub(crate) const DISTINCT: usize = REGIONS.len();

/// The region of one synthetic department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Region {
    /// As used in sentences and the dataset: "Hà Nội", "Cà Mau 2".
    pub(crate) name: String,
    /// City or province.
    pub(crate) kind: RegionKind,
    /// The order of magnitude of its GRDP, nghìn tỷ đồng.
    pub(crate) size: i64,
}

impl Region {
    /// The region of department `k` (0-based): the 34 in order, then again
    /// with " 2", " 3", … so that names stay unique at any count.
    pub(crate) fn nth(k: usize) -> Region {
        let (name, kind, size) = REGIONS[k % DISTINCT];
        let round = k / DISTINCT;
        let name = if round == 0 {
            name.to_owned()
        } else {
            format!("{name} {}", round + 1)
        };
        Region { name, kind, size }
    }

    /// "Thành phố" or "Tỉnh", as `region_kind` and "trên địa bàn Tỉnh" write it.
    pub(crate) fn kind_word(&self) -> &'static str {
        match self.kind {
            RegionKind::City => "Thành phố",
            RegionKind::Province => "Tỉnh",
        }
    }

    /// The letterhead's governing authority: "UBND THÀNH PHỐ HÀ NỘI".
    pub(crate) fn authority(&self) -> String {
        // Vietnamese letters have precomposed capitals, so upper-casing an
        // NFC string keeps it NFC.
        format!("UBND {} {}", self.kind_word(), self.name).to_uppercase()
    }

    /// The place of the date line: the name, or "TP. Hồ Chí Minh", which is
    /// how that city's documents write it.
    pub(crate) fn place(&self) -> String {
        if self.name.starts_with("Hồ Chí Minh") {
            format!("TP. {}", self.name)
        } else {
            self.name.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::is_nfc;

    #[test]
    fn names_are_nfc_and_unique() {
        let mut names: Vec<&str> = REGIONS.iter().map(|(n, _, _)| *n).collect();
        assert!(names.iter().all(|n| is_nfc(n)));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 34);
        let cities = REGIONS.iter().filter(|r| r.1 == RegionKind::City).count();
        assert_eq!(cities, 6);
    }

    #[test]
    fn letterheads_and_places() {
        let hanoi = Region::nth(0);
        assert_eq!(hanoi.authority(), "UBND THÀNH PHỐ HÀ NỘI");
        assert!(is_nfc(&hanoi.authority()));
        assert_eq!(Region::nth(5).place(), "TP. Hồ Chí Minh");
        assert_eq!(Region::nth(5).authority(), "UBND THÀNH PHỐ HỒ CHÍ MINH");
        let dak_lak = Region::nth(27);
        assert_eq!(dak_lak.authority(), "UBND TỈNH ĐẮK LẮK");
        assert_eq!(dak_lak.kind_word(), "Tỉnh");
        assert_eq!(Region::nth(34).name, "Hà Nội 2");
        assert_eq!(Region::nth(33 + 34 * 2).name, "An Giang 3");
    }
}
