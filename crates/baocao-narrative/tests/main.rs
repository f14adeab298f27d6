//! Templates in, sentences out: the wording rules, table-driven.

#![allow(clippy::unwrap_used, reason = "tests")]

mod diagnostics;
mod locale;
mod number;

use baocao_document::{Block, Inline};
use baocao_narrative::{NarrativeError, Report, Templates};

const DATA: &str = r##"
format = 1
[dataset]
region = "Hà Nội"
[[indicator]]
id = "grdp"
name = "GRDP"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = 6.52 }
[[indicator]]
id = "up"
name = "ngành tăng"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = 6.20 }
contribution = { 2024 = 0.82 }
[[indicator]]
id = "down"
name = "ngành giảm"
kind = "flow"
unit = "tỷ đồng"
parent = "grdp"
growth = { 2024 = -2.345 }
contribution = { 2024 = -0.305 }
[[indicator]]
id = "double"
name = "ngành gấp"
kind = "index"
index = { 2024 = 230 }
[[indicator]]
id = "flat"
name = "ngành đứng"
kind = "index"
index = { 2024 = 100.001 }
[[indicator]]
id = "sales"
name = "bán ra"
kind = "flow"
unit = "nghìn tỷ đồng"
value = { 2024 = 10221.84 }
[[indicator]]
id = "empty"
name = "chưa có"
kind = "flow"
unit = "tỷ đồng"
[[note]]
year = 2024
section = "risky"
text = "# không phải tiêu đề\n\n- không phải danh sách"
"##;

fn render(template: &str) -> Result<Vec<Block<'static>>, NarrativeError> {
    let ds = baocao_dataset::read_str(DATA, "t.toml").unwrap();
    let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
    let mut t = Templates::default();
    t.insert("r.jinja", "templates/r.jinja", template);
    baocao_narrative::render(&Report::new(&ds, figures, &t, "r.jinja")).map(|d| d.blocks)
}

fn text(template: &str) -> String {
    let blocks = render(template).unwrap_or_else(|e| panic!("{e}"));
    blocks
        .iter()
        .map(Block::plain_text)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn wording_table() {
    let cases = [
        ("{{ data.up.growth | change(1) }}", "tăng 6,2%"),
        ("{{ data.down.growth | change }}", "giảm 2,35%"),
        ("{{ data.down.growth | change(1) }}", "giảm 2,3%"),
        ("{{ data.double.growth | change(1) }}", "gấp 2,3 lần"),
        ("{{ data.flat.growth | change(1) }}", "không đổi"),
        (
            "{{ data.up.contribution | contrib }}",
            "đóng góp 0,82 điểm %",
        ),
        (
            "{{ data.down.contribution | contrib }}",
            "làm giảm 0,31 điểm %",
        ),
        ("{{ data.up.share | pct }}", "12,6%"),
        ("{{ data.up.share | pct(3) }}", "12,577%"),
        ("{{ data.sales.value | level }}", "10.222 nghìn tỷ đồng"),
        (
            "{{ data.sales.value | level(1) }}",
            "10.221,8 nghìn tỷ đồng",
        ),
        ("{{ data.up.contribution | points }}", "0,82 điểm %"),
        ("{{ data.grdp.growth }}", "6,52"),
        ("{{ data.up.name | capfirst }}", "Ngành tăng"),
        (
            "{{ data.empty.growth | pct | default(\"chưa có số liệu\", true) }}",
            "chưa có số liệu",
        ),
        (
            "{% if data.empty.growth %}không in{% endif %}câu sau.",
            "câu sau.",
        ),
        (
            "Tăng{% if data.empty.growth %} {{ data.empty.growth | pct }}{% endif %} .",
            "Tăng.",
        ),
        (
            "{{ period.label }}, {{ period.compare }}, {{ period.vs_previous }}",
            "năm 2024, so với năm trước, so với năm 2023",
        ),
    ];
    for (template, want) in cases {
        assert_eq!(text(template), want, "{template}");
    }
}

#[test]
fn figures_stay_typed_with_provenance() {
    let blocks = render("{{ data.up.share | pct }}").unwrap();
    let Block::Paragraph { content } = &blocks[0] else {
        panic!("a paragraph")
    };
    let Inline::Figure {
        text,
        exact,
        provenance,
    } = &content[0]
    else {
        panic!("a figure")
    };
    assert_eq!(text, "12,6%");
    assert_eq!(exact, "12.57668711656441717791411043");
    assert_eq!(provenance, "derived: up.contribution / grdp.growth × 100");
}

#[test]
fn notes_are_text_never_markup() {
    assert_eq!(
        text("{{ notes(\"risky\") }}"),
        "# không phải tiêu đề\n- không phải danh sách"
    );
    let blocks = render("{{ notes(\"risky\") }}").unwrap();
    assert!(blocks.iter().all(|b| matches!(b, Block::Paragraph { .. })));
}

#[test]
fn template_mistakes_name_the_file_and_line() {
    let cases = [
        (
            "Dòng một.\n{{ data.empty.growth | pct }}",
            "templates/r.jinja:2:",
            "not available",
        ),
        (
            "\n\n{{ data.nothere.growth }}",
            "templates/r.jinja:3:",
            "`nothere` is neither an indicator of the dataset nor a standard id",
        ),
        (
            "{{ data.up.growth | percent }}",
            "templates/r.jinja:1:",
            "percent",
        ),
        ("{% if %}", "templates/r.jinja:1:", "syntax"),
        (
            "{{ data.up.name | pct }}",
            "templates/r.jinja:1:",
            "writes a figure",
        ),
        (
            "{{ table([\"up\"], [\"growht\"]) }}",
            "templates/r.jinja:1:",
            "unknown column `growht`",
        ),
    ];
    for (template, place, words) in cases {
        let err = render(template).unwrap_err().to_string();
        assert!(err.starts_with(place), "{template}: {err}");
        assert!(err.contains(words), "{template}: {err}");
    }
}
