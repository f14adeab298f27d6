//! `chart()`: what each kind draws from the figures, when it draws
//! nothing, and what it says to a template that asks wrongly.

use baocao_document::{Block, Chart, ChartKind, Table};
use baocao_narrative::{Report, Templates};

/// Three sectors with their contributions, GRDP's quarters, an IIP with
/// two quarters and a gap, consumption with four sub-industries.
const DATA: &str = r###"
format = 1
[dataset]
region = "Đà Nẵng"
[[indicator]]
id = "grdp"
name = "Tổng sản phẩm trên địa bàn (GRDP)"
kind = "flow"
growth = { 2024 = 7.51, 2024-Q1 = 2.49, 2024-Q2 = 7.96, 2024-Q3 = 9.0, 2024-Q4 = 10.18 }
[[indicator]]
id = "agriculture"
name = "khu vực nông, lâm nghiệp và thủy sản"
kind = "flow"
parent = "grdp"
growth = { 2024 = -1.2 }
contribution = { 2024 = -0.04 }
[[indicator]]
id = "industry_construction"
name = "khu vực công nghiệp và xây dựng"
kind = "flow"
parent = "grdp"
growth = { 2024 = 8.1 }
contribution = { 2024 = 1.85 }
[[indicator]]
id = "services"
name = "khu vực dịch vụ"
kind = "flow"
parent = "grdp"
growth = { 2024 = 8.5 }
contribution = { 2024 = 5.7 }
[[indicator]]
id = "iip"
name = "chỉ số sản xuất công nghiệp (IIP)"
kind = "index"
index = { 2024 = 105.9, 2024-Q1 = 103.6, 2024-Q3 = 106.3 }
[[indicator]]
id = "consumption"
name = "chỉ số tiêu thụ sản phẩm"
kind = "index"
index = { 2024 = 108.2 }
[[indicator]]
id = "c_textiles"
name = "dệt"
kind = "index"
parent = "consumption"
index = { 2024 = 129.3 }
[[indicator]]
id = "c_machinery"
name = "máy móc, thiết bị"
kind = "index"
parent = "consumption"
index = { 2024 = 130 }
[[indicator]]
id = "c_drinks"
name = "đồ uống"
kind = "index"
parent = "consumption"
index = { 2024 = 97.5 }
"###;

fn blocks(data: &str, template: &str) -> Result<Vec<Block<'static>>, String> {
    crate::render_data(data, template).map_err(|e| e.to_string())
}

fn charts(data: &str, template: &str) -> Vec<Chart<'static>> {
    blocks(data, template)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// A value as drawn: (category, printed, exact, total).
type Drawn = (String, String, String, bool);

/// Each series as (name, its values).
fn drawn(c: &Chart<'_>) -> Vec<(String, Vec<Drawn>)> {
    c.series
        .iter()
        .map(|s| {
            let points = c
                .categories
                .iter()
                .zip(&s.values)
                .filter_map(|(cat, v)| {
                    let v = v.as_ref()?;
                    Some((
                        cat.to_string(),
                        v.text.to_string(),
                        v.exact.to_string(),
                        v.total,
                    ))
                })
                .collect();
            (s.name.to_string(), points)
        })
        .collect()
}

fn p(cat: &str, text: &str, exact: &str, total: bool) -> Drawn {
    (cat.into(), text.into(), exact.into(), total)
}

