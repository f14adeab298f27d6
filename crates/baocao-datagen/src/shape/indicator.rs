//! The indicators a sample may hold: every standard id of docs/dataset.md,
//! Hà Nội's `agriculture_taxes`, and sub-industries of the consumption
//! index, with the names, kinds, units and parents a clerk would write.

/// One indicator a [`Shape`](super::Shape) may include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    /// `grdp`, the root of the value-added tree.
    Grdp,
    /// `agriculture`.
    Agriculture,
    /// `agriculture_taxes`: Hà Nội's agriculture and product taxes together.
    AgricultureTaxes,
    /// `industry_construction`.
    IndustryConstruction,
    /// `industry`.
    Industry,
    /// `mining`.
    Mining,
    /// `manufacturing`.
    Manufacturing,
    /// `electricity`.
    Electricity,
    /// `water`.
    Water,
    /// `construction`.
    Construction,
    /// `services`.
    Services,
    /// `trade`.
    Trade,
    /// `product_taxes`.
    ProductTaxes,
    /// `iip`, the root of the production-index tree.
    Iip,
    /// `iip_mining`.
    IipMining,
    /// `iip_manufacturing`.
    IipManufacturing,
    /// `iip_electricity`.
    IipElectricity,
    /// `iip_water`.
    IipWater,
    /// `consumption`.
    Consumption,
    /// `consumption_<n>`, a sub-industry of the consumption index (1 to
    /// [`CONSUMPTION_PARTS`]; others are read as the nearest).
    ConsumptionPart(u8),
    /// `inventory`.
    Inventory,
    /// `sales_total`.
    SalesTotal,
    /// `retail`.
    Retail,
    /// `exports`.
    Exports,
    /// `imports`.
    Imports,
    /// `cpi`.
    Cpi,
}

/// How many consumption sub-industries there are to choose from.
pub const CONSUMPTION_PARTS: u8 = 6;

/// What an indicator measures, as far as the generator cares: a flow has
/// levels, an index has indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Flow,
    Index,
}

/// The names of the consumption sub-industries (vi, en), as Hà Nội's
/// dataset words them.
const PARTS: [(&str, &str); CONSUMPTION_PARTS as usize] = [
    ("máy móc, thiết bị", "machinery and equipment"),
    ("dệt", "textiles"),
    ("thuốc, hóa dược và dược liệu", "pharmaceuticals"),
    ("đồ uống", "beverages"),
    (
        "sản phẩm điện tử, máy vi tính và sản phẩm quang học",
        "electronics, computers and optical products",
    ),
    ("sản phẩm từ kim loại đúc sẵn", "fabricated metal products"),
];

impl Indicator {
    /// Every indicator, in the order docs/dataset.md lists them (the
    /// consumption sub-industries after `consumption`).
    pub fn all() -> Vec<Indicator> {
        use Indicator::*;
        let mut all = vec![
            Grdp,
            Agriculture,
            AgricultureTaxes,
            IndustryConstruction,
            Industry,
            Mining,
            Manufacturing,
            Electricity,
            Water,
            Construction,
            Services,
            Trade,
            ProductTaxes,
            Iip,
            IipMining,
            IipManufacturing,
            IipElectricity,
            IipWater,
            Consumption,
        ];
        all.extend((1..=CONSUMPTION_PARTS).map(ConsumptionPart));
        all.extend([Inventory, SalesTotal, Retail, Exports, Imports, Cpi]);
        all
    }

    /// The same indicator with its sub-industry number inside
    /// 1..=[`CONSUMPTION_PARTS`].
    pub(crate) fn normalized(self) -> Indicator {
        match self {
            Indicator::ConsumptionPart(n) => {
                Indicator::ConsumptionPart(n.clamp(1, CONSUMPTION_PARTS))
            }
            other => other,
        }
    }

    /// The id written in the dataset.
    pub fn id(self) -> String {
        use Indicator::*;
        let id = match self.normalized() {
            Grdp => "grdp",
            Agriculture => "agriculture",
            AgricultureTaxes => "agriculture_taxes",
            IndustryConstruction => "industry_construction",
            Industry => "industry",
            Mining => "mining",
            Manufacturing => "manufacturing",
            Electricity => "electricity",
            Water => "water",
            Construction => "construction",
            Services => "services",
            Trade => "trade",
            ProductTaxes => "product_taxes",
            Iip => "iip",
            IipMining => "iip_mining",
            IipManufacturing => "iip_manufacturing",
            IipElectricity => "iip_electricity",
            IipWater => "iip_water",
            Consumption => "consumption",
            ConsumptionPart(n) => return format!("consumption_{n}"),
            Inventory => "inventory",
            SalesTotal => "sales_total",
            Retail => "retail",
            Exports => "exports",
            Imports => "imports",
            Cpi => "cpi",
        };
        id.to_owned()
    }

