//! The two halves of the JSON hand-over of the Hà Nội 2024 report, whatever
//! the format: the host encodes the document once per report, each plugin
//! decodes it (borrowing its strings from the bytes). See
//! `docs/performance.md`.

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
        let doc: Document<'_> =
            serde_json::from_slice(black_box(json)).expect("the report decodes");
        doc.blocks.len()
    });
}
