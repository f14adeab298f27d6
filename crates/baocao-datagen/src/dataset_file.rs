//! `data/<id>.toml`: a department's figures and targets, laid out as
//! `config/hanoi/data/hanoi.toml` is.
//!
//! What is written, and why:
//! - flows as levels for every year; growth, contributions, shares and
//!   structure are left to the engine. Only the first year's growth is
//!   written, because its previous year's levels are not; parents whose
//!   children add up to them (`grdp`, `industry_construction`) get no
//!   growth at all, so nothing written can disagree with a sum.
//! - `sales_total` as Hà Nội has it, value and growth both, the growth
//!   computed from the written values so that the check between them holds;
//! - indices with their quarters (IIP) or quarterly growth (GRDP), so that
//!   the quarterly trend is derived; IIP weights, so that the IIP is checked
//!   against its parts.

use std::fmt::Write as _;

use crate::economy::{Economy, Levels, Part, Year, stream};
use crate::fixed::{Fixed, growth_hundredths};
use crate::region::Region;
use crate::rng::SplitMix64;

/// Who a dataset is for, for its header.
pub(crate) struct Header<'a> {
    pub(crate) region: &'a Region,
    pub(crate) seed: u64,
    /// 1-based, for people.
    pub(crate) number: usize,
    pub(crate) of: usize,
}

/// An indicator's description, as Hà Nội's dataset words it.
struct Meta {
    id: &'static str,
    name: &'static str,
    name_en: &'static str,
    kind: &'static str,
    unit: Option<&'static str>,
    parent: Option<&'static str>,
    exhaustive: bool,
}

const fn flow(
    id: &'static str,
    name: &'static str,
    name_en: &'static str,
    parent: Option<&'static str>,
) -> Meta {
    Meta {
        id,
        name,
        name_en,
        kind: "flow",
        unit: Some("tỷ đồng"),
        parent,
        exhaustive: false,
    }
}

const fn index(
    id: &'static str,
    name: &'static str,
    name_en: &'static str,
    parent: Option<&'static str>,
) -> Meta {
    Meta {
        id,
        name,
        name_en,
        kind: "index",
        unit: None,
        parent,
        exhaustive: false,
    }
}

const fn exhaustive(meta: Meta) -> Meta {
    Meta {
        exhaustive: true,
        ..meta
    }
}

const fn unit(meta: Meta, unit: &'static str) -> Meta {
    Meta {
        unit: Some(unit),
        ..meta
    }
}

const GRDP: Meta = exhaustive(flow(
    "grdp",
    "Tổng sản phẩm trên địa bàn (GRDP)",
    "gross regional domestic product (GRDP)",
    None,
));

/// How to get one indicator's level from a year's levels.
type LevelOf = fn(&Levels) -> i64;

/// The written flows of the GRDP tree below the root, and how to get each
/// one's level.
const GRDP_PARTS: [(Meta, LevelOf); 13] = [
    (
        flow(
            "agriculture_taxes",
            "khu vực nông, lâm nghiệp và thủy sản và thuế sản phẩm trừ trợ cấp sản phẩm",
            "agriculture, forestry and fishing, and product taxes less subsidies",
            Some("grdp"),
        ),
        |l| l.part(Part::AgricultureTaxes),
    ),
    (
        exhaustive(flow(
            "industry_construction",
            "khu vực công nghiệp và xây dựng",
            "industry and construction",
            Some("grdp"),
        )),
        Levels::industry_construction,
    ),
    (
        flow(
            "industry",
            "ngành công nghiệp",
            "industry",
            Some("industry_construction"),
        ),
        Levels::industry,
    ),
    (
        flow(
            "manufacturing",
            "ngành công nghiệp chế biến, chế tạo",
            "manufacturing",
            Some("industry"),
        ),
        |l| l.part(Part::Manufacturing),
    ),
    (
        flow(
            "electricity",
            "ngành sản xuất và phân phối điện",
            "electricity",
            Some("industry"),
        ),
        |l| l.part(Part::Electricity),
    ),
    (
        flow(
            "water",
            "ngành cung cấp nước, quản lý và xử lý rác thải, nước thải",
            "water supply and waste management",
            Some("industry"),
        ),
        |l| l.part(Part::Water),
    ),
    (
        flow(
            "construction",
            "ngành xây dựng",
            "construction",
            Some("industry_construction"),
        ),
        |l| l.part(Part::Construction),
    ),
    (
        flow("services", "khu vực dịch vụ", "services", Some("grdp")),
        Levels::services,
    ),
    (
        flow(
            "trade",
            "bán buôn, bán lẻ",
            "wholesale and retail trade",
            Some("services"),
        ),
        |l| l.part(Part::Trade),
    ),
    (
        flow(
            "finance",
            "hoạt động tài chính, ngân hàng và bảo hiểm",
            "finance, banking and insurance",
            Some("services"),
        ),
        |l| l.part(Part::Finance),
    ),
    (
        flow(
            "administrative",
            "hoạt động hành chính và dịch vụ hỗ trợ",
            "administrative and support services",
            Some("services"),
        ),
        |l| l.part(Part::Administrative),
    ),
    (
        flow(
            "transport",
            "vận tải, kho bãi",
            "transport and storage",
            Some("services"),
        ),
        |l| l.part(Part::Transport),
    ),
    (
        flow(
            "science",
            "hoạt động chuyên môn, khoa học và công nghệ",
            "professional, scientific and technical activities",
            Some("services"),
        ),
        |l| l.part(Part::Science),
    ),
];