    /// The Vietnamese and English names, as docs/dataset.md gives them.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        use Indicator::*;
        match self.normalized() {
            Grdp => (
                "Tổng sản phẩm trên địa bàn (GRDP)",
                "gross regional domestic product (GRDP)",
            ),
            Agriculture => (
                "khu vực nông, lâm nghiệp và thủy sản",
                "agriculture, forestry and fishing",
            ),
            AgricultureTaxes => (
                "khu vực nông, lâm nghiệp và thủy sản và thuế sản phẩm trừ trợ cấp sản phẩm",
                "agriculture, forestry and fishing, and product taxes less subsidies",
            ),
            IndustryConstruction => (
                "khu vực công nghiệp và xây dựng",
                "industry and construction",
            ),
            Industry => ("ngành công nghiệp", "industry"),
            Mining | IipMining => ("ngành khai khoáng", "mining and quarrying"),
            Manufacturing | IipManufacturing => {
                ("ngành công nghiệp chế biến, chế tạo", "manufacturing")
            }
            Electricity | IipElectricity => ("ngành sản xuất và phân phối điện", "electricity"),
            Water | IipWater => (
                "ngành cung cấp nước, quản lý và xử lý rác thải, nước thải",
                "water supply and waste management",
            ),
            Construction => ("ngành xây dựng", "construction"),
            Services => ("khu vực dịch vụ", "services"),
            Trade => ("bán buôn, bán lẻ", "wholesale and retail trade"),
            ProductTaxes => (
                "thuế sản phẩm trừ trợ cấp sản phẩm",
                "product taxes less subsidies",
            ),
            Iip => (
                "chỉ số sản xuất công nghiệp (IIP)",
                "index of industrial production (IIP)",
            ),
            Consumption => (
                "chỉ số tiêu thụ sản phẩm công nghiệp chế biến, chế tạo",
                "manufacturing consumption index",
            ),
            ConsumptionPart(n) => PARTS[usize::from(n - 1)],
            Inventory => (
                "chỉ số tồn kho ngành công nghiệp chế biến, chế tạo",
                "manufacturing inventory index",
            ),
            SalesTotal => (
                "tổng mức bán ra hàng hóa và doanh thu dịch vụ tiêu dùng",
                "total sales of goods and consumer services",
            ),
            Retail => (
                "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
                "retail sales of goods and consumer services",
            ),
            Exports => ("kim ngạch xuất khẩu", "exports"),
            Imports => ("kim ngạch nhập khẩu", "imports"),
            Cpi => (
                "chỉ số giá tiêu dùng (bình quân năm)",
                "consumer price index (annual average)",
            ),
        }
    }

    pub(crate) fn kind(self) -> Kind {
        use Indicator::*;
        match self {
            Iip | IipMining | IipManufacturing | IipElectricity | IipWater | Consumption
            | ConsumptionPart(_) | Inventory | Cpi => Kind::Index,
            _ => Kind::Flow,
        }
    }

    /// The unit of a flow's levels.
    pub(crate) fn unit(self) -> Option<&'static str> {
        use Indicator::*;
        match self {
            SalesTotal | Retail => Some("nghìn tỷ đồng"),
            Exports | Imports => Some("triệu USD"),
            _ if self.kind() == Kind::Flow => Some("tỷ đồng"),
            _ => None,
        }
    }

    /// The parent docs/dataset.md gives it.
    pub(crate) fn standard_parent(self) -> Option<Indicator> {
        use Indicator::*;
        match self {
            Agriculture | AgricultureTaxes | IndustryConstruction | Services | ProductTaxes => {
                Some(Grdp)
            }
            Industry | Construction => Some(IndustryConstruction),
            Mining | Manufacturing | Electricity | Water => Some(Industry),
            Trade => Some(Services),
            IipMining | IipManufacturing | IipElectricity | IipWater => Some(Iip),
            ConsumptionPart(_) => Some(Consumption),
            _ => None,
        }
    }

    /// Whether a dataset may say its children add up to it.
    pub(crate) fn may_be_exhaustive(self) -> bool {
        use Indicator::*;
        matches!(
            self,
            Grdp | IndustryConstruction | Industry | Services | Iip
        )
    }

    /// A number for the random streams: stable across versions of the list.
    pub(crate) fn code(self) -> u64 {
        use Indicator::*;
        match self.normalized() {
            Grdp => 1,
            Agriculture => 2,
            AgricultureTaxes => 3,
            IndustryConstruction => 4,
            Industry => 5,
            Mining => 6,
            Manufacturing => 7,
            Electricity => 8,
            Water => 9,
            Construction => 10,
            Services => 11,
            Trade => 12,
            ProductTaxes => 13,
            Iip => 14,
            IipMining => 15,
            IipManufacturing => 16,
            IipElectricity => 17,
            IipWater => 18,
            Consumption => 19,
            ConsumptionPart(n) => 100 + u64::from(n),
            Inventory => 20,
            SalesTotal => 21,
            Retail => 22,
            Exports => 23,
            Imports => 24,
            Cpi => 25,
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, reason = "tests")]
mod tests {
    use super::*;

    #[test]
    fn ids_and_codes_are_unique_and_parents_come_first() {
        let all = Indicator::all();
        let mut ids: Vec<String> = all.iter().map(|i| i.id()).collect();
        let mut codes: Vec<u64> = all.iter().map(|i| i.code()).collect();
        ids.sort();
        ids.dedup();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!((ids.len(), codes.len()), (all.len(), all.len()));
        for (n, i) in all.iter().enumerate() {
            if let Some(p) = i.standard_parent() {
                let at = all.iter().position(|a| *a == p).unwrap();
                assert!(at < n, "{i:?} before its parent");
                assert_eq!(p.kind(), i.kind(), "{i:?}");
            }
            assert_eq!(i.unit().is_some(), i.kind() == Kind::Flow, "{i:?}");
        }
        assert_eq!(Indicator::ConsumptionPart(0).id(), "consumption_1");
        assert_eq!(Indicator::ConsumptionPart(200).id(), "consumption_6");
    }
}
