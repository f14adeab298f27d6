//! The overview pages of hand-built outcomes: what each cell says, in which
//! order, and that nothing a dataset or an id holds is taken for markup.

use baocao_diagnostic::Diagnostic;

use super::*;

fn year(y: i32) -> Period {
    Period::Year(y)
}

/// A file in place.
fn file(dept: &str, period: Period, format: &str) -> FileOutcome {
    FileOutcome {
        department: dept.to_owned(),
        period,
        format: format.to_owned(),
        path: PathBuf::from(format!("{dept}/{period}.{format}")),
        status: FileStatus::Written,
        size: 10,
        sha256: "ab".repeat(32),
        bytes: None,
    }
}

/// A file that failed, and why.
fn failed(dept: &str, period: Period, format: &str, why: &str) -> FileOutcome {
    FileOutcome {
        path: PathBuf::new(),
        status: FileStatus::Failed(Box::new(Diagnostic::error(why))),
        size: 0,
        sha256: String::new(),
        ..file(dept, period, format)
    }
}

fn known(v: &str) -> KeyFigure {
    KeyFigure::Known {
        value: v.parse().unwrap(),
        approximate: false,
        derived: false,
    }
}

fn summary(dept: &str, name: &str, period: Period, key: KeyFigure) -> Summary {
    Summary {
        department: dept.to_owned(),
        name: name.to_owned(),
        period,
        key,
        failed_checks: 0,
        missed_targets: 0,
    }
}

/// Both pages of an outcome, with the default key.
fn pages(report: &BatchOutcome) -> (String, String) {
    let key = Key::default();
    let m = Matrix::of(report, &key);
    (html::page(&m), markdown::page(&m))
}

/// The rows of the Markdown table.
fn table(md: &str) -> Vec<&str> {
    md.lines().filter(|l| l.starts_with('|')).collect()
}

/// Three departments given out of order, three periods out of order, one
/// report that could not be made, flags on another.
fn outcome() -> BatchOutcome {
    let q3 = Period::Quarter(2024, 3);
    let mut files = Vec::new();
    for (d, p) in [
        ("hue", year(2024)),
        ("hue", year(2023)),
        ("hanoi", q3),
        ("hanoi", year(2023)),
        ("hanoi", year(2024)),
    ] {
        files.push(file(d, p, "md"));
        files.push(file(d, p, "html"));
    }
    files.push(failed(
        "danang",
        year(2024),
        "md",
        "template error in \"report.md.j2\" <line 3>",
    ));
    let mut flagged = summary("hanoi", "Hà Nội", year(2024), known("6.52"));
    flagged.failed_checks = 2;
    flagged.missed_targets = 1;
    BatchOutcome {
        files,
        summaries: vec![
            summary("hue", "Huế", year(2024), known("-1.5")),
            summary("hue", "Huế", year(2023), KeyFigure::Absent),
            summary("hanoi", "Hà Nội", q3, known("6.71")),
            summary("hanoi", "Hà Nội", year(2023), known("6.27")),
            flagged,
        ],
        ..BatchOutcome::default()
    }
}

#[test]
fn the_matrix_is_departments_by_periods_in_order() {
    let (_, md) = pages(&outcome());
    assert_eq!(
        table(&md),
        [
            "| Đơn vị | 2023 | 2024 | 2024-Q3 |",
            "| :-- | --: | --: | --: |",
            "| danang | | không lập được | |",
            "| Hà Nội (hanoi) | [6,27](hanoi/2023.md) | [6,52](hanoi/2024.md) ⚠2 ✗1 | [6,71](hanoi/2024-Q3.md) |",
            "| Huế (hue) | [–](hue/2023.md) | [-1,50](hue/2024.md) | |",
        ]
    );
    assert!(
        md.contains("3 đơn vị, 3 kỳ: 6 báo cáo, 11 tệp, 1 tệp lỗi; 1 báo cáo không lập được; 1 báo cáo có kiểm tra không khớp, 1 báo cáo có chỉ tiêu không đạt."),
        "{md}"
    );
}