const IIP: Meta = index(
    "iip",
    "chỉ số sản xuất công nghiệp (IIP)",
    "index of industrial production (IIP)",
    None,
);

/// The IIP's level-1 industries, in the order of [`Part::INDUSTRY`].
const IIP_PARTS: [Meta; 4] = [
    index(
        "iip_mining",
        "ngành khai khoáng",
        "mining and quarrying",
        Some("iip"),
    ),
    index(
        "iip_manufacturing",
        "ngành công nghiệp chế biến, chế tạo",
        "manufacturing",
        Some("iip"),
    ),
    index(
        "iip_electricity",
        "ngành sản xuất và phân phối điện",
        "electricity",
        Some("iip"),
    ),
    index(
        "iip_water",
        "ngành cung cấp nước, quản lý và xử lý rác thải, nước thải",
        "water supply and waste management",
        Some("iip"),
    ),
];

const CONSUMPTION: Meta = index(
    "consumption",
    "chỉ số tiêu thụ sản phẩm công nghiệp chế biến, chế tạo",
    "manufacturing consumption index",
    None,
);

const CONSUMPTION_PARTS: [Meta; 6] = [
    index(
        "consumption_machinery",
        "máy móc, thiết bị",
        "machinery and equipment",
        Some("consumption"),
    ),
    index(
        "consumption_textiles",
        "dệt",
        "textiles",
        Some("consumption"),
    ),
    index(
        "consumption_pharmaceuticals",
        "thuốc, hóa dược và dược liệu",
        "pharmaceuticals",
        Some("consumption"),
    ),
    index(
        "consumption_beverages",
        "đồ uống",
        "beverages",
        Some("consumption"),
    ),
    index(
        "consumption_electronics",
        "sản phẩm điện tử, máy vi tính và sản phẩm quang học",
        "electronics, computers and optical products",
        Some("consumption"),
    ),
    index(
        "consumption_metal",
        "sản phẩm từ kim loại đúc sẵn",
        "fabricated metal products",
        Some("consumption"),
    ),
];

const INVENTORY: Meta = index(
    "inventory",
    "chỉ số tồn kho ngành công nghiệp chế biến, chế tạo",
    "manufacturing inventory index",
    None,
);

const SALES_TOTAL: Meta = unit(
    flow(
        "sales_total",
        "tổng mức bán ra hàng hóa và doanh thu dịch vụ tiêu dùng",
        "total sales of goods and consumer services",
        None,
    ),
    "nghìn tỷ đồng",
);

const RETAIL: Meta = unit(
    flow(
        "retail",
        "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
        "retail sales of goods and consumer services",
        None,
    ),
    "nghìn tỷ đồng",
);

const EXPORTS: Meta = unit(
    flow("exports", "kim ngạch xuất khẩu", "exports", None),
    "triệu USD",
);

const CPI: Meta = index(
    "cpi",
    "chỉ số giá tiêu dùng (bình quân năm)",
    "consumer price index (annual average)",
    None,
);

/// Observations of one measure: (period key, number).
type Series = Vec<(String, Fixed)>;

/// What one indicator reports.
#[derive(Default)]
struct Observations {
    weight: Series,
    value: Series,
    index: Series,
    growth: Series,
}

