//! Renders that fail: each comes back as a `RenderError` with the plugin's
//! message, the process keeps running and every plugin stays usable.

use baocao_plugin_host::Failure;

use crate::{MARKDOWN, PluginDir, assert_markdown_renders, document_json, index_fault_place};

#[test]
fn panic_in_render_is_an_error_and_the_plugin_stays_usable() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let path = dir.plugin("fault_panic", "panic");
    let set = dir.load();
    assert_eq!(set.rejected(), []);
    let panicking = set.get("panic").unwrap();

    // Twice: a plugin that panicked once must answer the same way again,
    // not crash, hang on a poisoned lock or lose its descriptor.
    for _ in 0..2 {
        let err = panicking.render(&document_json(), b"").unwrap_err();
        assert_eq!(err.failure, Failure::Panic);
        assert_eq!(err.path, path);
        assert_eq!(err.format_id, "panic");
        assert!(
            err.message.starts_with(&format!(
                "{} at tests/plugins/fault-panic/src/lib.rs:",
                crate::expected_panic::PANIC_MESSAGE
            )),
            "{:?} does not carry the panic's message and place",
            err.message
        );
        let shown = err.to_string();
        assert!(
            shown.contains(&path.display().to_string()) && shown.contains("panicked"),
            "{shown}"
        );
    }
    assert_markdown_renders(&set);
}

/// An index out of bounds, the everyday panic: the message says what and
/// where in the plugin's source, and "panicked" once.
#[test]
fn a_panic_says_where_it_happened_once() {
    let dir = PluginDir::new();
    let path = dir.plugin("fault_index", "index");
    let set = dir.load();
    let err = set
        .get("index")
        .unwrap()
        .render(&document_json(), b"")
        .unwrap_err();
    assert_eq!(err.failure, Failure::Panic);
    let message = err.message.split("\nstack backtrace:\n").next().unwrap();
    assert_eq!(
        message,
        format!(
            "index out of bounds: the len is 3 but the index is 7 at {}",
            index_fault_place()
        )
    );
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!(
            "plugin {} (format `index`) panicked: {message}",
            path.display()
        )),
        "{shown}"
    );
    assert_eq!(shown.matches("panicked").count(), 1, "{shown}");
}

#[test]
fn error_in_render_names_the_plugin_file() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let path = dir.plugin("fault_error", "error");
    let set = dir.load();
    assert_eq!(set.rejected(), []);

    let err = set
        .get("error")
        .unwrap()
        .render(&document_json(), b"")
        .unwrap_err();
    assert_eq!(err.failure, Failure::Error);
    assert_eq!(
        err.message,
        "deliberate error from the fault-error test fixture"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "plugin {} (format `error`) failed: deliberate error from the fault-error test fixture",
            path.display()
        )
    );
    assert_markdown_renders(&set);
}

/// Input a plugin cannot decode is its error to report, never a crash.
#[test]
fn bad_input_is_reported_not_a_crash() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let set = dir.load();
    let markdown = set.get("md").unwrap();

    let document = document_json();
    let cases: [(&[u8], &[u8], &str); 6] = [
        (b"", b"", "cannot decode the document"),
        (b"not json", b"", "cannot decode the document"),
        (b"{\"blocks\": [", b"", "cannot decode the document"),
        (b"\xff\xfe\x00garbage", b"", "cannot decode the document"),
        (
            b"{\"blocks\": [{\"type\": \"no_such_block\"}]}",
            b"",
            "cannot decode the document",
        ),
        (&document, b"not json", "bad options for md: not JSON"),
    ];
    for (doc, options, want) in cases {
        let err = markdown.render(doc, options).unwrap_err();
        let what = (
            String::from_utf8_lossy(doc),
            String::from_utf8_lossy(options),
        );
        assert_eq!(err.failure, Failure::BadInput, "{what:?}");
        assert!(err.message.starts_with(want), "{what:?}: {:?}", err.message);
    }
    assert_markdown_renders(&set);
}

/// Options that are JSON but not the exporter's are the user's mistake:
/// a failure of its own, naming the key, for the driver to point at it in
/// `department.toml`.
#[test]
fn bad_options_name_their_key() {
    let dir = PluginDir::new();
    let path = dir.plugin(MARKDOWN, "markdown");
    let set = dir.load();
    let markdown = set.get("md").unwrap();
    let err = markdown
        .render(&document_json(), b"{\"no_such_option\": true}")
        .unwrap_err();
    assert_eq!(
        err.failure,
        Failure::BadOptions {
            key: "no_such_option".to_owned(),
            expected: "`flavour`".to_owned(),
        }
    );
    assert_eq!(
        err.message,
        "unknown option `no_such_option` of the md format"
    );
    assert_eq!(
        err.to_string(),
        format!(
            "plugin {} (format `md`) refused its options: unknown option `no_such_option` of the md format",
            path.display()
        )
    );
    assert_markdown_renders(&set);
}
