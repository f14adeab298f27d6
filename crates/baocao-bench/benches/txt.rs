//! The DOCX-like text exporter, linked and as a runtime plugin through the C ABI.
//!
//! `linked` calls `baocao_docx_text::render` directly; `plugin` calls the plugin
//! with the document already encoded (decode inside the plugin, render,
//! copy the output); `plugin_with_encode` adds the encoding, the whole
//! boundary for one report in one format. See `docs/performance.md`.

use baocao_bench::{encode, report, through_plugin};
use divan::{Bencher, black_box};

fn main() {
    baocao_bench::check_same_output("txt", render_txt);
    divan::main();
}

#[divan::bench]
fn linked(bencher: Bencher) {
    let doc = &report().document;
    bencher.bench(|| render_txt(black_box(doc)));
}

#[divan::bench]
fn plugin(bencher: Bencher) {
    let (plugin, json) = (baocao_bench::plugin("txt"), &report().json);
    bencher.bench(|| through_plugin(plugin, black_box(json)));
}

#[divan::bench]
fn plugin_with_encode(bencher: Bencher) {
    let (plugin, doc) = (baocao_bench::plugin("txt"), &report().document);
    bencher.bench(|| through_plugin(plugin, &encode(black_box(doc))));
}

/// The exporter with its default options, as the plugin renders without any.
fn render_txt(doc: &baocao_document::Document<'_>) -> String {
    baocao_docx_text::render(doc, &baocao_docx_text::Options::default())
        .expect("the default options are valid")
}
