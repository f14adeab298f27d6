//! The plugin that baocao loads at run time writes exactly what this crate
//! writes as a linked library.

use baocao_plugin_host::PluginSet;

#[test]
fn the_loaded_plugin_and_the_library_give_the_same_bytes() {
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let json = serde_json::to_vec(&doc).unwrap();
    // cargo builds this crate's shared library next to the test executable
    let exe = std::env::current_exe().unwrap();
    let plugins = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
    let plugin = plugins.get("html").unwrap_or_else(|| {
        panic!(
            "the html plugin is not built next to {}: run `cargo test --workspace`",
            exe.display()
        )
    });
    let loaded = plugin.render(&json, b"").unwrap();
    let linked = baocao_html::render(&doc);
    assert_eq!(String::from_utf8(loaded).unwrap(), linked);
}

#[test]
fn a_department_stylesheet_adds_or_replaces_and_cannot_escape() {
    use baocao_html::{Options, StylesheetMode, render_with};
    let doc = baocao_plugin_api::fixture::hanoi_2024();
    let css = "body { color: navy; } </style><script>alert(1)</script>";
    let added = render_with(
        &doc,
        &Options {
            stylesheet: css.into(),
            stylesheet_mode: StylesheetMode::Add,
        },
    );
    assert!(added.contains("@page") && added.contains("color: navy"));
    // Inside <style> only "</style" ends the element; with "</" neutralized
    // the rest stays CSS text (invalid, and ignored by the browser).
    assert_eq!(
        added.matches("</style").count(),
        1,
        "the stylesheet cannot close <style>"
    );
    let replaced = render_with(
        &doc,
        &Options {
            stylesheet: "body { color: navy; }".into(),
            stylesheet_mode: StylesheetMode::Replace,
        },
    );
    assert!(!replaced.contains("@page") && replaced.contains("color: navy"));
}

/// The SDK's test kit: through the real C ABI, over the report baocao
/// sends for its built-in department, a document of every kind and one of
/// kinds of a later version, the same bytes twice and on two threads.
#[test]
fn passes_the_sdk_conformance_test() {
    baocao_plugin_api::testkit::conformance::<baocao_html::HtmlExporter>();
}
