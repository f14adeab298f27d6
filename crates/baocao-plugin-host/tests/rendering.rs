//! Rendering under load: many threads at once, many calls in a row.

use std::sync::Barrier;

use baocao_plugin_host::Failure;

use crate::{MARKDOWN, PluginDir, document_json, markdown_output, render_text};

/// A batch renders reports in parallel through one loaded plugin, so
/// `render` must be callable from many threads at once and give the same
/// bytes on each.
#[test]
fn one_document_from_8_threads_gives_identical_output() {
    const THREADS: usize = 8;
    const RENDERS: usize = 50;
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let set = dir.load();
    let markdown = set.get("md").unwrap();
    let document = document_json();
    // All threads wait for each other, so their first renders overlap.
    let start = Barrier::new(THREADS);

    let outputs: Vec<Vec<String>> = std::thread::scope(|scope| {
        let threads: Vec<_> = (0..THREADS)
            .map(|_| {
                scope.spawn(|| {
                    start.wait();
                    (0..RENDERS)
                        .map(|_| render_text(markdown, &document, b"").unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect()
    });

    let want = markdown_output();
    assert_eq!(outputs.len(), THREADS);
    for output in outputs.iter().flatten() {
        assert_eq!(*output, want);
    }
}

/// Each render hands the host a buffer that the host hands back to the
/// plugin to free, on success and on failure. A smoke test only: it runs
/// the round trip many times (under a leak checker or valgrind it would
/// show a leak or a double free) and asserts nothing about memory.
#[test]
fn many_renders_in_a_row() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    dir.plugin("fault_error", "error");
    let set = dir.load();
    let markdown = set.get("md").unwrap();
    let failing = set.get("error").unwrap();
    let document = document_json();
    let want = markdown_output();
    for _ in 0..2000 {
        assert_eq!(render_text(markdown, &document, b"").unwrap(), want);
        assert_eq!(
            failing.render(&document, b"").unwrap_err().failure,
            Failure::Error
        );
        assert_eq!(
            markdown.render(b"not json", b"").unwrap_err().failure,
            Failure::BadInput
        );
    }
}

/// A department with an empty `[formats.options.md]` table sends `{}`: per
/// the SDK's contract that means the defaults, also for an exporter whose
/// options are `()` (Markdown's), which serde alone would read only from
/// `null`.
#[test]
fn an_empty_options_object_gives_the_defaults() {
    let dir = PluginDir::new();
    dir.plugin(MARKDOWN, "markdown");
    let set = dir.load();
    let markdown = set.get("md").unwrap();
    for options in [&b""[..], b"{}", b" {\n\t} \r\n"] {
        let out = render_text(markdown, &document_json(), options);
        assert_eq!(
            out,
            Ok(markdown_output()),
            "options {:?}",
            String::from_utf8_lossy(options)
        );
    }
}
