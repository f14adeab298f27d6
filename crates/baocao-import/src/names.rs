//! A row's label matched to a standard indicator: its id, or its name in
//! Vietnamese or English, folded, with the abbreviations tables use
//! spelled out ("hh" is "hàng hóa"); or the closest one, to suggest.

use baocao_dataset::{STANDARD, Standard};

use crate::fold::fold;

/// Abbreviations of statistics tables, as folded words.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("hh", "hang hoa"),
    ("dv", "dich vu"),
    ("cn", "cong nghiep"),
    ("sx", "san xuat"),
    ("xk", "xuat khau"),
    ("nk", "nhap khau"),
    ("kn", "kim ngach"),
    ("tp", "thanh pho"),
    ("&", "va"),
];

/// Names tables use for a standard indicator besides its own.
const ALIASES: &[(&str, &str)] = &[
    ("grdp", "tong san pham tren dia ban"),
    ("grdp", "tong san pham tren dia ban tinh"),
    ("grdp", "tong san pham tren dia ban grdp"),
    ("iip", "chi so san xuat cong nghiep"),
    ("cpi", "chi so gia tieu dung"),
    ("cpi", "chi so gia tieu dung binh quan"),
    ("exports", "tong kim ngach xuat khau"),
    ("exports", "kim ngach xuat khau hang hoa"),
    ("imports", "tong kim ngach nhap khau"),
    ("imports", "kim ngach nhap khau hang hoa"),
    ("agriculture", "nong, lam nghiep va thuy san"),
    ("industry_construction", "cong nghiep va xay dung"),
    ("services", "dich vu"),
    ("product_taxes", "thue san pham tru tro cap san pham"),
    ("iip_mining", "khai khoang"),
    ("iip_manufacturing", "cong nghiep che bien, che tao"),
    ("iip_electricity", "san xuat va phan phoi dien"),
    (
        "iip_water",
        "cung cap nuoc, quan ly va xu ly rac thai, nuoc thai",
    ),
];

/// The label as compared: folded, numbering ("1.", "I.", "a)", "-") and
/// "Trong đó:" taken off, abbreviations spelled out, the words kept.
pub(crate) fn key(label: &str) -> String {
    let mut f = fold(label);
    loop {
        let before = f.len();
        for prefix in ["trong do:", "trong do", "-", "+", "•", "*"] {
            if let Some(rest) = f.strip_prefix(prefix) {
                f = rest.trim_start().to_owned();
            }
        }
        // "1.", "1.1.", "II.", "a)", "b."
        if let Some((head, rest)) = f.split_once([' ']) {
            let bare = head.trim_end_matches(['.', ')']);
            let numbering = head.len() > bare.len()
                && (bare.chars().all(|c| c.is_ascii_digit() || c == '.')
                    || bare.chars().all(|c| "ivxl".contains(c))
                    || (bare.len() == 1 && bare.chars().all(|c| c.is_ascii_lowercase())));
            if numbering && !bare.is_empty() {
                f = rest.to_owned();
            }
        }
        if f.len() == before {
            break;
        }
    }
    f.split(' ')
        .map(|w| {
            ABBREVIATIONS
                .iter()
                .find(|(short, _)| *short == w)
                .map_or(w, |(_, long)| long)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every name of a standard indicator, as keys.
fn names(s: &Standard) -> impl Iterator<Item = String> + '_ {
    let own = [s.id.to_owned(), key(s.name), key(s.name_en)];
    let without_sector = [
        key(s.name).strip_prefix("nganh ").map(str::to_owned),
        key(s.name).strip_prefix("khu vuc ").map(str::to_owned),
    ];
    let aliases = ALIASES
        .iter()
        .filter(move |(id, _)| *id == s.id)
        .map(|(_, name)| key(name));
    own.into_iter()
        .chain(without_sector.into_iter().flatten())
        .chain(aliases)
}

/// The standard indicator a label names.
pub(crate) fn find(label: &str) -> Option<&'static Standard> {
    let k = key(label);
    if k.is_empty() {
        return None;
    }
    // Aliases are looked at by id order of STANDARD, and the IIP's
    // industries only by their own ids and names: "khai khoáng" alone is
    // the sector of GRDP, not the index, unless no sector matches.
    STANDARD
        .iter()
        .find(|s| !s.id.starts_with("iip_") && names(s).any(|n| n == k))
        .or_else(|| STANDARD.iter().find(|s| names(s).any(|n| n == k)))
}

/// The standard indicator closest to a label that names none: one whose
/// name starts with it ("Tổng mức bán lẻ hàng hóa"), or one a typo away.
pub(crate) fn suggest(label: &str) -> Option<&'static Standard> {
    let k = key(label);
    if k.len() >= 6 {
        let starting: Vec<&Standard> = STANDARD
            .iter()
            .filter(|s| names(s).any(|n| n.starts_with(&k)))
            .collect();
        if let [one] = starting.as_slice() {
            return Some(one);
        }
    }
    let all: Vec<(String, &'static Standard)> = STANDARD
        .iter()
        .flat_map(|s| names(s).map(move |n| (n, s)))
        .collect();
    let found = baocao_suggest::closest(&k, all.iter().map(|(n, _)| n.as_str()))?;
    all.iter().find(|(n, _)| n == found).map(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(label: &str) -> Option<&'static str> {
        find(label).map(|s| s.id)
    }

    #[test]
    fn names_tables_use() {
        assert_eq!(id("grdp"), Some("grdp"));
        assert_eq!(id("Tổng sản phẩm trên địa bàn (GRDP)"), Some("grdp"));
        assert_eq!(id("1. Tổng sản phẩm trên địa bàn"), Some("grdp"));
        assert_eq!(id("- Ngành công nghiệp"), Some("industry"));
        assert_eq!(
            id("Trong đó: Công nghiệp chế biến, chế tạo"),
            Some("manufacturing")
        );
        assert_eq!(id("II. CHỈ SỐ SẢN XUẤT CÔNG NGHIỆP (IIP)"), Some("iip"));
        assert_eq!(id("Chỉ số giá tiêu dùng"), Some("cpi"));
        assert_eq!(id("Kim ngạch XK"), Some("exports"));
        assert_eq!(
            id("Tổng mức bán lẻ hh và doanh thu dv tiêu dùng"),
            Some("retail")
        );
        assert_eq!(id("Khai khoáng"), Some("mining"));
        assert_eq!(id("Tổng mức bán lẻ hh"), None);
        assert_eq!(suggest("Tổng mức bán lẻ hh").map(|s| s.id), Some("retail"));
        assert_eq!(
            suggest("ngành xây dụng").map(|s| s.id),
            Some("construction")
        );
    }
}