#[test]
fn html_cells_link_the_report_and_flag_it() {
    let (html, _) = pages(&outcome());
    // Rows by department id, columns by period.
    let at = |s: &str| html.find(s).unwrap_or_else(|| panic!("{s} in {html}"));
    assert!(at(">danang</th>") < at(">Hà Nội <span class=\"id\">hanoi</span></th>"));
    assert!(at("<span class=\"id\">hanoi</span>") < at("<span class=\"id\">hue</span>"));
    assert!(at(">2023</th>") < at(">2024</th>") && at(">2024</th>") < at(">2024-Q3</th>"));
    // The figure links to the HTML report, the other format beside it,
    // then the flags with their words.
    assert!(html.contains(
        "<td data-value=\"6.52\"><a class=\"fig\" href=\"hanoi/2024.html\">6,52</a> <span class=\"more\"><a href=\"hanoi/2024.md\">md</a></span> \
<span class=\"flag chk\" title=\"2 kiểm tra không khớp\"><span aria-hidden=\"true\">⚠ 2</span><span class=\"vh\">2 kiểm tra không khớp</span></span> \
<span class=\"flag miss\" title=\"1 chỉ tiêu không đạt\"><span aria-hidden=\"true\">✗ 1</span><span class=\"vh\">1 chỉ tiêu không đạt</span></span></td>"
    ), "{html}");
    // A report that failed says so, and why (escaped).
    assert!(html.contains(
        "<td class=\"failed\"><span title=\"template error in &quot;report.md.j2&quot; &lt;line 3&gt;\">không lập được</span></td>"
    ), "{html}");
    // No figure: a dash, no sort value.
    assert!(
        html.contains(
            "<td><a class=\"fig\" href=\"hue/2023.html\" title=\"không có số liệu\">–</a>"
        ),
        "{html}"
    );
    assert!(
        html.contains("<td data-value=\"-1.5\"><a class=\"fig\" href=\"hue/2024.html\">-1,50</a>"),
        "{html}"
    );
    // Figures in boxes as wide as the widest, "-1,50".
    assert!(html.contains("\n.fig{min-width:5ch}\n</style>"), "{html}");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">"));
    assert!(html.contains("<title>Tổng quan báo cáo</title>"));
    assert!(
        html.contains("<caption id=\"caption\">Tăng trưởng GRDP (%) theo đơn vị và kỳ</caption>")
    );
}

#[test]
fn the_trend_draws_the_years_with_their_values_named() {
    let (html, _) = pages(&outcome());
    // Hà Nội has years and a quarter: the line is of its two years.
    assert!(html.contains(
        "<svg class=\"spark\" width=\"96\" height=\"24\" viewBox=\"0 0 96 24\" role=\"img\" aria-label=\"Tăng trưởng GRDP (%): 2023: 6,27; 2024: 6,52\">"
    ), "{html}");
    assert!(
        html.contains(
            "<polyline points=\"2.5,21.5 93.5,2.5\"/><circle cx=\"93.5\" cy=\"2.5\" r=\"2\"/></svg>"
        ),
        "{html}"
    );
    // Huế: one known year, a dot; the year without a figure is named.
    assert!(
        html.contains("aria-label=\"Tăng trưởng GRDP (%): 2023: không có số liệu; 2024: -1,50\""),
        "{html}"
    );
    assert!(html.contains("<title>Tăng trưởng GRDP (%): 2023: không có số liệu; 2024: -1,50</title><circle cx=\"93.5\" cy=\"12.0\" r=\"2\"/></svg>"), "{html}");
    // danang: nothing known.
    assert!(html.contains("<td class=\"trend\">–</td>"), "{html}");
}

#[test]
fn a_gap_splits_the_line_and_zero_is_marked() {
    let key = Key::default();
    let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
    let svg = html::sparkline(
        &key,
        &[
            (year(2020), d("-2")),
            (year(2021), d("2")),
            (year(2022), None),
            (year(2023), d("0")),
            (year(2024), d("1")),
        ],
    );
    assert!(
        svg.contains("<line x1=\"0\" y1=\"12.0\" x2=\"96\" y2=\"12.0\"/>"),
        "{svg}"
    );
    assert!(
        svg.contains(
            "<polyline points=\"2.5,21.5 25.2,2.5\"/><polyline points=\"70.7,12.0 93.5,7.3\"/>"
        ),
        "{svg}"
    );
}

