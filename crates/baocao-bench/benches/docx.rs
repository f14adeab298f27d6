//! The Word (docx) exporter, linked and as a runtime plugin through the C ABI.
//!
//! `linked` calls `baocao_docx::render` directly; `plugin` calls the plugin
//! with the document already encoded (decode inside the plugin, render,
//! copy the output); `plugin_with_encode` adds the encoding, the whole
//! boundary for one report in one format. See `docs/performance.md`.

use baocao_bench::{encode, report, through_plugin};
use divan::{Bencher, black_box};

fn main() {
    baocao_bench::check_same_output("docx", |doc| {
        baocao_docx::render(doc).expect("the report renders")
    });
    divan::main();
}

#[divan::bench]
fn linked(bencher: Bencher) {
    let doc = &report().document;
    bencher.bench(|| baocao_docx::render(black_box(doc)));
}

#[divan::bench]
fn plugin(bencher: Bencher) {
    let (plugin, json) = (baocao_bench::plugin("docx"), &report().json);
    bencher.bench(|| through_plugin(plugin, black_box(json)));
}

#[divan::bench]
fn plugin_with_encode(bencher: Bencher) {
    let (plugin, doc) = (baocao_bench::plugin("docx"), &report().document);
    bencher.bench(|| through_plugin(plugin, &encode(black_box(doc))));
}
