//! A chart, each way baocao writes one: the SVG the HTML report inlines,
//! and the Word chart the Word report holds. The charts are the Hà Nội
//! 2024 report's three (quarters, top sub-industries, contributions), as
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

/// The Hà Nội report as a Word file, with its three charts and with
/// them left out: what the charts cost the Word report.
#[divan::bench(args = [true, false])]
fn docx(bencher: Bencher, with_charts: bool) {
    let mut doc = report().document.clone();
    if !with_charts {
        doc.blocks.retain(|b| !matches!(b, Block::Chart(_)));
    }
    bencher.bench(|| baocao_docx::render(black_box(&doc)));
}