#[test]
fn hostile_text_is_never_markup() {
    let id = "<script>alert(1)</script>&\"'|*";
    let name = "A & <b>B</b> | [x](y) \n_z_";
    let report = BatchOutcome {
        files: vec![file(id, year(2024), "html")],
        summaries: vec![summary(id, name, year(2024), known("1"))],
        ..BatchOutcome::default()
    };
    let (html, md) = pages(&report);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<b>B"), "{html}");
    assert!(html.contains(
        "<th scope=\"row\" data-value=\"A &amp; &lt;b&gt;B&lt;/b&gt; | [x](y) \n_z_\">A &amp; &lt;b&gt;B&lt;/b&gt; | [x](y) \n_z_ <span class=\"id\">&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;|*</span></th>"
    ), "{html}");
    // The link is percent-encoded: no quote or angle bracket ends it.
    assert!(
        html.contains(
            "<a class=\"fig\" href=\"%3Cscript%3Ealert%281%29%3C/script%3E%26%22%27%7C%2A/2024.html\">1,00</a>"
        ),
        "{html}"
    );
    assert_eq!(
        table(&md)[2],
        "| A \\& \\<b\\>B\\</b\\> \\| \\[x\\](y)  \\_z\\_ (\\<script\\>alert(1)\\</script\\>\\&\"'\\|\\*) | [1,00](%3Cscript%3Ealert%281%29%3C/script%3E%26%22%27%7C%2A/2024.html) |"
    );
}

#[test]
fn an_indicator_no_dataset_has_leaves_dashes_and_a_note() {
    let report = BatchOutcome {
        files: vec![
            file("hanoi", year(2024), "html"),
            file("hue", year(2024), "html"),
        ],
        summaries: vec![
            summary("hanoi", "Hà Nội", year(2024), KeyFigure::NoIndicator),
            summary("hue", "Huế", year(2024), known("7")),
        ],
        ..BatchOutcome::default()
    };
    let (html, md) = pages(&report);
    assert!(html.contains("<p class=\"note\">Số liệu của 1 đơn vị không có chỉ tiêu “grdp” (các ô ghi –): Hà Nội.</p>"), "{html}");
    assert!(
        md.contains("| Hà Nội (hanoi) | [–](hanoi/2024.html) |"),
        "{md}"
    );
    let none = BatchOutcome {
        summaries: vec![summary(
            "hanoi",
            "Hà Nội",
            year(2024),
            KeyFigure::NoIndicator,
        )],
        ..report
    };
    let (html, _) = pages(&none);
    assert!(
        html.contains("Không đơn vị nào có chỉ tiêu “grdp” trong số liệu"),
        "{html}"
    );
}

#[test]
fn approximate_figures_are_marked_and_derived_ones_told() {
    let report = BatchOutcome {
        files: vec![file("hanoi", year(2024), "md")],
        summaries: vec![summary(
            "hanoi",
            "Hà Nội",
            year(2024),
            KeyFigure::Known {
                value: "6.5".parse().unwrap(),
                approximate: true,
                derived: true,
            },
        )],
        ..BatchOutcome::default()
    };
    let (html, md) = pages(&report);
    assert!(html.contains("<a class=\"fig\" href=\"hanoi/2024.md\" title=\"số xấp xỉ, tính từ số liệu khác\">≈6,50</a>"), "{html}");
    assert!(md.contains("| [≈6,50](hanoi/2024.md) |"), "{md}");
}

/// The manifest is what it was before the overview: the files in place,
/// in the batch's order, keys sorted, two-space indents, a newline.
#[test]
fn the_manifest_lists_the_files_in_place() {
    let report = BatchOutcome {
        files: vec![
            file("hanoi", year(2024), "md"),
            failed("hanoi", year(2024), "docx", "no plugin"),
        ],
        ..BatchOutcome::default()
    };
    let sha = "ab".repeat(32);
    assert_eq!(
        manifest(&report),
        format!(
            "[\n  {{\n    \"department\": \"hanoi\",\n    \"format\": \"md\",\n    \"path\": \"hanoi/2024.md\",\n    \"period\": \"2024\",\n    \"sha256\": \"{sha}\",\n    \"size\": 10\n  }}\n]\n"
        )
    );
}
