//! Templates in, sentences out. The wording rules are the folders of
//! `tests/wording/`, the template mistakes those of
//! `tests/bad-input/template/` (`wording.rs`); the words of each locale and
//! the writing of numbers are tables of their functions (`locale.rs`,
//! `number.rs`).

#![allow(clippy::unwrap_used, reason = "tests")]

mod charts;
mod diagnostics;
mod fuzz;
mod limits;
mod locale;
mod notes;
mod number;
mod tables;
mod wording;

use baocao_document::{Block, Inline};
use baocao_narrative::{NarrativeError, Report, Templates};

const DATA: &str = r###"
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
text = "## không phải tiêu đề\n\n{{ data.grdp.growth }} {% if true %}\uE0000\uE001 **"
"###;

fn render(template: &str) -> Result<Vec<Block<'static>>, NarrativeError> {
    render_data(DATA, template)
}

/// The blocks `template` writes over the dataset `data`, for 2024.
fn render_data(data: &str, template: &str) -> Result<Vec<Block<'static>>, NarrativeError> {
    let ds = baocao_dataset::read_str(data, "t.toml").unwrap();
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

/// Each figure run carries its exact value and where it came from: in
/// the report's words, and as data for exporters that show it their way.
#[test]
fn figures_stay_typed_with_provenance() {
    let blocks = render("{{ data.up.share | pct }} {{ data.up.contribution | pct }}").unwrap();
    let Block::Paragraph { content } = &blocks[0] else {
        panic!("a paragraph")
    };
    let Inline::Figure {
        text,
        exact,
        provenance,
        source,
    } = &content[0]
    else {
        panic!("a figure")
    };
    assert_eq!(text, "12,6%");
    assert_eq!(exact, "12.57668711656441717791411043");
    assert_eq!(
        provenance,
        "Tính: đóng góp ngành tăng ÷ tăng trưởng GRDP × 100"
    );
    let source = source.as_deref().unwrap();
    assert_eq!(
        (
            &*source.kind,
            &*source.indicator,
            &*source.measure,
            &*source.period,
            &*source.rule,
            &*source.formula,
            source.file.is_empty(),
            source.line
        ),
        (
            "derived",
            "up",
            "share",
            "2024",
            "share_from_contribution",
            "đóng góp ngành tăng ÷ tăng trưởng GRDP × 100",
            true,
            0
        )
    );
    assert_eq!(source.inputs, ["up.contribution", "grdp.growth"]);
    let Inline::Figure {
        provenance, source, ..
    } = &content[2]
    else {
        panic!("a figure")
    };
    let source = source.as_deref().unwrap();
    // Line 18 of DATA, which starts with a line break; the file as the
    // reader was given it (the driver names it relative to the department).
    assert_eq!(
        (&*source.kind, &*source.file, source.line),
        ("reported", "t.toml", 18)
    );
    assert_eq!(provenance, "Số báo cáo, t.toml dòng 18");
}

#[test]
fn notes_are_data_never_template_text() {
    // Only the notes' own markup is read (`notes.rs`): a template's `## `,
    // template syntax and the parser's private markers stay text.
    assert_eq!(
        text("{{ notes(\"risky\") }}"),
        "## không phải tiêu đề\n{{ data.grdp.growth }} {% if true %}\u{E000}0\u{E001} **"
    );
    let blocks = render("{{ notes(\"risky\") }}").unwrap();
    assert!(blocks.iter().all(|b| matches!(b, Block::Paragraph { .. })));
}
