//! Notes with their markup, through a template to the blocks of the
//! report: every rule of `docs/dataset.md` ("Markup of notes") at once.

use baocao_document::{Block, Inline, ListStyle};
use baocao_narrative::{Report, Templates};

const DATA: &str = r#"
format = 1
[dataset]
region = "Hà Nội"
[[indicator]]
id = "grdp"
name = "GRDP"
kind = "flow"
unit = "tỷ đồng"
growth = { 2024 = 6.52 }

[[note]]
year = 2024
section = "tasks"
text = """
Tập trung thực hiện **13 nhóm nhiệm vụ** trọng tâm, trong đó:
- phát triển công nghiệp *ưu tiên*;
- thu hút đầu tư.

# Lĩnh vực công nghiệp
a) Phát triển công nghiệp chủ lực,
  công nghiệp hỗ trợ;
b) Tháo gỡ khó khăn cho doanh nghiệp.

# Lĩnh vực thương mại
1. Đẩy mạnh ***hội nhập*** kinh tế quốc tế;
2. Phát triển thị trường trong nước.
"""

[[note]]
year = 2024
section = "orders"
text = "nhiều đơn hàng **xuất khẩu** tăng khá"

[[note]]
year = 2024
section = "unfinished"
text = """
Đoạn một.

Hàng **chưa đóng
"""
"#;

/// A block as one line: its number and text, styled runs as `[b:…]`,
/// `[i:…]`, `[bi:…]`, list items after their style.
fn show(block: &Block<'_>) -> String {
    fn runs(content: &[Inline<'_>]) -> String {
        content
            .iter()
            .map(|i| match i {
                Inline::Styled { text, bold, italic } => {
                    let s = match (bold, italic) {
                        (true, true) => "bi",
                        (true, false) => "b",
                        _ => "i",
                    };
                    format!("[{s}:{text}]")
                }
                other => other.as_str().to_owned(),
            })
            .collect()
    }
    match block {
        Block::Heading {
            level,
            number,
            content,
        } => format!("H{level} {number} {}", runs(content)),
        Block::Paragraph { content } => format!("P {}", runs(content)),
        Block::List { items, style } => {
            let style = match style {
                ListStyle::Bullet => "bullet",
                ListStyle::Letter => "letter",
                ListStyle::Number => "number",
            };
            let items: Vec<String> = items.iter().map(|i| runs(i)).collect();
            format!("L {style}: {}", items.join(" | "))
        }
        other => format!("{other:?}"),
    }
}

fn render(template: &str) -> Vec<Block<'static>> {
    let ds = baocao_dataset::read_str(DATA, "t.toml").unwrap();
    let figures = baocao_calc::compute(&ds, "2024".parse().unwrap());
    let mut t = Templates::default();
    t.insert("r.jinja", "templates/r.jinja", template);
    baocao_narrative::render(&Report::new(&ds, figures, &t, "r.jinja"))
        .unwrap()
        .blocks
}

#[test]
fn a_note_with_every_rule_gives_its_blocks() {
    let blocks = render(
        "# NHIỆM VỤ\n## Nhiệm vụ trọng tâm\n### Điểm của mẫu\nCâu của mẫu.\n{{ notes(\"tasks\") }}\n### Điểm sau ghi chú\nCâu sau.\n",
    );
    let shown: Vec<String> = blocks.iter().map(show).collect();
    assert_eq!(
        shown,
        [
            "H1 I. NHIỆM VỤ",
            "H2 1. Nhiệm vụ trọng tâm",
            "H3 a) Điểm của mẫu",
            "P Câu của mẫu.",
            "P Tập trung thực hiện [b:13 nhóm nhiệm vụ] trọng tâm, trong đó:",
            "L bullet: phát triển công nghiệp [i:ưu tiên]; | thu hút đầu tư.",
            // A note's sub-headings are points of the template's item,
            // numbered on from the template's own.
            "H3 b) Lĩnh vực công nghiệp",
            "L letter: Phát triển công nghiệp chủ lực, công nghiệp hỗ trợ; | Tháo gỡ khó khăn cho doanh nghiệp.",
            "H3 c) Lĩnh vực thương mại",
            "L number: Đẩy mạnh [bi:hội nhập] kinh tế quốc tế; | Phát triển thị trường trong nước.",
            "H3 d) Điểm sau ghi chú",
            "P Câu sau.",
        ]
    );
}

#[test]
fn a_note_mid_sentence_is_its_plain_text() {
    let blocks = render("Chỉ số IIP tăng, {{ notes(\"orders\") }}.\n");
    assert_eq!(
        blocks.iter().map(show).collect::<Vec<_>>(),
        ["P Chỉ số IIP tăng, nhiều đơn hàng xuất khẩu tăng khá."]
    );
}

#[test]
fn an_unclosed_bold_is_printed_and_told() {
    let blocks = render("{{ notes(\"unfinished\") }}");
    assert_eq!(
        blocks.iter().map(show).collect::<Vec<_>>(),
        ["P Đoạn một.", "P Hàng **chưa đóng"]
    );
    let ds = baocao_dataset::read_str(DATA, "t.toml").unwrap();
    let warnings: Vec<String> = baocao_narrative::note_warnings(&ds)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "t.toml:35:1: note `unfinished` (2024), line 3 of its text: `**` is not closed: its stars are printed as written; close it, or write each star `\\\\*` in the TOML string"
        ]
    );
}
