//! The two halves of the JSON hand-over of the Hà Nội 2024 report, whatever
//! the format: the host encodes the document once per report, each plugin
//! decodes it as the SDK does (the UTF-8 of the whole input checked once,
//! then strings borrowed from it). See `docs/performance.md`.

use baocao_bench::{encode, report};
use baocao_document::Document;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

#[divan::bench]
fn encode_document(bencher: Bencher) {
    let doc = &report().document;
    bencher.bench(|| encode(black_box(doc)));
}

#[divan::bench]
fn decode_document(bencher: Bencher) {
    let json = &report().json;
    bencher.bench(|| {
        let text = std::str::from_utf8(black_box(json)).expect("the report is UTF-8");
        let doc: Document<'_> = serde_json::from_str(text).expect("the report decodes");
        doc.blocks.len()
    });
}
