//! The standard indicator ids: the ones baocao's shipped templates use,
//! with their names in both languages and which way is better.
//!
//! A dataset may use any ids; these are the ones a department's templates
//! can count on meaning the same thing in every province's data
//! (docs/dataset.md, "Standard indicator ids").

use crate::{Better, Kind};

/// One standard indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard {
    /// The id.
    pub id: &'static str,
    /// The Vietnamese name, as used inside sentences.
    pub name: &'static str,
    /// The English name, used by an English department when the dataset
    /// gives no `name_en`.
    pub name_en: &'static str,
    /// What it measures.
    pub kind: Kind,
    /// Its usual parent.
    pub parent: Option<&'static str>,
    /// Which way is better, when the dataset does not say.
    pub better: Better,
}

const fn std(
    id: &'static str,
    name: &'static str,
    name_en: &'static str,
    kind: Kind,
    parent: Option<&'static str>,
) -> Standard {
    Standard {
        id,
        name,
        name_en,
        kind,
        parent,
        better: Better::Higher,
    }
}

const fn lower(s: Standard) -> Standard {
    Standard {
        better: Better::Lower,
        ..s
    }
}

/// Every standard indicator, in the order of docs/dataset.md.
pub const STANDARD: &[Standard] = &[
    std(
        "grdp",
        "Tổng sản phẩm trên địa bàn (GRDP)",
        "gross regional domestic product (GRDP)",
        Kind::Flow,
        None,
    ),
    std(
        "agriculture",
        "khu vực nông, lâm nghiệp và thủy sản",
        "agriculture, forestry and fishing",
        Kind::Flow,
        Some("grdp"),
    ),
    std(
        "industry_construction",
        "khu vực công nghiệp và xây dựng",
        "industry and construction",
        Kind::Flow,
        Some("grdp"),
    ),
    std(
        "industry",
        "ngành công nghiệp",
        "industry",
        Kind::Flow,
        Some("industry_construction"),
    ),
    std(
        "mining",
        "ngành khai khoáng",
        "mining and quarrying",
        Kind::Flow,
        Some("industry"),
    ),
    std(
        "manufacturing",
        "ngành công nghiệp chế biến, chế tạo",
        "manufacturing",
        Kind::Flow,
        Some("industry"),
    ),
    std(
        "electricity",
        "ngành sản xuất và phân phối điện",
        "electricity production and distribution",
        Kind::Flow,
        Some("industry"),
    ),
    std(
        "water",
        "ngành cung cấp nước, quản lý và xử lý rác thải, nước thải",
        "water supply and waste management",
        Kind::Flow,
        Some("industry"),
    ),
    std(
        "construction",
        "ngành xây dựng",
        "construction",
        Kind::Flow,
        Some("industry_construction"),
    ),
    std(
        "services",
        "khu vực dịch vụ",
        "services",
        Kind::Flow,
        Some("grdp"),
    ),
    std(
        "trade",
        "bán buôn, bán lẻ",
        "wholesale and retail trade",
        Kind::Flow,
        Some("services"),
    ),
    std(
        "product_taxes",
        "thuế sản phẩm trừ trợ cấp sản phẩm",
        "product taxes less subsidies",
        Kind::Flow,
        Some("grdp"),
    ),
    std(
        "iip",
        "chỉ số sản xuất công nghiệp (IIP)",
        "index of industrial production (IIP)",
        Kind::Index,
        None,
    ),
    std(
        "iip_mining",
        "ngành khai khoáng",
        "mining and quarrying",
        Kind::Index,
        Some("iip"),
    ),
    std(
        "iip_manufacturing",
        "ngành công nghiệp chế biến, chế tạo",
        "manufacturing",
        Kind::Index,
        Some("iip"),
    ),
    std(
        "iip_electricity",
        "ngành sản xuất và phân phối điện",
        "electricity production and distribution",
        Kind::Index,
        Some("iip"),
    ),
    std(
        "iip_water",
        "ngành cung cấp nước, quản lý và xử lý rác thải, nước thải",
        "water supply and waste management",
        Kind::Index,
        Some("iip"),
    ),
    std(
        "consumption",
        "chỉ số tiêu thụ sản phẩm công nghiệp chế biến, chế tạo",
        "manufacturing consumption index",
        Kind::Index,
        None,
    ),
    lower(std(
        "inventory",
        "chỉ số tồn kho ngành công nghiệp chế biến, chế tạo",
        "manufacturing inventory index",
        Kind::Index,
        None,
    )),
    std(
        "sales_total",
        "tổng mức bán ra hàng hóa và doanh thu dịch vụ tiêu dùng",
        "total sales of goods and consumer services",
        Kind::Flow,
        None,
    ),
    std(
        "retail",
        "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "retail sales of goods and consumer services",
        Kind::Flow,
        None,
    ),
    std(
        "exports",
        "kim ngạch xuất khẩu",
        "exports",
        Kind::Flow,
        None,
    ),
    std(
        "imports",
        "kim ngạch nhập khẩu",
        "imports",
        Kind::Flow,
        None,
    ),
    lower(std(
        "cpi",
        "chỉ số giá tiêu dùng (bình quân năm)",
        "consumer price index (annual average)",
        Kind::Index,
        None,
    )),
];

/// The standard indicator of an id.
pub fn standard(id: &str) -> Option<&'static Standard> {
    STANDARD.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_parents_are_standard() {
        for (n, s) in STANDARD.iter().enumerate() {
            assert!(STANDARD[..n].iter().all(|t| t.id != s.id), "{} twice", s.id);
            if let Some(p) = s.parent {
                assert!(standard(p).is_some(), "{}'s parent {p}", s.id);
            }
        }
    }

    #[test]
    fn the_table_of_the_docs_lists_every_standard_id() {
        let doc = include_str!("../../../docs/dataset.md");
        for s in STANDARD {
            assert!(
                doc.contains(&format!("`{}`", s.id)),
                "{} is not in docs/dataset.md",
                s.id
            );
        }
    }
}
