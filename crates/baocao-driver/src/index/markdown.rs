//! `index.md`: the batch overview as one Markdown table (GFM), departments
//! × periods, each cell the key figure linking to the report with its
//! flags as `⚠n` and `✗n`, then the legend.

use super::{Cell, Matrix, link, url};
use crate::batch::FileOutcome;
use crate::overview::{Key, KeyFigure};

/// The whole page.
pub(super) fn page(m: &Matrix<'_>) -> String {
    let mut md = String::from("# Tổng quan báo cáo\n\n");
    md.push_str(&m.summary_line());
    md.push_str(&format!(
        "\n\nMỗi ô: **{}** (`{}`) của đơn vị trong kỳ, dẫn tới báo cáo.\n\n",
        escape(&m.key.heading()),
        m.key
    ));
    if let Some(note) = m.note() {
        md.push_str(&escape(&note));
        md.push_str("\n\n");
    }
    md.push_str("| Đơn vị |");
    for p in &m.periods {
        md.push_str(&format!(" {p} |"));
    }
    md.push_str("\n| :-- |");
    md.push_str(&" --: |".repeat(m.periods.len()));
    md.push('\n');
    for row in &m.rows {
        md.push_str("| ");
        md.push_str(&escape(row.name));
        if row.name != row.id {
            md.push_str(&format!(" ({})", escape(row.id)));
        }
        md.push_str(" |");
        for cell in &row.cells {
            let text = cell_md(m.key, cell);
            if text.is_empty() {
                md.push_str(" |");
            } else {
                md.push_str(&format!(" {text} |"));
            }
        }
        md.push('\n');
    }
    md.push_str(LEGEND);
    md
}

const LEGEND: &str = "\nChú thích:\n\n\
- ⚠n: n kiểm tra không khớp (số liệu của báo cáo mâu thuẫn nhau; `baocao check` chỉ rõ từng chỗ)\n\
- ✗n: n chỉ tiêu không đạt kế hoạch của kỳ\n\
- ≈: số xấp xỉ (số liệu ghi “hơn”, “khoảng”…, hoặc tính từ số như vậy)\n\
- –: không có số liệu\n\
- không lập được: báo cáo không lập được\n\
- lỗi docx: tệp định dạng này không ghi được\n\
\nMọi tệp, với kích thước và SHA-256: [manifest.json](manifest.json).\n";

/// The file a Markdown reader follows: the Markdown report when there is
/// one (a reader of `index.md` is in a Markdown viewer), else the page's.
fn target<'r>(cell: &Cell<'r>) -> Option<&'r FileOutcome> {
    cell.files
        .iter()
        .find(|f| super::has_extension(f, "md"))
        .copied()
        .or_else(|| cell.primary())
}

fn cell_md(key: &Key, cell: &Cell<'_>) -> String {
    if !cell.is_unit() {
        return String::new();
    }
    let Some(summary) = cell.summary else {
        return "không lập được".to_owned();
    };
    let text = match summary.key {
        KeyFigure::Known {
            value, approximate, ..
        } => format!(
            "{}{}",
            if approximate { "≈" } else { "" },
            key.format(value)
        ),
        KeyFigure::Absent | KeyFigure::NoIndicator => "–".to_owned(),
    };
    let mut c = match target(cell) {
        Some(f) => format!("[{text}]({})", url(&link(f))),
        None => text,
    };
    if summary.failed_checks > 0 {
        c.push_str(&format!(" ⚠{}", summary.failed_checks));
    }
    if summary.missed_targets > 0 {
        c.push_str(&format!(" ✗{}", summary.missed_targets));
    }
    for f in &cell.failed {
        c.push_str(&format!(" lỗi {}", escape(&f.format)));
    }
    c
}

/// Text as Markdown shows it literally inside a table cell: the characters
/// that would start emphasis, a link, code, HTML or an entity, or end the
/// cell, escaped; a line break would end the row, so it is a space.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}
