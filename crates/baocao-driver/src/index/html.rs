//! `index.html`: the batch overview as a page, one table of departments ×
//! periods with a trend per department, readable without scripts (a few
//! lines of inline script only make the headings sort the rows), printable
//! on A4 landscape.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::{Cell, Matrix, Row, html_escape, link, url};
use crate::overview::{Key, KeyFigure, Summary};

/// The stylesheet: a table that scrolls inside the window with its header
/// row and department column held in place (34 × 10 does not fit a
/// screen), and, on paper, the whole table on A4 landscape pages with the
/// header row repeated.
/// (Chromium leaves a repeated header row's buttons blank on the pages
/// after the first: on paper the sort buttons are their text only.)
const STYLE: &str = r#"body{font-family:"Times New Roman",Times,"Liberation Serif","Nimbus Roman",serif;margin:1.5rem;color:#1a1a1a;background:#fff;line-height:1.35}
h1{font-size:1.6rem;margin:0 0 .3rem}
h2{font-size:1.1rem;margin:1.2rem 0 .4rem}
p{margin:.3rem 0}
.summary{font-size:1.05rem}
.note{color:#7a4b00}
.wrap{overflow:auto;width:fit-content;max-width:100%;max-height:max(20rem,calc(100vh - 13rem));border:1px solid #b8bec8;margin-top:.6rem}
table{border-collapse:separate;border-spacing:0;font-size:.95rem}
caption{text-align:left;padding:.4rem .5rem;font-weight:bold}
th,td{padding:.25rem .5rem;border-right:1px solid #dde1e7;border-bottom:1px solid #dde1e7;white-space:nowrap;background:#fff}
thead th{position:sticky;top:0;z-index:2;background:#e9eef5;border-bottom:2px solid #8a94a3;text-align:center;vertical-align:bottom}
tbody th{position:sticky;left:0;z-index:1;background:#f6f8fb;text-align:left;font-weight:normal;border-right:2px solid #b8bec8}
thead th:first-child{left:0;z-index:3;text-align:left;border-right:2px solid #b8bec8}
tbody tr:hover th,tbody tr:hover td{background:#fffbe6}
td{position:relative;text-align:left;font-variant-numeric:tabular-nums}
td.failed{text-align:center;color:#9b1c1c;background:#fdf1f1;font-size:.85em}
td.trend{text-align:center;padding:.1rem .4rem}
.id{color:#5c6370;font-size:.8em}
a{color:#1f4f8f}
.fig{display:inline-block;text-align:right}
.more{font-size:.72em}
.more a{color:#5c6370}
.flag{display:inline-block;font-size:.78em;line-height:1.2;padding:0 .25em;border-radius:.2em;font-weight:bold}
.chk{background:#fff0c2;color:#6b4200}
.miss{background:#fde0df;color:#8f1a1a}
.bad{background:#8f1a1a;color:#fff}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}
th button{font:inherit;font-weight:bold;color:inherit;background:none;border:0;padding:0;cursor:pointer;text-align:inherit}
th button::after{content:" \2195";color:#8a94a3;font-weight:normal}
th[aria-sort=ascending] button::after{content:" \25B2";color:inherit}
th[aria-sort=descending] button::after{content:" \25BC";color:inherit}
th button:focus-visible{outline:2px solid #1f4f8f;outline-offset:2px}
svg.spark{display:block;margin:auto}
.spark polyline{fill:none;stroke:#1f4f8f;stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}
.spark circle{fill:#1f4f8f}
.spark line{stroke:#b8bec8;stroke-width:1;stroke-dasharray:2 2}
.legend dl{display:grid;grid-template-columns:max-content auto;gap:.2rem .8rem;margin:0}
.legend dt{text-align:right}
.legend dd{margin:0}
@media print{@page{size:A4 landscape;margin:10mm}
body{margin:0;font-size:9pt}
.wrap{overflow:visible;max-height:none;border:0}
table{font-size:8.5pt}
th,td{padding:.1rem .3rem}
thead th,tbody th,thead th:first-child{position:static}
thead{display:table-header-group}
tr{break-inside:avoid}
a{color:inherit;text-decoration:none}
.more,#sort-hint{display:none}
.flag{border:1px solid currentColor}
th button{display:contents}
th button::after{content:none}}"#;

/// Makes the headings buttons that sort the rows by their column: by the
/// cells' `data-value` (the exact figure, with a dot, or the department's
/// name), unknown values last either way. Without it the table stays in
/// its written order, by department.
const SCRIPT: &str = r#"(function () {
  "use strict";
  var table = document.getElementById("overview");
  if (!table || !table.tHead || !table.tBodies.length) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;
  var hint = document.getElementById("sort-hint");
  if (hint) hint.hidden = false;
  function value(row, col) {
    var cell = row.cells[col];
    var v = cell ? cell.getAttribute("data-value") : null;
    return v === null ? "" : v;
  }
  function sort(th, col, numeric) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, col), y = value(b, col);
      if (x === "" || y === "") return (x === "") - (y === "");
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, "vi");
      return ascending ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, col) {
    var kind = th.getAttribute("data-sort");
    if (!kind) return;
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    th.appendChild(button);
    button.addEventListener("click", function () { sort(th, col, kind === "number"); });
  });
})();"#;

/// The whole page.
pub(super) fn page(m: &Matrix<'_>) -> String {
    let heading = html_escape(&m.key.heading());
    let mut h = String::with_capacity(4096 + m.rows.len() * m.periods.len() * 320);
    h.push_str("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Tổng quan báo cáo</title>\n<style>\n");
    h.push_str(STYLE);
    // Every figure in a box as wide as the widest, right-aligned: the
    // commas of a column line up whatever follows them (other formats,
    // flags). `ch` is the width of a digit, and the digits are tabular.
    h.push_str(&format!("\n.fig{{min-width:{}ch}}", fig_width(m)));
    h.push_str("\n</style>\n</head>\n<body>\n<header>\n<h1>Tổng quan báo cáo</h1>\n");
    h.push_str(&format!(
        "<p class=\"summary\">{}</p>\n</header>\n<main>\n",
        m.summary_line()
    ));
    h.push_str(&format!(
        "<p>Mỗi ô: <strong>{heading}</strong> (<code>{}</code>) của đơn vị trong kỳ, dẫn tới báo cáo; các định dạng khác in nhỏ bên cạnh. Các hàng xếp theo mã đơn vị.</p>\n",
        html_escape(&m.key.to_string())
    ));
    h.push_str("<p id=\"sort-hint\" hidden>Bấm vào tiêu đề một cột để xếp các hàng theo cột đó; bấm lần nữa để đảo thứ tự.</p>\n");
    if let Some(note) = m.note() {
        h.push_str(&format!("<p class=\"note\">{}</p>\n", html_escape(&note)));
    }
    h.push_str("<div class=\"wrap\" role=\"region\" aria-labelledby=\"caption\" tabindex=\"0\">\n<table id=\"overview\">\n");
    h.push_str(&format!(
        "<caption id=\"caption\">{heading} theo đơn vị và kỳ</caption>\n<thead>\n<tr><th scope=\"col\" data-sort=\"text\">Đơn vị</th>"
    ));
    for p in &m.periods {
        h.push_str(&format!(
            "<th scope=\"col\" data-sort=\"number\">{}</th>",
            html_escape(&p.to_string())
        ));
    }
    h.push_str("<th scope=\"col\">Xu hướng</th></tr>\n</thead>\n<tbody>\n");
    for row in &m.rows {
        h.push_str(&row_html(m, row));
    }
    h.push_str("</tbody>\n</table>\n</div>\n");
    h.push_str(LEGEND);
    h.push_str("</main>\n<script>\n");
    h.push_str(SCRIPT);
    h.push_str("\n</script>\n</body>\n</html>\n");
    h
}

/// The number of characters of the longest figure the table shows.
fn fig_width(m: &Matrix<'_>) -> usize {
    m.rows
        .iter()
        .flat_map(|r| &r.cells)
        .filter_map(|c| c.summary)
        .map(|s| figure(m.key, s).0.chars().count())
        .max()
        .unwrap_or(1)
}

const LEGEND: &str = "<section class=\"legend\" aria-labelledby=\"legend\">\n<h2 id=\"legend\">Chú thích</h2>\n<dl>\n\
<dt><span class=\"flag chk\">⚠ 2</span></dt><dd>2 kiểm tra không khớp: số liệu của báo cáo mâu thuẫn nhau (<code>baocao check</code> chỉ rõ từng chỗ)</dd>\n\
<dt><span class=\"flag miss\">✗ 1</span></dt><dd>1 chỉ tiêu không đạt kế hoạch của kỳ</dd>\n\
<dt>≈6,52</dt><dd>số xấp xỉ (số liệu ghi “hơn”, “khoảng”…, hoặc tính từ số như vậy)</dd>\n\
<dt>–</dt><dd>không có số liệu</dd>\n\
<dt>không lập được</dt><dd>báo cáo không lập được (di chuột vào ô để xem lý do)</dd>\n\
<dt><span class=\"flag bad\">lỗi docx</span></dt><dd>tệp định dạng này không ghi được</dd>\n\
</dl>\n</section>\n";

fn row_html(m: &Matrix<'_>, row: &Row<'_>) -> String {
    let mut r = format!(
        "<tr><th scope=\"row\" data-value=\"{}\">{}",
        html_escape(row.name),
        html_escape(row.name)
    );
    if row.name != row.id {
        r.push_str(&format!(
            " <span class=\"id\">{}</span>",
            html_escape(row.id)
        ));
    }
    r.push_str("</th>");
    for cell in &row.cells {
        r.push_str(&cell_html(m.key, cell));
    }
    r.push_str(&format!(
        "<td class=\"trend\">{}</td></tr>\n",
        sparkline(m.key, &row.trend(&m.periods))
    ));
    r
}

fn cell_html(key: &Key, cell: &Cell<'_>) -> String {
    if !cell.is_unit() {
        return "<td></td>".to_owned();
    }
    let Some(summary) = cell.summary else {
        let why = cell.why().unwrap_or("báo cáo không lập được");
        return format!(
            "<td class=\"failed\"><span title=\"{}\">không lập được</span></td>",
            html_escape(why)
        );
    };
    let mut c = match cell.value() {
        Some(v) => format!("<td data-value=\"{}\">", v.normalize()),
        None => "<td>".to_owned(),
    };
    let (text, title) = figure(key, summary);
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{title}\"")
    };
    match cell.primary() {
        Some(f) => c.push_str(&format!(
            "<a class=\"fig\" href=\"{}\"{title}>{text}</a>",
            html_escape(&url(&link(f)))
        )),
        None => c.push_str(&format!("<span class=\"fig\"{title}>{text}</span>")),
    }
    let primary = cell.primary().map(|f| &f.path);
    let others: Vec<String> = cell
        .files
        .iter()
        .filter(|f| Some(&f.path) != primary)
        .map(|f| {
            format!(
                "<a href=\"{}\">{}</a>",
                html_escape(&url(&link(f))),
                html_escape(&f.format)
            )
        })
        .collect();
    if !others.is_empty() {
        c.push_str(&format!(
            " <span class=\"more\">{}</span>",
            others.join(" ")
        ));
    }
    c.push_str(&flags(summary));
    for f in &cell.failed {
        let why = match &f.status {
            crate::batch::FileStatus::Failed(why) => why.message.as_str(),
            _ => "",
        };
        c.push_str(&format!(
            " <span class=\"flag bad\" title=\"{}\">lỗi {}</span>",
            html_escape(why),
            html_escape(&f.format)
        ));
    }
    c.push_str("</td>");
    c
}

/// The key figure's text and its title (whether it is approximate or
/// derived: a tooltip rather than a mark, since in some batches every
/// figure is derived and a mark on all says nothing).
fn figure(key: &Key, summary: &Summary) -> (String, &'static str) {
    match summary.key {
        KeyFigure::Known {
            value,
            approximate,
            derived,
        } => {
            let text = format!(
                "{}{}",
                if approximate { "≈" } else { "" },
                key.format(value)
            );
            let title = match (approximate, derived) {
                (true, true) => "số xấp xỉ, tính từ số liệu khác",
                (true, false) => "số xấp xỉ",
                (false, true) => "tính từ số liệu khác",
                (false, false) => "",
            };
            (text, title)
        }
        KeyFigure::Absent | KeyFigure::NoIndicator => ("–".to_owned(), "không có số liệu"),
    }
}

/// The flags of failed checks and missed targets, each with its words for
/// those who cannot see the sign.
fn flags(s: &Summary) -> String {
    let mut f = String::new();
    for (n, class, sign, words) in [
        (s.failed_checks, "chk", "⚠", "kiểm tra không khớp"),
        (s.missed_targets, "miss", "✗", "chỉ tiêu không đạt"),
    ] {
        if n > 0 {
            f.push_str(&format!(
                " <span class=\"flag {class}\" title=\"{n} {words}\"><span aria-hidden=\"true\">{sign} {n}</span><span class=\"vh\">{n} {words}</span></span>"
            ));
        }
    }
    f
}

/// Size of a sparkline, in tenths of a pixel: the points are computed in
/// integers (no floating point reaches the page), printed with one decimal.
const WIDTH: i64 = 960;
const HEIGHT: i64 = 240;
const PAD: i64 = 25;

/// Tenths of a pixel as SVG writes them: `12.5`.
fn px(tenths: i64) -> String {
    format!("{}.{}", tenths.div_euclid(10), tenths.rem_euclid(10))
}

/// An inline SVG of the key figure over the periods given, a gap where it
/// is unknown, a dashed line at 0 when the figures cross it, a dot on the
/// last known one; its accessible name lists the values. `–` when no
/// figure is known, or when the figures are too large to scale (a level
/// beyond the exact decimals' range).
pub(super) fn sparkline(key: &Key, points: &[(baocao_dataset::Period, Option<Decimal>)]) -> String {
    let known: Vec<Decimal> = points.iter().filter_map(|(_, v)| *v).collect();
    let (Some(min), Some(max)) = (known.iter().min(), known.iter().max()) else {
        return "–".to_owned();
    };
    let Some(ys) = scale(points, *min, *max) else {
        return "–".to_owned();
    };
    let span = WIDTH - 2 * PAD;
    let x = |i: usize| -> i64 {
        // usize → i64: a batch has far fewer periods than either counts.
        match (
            i64::try_from(i),
            i64::try_from(points.len().saturating_sub(1)),
        ) {
            (Ok(i), Ok(n)) if n > 0 => PAD + span * i / n,
            _ => WIDTH / 2,
        }
    };
    let label = html_escape(&format!(
        "{}: {}",
        key.heading(),
        points
            .iter()
            .map(|(p, v)| format!(
                "{p}: {}",
                v.map_or_else(|| "không có số liệu".to_owned(), |v| key.format(v))
            ))
            .collect::<Vec<_>>()
            .join("; ")
    ));
    let mut svg = format!(
        "<svg class=\"spark\" width=\"96\" height=\"24\" viewBox=\"0 0 96 24\" role=\"img\" aria-label=\"{label}\"><title>{label}</title>"
    );
    if let Some(zero) = zero_line(*min, *max) {
        svg.push_str(&format!(
            "<line x1=\"0\" y1=\"{y}\" x2=\"96\" y2=\"{y}\"/>",
            y = px(zero)
        ));
    }
    // Runs of known points: a line each, a dot for a point alone; a
    // larger dot on the last known point, where the eye looks first.
    let runs = ys
        .iter()
        .enumerate()
        .map(|(i, y)| y.map(|y| (x(i), y)))
        .collect::<Vec<_>>();
    let end = runs.iter().rev().find_map(|p| *p);
    for run in runs.split(Option::is_none) {
        let run: Vec<(i64, i64)> = run.iter().flatten().copied().collect();
        match run.as_slice() {
            [] => {}
            // The last point alone has the end's dot only.
            [point] if Some(*point) == end => {}
            [(cx, cy)] => svg.push_str(&format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"1.5\"/>",
                px(*cx),
                px(*cy)
            )),
            _ => svg.push_str(&format!(
                "<polyline points=\"{}\"/>",
                run.iter()
                    .map(|(x, y)| format!("{},{}", px(*x), px(*y)))
                    .collect::<Vec<_>>()
                    .join(" ")
            )),
        }
    }
    if let Some((ex, ey)) = end {
        svg.push_str(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"2\"/>",
            px(ex),
            px(ey)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Each point's height in tenths of a pixel (the highest figure at the
/// top), exact decimal arithmetic rounded once; `None` when a difference
/// overflows the decimals.
fn scale(
    points: &[(baocao_dataset::Period, Option<Decimal>)],
    min: Decimal,
    max: Decimal,
) -> Option<Vec<Option<i64>>> {
    let range = max.checked_sub(min)?;
    let room = Decimal::from(HEIGHT - 2 * PAD);
    points
        .iter()
        .map(|(_, v)| match v {
            None => Some(None),
            Some(_) if range.is_zero() => Some(Some(HEIGHT / 2)),
            Some(v) => {
                // Divided first: a share of at most 1, so that the product
                // cannot overflow.
                let down = max
                    .checked_sub(*v)?
                    .checked_div(range)?
                    .checked_mul(room)?
                    .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
                    .to_i64()?;
                Some(Some(PAD + down))
            }
        })
        .collect()
}

/// The height of 0 when the figures lie on both sides of it.
fn zero_line(min: Decimal, max: Decimal) -> Option<i64> {
    if !(min < Decimal::ZERO && max > Decimal::ZERO) {
        return None;
    }
    let range = max.checked_sub(min)?;
    let down = max
        .checked_div(range)?
        .checked_mul(Decimal::from(HEIGHT - 2 * PAD))?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
        .to_i64()?;
    Some(PAD + down)
}