/// The text of `data/<id>.toml`.
pub(crate) fn text(header: &Header<'_>, economy: &Economy) -> String {
    let Header {
        region,
        seed,
        number,
        of,
    } = header;
    let years = &economy.years;
    let mut out = String::new();
    let (first, last) = (years[0].year, years[years.len() - 1].year);
    let _ = write!(
        out,
        "\
# {name}, {first}–{last}: synthetic figures made by baocao-datagen
# (seed {seed}, department {number} of {of}). They are invented and
# plausible; they are not official statistics and must never be quoted as
# such.
#
# Flows are levels (tỷ đồng at constant prices) for every year: the engine
# derives growth, contributions, shares and structure from them. Only the
# first year's growth is written, because the levels of {before} are not.
format = 1

[dataset]
region = {region_name}
region_kind = {kind}
source = {source}
",
        name = region.name,
        before = first - 1,
        region_name = quoted(&region.name),
        kind = quoted(region.kind_word()),
        source = quoted(&format!(
            "Nguồn: số liệu mô phỏng (baocao-datagen, seed {seed}), không phải số liệu chính thức"
        )),
    );

    section(&mut out, "GRDP");
    let mut grdp = Observations {
        value: yearly(years, |y| Fixed::tenths(y.levels.grdp())),
        ..Observations::default()
    };
    grdp.growth = years
        .iter()
        .flat_map(|y| {
            (1..=4).map(move |q| {
                (
                    format!("{}-Q{q}", y.year),
                    Fixed::hundredths(y.grdp_quarters[q - 1]),
                )
            })
        })
        .collect();
    indicator(&mut out, &GRDP, &grdp);
    for (meta, level) in &GRDP_PARTS {
        let mut obs = Observations {
            value: yearly(years, |y| Fixed::tenths(level(&y.levels))),
            ..Observations::default()
        };
        if !meta.exhaustive {
            obs.growth = vec![first_growth(economy, level)];
        }
        indicator(&mut out, meta, &obs);
    }

    section(&mut out, "industrial production (IIP)");
    let mut iip = Observations {
        index: Vec::new(),
        ..Observations::default()
    };
    for y in years {
        iip.index.push((y.year.to_string(), Fixed::tenths(y.iip)));
        for q in 1..=4 {
            iip.index.push((
                format!("{}-Q{q}", y.year),
                Fixed::tenths(y.iip_quarters[q - 1]),
            ));
        }
    }
    indicator(&mut out, &IIP, &iip);
    for (n, meta) in IIP_PARTS.iter().enumerate() {
        let obs = Observations {
            weight: yearly(years, |y| Fixed::tenths(y.iip_weights[n])),
            index: yearly(years, |y| Fixed::tenths(y.iip_parts[n])),
            ..Observations::default()
        };
        indicator(&mut out, meta, &obs);
    }

    section(&mut out, "consumption and inventories");
    let consumption = Observations {
        index: yearly(years, |y| Fixed::tenths(y.consumption)),
        ..Observations::default()
    };
    indicator(&mut out, &CONSUMPTION, &consumption);
    for (n, meta) in CONSUMPTION_PARTS.iter().enumerate() {
        let obs = Observations {
            index: yearly(years, |y| Fixed::tenths(y.consumption_parts[n])),
            ..Observations::default()
        };
        indicator(&mut out, meta, &obs);
    }
    let inventory = Observations {
        index: yearly(years, |y| Fixed::tenths(y.inventory)),
        ..Observations::default()
    };
    indicator(&mut out, &INVENTORY, &inventory);

    section(&mut out, "trade and prices");
    // Value and growth both, as Hà Nội reports total sales; the growth is
    // that of the written values, so the engine's check between them holds.
    let sales = Observations {
        value: yearly(years, |y| Fixed::tenths(y.levels.sales_total)),
        growth: years
            .iter()
            .enumerate()
            .map(|(i, y)| {
                let g = growth_hundredths(economy.previous(i).sales_total, y.levels.sales_total);
                (y.year.to_string(), Fixed::hundredths(g))
            })
            .collect(),
        ..Observations::default()
    };
    indicator(&mut out, &SALES_TOTAL, &sales);
    let retail = Observations {
        value: yearly(years, |y| Fixed::tenths(y.levels.retail)),
        growth: vec![first_growth(economy, |l| l.retail)],
        ..Observations::default()
    };
    indicator(&mut out, &RETAIL, &retail);
    let exports = Observations {
        value: yearly(years, |y| Fixed::tenths(y.levels.exports)),
        growth: vec![first_growth(economy, |l| l.exports)],
        ..Observations::default()
    };
    indicator(&mut out, &EXPORTS, &exports);
    let cpi = Observations {
        index: yearly(years, |y| Fixed::hundredths(y.cpi)),
        ..Observations::default()
    };
    indicator(&mut out, &CPI, &cpi);

    section(&mut out, "targets");
    targets(&mut out, *seed, header.number - 1, first, last);
    // One newline at the end, not the blank line each entry leaves.
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// One number per year.
fn yearly(years: &[Year], f: impl Fn(&Year) -> Fixed) -> Series {
    years.iter().map(|y| (y.year.to_string(), f(y))).collect()
}

/// The first year's growth of a level, against the unwritten base year.
fn first_growth(economy: &Economy, level: impl Fn(&Levels) -> i64) -> (String, Fixed) {
    let first = &economy.years[0];
    let g = growth_hundredths(level(&economy.base), level(&first.levels));
    (first.year.to_string(), Fixed::hundredths(g))
}

fn section(out: &mut String, title: &str) {
    // Indicators end with a blank line already.
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    let rule = "-".repeat(72usize.saturating_sub(title.chars().count() + 8));
    let _ = writeln!(out, "# {rule} {title} ----");
}

fn indicator(out: &mut String, meta: &Meta, obs: &Observations) {
    let _ = write!(
        out,
        "[[indicator]]\nid = {}\nname = {}\nname_en = {}\nkind = {}\n",
        quoted(meta.id),
        quoted(meta.name),
        quoted(meta.name_en),
        quoted(meta.kind),
    );
    if let Some(unit) = meta.unit {
        let _ = writeln!(out, "unit = {}", quoted(unit));
    }
    if let Some(parent) = meta.parent {
        let _ = writeln!(out, "parent = {}", quoted(parent));
    }
    if meta.exhaustive {
        out.push_str("exhaustive = true\n");
    }
    for (key, series) in [
        ("weight", &obs.weight),
        ("value", &obs.value),
        ("index", &obs.index),
        ("growth", &obs.growth),
    ] {
        if series.is_empty() {
            continue;
        }
        let _ = write!(out, "{key} = {{ ");
        for (n, (period, number)) in series.iter().enumerate() {
            let comma = if n == 0 { "" } else { ", " };
            let _ = write!(out, "{comma}{period} = {number}");
        }
        out.push_str(" }\n");
    }
    out.push('\n');
}

/// The targets of each year from the first to the one after the last, as
/// if each was set in the report of the year before (so every report
/// judges its year's targets and lists the next year's), worded as Hà
/// Nội's: the GRDP plan, industry, exports, retail and the CPI.
fn targets(out: &mut String, seed: u64, department: usize, first: i32, last: i32) {
    for year in first..=last + 1 {
        let mut rng = SplitMix64::stream(
            seed,
            &[
                stream::TARGETS,
                department as u64,
                u64::from(year.unsigned_abs()),
            ],
        );
        let lower = rng.range(10, 16) * 50;
        let upper = lower + rng.range(1, 2) * 50;
        let _ = write!(
            out,
            "\
# {year}: set in the report for {}.
[[target]]
year = {year}
indicator = \"grdp\"
measure = \"growth\"
op = \"between\"
value = {}
upper = {}
label = \"tổng sản phẩm trên địa bàn (GRDP)\"

",
            year - 1,
            Fixed::hundredths(lower).trimmed(),
            Fixed::hundredths(upper).trimmed(),
        );
        year_targets(out, &mut rng, year);
    }
}

fn year_targets(out: &mut String, rng: &mut SplitMix64, year: i32) {
    let industry = rng.range(100, 190) * 5;
    let exports = rng.range(8, 24) * 50;
    let retail = rng.range(16, 26) * 50;
    let cpi = rng.range(7, 9) * 50;
    for (indicator, op, value, label) in [
        (
            "industry",
            ">=",
            industry,
            Some("giá trị tăng thêm ngành công nghiệp"),
        ),
        ("exports", ">=", exports, None),
        (
            "retail",
            ">=",
            retail,
            Some("tổng mức bán lẻ hàng hóa và doanh thu dịch vụ xã hội"),
        ),
        ("cpi", "<", cpi, Some("chỉ số giá tiêu dùng")),
    ] {
        let _ = write!(
            out,
            "[[target]]\nyear = {year}\nindicator = \"{indicator}\"\nmeasure = \"growth\"\nop = \"{op}\"\nvalue = {}\n",
            Fixed::hundredths(value).trimmed()
        );
        if let Some(label) = label {
            let _ = writeln!(out, "label = {}", quoted(label));
        }
        out.push('\n');
    }
}

/// A TOML basic string.
pub(crate) fn quoted(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04X}", u32::from(c));
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}
