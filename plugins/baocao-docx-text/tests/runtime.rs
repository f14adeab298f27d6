//! The plugin that baocao loads at run time writes exactly what this crate
//! writes as a linked library.

use baocao_plugin_host::PluginSet;

#[test]
fn the_loaded_plugin_and_the_library_give_the_same_bytes() {
    let doc = crate::hanoi_2024();
    let json = serde_json::to_vec(&doc).unwrap();
    // cargo builds this crate's shared library next to the test executable
    let exe = std::env::current_exe().unwrap();
    let plugins = PluginSet::load(&[exe.parent().unwrap().to_path_buf()]);
    let plugin = plugins.get("txt").unwrap_or_else(|| {
        panic!(
            "the txt plugin is not built next to {}: run `cargo test --workspace`",
            exe.display()
        )
    });
    let loaded = plugin.render(&json, b"").unwrap();
    let linked = baocao_docx_text::render(&doc, &Default::default()).unwrap();
    assert_eq!(String::from_utf8(loaded).unwrap(), linked);
}

/// The SDK's test kit: through the real C ABI, over the report baocao
/// sends for its built-in department, a document of every kind and one of
/// kinds of a later version, the same bytes twice and on two threads.
#[test]
fn passes_the_sdk_conformance_test() {
    baocao_plugin_api::testkit::conformance::<baocao_docx_text::DocxTextExporter>();
}