#[test]
fn contributions_are_the_parts_largest_first_then_the_whole() {
    let c = charts(DATA, r#"{{ chart("contributions", "grdp") }}"#);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, ChartKind::Columns);
    assert_eq!(c[0].title, "Đóng góp vào tăng trưởng GRDP năm 2024");
    assert_eq!(c[0].unit, "điểm %");
    assert_eq!(
        drawn(&c[0]),
        [(
            "Đóng góp (điểm %)".to_owned(),
            vec![
                p("Khu vực dịch vụ", "5,7", "5.7", false),
                p("Khu vực công nghiệp và xây dựng", "1,85", "1.85", false),
                p(
                    "Khu vực nông, lâm nghiệp và thủy sản",
                    "-0,04",
                    "-0.04",
                    false
                ),
                p("Tổng sản phẩm trên địa bàn (GRDP)", "7,51", "7.51", true),
            ]
        )]
    );
    // Each value says where it came from.
    let first = c[0].series[0].values[0].as_ref().unwrap();
    assert!(
        first.provenance.starts_with("Số báo cáo, t.toml dòng"),
        "{}",
        first.provenance
    );
    assert_eq!(first.source.as_ref().unwrap().measure, "contribution");
    // The description is the figures in words; the fallback the same
    // figures as a table.
    assert_eq!(
        c[0].description,
        "Khu vực dịch vụ: 5,7 điểm %; Khu vực công nghiệp và xây dựng: 1,85 điểm %; Khu vực nông, lâm nghiệp và thủy sản: -0,04 điểm %; Tổng sản phẩm trên địa bàn (GRDP): 7,51 điểm %"
    );
    let Some(Block::Table(t)) = c[0].fallback.first() else {
        panic!("a table as the fallback")
    };
    assert_eq!(t.header, ["Chỉ tiêu", "Đóng góp (điểm %)"]);
    assert_eq!(t.rows.len(), 4);
    assert_eq!(t.unit, "Đơn vị tính: điểm %");
}

#[test]
fn contributions_that_do_not_add_up_are_not_drawn() {
    // A sector with a growth but no contribution: its column would be
    // missing from the whole's.
    let one_missing = DATA.replace("contribution = { 2024 = -0.04 }\n", "");
    assert!(charts(&one_missing, r#"{{ chart("contributions", "grdp") }}"#).is_empty());
    // Points of total value added are not points of GRDP's growth: the
    // parts are drawn, the whole is not.
    let gva = DATA
        .replace(
            "region = \"Đà Nẵng\"",
            "region = \"Đà Nẵng\"\ncontribution_base = \"gva\"",
        )
        .replace("format = 1", "format = 1.1");
    let c = charts(&gva, r#"{{ chart("contributions", "grdp") }}"#);
    assert!(drawn(&c[0])[0].1.iter().all(|(_, _, _, total)| !total));
    assert_eq!(c[0].categories.len(), 3);
}

#[test]
fn quarters_are_lines_with_gaps_and_one_line_names_itself() {
    let c = charts(DATA, r#"{{ chart("quarters", ["grdp", "iip"]) }}"#);
    assert_eq!(c[0].kind, ChartKind::Line);
    assert_eq!(c[0].categories, ["Quý I", "Quý II", "Quý III", "Quý IV"]);
    assert_eq!(
        c[0].title,
        "Tốc độ tăng so với cùng kỳ năm trước các quý năm 2024"
    );
    let series = drawn(&c[0]);
    assert_eq!(series.len(), 2);
    assert_eq!(series[0].1.len(), 4);
    // The IIP's second and fourth quarters are unknown: no point there.
    assert_eq!(
        series[1].1,
        [
            p("Quý I", "3,6", "3.6", false),
            p("Quý III", "6,3", "6.3", false)
        ]
    );
    assert!(c[0].series[1].values[1].is_none());
    // One line: the title names it by its abbreviation.
    let one = charts(DATA, r#"{{ chart("quarters", "grdp") }}"#);
    assert_eq!(
        one[0].title,
        "Tốc độ tăng GRDP so với cùng kỳ năm trước các quý năm 2024"
    );
    let Some(Block::Table(t)) = one[0].fallback.first() else {
        panic!("a table")
    };
    assert_eq!(t.header[0], "Quý");
}

#[test]
fn top_is_the_engines_ranking_as_bars() {
    let c = charts(
        DATA,
        r#"{{ chart("top", "consumption", n=2, title="Tiêu thụ") }}"#,
    );
    assert_eq!(c[0].kind, ChartKind::Bars);
    assert_eq!(c[0].title, "Tiêu thụ");
    assert_eq!(
        drawn(&c[0])[0].1,
        [
            p("Máy móc, thiết bị", "30", "30", false),
            p("Dệt", "29,3", "29.3", false)
        ]
    );
}

#[test]
fn a_chart_without_enough_figures_is_no_chart() {
    for template in [
        r#"{{ chart("contributions", "iip") }}"#,
        r#"{{ chart("contributions", "nothing_here") }}"#,
        r#"{{ chart("quarters", "consumption") }}"#,
        r#"{{ chart("top", "grdp", n=1) }}"#,
    ] {
        assert!(charts(DATA, template).is_empty(), "{template}");
    }
    // Nor in a period that is not a year: no quarters of a quarter.
    let ds = baocao_dataset::read_str(DATA, "t.toml").unwrap();
    let figures = baocao_calc::compute(&ds, "2024-Q3".parse().unwrap());
    let mut t = Templates::default();
    t.insert(
        "r.jinja",
        "templates/r.jinja",
        r#"{{ chart("quarters", "grdp") }}"#,
    );
    let doc = baocao_narrative::render(&Report::new(&ds, figures, &t, "r.jinja")).unwrap();
    assert!(doc.blocks.is_empty());
}

#[test]
fn a_chart_asked_wrongly_says_what_it_takes() {
    let cases = [
        (
            r#"{{ chart("pie", "grdp") }}"#,
            "unknown chart `pie`; expected \"contributions\", \"quarters\" or \"top\"",
        ),
        (
            r#"{{ chart("contributions", ["grdp", "iip"]) }}"#,
            "takes one indicator",
        ),
        (
            r#"{{ chart("quarters", []) }}"#,
            "needs at least one indicator",
        ),
        (
            r#"{{ chart("quarters", [1]) }}"#,
            "is not an indicator's id",
        ),
        (
            r#"{{ chart("top", "consumption", colour="red") }}"#,
            "colour",
        ),
    ];
    for (template, want) in cases {
        let err = blocks(DATA, template).unwrap_err();
        assert!(err.contains(want), "{template}: {err}");
    }
}

#[test]
fn figures_in_words_write_units_as_the_report_does() {
    let c = charts(DATA, r#"{{ chart("quarters", "grdp") }}"#);
    assert_eq!(
        c[0].description,
        "Quý I: 2,49%; Quý II: 7,96%; Quý III: 9%; Quý IV: 10,18%"
    );
    // A table beside it is untouched.
    let b = blocks(DATA, r#"{{ table(["grdp"], ["growth"]) }}"#).unwrap();
    assert!(matches!(b[0], Block::Table(Table { .. })));
}
