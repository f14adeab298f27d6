//! Realistic documents to test an exporter against. Enabled by the
//! `fixture` feature, for tests (the shipped exporters' snapshots use them;
//! [`crate::testkit`] runs an exporter over them):
//!
//! - [`RENDERED_HANOI_2024`] and [`rendered_hanoi_2024`]: the document
//!   baocao gives every plugin for its built-in department's 2024 report,
//!   byte for byte (`baocao render --year 2024 --format document`),
//!   provenance and all; a test of baocao's keeps the copy here in step
//!   with what baocao makes;
//! - [`hanoi_2024`]: the Hà Nội Department of Industry and Trade's 2024
//!   year-end report, in the words of the seed report, with a letterhead,
//!   numbered headings, inline figures with provenance, a list, a table and
//!   the closing block; it uses only the kinds the shipped reports use;
//! - [`every_kind`]: a shorter report that uses every block and inline kind
//!   of the model, the later additions included (emphasis, the three list
//!   styles, a table with a unit line and header groups, a chart of each
//!   kind, a page break).

use std::borrow::Cow;

use crate::{
    Align, Block, Chart, ChartKind, Document, HeaderGroup, Inline, ListStyle, Meta, Point, Series,
    Signature, Table,
};

/// The document JSON baocao gives every plugin for the built-in
/// department's 2024 report (`fixtures/hanoi-2024.json`).
pub const RENDERED_HANOI_2024: &str = include_str!("../fixtures/hanoi-2024.json");

/// [`RENDERED_HANOI_2024`], decoded.
pub fn rendered_hanoi_2024() -> Document<'static> {
    serde_json::from_str::<Document<'_>>(RENDERED_HANOI_2024)
        .map(Document::into_owned)
        .unwrap_or_else(|e| panic!("fixtures/hanoi-2024.json is a document: {e}"))
}

/// `document_json` with a block and an inline of kinds this version does
/// not know, each with what a reader of this version shows in its place
/// (a block's `fallback`, an inline's `text`): what a newer baocao sends.
pub fn with_later_kinds(document_json: &[u8]) -> Vec<u8> {
    let mut doc: serde_json::Value =
        serde_json::from_slice(document_json).unwrap_or(serde_json::Value::Null);
    if let Some(blocks) = doc
        .get_mut("blocks")
        .and_then(serde_json::Value::as_array_mut)
    {
        // Each kind is the key of its object (`{"paragraph": {…}}`).
        blocks.push(serde_json::json!({
            "timeline": {
                "steps": ["Quý I", "Quý II"],
                "fallback": [{"paragraph": {"content": [{"text": {"text": "Tiến độ: hoàn thành trong quý II."}}]}}]
            }
        }));
        blocks.push(serde_json::json!({
            "paragraph": {
                "content": [
                    {"text": {"text": "Một chú thích "}},
                    {"footnote": {"text": "(1)", "note": "Số liệu sơ bộ."}}
                ]
            }
        }));
    }
    serde_json::to_vec(&doc).unwrap_or_default()
}

/// The documents an exporter is tested on, as the JSON a host sends:
/// the rendered Hà Nội report, one with every kind of block and inline,
/// and that one with kinds of a later version.
pub fn documents() -> Vec<(&'static str, Vec<u8>)> {
    let every_kind = serde_json::to_vec(&every_kind()).unwrap_or_default();
    vec![
        (
            "the Hà Nội 2024 report",
            RENDERED_HANOI_2024.as_bytes().to_vec(),
        ),
        (
            "a document with every kind of block and inline",
            every_kind.clone(),
        ),
        (
            "a document with kinds of a later version",
            with_later_kinds(&every_kind),
        ),
    ]
}

