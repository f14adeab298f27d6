//! The unit line and the header groups of `table()` and `targets_table()`.

use baocao_document::{Block, HeaderGroup, Table};
use baocao_narrative::{Report, Templates};

/// The tables the template writes, over `data` for 2024.
fn tables(data: &str, template: &str) -> Vec<Table<'static>> {
    let ds = baocao_dataset::read_str(data, "t.toml").unwrap();
    let period = "2024".parse().unwrap();
    let figures = baocao_calc::compute(&ds, period);
    let of = |p| std::sync::Arc::new(baocao_calc::compute(&ds, p));
    let of = baocao_narrative::FiguresOf(&of);
    let mut t = Templates::default();
    t.insert("r.jinja", "templates/r.jinja", template);
    let mut report = Report::new(&ds, figures, &t, "r.jinja");
    report.figures_of = Some(of);
    baocao_narrative::render(&report)
        .unwrap_or_else(|e| panic!("{e}"))
        .blocks
        .into_iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn table_prints_a_unit_and_groups_above_its_header() {
    let t = tables(
        crate::DATA,
        r#"{{ table(["up", "down"], ["growth", "contribution"], unit=" Đơn vị tính: % ", groups=[["", 1], ["Năm 2024", 2]]) }}"#,
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].unit, "Đơn vị tính: %");
    assert_eq!(
        t[0].header_groups,
        [HeaderGroup::new("", 1), HeaderGroup::new("Năm 2024", 2)]
    );
}

#[test]
fn without_the_kwargs_a_table_is_as_before() {
    let t = tables(crate::DATA, r#"{{ table(["up"], ["growth"]) }}"#);
    assert_eq!(t[0].unit, "");
    assert!(t[0].header_groups.is_empty());
}

#[test]
fn targets_table_takes_them_over_its_eight_columns() {
    let data = include_str!("../../../tests/datasets/cases/targets-2024.toml");
    let t = tables(
        data,
        r#"{{ targets_table(unit="Đơn vị tính: %", groups=[["", 2], ["Năm 2024", 3], ["So sánh", 3]]) }}"#,
    );
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].header.len(), 8);
    assert_eq!(t[0].unit, "Đơn vị tính: %");
    assert_eq!(t[0].groups()[1], (2, 3, "Năm 2024"));
}
