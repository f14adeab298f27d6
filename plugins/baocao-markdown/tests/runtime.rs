//! The plugin that baocao loads at run time writes exactly what this crate
//! writes as a linked library.

use baocao_plugin_host::PluginSet;

/// The plugins cargo built next to this test executable, `md` among them.
fn loaded() -> PluginSet {
    let exe = std::env::current_exe().unwrap();
    let plugins = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
    assert!(
        plugins.get("md").is_some(),
        "the md plugin is not built next to {}: run `cargo test --workspace`",
        exe.display()
    );
    plugins
}

#[test]
fn the_loaded_plugin_and_the_library_give_the_same_bytes() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let json = serde_json::to_vec(&doc).unwrap();
    let plugins = loaded();
    let loaded = plugins.get("md").unwrap().render(&json, b"").unwrap();
    let linked = baocao_markdown::render(&doc);
    assert_eq!(String::from_utf8(loaded).unwrap(), linked);
}

#[test]
fn strict_commonmark_writes_tables_as_code_blocks() {
    use baocao_markdown::{Flavour, Options, render_with};
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let md = render_with(
        &doc,
        &Options {
            flavour: Flavour::Commonmark,
        },
    );
    assert!(!md.contains("| :--"), "no pipe tables in strict CommonMark");
    // parsed without the tables extension, the cells are in a code block
    let mut code = String::new();
    let mut in_code = false;
    for event in pulldown_cmark::Parser::new(&md) {
        match event {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::CodeBlock(_)) => in_code = true,
            pulldown_cmark::Event::End(pulldown_cmark::TagEnd::CodeBlock) => in_code = false,
            pulldown_cmark::Event::Text(t) if in_code => code.push_str(&t),
            _ => {}
        }
    }
    assert!(code.contains("Chỉ tiêu"), "{md}");
    // the rest of the document is unchanged
    let gfm = baocao_markdown::render(&doc);
    assert_eq!(md.lines().next(), gfm.lines().next());
    // options arrive as JSON through the plugin
    let json = serde_json::to_vec(&doc).unwrap();
    let plugins = loaded();
    let out = plugins
        .get("md")
        .unwrap()
        .render(&json, br#"{"flavour": "commonmark"}"#)
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), md);
    let bad = plugins
        .get("md")
        .unwrap()
        .render(&json, br#"{"flavor": "commonmark"}"#)
        .unwrap_err();
    assert!(
        bad.message.contains("unknown option `flavor`"),
        "{}",
        bad.message
    );
}

/// A document from a newer baocao, with a kind of block and a kind of
/// inline this plugin was not built with: the loaded plugin prints their
/// fallbacks instead of failing the report.
#[test]
fn a_newer_document_is_printed_with_its_fallbacks() {
    let json = r#"{"language": "vi", "blocks": [
        {"paragraph": {"content": [{"text": {"text": "Xem "}},
            {"link": {"href": "https://example.invalid/phu-luc", "text": "phụ lục"}},
            {"text": {"text": "."}}]}},
        {"chart": {"type": "bar", "fallback": [
            {"table": {"header": ["Năm", "Tăng"], "align": ["left", "decimal"],
              "rows": [[[{"text": {"text": "2024"}}], [{"figure": {"text": "6,52%", "exact": "6.52"}}]]]}}]}},
        {"paragraph": {"content": [{"text": {"text": "Hết."}}]}}
    ]}"#;
    let plugins = loaded();
    let out = plugins
        .get("md")
        .unwrap()
        .render(json.as_bytes(), b"")
        .unwrap();
    let md = String::from_utf8(out).unwrap();
    // the unknown alignment ("decimal") is read as left
    for want in [
        "Xem phụ lục.",
        "| Năm  | Tăng  |\n| :--- | :---- |\n| 2024 | 6,52% |",
        "Hết.",
    ] {
        assert!(md.contains(want), "missing `{want}`:\n{md}");
    }
}

/// The SDK's test kit: through the real C ABI, over the report baocao
/// sends for its built-in department, a document of every kind and one of
/// kinds of a later version, the same bytes twice and on two threads.
#[test]
fn passes_the_sdk_conformance_test() {
    baocao_plugin_api::testkit::conformance::<baocao_markdown::MarkdownExporter>();
}
