//! A chart, each way baocao writes one: the SVG the HTML report inlines,
//! the Word chart part the Word report holds by default, and the PNG
//! picture of `charts = "picture"`. The charts are the Hà Nội 2024
//! report's three (quarters, top sub-industries, contributions), as
//! baocao makes them. See `docs/performance.md`, "Charts".

use baocao_bench::report;
use baocao_document::{Block, Chart};
use divan::{Bencher, black_box};

fn main() {
    assert_eq!(charts().len(), 3, "the Hà Nội 2024 report has three charts");
    divan::main();
}

fn charts() -> Vec<Chart<'static>> {
    report()
        .document
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn vi() -> baocao_chart::Numbers {
    baocao_chart::Numbers::for_language("vi")
}

/// The three SVGs.
#[divan::bench]
fn svg(bencher: Bencher) {
    let charts = charts();
    bencher.bench(|| {
        for c in &charts {
            black_box(baocao_chart::svg(black_box(c), "chart", vi()));
        }
    });
}

/// The three PNG pictures at twice the drawing's size, from their SVG
/// (rasterizing and encoding).
#[divan::bench(sample_count = 20)]
fn png(bencher: Bencher) {
    let svgs: Vec<String> = charts()
        .iter()
        .filter_map(|c| baocao_chart::svg(c, "chart", vi()))
        .collect();
    bencher.bench(|| {
        for s in &svgs {
            black_box(baocao_chart::png(black_box(s), 2).ok());
        }
    });
}

/// The Hà Nội report as a Word file, its charts native (the default)
/// and as pictures: what a chart costs the Word report.
#[divan::bench(args = ["native", "picture"], sample_count = 20)]
fn docx(bencher: Bencher, charts: &str) {
    let doc = &report().document;
    let options: baocao_docx::Options =
        serde_json::from_str(&format!(r#"{{"charts": "{charts}"}}"#)).unwrap_or_default();
    bencher.bench(|| baocao_docx::render_with(black_box(doc), &options));
}
