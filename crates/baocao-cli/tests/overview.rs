//! The batch overview (`index.html`, `index.md`) from the command line: the
//! real figures of the built-in Hà Nội department, links that lead to the
//! files, the same bytes whatever `--jobs`, and `--overview`.

use std::path::Path;

use crate::{baocao, files};

/// `baocao batch` of Hà Nội 2023 and 2024 (md, html) into `out`, with
/// more arguments.
fn batch(out: &Path, more: &[&str]) {
    let mut args = vec![
        "batch",
        "hanoi",
        "--years",
        "2023..=2024",
        "--formats",
        "md,html",
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(more);
    let run = baocao(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn read(out: &Path, name: &str) -> String {
    std::fs::read_to_string(out.join(name)).unwrap()
}

/// Every link target of a page: what follows `open` up to `close`.
fn links<'t>(text: &'t str, open: &str, close: char) -> Vec<&'t str> {
    text.split(open)
        .skip(1)
        .filter_map(|s| s.split(close).next())
        .collect()
}

#[test]
fn the_overview_shows_each_reports_growth_and_links_to_its_files() {
    let out = tempfile::tempdir().unwrap();
    batch(out.path(), &["--jobs", "2"]);
    let html = read(out.path(), "index.html");
    let md = read(out.path(), "index.md");
    // GRDP growth as config/hanoi/data/hanoi.toml gives it, linking to
    // the HTML report, the Markdown one beside it.
    assert!(
        html.contains("<td data-value=\"6.27\"><a class=\"fig\" href=\"hanoi/2023.html\">6,27</a> <span class=\"more\"><a href=\"hanoi/2023.md\">md</a></span></td>"),
        "{html}"
    );
    assert!(
        html.contains("<td data-value=\"6.52\"><a class=\"fig\" href=\"hanoi/2024.html\">6,52</a> <span class=\"more\"><a href=\"hanoi/2024.md\">md</a></span></td>"),
        "{html}"
    );
    assert!(
        md.contains("| Hà Nội (hanoi) | [6,27](hanoi/2023.md) | [6,52](hanoi/2024.md) |"),
        "{md}"
    );
    assert!(
        html.contains("aria-label=\"Tăng trưởng GRDP (%): 2023: 6,27; 2024: 6,52\""),
        "{html}"
    );
    // Every link leads to a file of the batch.
    let html_links = links(&html, "href=\"", '"');
    let md_links = links(&md, "](", ')');
    assert_eq!(html_links.len(), 4, "{html_links:?}");
    assert_eq!(md_links.len(), 3, "{md_links:?}");
    for link in html_links.iter().chain(&md_links) {
        assert!(out.path().join(link).is_file(), "{link} is not a file");
    }
}

#[test]
fn the_overview_is_the_same_bytes_whatever_the_jobs() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    batch(one.path(), &["--jobs", "1"]);
    batch(two.path(), &["--jobs", "2"]);
    let (a, b) = (files(one.path()), files(two.path()));
    for name in ["index.html", "index.md", "manifest.json"] {
        assert!(a[name] == b[name], "{name} differs between --jobs 1 and 2");
    }
}

/// The pages of the small batch, read as a whole.
#[test]
fn the_overview_of_hanoi_2023_and_2024() {
    let out = tempfile::tempdir().unwrap();
    batch(out.path(), &[]);
    insta::assert_snapshot!("overview-index.html", read(out.path(), "index.html"));
    insta::assert_snapshot!("overview-index.md", read(out.path(), "index.md"));
}

#[test]
fn overview_chooses_the_figure() {
    let out = tempfile::tempdir().unwrap();
    batch(
        out.path(),
        &["--overview", "industry_construction.contribution"],
    );
    let md = read(out.path(), "index.md");
    assert!(
        md.contains("Mỗi ô: **Đóng góp khu vực công nghiệp và xây dựng (điểm %)** (`industry_construction.contribution`)"),
        "{md}"
    );
    assert!(
        md.contains("| Hà Nội (hanoi) | [1,18](hanoi/2023.md) | [1,34](hanoi/2024.md) |"),
        "{md}"
    );
}

/// An indicator no dataset has is no error: the cells have a dash and the
/// page says why.
#[test]
fn an_indicator_absent_from_the_data_leaves_dashes_and_a_note() {
    let out = tempfile::tempdir().unwrap();
    batch(out.path(), &["--overview", "no_such_indicator.growth"]);
    let html = read(out.path(), "index.html");
    assert!(
        html.contains("<p class=\"note\">Không đơn vị nào có chỉ tiêu “no_such_indicator” trong số liệu: các ô ghi –.</p>"),
        "{html}"
    );
    let md = read(out.path(), "index.md");
    assert!(
        md.contains("| Hà Nội (hanoi) | [–](hanoi/2023.md) | [–](hanoi/2024.md) |"),
        "{md}"
    );
}

#[test]
fn a_malformed_overview_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    for (value, says) in [
        (
            "grdp",
            "`grdp` names no measure; expected INDICATOR.MEASURE, like `grdp.growth`, where MEASURE is one of value, previous, value_current, index, growth, contribution, share, structure",
        ),
        (
            "grdp.grwth",
            "unknown measure `grwth` (did you mean `growth`?)",
        ),
        (
            "GRDP.growth",
            "bad indicator id `GRDP`: use only lowercase letters a-z, digits and _",
        ),
    ] {
        let run = baocao(&[
            "batch",
            "--overview",
            value,
            "--out",
            out.path().to_str().unwrap(),
        ]);
        assert_eq!(run.code, 2, "{value}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "invalid value '{value}' for '--overview <INDICATOR.MEASURE>': {says}"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(files(out.path()).is_empty());
}