fn t(text: &'static str) -> Inline<'static> {
    Inline::text(text)
}

fn f(text: &'static str, exact: &'static str, provenance: &'static str) -> Inline<'static> {
    Inline::figure(text, exact, provenance)
}

fn heading(level: u8, number: &'static str, text: &'static str) -> Block<'static> {
    Block::Heading {
        level,
        number: number.into(),
        content: vec![t(text)],
    }
}

fn paragraph(content: Vec<Inline<'static>>) -> Block<'static> {
    Block::Paragraph { content }
}

fn list(items: &[&'static str]) -> Block<'static> {
    styled_list(ListStyle::Bullet, items)
}

fn styled_list(style: ListStyle, items: &[&'static str]) -> Block<'static> {
    Block::List {
        items: items.iter().map(|item| vec![t(item)]).collect(),
        style,
    }
}

fn bold(text: &'static str) -> Inline<'static> {
    Inline::styled(text, true, false)
}

fn italic(text: &'static str) -> Inline<'static> {
    Inline::styled(text, false, true)
}

/// The Hà Nội report for 2024.
pub fn hanoi_2024() -> Document<'static> {
    let meta = Meta {
        authority: "UBND THÀNH PHỐ HÀ NỘI".into(),
        department: "SỞ CÔNG THƯƠNG".into(),
        number: "Số: 12/BC-SCT".into(),
        nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date: "Hà Nội, ngày 05 tháng 01 năm 2025".into(),
        title: "BÁO CÁO".into(),
        subject: "Tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025".into(),
        source: "Số liệu năm 2024 là số ước tính của Cục Thống kê thành phố Hà Nội.".into(),
        signature: Signature {
            titles: vec!["KT. GIÁM ĐỐC".into(), "PHÓ GIÁM ĐỐC".into()],
            name: "Nguyễn Kiều Oanh".into(),
        },
        recipients_label: "Nơi nhận:".into(),
        recipients: vec![
            "- Bộ Công Thương;".into(),
            "- Thường trực Thành ủy;".into(),
            "- UBND Thành phố;".into(),
            "- Cục Thống kê thành phố Hà Nội;".into(),
            "- Lưu: VT, KHTC.".into(),
        ],
    };
    let iip = "reported in data/hanoi.toml:12";
    let blocks = vec![
        heading(1, "I.", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024"),
        paragraph(vec![t(
            "Năm 2024, Sở Công Thương đã tích cực tham mưu, triển khai các nhiệm vụ, giải pháp nhằm phục hồi, thúc đẩy phát triển công nghiệp, thương mại trên địa bàn Thành phố.",
        )]),
        heading(2, "1.", "Sản xuất công nghiệp"),
        paragraph(vec![
            t("Giá trị tăng thêm ngành công nghiệp năm 2024 ước tăng "),
            f("6,2%", "6.2", "reported in data/hanoi.toml:31"),
            t(", đóng góp "),
            f(
                "0,82 điểm %",
                "0.8184",
                "contribution = growth × share of previous year (derived)",
            ),
            t(" vào mức tăng "),
            f("6,52%", "6.52", "reported in data/hanoi.toml:5"),
            t(" của GRDP (chiếm "),
            f("12,6%", "12.55", "contribution ÷ GRDP growth (derived)"),
            t("). Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng "),
            f("5,9%", "5.9", "growth = index − 100 (derived)"),
            t(" so với năm 2023."),
        ]),
        heading(3, "a)", "Tiêu thụ và tồn kho"),
        paragraph(vec![
            t("Chỉ số tiêu thụ sản phẩm năm 2024 tăng "),
            f("8,2%", "8.2", "reported in data/hanoi.toml:40"),
            t(" so với năm 2023, trong đó một số ngành sản xuất có chỉ số tiêu thụ tăng:"),
        ]),
        list(&[
            "Máy móc, thiết bị tăng 30%;",
            "dệt tăng 29,3%;",
            "thuốc, hóa dược và dược liệu tăng 18,7%.",
        ]),
        Block::Table(Table {
            caption: "Bảng 1. Một số chỉ tiêu công nghiệp, thương mại năm 2024".into(),
            header: vec![
                "Chỉ tiêu".into(),
                "Đơn vị tính".into(),
                "Năm 2024".into(),
                "Tăng so với năm 2023 (%)".into(),
            ],
            align: vec![Align::Left, Align::Center, Align::Right, Align::Right],
            rows: vec![
                vec![
                    vec![t("Chỉ số sản xuất công nghiệp (IIP)")],
                    vec![t("%")],
                    vec![f("105,9", "105.9", iip)],
                    vec![f("5,9", "5.9", "growth = index − 100 (derived)")],
                ],
                vec![
                    vec![t("Chỉ số tiêu thụ sản phẩm")],
                    vec![t("%")],
                    vec![f("108,2", "108.2", "reported in data/hanoi.toml:40")],
                    vec![f("8,2", "8.2", "growth = index − 100 (derived)")],
                ],
                vec![
                    vec![t("Tổng mức bán ra và doanh thu dịch vụ tiêu dùng")],
                    vec![t("nghìn tỷ đồng")],
                    vec![f("4.268", "4268", "reported in data/hanoi.toml:52")],
                    vec![f("10,6", "10.6", "reported in data/hanoi.toml:53")],
                ],
            ],
            note: "Ghi chú: số liệu năm 2024 là số ước tính.".into(),
            ..Table::default()
        }),
        heading(2, "2.", "Thương mại, dịch vụ"),
        paragraph(vec![
            t(
                "Khu vực dịch vụ tiếp tục là điểm sáng, khẳng định là trụ đỡ của nền kinh tế. Giá trị tăng thêm khu vực dịch vụ năm 2024 ước tăng ",
            ),
            f("7,14%", "7.14", "reported in data/hanoi.toml:60"),
            t(" so với năm 2023, đóng góp "),
            f("4,72 điểm %", "4.72", "reported in data/hanoi.toml:61"),
            t(" vào mức tăng 6,52% của GRDP (chiếm "),
            f("72,4%", "72.39", "contribution ÷ GRDP growth (derived)"),
            t(")."),
        ]),
        heading(2, "3.", "Tồn tại, hạn chế"),
        paragraph(vec![t(
            "Phát triển công nghiệp, sản phẩm công nghiệp chủ lực, công nghiệp hỗ trợ trên địa bàn còn chưa tương xứng với tiềm năng. Nguyên nhân do chưa kêu gọi được những dự án đầu tư sản xuất lớn, có tính dẫn dắt các ngành công nghiệp phụ trợ, công nghiệp hỗ trợ phát triển.",
        )]),
        heading(1, "II.", "NHIỆM VỤ, GIẢI PHÁP NĂM 2025"),
        paragraph(vec![t(
            "Sở Công Thương phấn đấu hoàn thành, hoàn thành vượt mức một số chỉ tiêu năm 2025:",
        )]),
        list(&[
            "Giá trị tăng thêm ngành công nghiệp phấn đấu tăng từ 6,95% trở lên;",
            "kim ngạch xuất khẩu phấn đấu tăng từ 5% trở lên;",
            "tổng mức bán lẻ hàng hóa và doanh thu dịch vụ xã hội tăng từ 9% trở lên;",
            "chỉ số giá tiêu dùng kiểm soát tăng dưới 4,5%.",
        ]),
        paragraph(vec![t(
            "Đẩy mạnh phát triển thị trường trong nước gắn với cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
        )]),
    ];
    Document {
        language: "vi".into(),
        meta,
        blocks,
    }
}

/// A chart value: as printed, exact, and where it came from.
fn point(
    text: &'static str,
    exact: &'static str,
    provenance: &'static str,
) -> Option<Point<'static>> {
    Some(Point {
        text: text.into(),
        exact: exact.into(),
        provenance: provenance.into(),
        ..Point::default()
    })
}

/// A chart and its fallback table (the category, then one column per
/// series).
fn chart(
    kind: ChartKind,
    title: &'static str,
    unit: &'static str,
    categories: &[&'static str],
    series: Vec<Series<'static>>,
) -> Block<'static> {
    let mut header = vec![Cow::Borrowed("Chỉ tiêu")];
    header.extend(series.iter().map(|s| s.name.clone()));
    let rows = categories
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut row = vec![vec![t(c)]];
            for s in &series {
                row.push(match s.values.get(i).cloned().flatten() {
                    Some(p) => vec![Inline::figure(p.text, p.exact, p.provenance)],
                    None => vec![t("-")],
                });
            }
            row
        })
        .collect();
    let mut align = vec![Align::Left];
    align.extend(series.iter().map(|_| Align::Right));
    let mut chart = Chart {
        kind,
        title: title.into(),
        unit: unit.into(),
        categories: categories.iter().map(|c| Cow::Borrowed(*c)).collect(),
        series,
        note: "Nguồn: Cục Thống kê tỉnh Quảng Nam.".into(),
        fallback: vec![Block::Table(Table {
            caption: title.into(),
            unit: format!("Đơn vị tính: {unit}").into(),
            header,
            align,
            rows,
            ..Table::default()
        })],
        ..Chart::default()
    };
    chart.description = chart.figures_in_words().into();
    Block::Chart(chart)
}

/// Signed contributions, largest first, and the whole apart.
fn contributions_chart() -> Block<'static> {
    let derived = "contribution = growth × share of previous year (derived)";
    let mut total = point("7,48", "7.48", "reported in data/quangnam.toml:8");
    if let Some(p) = total.as_mut() {
        p.total = true;
    }
    chart(
        ChartKind::Columns,
        "Đóng góp của các khu vực kinh tế vào tăng trưởng GRDP năm 2024",
        "điểm %",
        &[
            "Công nghiệp và xây dựng",
            "Dịch vụ",
            "Thuế sản phẩm trừ trợ cấp sản phẩm",
            "Nông, lâm nghiệp và thủy sản",
            "GRDP",
        ],
        vec![Series {
            name: "Đóng góp (điểm %)".into(),
            values: vec![
                point("4,12", "4.1217", derived),
                point("3,05", "3.0488", derived),
                point("0,59", "0.5873", derived),
                point("-0,28", "-0.2778", derived),
                total,
            ],
        }],
    )
}

/// Two series over the quarters, one quarter of one unknown.
fn quarters_chart() -> Block<'static> {
    let r = "reported in data/quangnam.toml:20";
    chart(
        ChartKind::Line,
        "Tốc độ tăng GRDP và chỉ số sản xuất công nghiệp các quý năm 2024",
        "%",
        &["Quý I", "Quý II", "Quý III", "Quý IV"],
        vec![
            Series {
                name: "GRDP".into(),
                values: vec![
                    point("5,41", "5.41", r),
                    point("6,8", "6.8", r),
                    point("6,71", "6.71", r),
                    point("7,01", "7.01", r),
                ],
            },
            Series {
                name: "Chỉ số sản xuất công nghiệp (IIP)".into(),
                values: vec![
                    point("3,6", "3.6", r),
                    point("5,7", "5.7", r),
                    None,
                    point("7,1", "7.1", r),
                ],
            },
        ],
    )
}

/// Long names beside horizontal bars, one of them down.
fn top_chart() -> Block<'static> {
    let r = "reported in data/quangnam.toml:50";
    chart(
        ChartKind::Bars,
        "Một số ngành có chỉ số tiêu thụ tăng cao năm 2024",
        "%",
        &[
            "Sản xuất máy móc, thiết bị chưa được phân vào đâu",
            "Dệt",
            "Sản xuất thuốc, hóa dược và dược liệu",
            "Sản xuất đồ uống",
            "Khai thác than cứng và than non",
        ],
        vec![Series {
            name: "Tăng so với năm 2023 (%)".into(),
            values: vec![
                point("30", "30", r),
                point("29,3", "29.3", r),
                point("18,7", "18.7", r),
                point("12,45", "12.45", r),
                point("-3,2", "-3.2", r),
            ],
        }],
    )
}

/// A Quảng Nam report for 2024 that uses every kind of block and inline:
/// headings of the three levels, paragraphs with figures and bold, italic
/// and bold italic runs, a bulleted, a lettered and a numbered list, a table
/// with a unit line and header groups (one of them without text, so that
/// its column's heading reaches up through both header rows), and a page
/// break before part II. One recipient, "Sở Công Thương thành phố Đà Nẵng",
/// is long enough to wrap in a narrow column. Three charts, one of each
/// kind (signed contributions with their total, two series over the
/// quarters with a gap, long names beside bars), each with its table as
/// the fallback.
pub fn every_kind() -> Document<'static> {
    let meta = Meta {
        authority: "UBND TỈNH QUẢNG NAM".into(),
        department: "SỞ CÔNG THƯƠNG".into(),
        number: "Số: 08/BC-SCT".into(),
        nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto: "Độc lập - Tự do - Hạnh phúc".into(),
        place_date: "Quảng Nam, ngày 06 tháng 01 năm 2025".into(),
        title: "BÁO CÁO".into(),
        subject: "Kết quả thực hiện nhiệm vụ năm 2024 và kế hoạch năm 2025".into(),
        source: "Số liệu năm 2024 là số ước tính của Cục Thống kê tỉnh Quảng Nam.".into(),
        signature: Signature {
            titles: vec!["KT. GIÁM ĐỐC".into(), "PHÓ GIÁM ĐỐC".into()],
            name: "Trần Văn Hùng".into(),
        },
        recipients_label: "Nơi nhận:".into(),
        recipients: vec![
            "- Bộ Công Thương;".into(),
            "- Thường trực Tỉnh ủy;".into(),
            "- UBND tỉnh;".into(),
            "- Sở Công Thương thành phố Đà Nẵng;".into(),
            "- Lưu: VT, KHTC.".into(),
        ],
    };
    let iip = "reported in data/quangnam.toml:14";
    let derived = "growth = index − 100 (derived)";
    let row =
        |name: &'static str, plan: Inline<'static>, done: Inline<'static>, gap: Inline<'static>| {
            vec![vec![t(name)], vec![plan], vec![done], vec![gap]]
        };
    let blocks = vec![
        heading(1, "I.", "KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2024"),
        heading(2, "1.", "Sản xuất công nghiệp"),
        paragraph(vec![
            t("Chỉ số sản xuất công nghiệp (IIP) năm 2024 ước tăng "),
            f("7,3%", "7.3", iip),
            t(" so với năm 2023, "),
            bold("chưa đạt kế hoạch đề ra"),
            t(" (tăng "),
            f("9%", "9", "reported in data/quangnam.toml:15"),
            t("); trong đó ngành công nghiệp chế biến, chế tạo tăng "),
            f("8,1%", "8.1", "reported in data/quangnam.toml:18"),
            t("."),
        ]),
        paragraph(vec![
            Inline::styled("Lưu ý:", true, true),
            t(" "),
            italic("số liệu năm 2024 là số ước tính, sẽ được cập nhật khi có số liệu chính thức."),
        ]),
        heading(3, "a)", "Các ngành có chỉ số sản xuất tăng cao"),
        list(&[
            "sản xuất đồ uống tăng 15,2%;",
            "sản xuất trang phục tăng 12,4%;",
            "sản xuất linh kiện điện tử tăng 10,8%.",
        ]),
        Block::Table(Table {
            caption: "Bảng 1. Tốc độ tăng một số chỉ tiêu chủ yếu năm 2024".into(),
            unit: "Đơn vị tính: %".into(),
            header_groups: vec![
                HeaderGroup::new("", 1),
                HeaderGroup::new("Năm 2024", 2),
                HeaderGroup::new("", 1),
            ],
            header: vec![
                "Chỉ tiêu".into(),
                "Kế hoạch".into(),
                "Ước thực hiện".into(),
                "Chênh lệch (điểm %)".into(),
            ],
            align: vec![Align::Left, Align::Right, Align::Right, Align::Right],
            rows: vec![
                row(
                    "Chỉ số sản xuất công nghiệp (IIP)",
                    f("9,0", "9", "reported in data/quangnam.toml:15"),
                    f("7,3", "7.3", derived),
                    f("-1,7", "-1.7", "estimate − plan (derived)"),
                ),
                row(
                    "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
                    f("12,0", "12", "reported in data/quangnam.toml:30"),
                    f("13,4", "13.4", "reported in data/quangnam.toml:31"),
                    f("+1,4", "1.4", "estimate − plan (derived)"),
                ),
                row(
                    "Kim ngạch xuất khẩu",
                    f("8,0", "8", "reported in data/quangnam.toml:40"),
                    f("10,6", "10.6", "reported in data/quangnam.toml:41"),
                    f("+2,6", "2.6", "estimate − plan (derived)"),
                ),
            ],
            note: "Ghi chú: số liệu năm 2024 là số ước tính.".into(),
        }),
        contributions_chart(),
        quarters_chart(),
        top_chart(),
        Block::PageBreak {},
        heading(1, "II.", "NHIỆM VỤ, GIẢI PHÁP NĂM 2025"),
        paragraph(vec![t(
            "Năm 2025, Sở Công Thương tập trung thực hiện các nhiệm vụ trọng tâm sau:",
        )]),
        styled_list(
            ListStyle::Number,
            &[
                "Triển khai hiệu quả Quy hoạch tỉnh Quảng Nam thời kỳ 2021–2030, tầm nhìn đến năm 2050 trong lĩnh vực công thương;",
                "tháo gỡ khó khăn, vướng mắc cho doanh nghiệp, thu hút đầu tư vào các cụm công nghiệp;",
                "đẩy mạnh xúc tiến thương mại, phát triển thị trường trong nước.",
            ],
        ),
        paragraph(vec![t("Các chỉ tiêu phấn đấu năm 2025:")]),
        styled_list(
            ListStyle::Letter,
            &[
                "Chỉ số sản xuất công nghiệp phấn đấu tăng từ 8% trở lên;",
                "kim ngạch xuất khẩu phấn đấu tăng từ 10% trở lên;",
                "chỉ số giá tiêu dùng kiểm soát tăng dưới 4%.",
            ],
        ),
    ];
    Document {
        language: "vi".into(),
        meta,
        blocks,
    }
}
